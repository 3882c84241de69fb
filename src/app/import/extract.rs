//! Reading the body of a located table: every figure with the cell it came from, in the
//! unit the sheet declares. Nothing is summed or rounded here.

use super::locate::Located;
use super::mapping::Shape;
use super::text::{self, amount, cell_text, code, key, label_key, AmountError, CodeCell};
use super::workbook::{CellRef, Pos};
use crate::base::diag::Diagnostic;
use crate::base::money::{AmountUnit, Money};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A figure as a cell holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// In the sheet's unit, exactly as written.
    pub amount: Decimal,
    pub unit: AmountUnit,
    pub cell: CellRef,
    /// Other cells that print the same figure with the same value.
    pub also: Vec<CellRef>,
}

impl Value {
    pub fn yuan(&self) -> Decimal {
        Money::in_unit(self.amount, self.unit).yuan()
    }

    /// `公开01表!C6`, or `公开01表!C6、公开04表!C6`.
    pub fn source(&self) -> String {
        std::iter::once(&self.cell)
            .chain(&self.also)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// A 类/款/项 row or the 合计 row (`code` None) of a 功能分类 table.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: Option<String>,
    pub name: String,
    pub values: BTreeMap<String, Value>,
}

#[derive(Debug, Clone)]
pub struct EconomicLine {
    pub code: String,
    pub name: String,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub enum Body {
    Function(Vec<Row>),
    Economic {
        lines: Vec<EconomicLine>,
        totals: Vec<(String, Value)>,
    },
    Labelled {
        figures: Vec<(String, Value)>,
        /// 类 code and its figures.
        classes: Vec<(String, Vec<(String, Value)>)>,
    },
    Single(Vec<(String, Value)>),
    Listed(Vec<ListedRow>),
}

/// A row of a listed table (budget units, 经济分类 lines, projects): its label texts by
/// what they show, and its figures. The 合计 row has `total` set.
#[derive(Debug, Clone)]
pub struct ListedRow {
    pub total: bool,
    pub labels: BTreeMap<&'static str, String>,
    /// Where the row's first label stands (for messages).
    pub cell: CellRef,
    pub values: BTreeMap<String, Value>,
}

pub struct Reader<'a, 'b> {
    pub loc: &'a Located<'b>,
    pub total_labels: &'a [String],
    pub end_markers: &'a [String],
    /// label key of each 类's name → its code (公开01/04 class rows).
    pub class_names: &'a BTreeMap<String, String>,
    pub errors: Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    fn at(&self, row: u32, col: u32) -> Pos {
        Pos { row, col }
    }

    fn cell_ref(&self, pos: Pos) -> CellRef {
        self.loc.sheet.cell_ref(pos)
    }

    /// The amount in a cell; an error (and zero) when it cannot be read.
    fn amount(&mut self, pos: Pos) -> Value {
        let sheet = self.loc.sheet;
        let cell = self.cell_ref(pos);
        let mut value = Value {
            amount: Decimal::ZERO,
            unit: self.loc.unit,
            cell: cell.clone(),
            also: Vec::new(),
        };
        if sheet.uncached.contains(&pos) {
            self.errors.push(
                Diagnostic::error(
                    "E0805",
                    format!("{cell}：公式没有保存计算结果，读不到它的值"),
                )
                .help("请在 Excel 或 WPS 中打开该文件，重新计算后保存，再导入（不会当作 0 处理）"),
            );
            return value;
        }
        match amount(sheet.get(pos)) {
            Ok(a) => value.amount = a,
            Err(AmountError::NotANumber(t)) => self.errors.push(
                Diagnostic::error("E0806", format!("{cell}：“{t}”不是金额"))
                    .help("金额应为数字，可带千分位（1,234.56）；“-”“—”或空白表示 0，括号表示负数"),
            ),
            Err(AmountError::CellError(e)) => self.errors.push(Diagnostic::error(
                "E0806",
                format!("{cell}：单元格是错误值 {e}"),
            )),
        }
        value
    }

    fn text(&self, pos: Pos) -> String {
        cell_text(self.loc.sheet.get(pos))
    }

    /// Whether a row closes the table (`注：…`, `说明：…`).
    fn ends(&self, row: u32) -> bool {
        let first = (0..self.loc.sheet.width())
            .map(|c| key(&self.text(self.at(row, c))))
            .find(|t| !t.is_empty());
        first.is_some_and(|t| self.end_markers.iter().any(|m| t.starts_with(m.as_str())))
    }

