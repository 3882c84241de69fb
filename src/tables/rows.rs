//! Tables whose rows are listed things rather than 功能分类 codes: budget units under
//! their department (`by_unit`), 经济分类 lines under their 类 (`economic_rows`) and
//! projects (`projects`). Each row knows the row it sums into, so the checks can verify
//! every total the table prints.

use super::format::{columns_with_money, Formatter};
use super::grid::{Align, Cell, Row};
use super::TableData;
use crate::base::money::Money;
use crate::declare::edition::{LabelContent, TableSpec};
use crate::figures::{Figures, Item};
use crate::resolve::Facts;

/// The figures of a listing table, row by row, for the checks.
#[derive(Debug, Clone)]
pub struct RowsData {
    /// The figure each column shows.
    pub columns: Vec<String>,
    pub rows: Vec<DataRow>,
}

#[derive(Debug, Clone)]
pub struct DataRow {
    /// What identifies the row in diagnostics: a code, a name or `合计`.
    pub key: String,
    /// The row this one is summed into.
    pub parent: Option<usize>,
    pub values: Vec<Money>,
    /// The label cells' texts: code, name, … by content.
    labels: Labels,
}

#[derive(Debug, Clone, Default)]
struct Labels {
    code: String,
    name: String,
    unit: String,
    code_name: String,
}

impl DataRow {
    /// A row without label cells (a form's money block).
    pub fn new(key: String, parent: Option<usize>, values: Vec<Money>) -> DataRow {
        DataRow {
            key,
            parent,
            values,
            labels: Labels::default(),
        }
    }
}

impl RowsData {
    /// Whether every figure is zero.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.values.iter().all(|m| m.is_zero()))
    }
}

fn figure_names(spec: &TableSpec) -> Vec<String> {
    spec.columns
        .iter()
        .filter_map(|c| c.figure.as_ref().map(|f| f.get_ref().clone()))
        .collect()
}

/// 表5-2: 合计, the department, then its units (本级 first), each the sum of its 项.
pub fn by_unit(
    spec: &TableSpec,
    facts: &Facts,
    items: &[Item],
    f: &Formatter,
) -> (TableData, Vec<Row>) {
    let columns = figure_names(spec);
    let values = |fig: &Figures| -> Vec<Money> {
        columns
            .iter()
            .map(|c| fig.get(c).unwrap_or_default())
            .collect()
    };
    let department = crate::figures::sum(items);
    let mut rows = vec![
        DataRow {
            key: spec.rows.total.clone().unwrap_or_else(|| "合计".into()),
            parent: None,
            values: values(&department),
            labels: Labels::default(),
        },
        DataRow {
            key: facts.budget.code.clone(),
            parent: Some(0),
            values: values(&department),
            labels: Labels {
                code: facts.budget.code.clone(),
                name: facts.unit.name_on_tables.clone(),
                ..Labels::default()
            },
        },
    ];
    let mut units: Vec<_> = facts.budget.units.iter().collect();
    units.sort_by_key(|u| !u.own);
    for u in units {
        let mut sum = Figures::default();
        for item in items.iter().filter(|i| i.unit.as_deref() == Some(&u.code)) {
            sum += &item.figures;
        }
        rows.push(DataRow {
            key: u.code.clone(),
            parent: Some(1),
            values: values(&sum),
            labels: Labels {
                code: u.code.clone(),
                name: u.name.clone(),
                ..Labels::default()
            },
        });
    }
    finish(spec, columns, rows, f)
}

