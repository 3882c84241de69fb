//! Two-sided summary tables: income rows on the left, the spending classes on the
//! right, each side ending in its tail rows. The shorter side's body is padded with
//! blank rows so that the tails stand level at the foot; 行次 run down the left side,
//! then down the right.

use super::format::Formatter;
use super::grid::{Align, Cell, Row};
use super::{class_label, FunctionRow, TableData};
use crate::base::money::Money;
use crate::declare::edition::{Edition, RowSpec, SideSpec, TableSpec};
use crate::resolve::Facts;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct SummaryData {
    pub left: Vec<Line>,
    pub right: Vec<Line>,
}

/// A printed line of one side.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// 行次, when printed.
    pub number: Option<usize>,
    pub label: String,
    pub indent: bool,
    /// What each value column shows.
    pub values: Vec<Value>,
    /// A class row (its values are that class's figures).
    pub class: bool,
}

#[derive(Debug, Clone)]
pub struct Value {
    /// The unit figure (tail and income rows) or the 功能分类 figure (class rows).
    pub figure: String,
    pub money: Money,
}

impl SummaryData {
    pub fn is_empty(&self) -> bool {
        self.left
            .iter()
            .chain(&self.right)
            .flat_map(|l| &l.values)
            .all(|v| v.money.is_zero())
    }

    /// The line of either side that shows unit figure `name`, and the column.
    pub fn line_showing(&self, name: &str) -> Option<(&Line, usize)> {
        self.left.iter().chain(&self.right).find_map(|l| {
            (!l.class)
                .then(|| l.values.iter().position(|v| v.figure == name))
                .flatten()
                .map(|i| (l, i))
        })
    }
}

pub fn fill(
    spec: &TableSpec,
    edition: &Edition,
    facts: &Facts,
    catalog: &crate::declare::catalog::Catalog,
    rows: &[FunctionRow],
    unit: &BTreeMap<&'static str, Money>,
    f: &Formatter,
) -> (TableData, Vec<Row>) {
    let (Some(income), Some(spending)) = (&spec.income, &spec.spending) else {
        unreachable!("the edition check requires both sides of a summary table");
    };
    let classes: BTreeMap<&str, &FunctionRow> = rows
        .iter()
        .filter(|r| r.level == 1)
        .map(|r| (r.code.as_str(), r))
        .collect();
    let side = |s: &SideSpec| -> (Vec<Line>, Vec<Line>) {
        let mut body: Vec<Line> = s.rows.iter().map(|r| line(r, unit)).collect();
        if let Some(c) = &s.classes {
            for (i, code) in edition.class_codes().enumerate() {
                let name = facts
                    .function_names
                    .get(code)
                    .cloned()
                    .or_else(|| {
                        catalog
                            .function(facts.unit.year, code)
                            .map(|e| e.name.clone())
                    })
                    .unwrap_or_default();
                let figures = classes.get(code).map(|r| r.f).unwrap_or_default();
                body.push(Line {
                    number: None,
                    label: class_label(&c.numbering, c.numerals, i + 1, &name),
                    indent: false,
                    values: s
                        .columns
                        .iter()
                        .filter_map(|col| col.figure.as_ref())
                        .map(|fig| Value {
                            figure: fig.get_ref().clone(),
                            money: figures.get(fig.get_ref()).unwrap_or_default(),
                        })
                        .collect(),
                    class: true,
                });
            }
        }
        let tail = s.tail.iter().map(|r| line(r, unit)).collect();
        (body, tail)
    };
    let (mut left, left_tail) = side(income);
    let (mut right, right_tail) = side(spending);
    let height = (left.len() + left_tail.len()).max(right.len() + right_tail.len());
    left.resize_with(height - left_tail.len(), Line::default);
    right.resize_with(height - right_tail.len(), Line::default);
    left.extend(left_tail);
    right.extend(right_tail);
    if spec.line_numbers {
        for (i, l) in left.iter_mut().enumerate() {
            l.number = Some(i + 1);
        }
        for (i, l) in right.iter_mut().enumerate() {
            l.number = Some(height + i + 1);
        }
    }

    let cells = |l: &Line, s: &SideSpec| -> Vec<Cell> {
        let mut cells = vec![Cell::new(l.label.clone(), Align::Left).indented(l.indent)];
        if let Some(n) = l.number {
            cells.push(Cell::new(n.to_string(), Align::Center));
        }
        for i in 0..s.columns.len() {
            cells.push(
                l.values
                    .get(i)
                    .map_or_else(|| Cell::new("", Align::Right), |v| f.cell(v.money)),
            );
        }
        cells
    };
    let body = left
        .iter()
        .zip(&right)
        .map(|(l, r)| {
            let mut row = cells(l, income);
            row.extend(cells(r, spending));
            Row::new(row)
        })
        .collect();
    (TableData::Summary(SummaryData { left, right }), body)
}

fn line(r: &RowSpec, unit: &BTreeMap<&'static str, Money>) -> Line {
    Line {
        number: None,
        label: r.label.clone(),
        indent: r.indent,
        values: r
            .figures()
            .into_iter()
            .map(|name| Value {
                figure: name.get_ref().clone(),
                money: unit
                    .get(name.get_ref().as_str())
                    .copied()
                    .unwrap_or_default(),
            })
            .collect(),
        class: false,
    }
}