    fn is_total(&self, text: &str) -> bool {
        let k = key(text);
        self.total_labels.contains(&k)
    }

    fn unrecognised(&mut self, pos: Pos, what: &str) {
        let cell = self.cell_ref(pos);
        self.errors.push(
            Diagnostic::error(
                "E0807",
                format!("{cell}：无法识别的行“{what}”，它有金额却不知道是哪个数"),
            )
            .help("请核对该行；如是本版式没有的行，请在映射文件中加上它"),
        );
    }

    pub fn read(&mut self) -> Body {
        match self.loc.table.shape {
            Shape::Function => Body::Function(self.function_rows()),
            Shape::Economic => self.economic(),
            Shape::Labelled => self.labelled(),
            Shape::Single => Body::Single(self.single()),
            Shape::Listed => Body::Listed(self.listed()),
        }
    }

    fn columns(&mut self, specs: &[(String, Vec<String>)]) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        for (figure, header) in specs {
            match self.loc.column(header) {
                Ok(c) => out.push((figure.clone(), c)),
                Err(d) => self.errors.push(d),
            }
        }
        out
    }

    fn function_rows(&mut self) -> Vec<Row> {
        let table = self.loc.table;
        let columns = self.columns(&table.columns);
        let mut parts = Vec::new();
        for spec in &table.code {
            match self.loc.column(spec) {
                Ok(c) => parts.push(c),
                Err(d) => self.errors.push(d),
            }
        }
        let name_col = match &table.name {
            Some(spec) => match self.loc.column(spec) {
                Ok(c) => Some(c),
                Err(d) => {
                    self.errors.push(d);
                    None
                }
            },
            None => None,
        };
        if parts.len() != table.code.len() || columns.len() != table.columns.len() {
            return Vec::new();
        }
        let mut rows = Vec::new();
        let mut last: [String; 2] = Default::default();
        for r in self.loc.body_start..self.loc.sheet.height() {
            let cells: Vec<CodeCell> = parts
                .iter()
                .map(|c| code(self.loc.sheet.get(self.at(r, *c))))
                .collect();
            let name = name_col
                .map(|c| self.text(self.at(r, c)))
                .unwrap_or_default();
            let label_pos = self.at(r, parts[0]);
            let texts: Vec<String> = cells
                .iter()
                .filter_map(|c| match c {
                    CodeCell::Text(t) => Some(t.clone()),
                    _ => None,
                })
                .chain(std::iter::once(name.clone()))
                .collect();
            let is_total = texts.iter().any(|t| self.is_total(t));
            let code = if is_total {
                Ok(None)
            } else {
                joined_code(&cells, &mut last, &[3, 5, 7])
            };
            let code = match code {
                Ok(c) => c,
                Err(bad) => {
                    self.errors.push(Diagnostic::error(
                        "E0807",
                        format!(
                            "{}：科目编码“{bad}”应为 3 位（类）、5 位（款）或 7 位（项）",
                            self.cell_ref(label_pos)
                        ),
                    ));
                    continue;
                }
            };
            if code.is_none() && !is_total {
                if self.ends(r) {
                    break;
                }
                let any = columns
                    .iter()
                    .any(|(_, c)| !matches!(amount(self.loc.sheet.get(self.at(r, *c))), Ok(d) if d.is_zero()));
                if any {
                    let shown = texts
                        .into_iter()
                        .find(|t| !t.is_empty())
                        .unwrap_or_default();
                    self.unrecognised(label_pos, &shown);
                }
                continue;
            }
            let embedded = cells.iter().find_map(|c| match c {
                CodeCell::Code { name, .. } if !name.is_empty() => Some(name.clone()),
                _ => None,
            });
            let values = columns
                .iter()
                .map(|(figure, c)| (figure.clone(), self.amount(self.at(r, *c))))
                .collect();
            rows.push(Row {
                code,
                name: if name.is_empty() {
                    embedded.unwrap_or_default()
                } else {
                    name
                },
                values,
            });
        }
        rows
    }

