//! Reading a workbook (xlsx, xls, ods) into plain grids of cells with their merged
//! regions and the formulas that have no cached value. The file is opened for reading
//! only; nothing is ever written back.

use crate::base::diag::{Diagnostic, Failure};
use calamine::{open_workbook_auto, Data, Reader, Sheets};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// A cell position, 0-based, printed the way spreadsheets name cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub row: u32,
    pub col: u32,
}

/// `F12`.
pub fn a1(pos: Pos) -> String {
    let mut col = pos.col + 1;
    let mut letters = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        letters.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        pos.row + 1
    )
}

/// A cell of a named sheet: `公开03表!F12`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub sheet: String,
    pub pos: Pos,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}", self.sheet, a1(self.pos))
    }
}

/// A rectangle of merged cells, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first: Pos,
    pub last: Pos,
}

pub struct Sheet {
    pub name: String,
    /// Rows of cells from A1, padded to the used width.
    pub rows: Vec<Vec<Data>>,
    /// Merged regions; `None` when the format does not say (then headers are read with
    /// a fill-in rule instead).
    pub merges: Option<Vec<Merge>>,
    /// Cells holding a formula whose result the file does not carry.
    pub uncached: HashSet<Pos>,
    /// Whether the amounts show thousands separators (`#,##0.00`, `1,201.43`): `None`
    /// when no amount says.
    pub grouped: Option<bool>,
}

impl Sheet {
    pub fn width(&self) -> u32 {
        self.rows.first().map_or(0, |r| r.len() as u32)
    }

    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    pub fn get(&self, pos: Pos) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.rows
            .get(pos.row as usize)
            .and_then(|r| r.get(pos.col as usize))
            .unwrap_or(&EMPTY)
    }

    /// The value shown at `pos`: a merged region shows its first cell's value.
    pub fn shown(&self, pos: Pos) -> &Data {
        if let Some(m) = self.merge_at(pos) {
            return self.get(m.first);
        }
        self.get(pos)
    }

    pub fn merge_at(&self, pos: Pos) -> Option<Merge> {
        self.merges.as_ref()?.iter().copied().find(|m| {
            (m.first.row..=m.last.row).contains(&pos.row)
                && (m.first.col..=m.last.col).contains(&pos.col)
        })
    }

    pub fn cell_ref(&self, pos: Pos) -> CellRef {
        CellRef {
            sheet: self.name.clone(),
            pos,
        }
    }
}

fn unreadable(path: &Path, why: impl fmt::Display) -> Failure {
    Failure::new(
        Diagnostic::error("E0801", format!("无法读取工作簿 {}：{why}", path.display()))
            .in_file(path)
            .help("请给出财务软件导出的 .xlsx、.xls 或 .ods 文件，并确认它没有被加密"),
    )
}

/// Every worksheet of the workbook, in file order.
pub fn read(path: &Path) -> Result<Vec<Sheet>, Failure> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") {
        return Err(unreadable(
            path,
            "只能读取 .xlsx、.xls、.ods（或 .xlsm、.xlsb）文件",
        ));
    }
    if !path.exists() {
        return Err(unreadable(path, "文件不存在"));
    }
    let mut book = open_workbook_auto(path).map_err(|e| unreadable(path, e))?;
    let names = book.sheet_names();
    let mut sheets = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(path, format!("工作表“{name}”：{e}")))?;
        let formulas = book.worksheet_formula(&name).ok();
        let formats: Vec<((u32, u32), String)> = match &mut book {
            Sheets::Xlsx(x) => x
                .worksheet_style(&name)
                .map(|styles| {
                    styles
                        .cells()
                        .filter_map(|(r, c, style)| {
                            let code = &style.number_format.as_ref()?.format_code;
                            Some(((r, c), code.clone()))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let merges = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).ok(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).ok(),
            _ => None,
        }
        .map(|dims| {
            dims.into_iter()
                .map(|d| Merge {
                    first: Pos {
                        row: d.start.0,
                        col: d.start.1,
                    },
                    last: Pos {
                        row: d.end.0,
                        col: d.end.1,
                    },
                })
                .collect()
        });
        let (height, width) = match range.end() {
            Some((r, c)) => (r + 1, c + 1),
            None => (0, 0),
        };
        let mut rows = vec![vec![Data::Empty; width as usize]; height as usize];
        if let Some((r0, c0)) = range.start() {
            for (r, row) in range.rows().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    rows[r0 as usize + r][c0 as usize + c] = cell.clone();
                }
            }
        }
        let mut uncached = HashSet::new();
        if let Some(f) = formulas {
            if let Some((r0, c0)) = f.start() {
                for (r, row) in f.rows().enumerate() {
                    for (c, formula) in row.iter().enumerate() {
                        let pos = Pos {
                            row: r0 + r as u32,
                            col: c0 + c as u32,
                        };
                        let value = rows
                            .get(pos.row as usize)
                            .and_then(|r| r.get(pos.col as usize));
                        let empty = match value {
                            None | Some(Data::Empty) => true,
                            Some(Data::String(s)) => s.is_empty(),
                            _ => false,
                        };
                        if !formula.trim().is_empty() && empty {
                            uncached.insert(pos);
                        }
                    }
                }
            }
        }
        let grouped = grouping(&rows, &formats);
        sheets.push(Sheet {
            name,
            rows,
            merges,
            uncached,
            grouped,
        });
    }
    Ok(sheets)
}

/// Whether a sheet's amounts are grouped by thousands: a number cell formatted with
/// `#,##`, or an amount written as text with separators.
fn grouping(rows: &[Vec<Data>], formats: &[((u32, u32), String)]) -> Option<bool> {
    let at = |r: u32, c: u32| rows.get(r as usize).and_then(|row| row.get(c as usize));
    let mut seen = None;
    for ((r, c), code) in formats {
        if matches!(at(*r, *c), Some(Data::Float(_) | Data::Int(_))) && !code.is_empty() {
            if code.contains("#,##") {
                return Some(true);
            }
            if code.contains('0') {
                seen = Some(false);
            }
        }
    }
    let text_grouped = rows.iter().flatten().any(|d| match d {
        Data::String(s) => {
            let t = s.trim();
            t.contains(',') && crate::base::money::parse_amount_text(t).is_some()
        }
        _ => false,
    });
    if text_grouped {
        Some(true)
    } else {
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(a1(Pos { row: 0, col: 0 }), "A1");
        assert_eq!(a1(Pos { row: 11, col: 5 }), "F12");
        assert_eq!(a1(Pos { row: 0, col: 25 }), "Z1");
        assert_eq!(a1(Pos { row: 0, col: 26 }), "AA1");
        assert_eq!(a1(Pos { row: 1, col: 27 }), "AB2");
    }
}
