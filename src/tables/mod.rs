//! Every table of the booklet, filled from the facts by its declaration in the edition:
//! the figures (for the checks) and the printed grid (for the template). The edition
//! says what a table shows; this module only looks figures up and formats them.

pub mod format;
pub mod forms;
mod function;
pub mod grid;
pub mod rows;
pub mod summary;

pub use function::{function_rows, FunctionRow};

use crate::base::money::Money;
use crate::base::numeral::chinese_numeral;
use crate::declare::edition::{Edition, TableKind, TableSpec};
pub use crate::figures::unit::EconomicLine;
use crate::figures::{Computed, Figures};
use crate::resolve::Facts;
use format::Formatter;
use grid::{Align, Cell, Grid, Row};
use serde::Serialize;
use std::collections::BTreeMap;

/// A table as computed: what the template prints, and the figures the checks read.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub id: String,
    pub kind: &'static str,
    /// `公开01表` / `表1`
    pub label: String,
    /// The entry in the list of tables: `一、收入支出决算总表（公开01表）`; empty for
    /// the second and later forms of one declaration (表12-2 …).
    pub listing: String,
    /// The entry of the contents this table opens: its title, or its group's; none
    /// for a later table of a group.
    pub outline: Option<String>,
    /// The label stands on its own line above the title.
    pub label_above: bool,
    /// The title as printed: `2024年度收入支出决算总表`.
    pub title: String,
    pub label_beside_title: bool,
    pub org_line: String,
    pub year_line: Option<String>,
    pub money_line: String,
    pub notes: Vec<String>,
    pub identities: Vec<String>,
    /// The 说明 line, present only when the table has no figures.
    pub empty_note: Option<String>,
    pub landscape: bool,
    pub grid: Grid,
    /// A form (budget 表11, 表12-n), drawn by its own template instead of the grid.
    pub form: Option<forms::FormView>,
    /// The figures, by the structure the checks walk.
    #[serde(skip)]
    pub data: TableData,
}

#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one per table, a dozen per booklet
pub enum TableData {
    Summary(summary::SummaryData),
    Function(FunctionData),
    Economic(EconomicData),
    Row(RowData),
    /// Listed rows (units, 经济分类 lines, projects, a form's money block).
    Rows(rows::RowsData),
    /// A form without figures to check.
    Form,
}

/// A 功能分类 table: the figure of each column, its printed rows and the total.
#[derive(Debug, Clone)]
pub struct FunctionData {
    pub columns: Vec<String>,
    pub rows: Vec<FunctionRow>,
    pub total: Figures,
}

/// 经济分类 lines of a group table, and the totals of its groups.
#[derive(Debug, Clone)]
pub struct EconomicData {
    pub lines: Vec<EconomicLine>,
    pub totals: Vec<GroupTotal>,
}

/// The total of one or more adjacent groups: `人员经费合计 = 301 + 303`.
#[derive(Debug, Clone)]
pub struct GroupTotal {
    /// The unit figure it shows.
    pub figure: String,
    pub label: String,
    pub amount: Money,
    /// The 类 lines it totals.
    pub classes: Vec<String>,
}

/// One row of unit figures.
#[derive(Debug, Clone)]
pub struct RowData {
    pub columns: Vec<(String, Money)>,
}

impl Table {
    /// The 功能分类 rows, when this is a function table.
    pub fn function(&self) -> Option<&FunctionData> {
        match &self.data {
            TableData::Function(f) => Some(f),
            _ => None,
        }
    }
}