    fn economic(&mut self) -> Body {
        let table = self.loc.table;
        let mut parts: Vec<Vec<u32>> = table.code.iter().map(|s| self.loc.columns(s)).collect();
        let values = table
            .values
            .as_ref()
            .map(|s| self.loc.columns(s))
            .unwrap_or_default();
        let names = table
            .name
            .as_ref()
            .map(|s| self.loc.columns(s))
            .unwrap_or_default();
        if values.is_empty() || parts.iter().any(|p| p.len() != values.len()) {
            self.errors.push(self.loc.header_error(format!(
                "科目编码列与“{}”列应一一对应（读到 {} 组编码列、{} 个金额列）",
                table.values.as_ref().map(|v| v.join("/")).unwrap_or_default(),
                parts.first().map_or(0, Vec::len),
                values.len()
            )));
            return Body::Economic {
                lines: Vec::new(),
                totals: Vec::new(),
            };
        }
        let groups = values.len();
        let mut lines = Vec::new();
        let mut totals = Vec::new();
        let mut pending: Vec<(String, Vec<String>)> = table.rows.clone();
        let mut last: Vec<[String; 2]> = vec![Default::default(); groups];
        for r in self.loc.body_start..self.loc.sheet.height() {
            // Labelled totals anywhere in the row.
            let mut hits: Vec<(u32, Vec<String>)> = Vec::new();
            for c in 0..self.loc.sheet.width() {
                let k = label_key(&self.text(self.at(r, c)));
                if k.is_empty() {
                    continue;
                }
                if let Some(i) = pending.iter().position(|(l, _)| *l == k) {
                    hits.push((c, pending.remove(i).1));
                }
            }
            for (i, (c, figures)) in hits.iter().enumerate() {
                let bound = hits.get(i + 1).map_or(u32::MAX, |h| h.0);
                let got = self.values_right_of(r, *c, bound, &values, figures);
                totals.extend(got);
            }
            let hit_cols: Vec<u32> = hits.iter().map(|h| h.0).collect();
            let mut coded = false;
            for g in 0..groups {
                let cells: Vec<CodeCell> = parts
                    .iter_mut()
                    .map(|p| code(self.loc.sheet.get(self.at(r, p[g]))))
                    .collect();
                let pos = self.at(r, parts[0][g]);
                if hit_cols.contains(&pos.col) {
                    continue;
                }
                match joined_code(&cells, &mut last[g], &[3, 5]) {
                    Ok(Some(code)) => {
                        coded = true;
                        let name = names
                            .get(g)
                            .map(|c| self.text(self.at(r, *c)))
                            .filter(|n| !n.is_empty())
                            .or_else(|| {
                                cells.iter().find_map(|c| match c {
                                    CodeCell::Code { name, .. } => Some(name.clone()),
                                    _ => None,
                                })
                            })
                            .unwrap_or_default();
                        let value = self.amount(self.at(r, values[g]));
                        lines.push(EconomicLine { code, name, value });
                    }
                    Ok(None) => {
                        let v = amount(self.loc.sheet.get(self.at(r, values[g])));
                        let covered = hit_cols.iter().any(|h| *h < values[g]);
                        if !covered && !matches!(v, Ok(d) if d.is_zero()) {
                            let shown = self.text(pos);
                            self.unrecognised(pos, &shown);
                        }
                    }
                    Err(bad) => self.errors.push(Diagnostic::error(
                        "E0807",
                        format!(
                            "{}：经济分类科目编码“{bad}”应为 3 位（类）或 5 位（款）",
                            self.cell_ref(pos)
                        ),
                    )),
                }
            }
            if !coded && hits.is_empty() && self.ends(r) {
                break;
            }
        }
        Body::Economic { lines, totals }
    }

    /// The figures of a label at `col`: the last value columns right of the label (and
    /// of its merged cell) and left of `bound`, one per figure.
    fn values_right_of(
        &mut self,
        row: u32,
        col: u32,
        bound: u32,
        value_cols: &[u32],
        figures: &[String],
    ) -> Vec<(String, Value)> {
        let extent = self
            .loc
            .sheet
            .merge_at(self.at(row, col))
            .map_or(col, |m| m.last.col);
        let candidates: Vec<u32> = value_cols
            .iter()
            .copied()
            .filter(|c| *c > extent && *c < bound)
            .collect();
        // An edition with fewer value columns (公开04 before 2020 has no 国有资本经营
        // column) shows the leading figures: they are listed in column order.
        let figures = if candidates.is_empty() {
            figures
        } else {
            &figures[..figures.len().min(candidates.len())]
        };
        if candidates.len() < figures.len() {
            let cell = self.cell_ref(self.at(row, col));
            self.errors.push(Diagnostic::error(
                "E0804",
                format!(
                    "{cell}：“{}”右侧应有 {} 个金额列，只找到 {} 个",
                    self.text(self.at(row, col)),
                    figures.len(),
                    candidates.len()
                ),
            ));
            return Vec::new();
        }
        let chosen = &candidates[candidates.len() - figures.len()..];
        figures
            .iter()
            .zip(chosen)
            .map(|(f, c)| (f.clone(), self.amount(self.at(row, *c))))
            .collect()
    }