/// 表6: 合计, then each 类 with the lines entered under it (zeros included), in code
/// order; a line's amount is 人员经费 or 公用经费 by its 类.
pub fn economic_rows(spec: &TableSpec, facts: &Facts, f: &Formatter) -> (TableData, Vec<Row>) {
    let columns = figure_names(spec);
    let classes = &facts.edition.economic_classes;
    let split = |code: &str, amount: Money| -> Vec<Money> {
        let personnel = classes
            .personnel
            .iter()
            .any(|c| code.starts_with(c.as_str()));
        let public = classes.public.iter().any(|c| code.starts_with(c.as_str()));
        columns
            .iter()
            .map(|c| match c.as_str() {
                "total" => amount,
                "personnel" if personnel => amount,
                "public" if public => amount,
                _ => Money::ZERO,
            })
            .collect()
    };
    let name = |code: &str| facts.economic_names.get(code).cloned().unwrap_or_default();
    let total: Money = facts.economic.values().copied().sum();
    let mut rows = vec![DataRow {
        key: spec.rows.total.clone().unwrap_or_else(|| "合计".into()),
        parent: None,
        values: columns
            .iter()
            .map(|c| match c.as_str() {
                "total" => total,
                "personnel" => sum_of(facts, &classes.personnel),
                "public" => sum_of(facts, &classes.public),
                _ => Money::ZERO,
            })
            .collect(),
        labels: Labels::default(),
    }];
    let mut class_codes: Vec<&str> = facts.economic.keys().map(|c| &c[..3]).collect();
    class_codes.dedup();
    for class in class_codes {
        let amount: Money = facts
            .economic
            .iter()
            .filter(|(c, _)| c.starts_with(class))
            .map(|(_, m)| *m)
            .sum();
        let at = rows.len();
        rows.push(DataRow {
            key: class.to_string(),
            parent: Some(0),
            values: split(class, amount),
            labels: Labels {
                code: class.to_string(),
                name: name(class),
                ..Labels::default()
            },
        });
        for (code, amount) in facts.economic.iter().filter(|(c, _)| c.starts_with(class)) {
            rows.push(DataRow {
                key: code.clone(),
                parent: Some(at),
                values: split(code, *amount),
                labels: Labels {
                    code: code.clone(),
                    name: name(code),
                    ..Labels::default()
                },
            });
        }
    }
    finish(spec, columns, rows, f)
}

fn sum_of(facts: &Facts, classes: &[String]) -> Money {
    facts
        .economic
        .iter()
        .filter(|(code, _)| classes.iter().any(|c| code.starts_with(c.as_str())))
        .map(|(_, m)| *m)
        .sum()
}

/// 表10: 合计, then one line per project in input order, its money by source.
pub fn projects(spec: &TableSpec, facts: &Facts, f: &Formatter) -> (TableData, Vec<Row>) {
    let columns = figure_names(spec);
    let unit_name = |code: &Option<String>| {
        code.as_ref()
            .and_then(|c| facts.budget.units.iter().find(|u| &u.code == c))
            .map_or_else(|| facts.unit.name_on_tables.clone(), |u| u.name.clone())
    };
    // The edition's load check admits only the vocabulary's `PROJECT_FIGURES`.
    let figure = |s: &crate::resolve::budget::Sources, name: &str| {
        s.figure(name)
            .expect("a projects column names one of PROJECT_FIGURES")
    };
    let mut rows = vec![DataRow {
        key: spec.rows.total.clone().unwrap_or_else(|| "合计".into()),
        parent: None,
        // Every column is a sum of sources, so 合计 is the sum of the projects' figures.
        values: columns
            .iter()
            .map(|c| {
                facts
                    .budget
                    .projects
                    .iter()
                    .map(|p| figure(&p.sources, c))
                    .sum()
            })
            .collect(),
        labels: Labels::default(),
    }];
    for p in &facts.budget.projects {
        rows.push(DataRow {
            key: p.name.clone(),
            parent: Some(0),
            values: columns.iter().map(|c| figure(&p.sources, c)).collect(),
            labels: Labels {
                code: p.code.clone(),
                name: p.name.clone(),
                unit: unit_name(&p.unit),
                code_name: facts
                    .function_names
                    .get(&p.code)
                    .cloned()
                    .unwrap_or_default(),
            },
        });
    }
    finish(spec, columns, rows, f)
}

/// The printed body: the 合计 row's label across the label columns, then each row's
/// labels and figures.
fn finish(
    spec: &TableSpec,
    columns: Vec<String>,
    rows: Vec<DataRow>,
    f: &Formatter,
) -> (TableData, Vec<Row>) {
    let all: Vec<Vec<Money>> = rows.iter().map(|r| r.values.clone()).collect();
    let used = columns_with_money(&all, columns.len());
    let figures = |r: &DataRow| -> Vec<Cell> {
        r.values
            .iter()
            .zip(&used)
            .map(|(m, used)| f.cell_in(*m, *used))
            .collect()
    };
    let only_total = rows.len() == 1;
    let mut body = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        if i == 0 && r.parent.is_none() {
            if only_total && !spec.rows.empty_lines {
                break;
            }
            cells.push(Cell::new(r.key.clone(), Align::Center).spanning(spec.labels.len()));
        } else {
            for l in &spec.labels {
                let text = match l.show {
                    LabelContent::Code => &r.labels.code,
                    LabelContent::Name => &r.labels.name,
                    LabelContent::Unit => &r.labels.unit,
                    LabelContent::CodeName => &r.labels.code_name,
                };
                cells.push(Cell::new(text.clone(), Align::Left));
            }
        }
        cells.extend(figures(r));
        body.push(Row::new(cells));
    }
    (TableData::Rows(RowsData { columns, rows }), body)
}
