//! 功能分类 tables: a 合计 row, then 类/款/项 rows in code order, each 类/款 the sum of
//! its items; the columns and row rules come from the declaration.

use super::format::Formatter;
use super::grid::{Align, Cell, Row};
use super::{FunctionData, TableData};
use crate::declare::edition::{LabelContent, TableSpec};
use crate::figures::{Figures, Item};
use crate::resolve::Facts;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct FunctionRow {
    pub code: String,
    pub name: String,
    /// 1 类, 2 款, 3 项
    pub level: u8,
    pub f: Figures,
}

/// 类, 款 and 项 rows in code order, each 类/款 the sum of its items.
pub fn function_rows(facts: &Facts, items: &[Item]) -> Vec<FunctionRow> {
    let mut sums: BTreeMap<&str, Figures> = BTreeMap::new();
    for item in items {
        for len in [3, 5, 7] {
            *sums.entry(&item.code[..len]).or_default() += &item.figures;
        }
    }
    sums.into_iter()
        .map(|(code, f)| FunctionRow {
            code: code.to_string(),
            name: facts.function_names.get(code).cloned().unwrap_or_default(),
            level: match code.len() {
                3 => 1,
                5 => 2,
                _ => 3,
            },
            f,
        })
        .collect()
}

pub fn fill(spec: &TableSpec, all: &[FunctionRow], f: &Formatter) -> (TableData, Vec<Row>) {
    let columns: Vec<String> = spec
        .columns
        .iter()
        .filter_map(|c| c.figure.as_ref().map(|f| f.get_ref().clone()))
        .collect();
    let value = |fig: &Figures, name: &str| fig.get(name).unwrap_or_default();
    let shows_money = |fig: &Figures| columns.iter().any(|c| !value(fig, c).is_zero());
    let rows: Vec<FunctionRow> = all
        .iter()
        .filter(|r| spec.rows.levels.contains(&r.level))
        .filter(|r| !spec.rows.drop_zero || shows_money(&r.f))
        .cloned()
        .collect();
    let mut total = Figures::default();
    for r in all.iter().filter(|r| r.level == 1) {
        total += &r.f;
    }

    let money_of = |fig: &Figures| -> Vec<crate::base::money::Money> {
        columns.iter().map(|c| value(fig, c)).collect()
    };
    let mut all_values: Vec<Vec<crate::base::money::Money>> = vec![money_of(&total)];
    all_values.extend(rows.iter().map(|r| money_of(&r.f)));
    let used = super::format::columns_with_money(&all_values, columns.len());
    let values = |fig: &Figures| -> Vec<Cell> {
        columns
            .iter()
            .zip(&used)
            .map(|(c, used)| f.cell_in(value(fig, c), *used))
            .collect()
    };
    let mut body = Vec::new();
    let print_total = !rows.is_empty() || spec.rows.empty_lines;
    if let (Some(label), true) = (&spec.rows.total, print_total) {
        let mut cells = vec![Cell::new(label.clone(), Align::Center).spanning(spec.labels.len())];
        cells.extend(values(&total));
        body.push(Row::new(cells));
    }
    for r in &rows {
        let mut cells = label_cells(spec, r);
        cells.extend(values(&r.f));
        body.push(Row::new(cells));
    }
    if rows.is_empty() && spec.rows.empty_lines {
        // One empty line under the 合计, as the official empty tables have.
        let mut cells = label_cells(
            spec,
            &FunctionRow {
                code: String::new(),
                name: String::new(),
                level: 3,
                f: Figures::default(),
            },
        );
        cells.extend(columns.iter().map(|_| Cell::new("", Align::Right)));
        body.push(Row::new(cells));
    }
    let data = FunctionData {
        columns,
        rows,
        total,
    };
    (TableData::Function(data), body)
}

/// The label cells of a row: adjacent code columns print the code as one cell.
fn label_cells(spec: &TableSpec, r: &FunctionRow) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut previous: Option<LabelContent> = None;
    for l in &spec.labels {
        match (l.show, previous) {
            (LabelContent::Code, Some(LabelContent::Code)) => {
                if let Some(last) = cells.last_mut() {
                    last.colspan += 1;
                }
            }
            (LabelContent::Code, _) => cells.push(Cell::new(r.code.clone(), Align::Left)),
            (LabelContent::Name, _) => cells.push(Cell::new(r.name.clone(), Align::Left)),
            // Not a content of a 功能分类 table (the edition check refuses it).
            (LabelContent::Unit | LabelContent::CodeName, _) => {
                cells.push(Cell::new("", Align::Left))
            }
        }
        previous = Some(l.show);
    }
    cells
}