    fn labelled(&mut self) -> Body {
        let table = self.loc.table;
        let label_cols = table
            .labels
            .as_ref()
            .map(|s| self.loc.columns(s))
            .unwrap_or_default();
        let value_cols = table
            .values
            .as_ref()
            .map(|s| self.loc.columns(s))
            .unwrap_or_default();
        if label_cols.is_empty() || value_cols.is_empty() {
            self.errors.push(self.loc.header_error(format!(
                "找不到项目列“{}”或金额列“{}”",
                table.labels.as_ref().map(|v| v.join("/")).unwrap_or_default(),
                table.values.as_ref().map(|v| v.join("/")).unwrap_or_default()
            )));
            return Body::Labelled {
                figures: Vec::new(),
                classes: Vec::new(),
            };
        }
        let mut pending = table.rows.clone();
        let mut figures = Vec::new();
        let mut classes = Vec::new();
        for r in self.loc.body_start..self.loc.sheet.height() {
            if self.ends(r) {
                break;
            }
            for (i, c) in label_cols.iter().enumerate() {
                let bound = label_cols.get(i + 1).copied().unwrap_or(u32::MAX);
                let text = self.text(self.at(r, *c));
                let k = label_key(&text);
                if k.is_empty() || matches!(k.as_str(), "栏次" | "行次") {
                    continue;
                }
                if let Some(j) = pending.iter().position(|(l, _)| *l == k) {
                    let (_, names) = pending.remove(j);
                    // A label listed twice under other spellings ("…结余" and "…结余（含
                    // 专用结余）") is one row: drop the other spelling of the same figures.
                    pending.retain(|(_, f)| *f != names);
                    figures.extend(self.values_right_of(r, *c, bound, &value_cols, &names));
                } else if let Some(code) = self.class_names.get(&k) {
                    let got = self.values_right_of(r, *c, bound, &value_cols, &table.classes);
                    classes.push((code.clone(), got));
                } else {
                    let any = value_cols.iter().filter(|v| **v > *c && **v < bound).any(|v| {
                        !matches!(amount(self.loc.sheet.get(self.at(r, *v))), Ok(d) if d.is_zero())
                    });
                    if any {
                        self.unrecognised(self.at(r, *c), &text);
                    }
                }
            }
        }
        Body::Labelled { figures, classes }
    }

    fn listed(&mut self) -> Vec<ListedRow> {
        let table = self.loc.table;
        let columns = self.columns(&table.columns);
        let mut labels = Vec::new();
        for (show, spec) in &table.label_columns {
            match self.loc.column(spec) {
                Ok(c) => labels.push((show.name(), c)),
                Err(d) => self.errors.push(d),
            }
        }
        if labels.len() != table.label_columns.len() || columns.len() != table.columns.len() {
            return Vec::new();
        }
        let first = labels.iter().map(|(_, c)| *c).min().unwrap_or(0);
        let mut rows = Vec::new();
        for r in self.loc.body_start..self.loc.sheet.height() {
            if self.ends(r) {
                break;
            }
            let texts: BTreeMap<&'static str, String> = labels
                .iter()
                .map(|(show, c)| {
                    let text = match code(self.loc.sheet.get(self.at(r, *c))) {
                        // A code cell keeps its digits (a number cell has no text).
                        CodeCell::Code { digits, name } if *show == "code" && name.is_empty() => {
                            digits
                        }
                        _ => self.text(self.at(r, *c)),
                    };
                    (*show, text)
                })
                .collect();
            let total = texts.values().any(|t| self.is_total(t))
                || self.is_total(&self.text(self.at(r, first)));
            let unlabelled = texts.values().all(|t| key(t).is_empty());
            if unlabelled && !total {
                let any = columns.iter().any(|(_, c)| {
                    !matches!(amount(self.loc.sheet.get(self.at(r, *c))), Ok(d) if d.is_zero())
                });
                if any {
                    self.unrecognised(self.at(r, first), "");
                }
                continue;
            }
            let values = columns
                .iter()
                .map(|(figure, c)| (figure.clone(), self.amount(self.at(r, *c))))
                .collect();
            rows.push(ListedRow {
                total,
                labels: texts,
                cell: self.cell_ref(self.at(r, first)),
                values,
            });
        }
        rows
    }