/// Every table of the edition, in printed order. A `project_form` declaration gives
/// one table per project.
pub fn tables(facts: &Facts, computed: &Computed) -> Vec<Table> {
    let edition = &facts.edition;
    let catalog = &facts.catalog;
    let rows = &function_rows(facts, &computed.items);
    let unit = &computed.named;
    let mut out: Vec<Table> = Vec::new();
    let mut previous_group: Option<String> = None;
    for (i, spec) in edition.tables.iter().enumerate() {
        let f = Formatter::new(edition.format_of(spec), facts.thousands_separator);
        let columns = grid::columns(spec);
        let (header_rows, header) = grid::header(&columns);
        let grid_of = |body: Vec<Row>| Grid {
            widths: columns.iter().map(|c| c.width.typst()).collect(),
            header_rows,
            header: header.clone(),
            body,
            size: spec.size.as_ref().map(|s| *s.get_ref()),
            number: f.format(),
        };
        let mut made: Vec<(TableData, Grid, Option<forms::FormView>)> = Vec::new();
        match spec.kind.get_ref() {
            TableKind::Function => {
                let (data, body) = function::fill(spec, rows, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::Summary => {
                let (data, body) = summary::fill(spec, edition, facts, catalog, rows, unit, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::EconomicGroups => {
                let (data, body) = economic(spec, facts, unit, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::Row => {
                let (data, body) = row(spec, unit, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::ByUnit => {
                let (data, body) = rows::by_unit(spec, facts, &computed.items, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::EconomicRows => {
                let (data, body) = rows::economic_rows(spec, facts, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::Projects => {
                let (data, body) = rows::projects(spec, facts, &f);
                made.push((data, grid_of(body), None));
            }
            TableKind::OverallForm => {
                if let Some((data, view)) = forms::overall(facts, unit, &f) {
                    made.push((TableData::Rows(data), grid_of(Vec::new()), Some(view)));
                }
            }
            TableKind::ProjectForm => {
                for p in &facts.budget.projects {
                    let view = forms::project(p, facts.unit.year, &f);
                    let form = forms::FormView::Project(Box::new(view));
                    made.push((TableData::Form, grid_of(Vec::new()), Some(form)));
                }
            }
        }
        let expanded = spec.kind.get_ref() == &TableKind::ProjectForm;
        for (n, (data, grid, form)) in made.into_iter().enumerate() {
            let mut table = view(facts, spec, i + 1, data, grid);
            table.form = form;
            if expanded {
                table.id = format!("{}-{}", spec.id.get_ref(), n + 1);
                table.label = format!("{}-{}", spec.label.get_ref(), n + 1);
            }
            if n > 0 {
                table.listing.clear();
            }
            // The contents list a group (or a form declaration's tables) once.
            let entry = spec.group.clone().unwrap_or_else(|| table.title.clone());
            let continues = n > 0 || (spec.group.is_some() && previous_group == spec.group);
            table.outline = (!continues).then_some(entry);
            out.push(table);
        }
        previous_group = spec.group.clone();
    }
    out
}

fn view(facts: &Facts, spec: &TableSpec, position: usize, data: TableData, grid: Grid) -> Table {
    let edition: &Edition = &facts.edition;
    let year = facts.unit.year.to_string();
    let head = edition.head_of(spec);
    let label = spec.label.get_ref().clone();
    let fill = |pattern: &str| {
        pattern
            .replace("{year}", &year)
            .replace("{title}", &spec.title)
            .replace("{label}", &label)
            .replace("{unit}", &facts.unit.name)
            .replace("{n}", &chinese_numeral(position))
            .replace("{subject}", &head.empty_subject)
    };
    let empty_note = is_empty(&data)
        .then(|| {
            facts
                .table_notes
                .get(spec.id.get_ref())
                .cloned()
                .or_else(|| spec.empty_note.as_deref().map(fill))
        })
        .flatten();
    Table {
        id: spec.id.get_ref().clone(),
        kind: spec.kind.get_ref().name(),
        listing: fill(&head.listing),
        outline: None,
        label_above: head.label_above,
        title: fill(&head.title),
        label_beside_title: head.label_beside_title,
        org_line: if head.org.is_empty() {
            String::new()
        } else {
            format!("{}：{}", head.org, facts.unit.name_on_tables)
        },
        year_line: head.year_line.then(|| format!("{year}年度")),
        money_line: head.money.clone(),
        notes: spec.notes.clone(),
        identities: spec.identities.clone(),
        empty_note,
        landscape: spec.landscape,
        label,
        grid,
        form: None,
        data,
    }
}

/// A table is empty when it shows no figure other than zero.
pub fn is_empty(data: &TableData) -> bool {
    match data {
        TableData::Function(f) => f.rows.is_empty(),
        TableData::Row(r) => r.columns.iter().all(|(_, m)| m.is_zero()),
        TableData::Economic(e) => e.lines.iter().all(|l| l.amount.is_zero()),
        TableData::Summary(s) => s.is_empty(),
        TableData::Rows(r) => r.is_empty(),
        TableData::Form => false,
    }
}

fn economic(
    spec: &TableSpec,
    facts: &Facts,
    unit: &BTreeMap<&'static str, Money>,
    f: &Formatter,
) -> (TableData, Vec<Row>) {
    let amount = |code: &str| -> Money {
        if code.len() == 3 {
            facts
                .economic
                .iter()
                .filter(|(c, _)| c.starts_with(code))
                .map(|(_, m)| *m)
                .sum()
        } else {
            facts.economic.get(code).copied().unwrap_or_default()
        }
    };
    let groups: Vec<Vec<EconomicLine>> = spec
        .groups
        .iter()
        .map(|g| {
            g.codes
                .iter()
                .map(|code| EconomicLine {
                    code: code.get_ref().clone(),
                    name: facts
                        .economic_names
                        .get(code.get_ref())
                        .cloned()
                        .unwrap_or_default(),
                    amount: amount(code.get_ref()),
                })
                .collect()
        })
        .collect();
    let height = groups.iter().map(Vec::len).max().unwrap_or(0);
    let mut body = Vec::new();
    for i in 0..height {
        let mut cells = Vec::new();
        for group in &groups {
            match group.get(i) {
                Some(line) => {
                    let class = line.code.len() == 3;
                    cells.push(Cell::new(line.code.clone(), Align::Left));
                    cells.push(Cell::new(line.name.clone(), Align::Left).indented(!class));
                    cells.push(f.cell(line.amount));
                }
                None => cells.extend((0..3).map(|_| Cell::new("", Align::Left))),
            }
        }
        body.push(Row::new(cells));
    }
    // Groups sharing a total share one total cell: label across, amount in the last.
    let mut totals: Vec<GroupTotal> = Vec::new();
    let mut footer = Vec::new();
    let mut g = 0;
    while g < spec.groups.len() {
        let name = spec.groups[g].total.get_ref();
        let run = spec.groups[g..]
            .iter()
            .take_while(|x| x.total.get_ref() == name)
            .count();
        let money = unit.get(name.as_str()).copied().unwrap_or_default();
        let classes = groups[g..g + run]
            .iter()
            .flatten()
            .filter(|l| l.code.len() == 3)
            .map(|l| l.code.clone())
            .collect();
        footer.push(
            Cell::new(spec.groups[g].total_label.clone(), Align::Center).spanning(3 * run - 1),
        );
        footer.push(f.cell(money));
        totals.push(GroupTotal {
            figure: name.clone(),
            label: spec.groups[g].total_label.clone(),
            amount: money,
            classes,
        });
        g += run;
    }
    body.push(Row::new(footer));
    let lines = groups.into_iter().flatten().collect();
    (TableData::Economic(EconomicData { lines, totals }), body)
}

fn row(
    spec: &TableSpec,
    unit: &BTreeMap<&'static str, Money>,
    f: &Formatter,
) -> (TableData, Vec<Row>) {
    let columns: Vec<(String, Money)> = spec
        .columns
        .iter()
        .filter_map(|c| c.figure.as_ref())
        .map(|name| {
            let money = unit
                .get(name.get_ref().as_str())
                .copied()
                .unwrap_or_default();
            (name.get_ref().clone(), money)
        })
        .collect();
    let cells = columns.iter().map(|(_, m)| f.cell(*m)).collect();
    (TableData::Row(RowData { columns }), vec![Row::new(cells)])
}

/// The class label of a summary table: `二十一、` or `（廿一）` and the catalog name.
pub fn class_label(
    pattern: &str,
    numerals: crate::declare::edition::Numerals,
    position: usize,
    name: &str,
) -> String {
    let numeral = match numerals {
        crate::declare::edition::Numerals::Standard => chinese_numeral(position),
        crate::declare::edition::Numerals::Nian => {
            let n = chinese_numeral(position);
            n.strip_prefix("二十")
                .filter(|rest| !rest.is_empty())
                .map_or(n.clone(), |rest| format!("廿{rest}"))
        }
    };
    format!("{}{name}", pattern.replace("{n}", &numeral))
}