    fn single(&mut self) -> Vec<(String, Value)> {
        let columns = self.columns(&self.loc.table.columns.clone());
        let height = self.loc.sheet.height();
        let row = (self.loc.body_start..height)
            .take_while(|r| !self.ends(*r))
            .find(|r| {
                columns
                    .iter()
                    .any(|(_, c)| !text::key(&self.text(self.at(*r, *c))).is_empty())
            });
        let Some(row) = row else {
            return columns
                .iter()
                .map(|(f, c)| {
                    let cell = self.cell_ref(self.at(self.loc.body_start, *c));
                    (
                        f.clone(),
                        Value {
                            amount: Decimal::ZERO,
                            unit: self.loc.unit,
                            cell,
                            also: Vec::new(),
                        },
                    )
                })
                .collect();
        };
        columns
            .iter()
            .map(|(f, c)| (f.clone(), self.amount(self.at(row, *c))))
            .collect()
    }
}

/// A code from its part cells: one cell with the whole code, or 类 | 款 | 项 (款 and 项
/// two digits, re-padded: `2` → `02`). A blank 类 or 款 repeats the one above it.
/// `Ok(None)`: no code in this row. `Err`: digits that make no valid code.
fn joined_code(
    cells: &[CodeCell],
    last: &mut [String; 2],
    lengths: &[usize],
) -> Result<Option<String>, String> {
    let digits: Vec<Option<&str>> = cells
        .iter()
        .map(|c| match c {
            CodeCell::Code { digits, .. } => Some(digits.as_str()),
            _ => None,
        })
        .collect();
    let code = match digits.as_slice() {
        [] | [None] | [None, None] | [None, None, None] => return Ok(None),
        [Some(whole), ..] if cells.len() == 1 || whole.len() > 3 => whole.to_string(),
        [first, rest @ ..] => {
            let class = match first {
                Some(c) => format!("{c:0>3}"),
                None if !last[0].is_empty() => last[0].clone(),
                None => return Err(rest.iter().flatten().copied().collect()),
            };
            let mut code = class;
            match rest {
                [Some(k), Some(x)] => code = format!("{code}{k:0>2}{x:0>2}"),
                [Some(k), None] | [Some(k)] => code = format!("{code}{k:0>2}"),
                [None, Some(x)] if last[1].len() == 5 && last[1].starts_with(&code) => {
                    code = format!("{}{x:0>2}", last[1])
                }
                [None, Some(x)] => return Err(format!("{code} ? {x}")),
                _ => {}
            }
            code
        }
    };
    if !lengths.contains(&code.len()) || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(code);
    }
    last[0] = code[..3].to_string();
    if code.len() >= 5 {
        last[1] = code[..5].to_string();
    }
    Ok(Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(d: &str) -> CodeCell {
        CodeCell::Code {
            digits: d.into(),
            name: String::new(),
        }
    }

    #[test]
    fn codes_join_from_their_parts() {
        let mut last = Default::default();
        let lens = [3, 5, 7];
        assert_eq!(
            joined_code(&[c("2013750")], &mut last, &lens),
            Ok(Some("2013750".into()))
        );
        assert_eq!(
            joined_code(&[c("205"), c("2"), c("5")], &mut last, &lens),
            Ok(Some("2050205".into()))
        );
        // 类 not repeated: the one above.
        assert_eq!(
            joined_code(&[CodeCell::Empty, c("02"), c("06")], &mut last, &lens),
            Ok(Some("2050206".into()))
        );
        assert_eq!(
            joined_code(
                &[CodeCell::Empty, CodeCell::Empty, c("7")],
                &mut last,
                &lens
            ),
            Ok(Some("2050207".into()))
        );
        assert_eq!(
            joined_code(&[c("208"), c("05"), CodeCell::Empty], &mut last, &lens),
            Ok(Some("20805".into()))
        );
        assert_eq!(
            joined_code(
                &[c("2013750"), CodeCell::Empty, CodeCell::Empty],
                &mut last,
                &lens
            ),
            Ok(Some("2013750".into()))
        );
        assert_eq!(
            joined_code(
                &[CodeCell::Empty, CodeCell::Empty, CodeCell::Empty],
                &mut last,
                &lens
            ),
            Ok(None)
        );
        assert!(joined_code(&[c("20137501")], &mut last, &lens).is_err());
    }
}
