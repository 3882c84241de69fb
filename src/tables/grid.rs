//! The printed grid of a table: header cells with their spans, derived from the header
//! paths of the declared columns, and body cells. The Typst template draws the grid
//! as it is; it decides nothing.

use crate::base::money::Money;
pub use crate::declare::edition::shape::{columns, header_paths, Align, GridColumn, Length};
use crate::declare::edition::NumberFormat;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub align: Align,
    /// Indented by one character (a 款 line under its 类, an indented summary row).
    pub indent: bool,
    /// The exact amount a figure cell shows (its text is that amount as the table
    /// prints it), so an export can write the number rather than the text.
    #[serde(skip)]
    pub amount: Option<Money>,
}

impl Cell {
    pub fn new(text: impl Into<String>, align: Align) -> Cell {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            align,
            indent: false,
            amount: None,
        }
    }

    /// A figure cell: `text` is `amount` as the table prints it.
    pub fn figure(text: impl Into<String>, amount: Money) -> Cell {
        Cell {
            amount: Some(amount),
            ..Cell::new(text, Align::Right)
        }
    }

    pub fn spanning(mut self, columns: usize) -> Cell {
        self.colspan = columns;
        self
    }

    pub fn indented(mut self, indent: bool) -> Cell {
        self.indent = indent;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// Typst lengths, validated.
    pub widths: Vec<String>,
    pub header_rows: usize,
    pub header: Vec<Cell>,
    /// Body rows; a row whose cells are all empty keeps a line's height.
    pub body: Vec<Row>,
    /// Font size in pt, when the table sets one.
    pub size: Option<f64>,
    /// How the figure cells print (unit, decimals, separators decided), for exports.
    #[serde(skip)]
    pub number: NumberFormat,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Every cell empty: the template gives the row a line's height.
    pub blank: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        let blank = cells.iter().all(|c| c.text.is_empty());
        Row { cells, blank }
    }
}

/// The header rows: each path level a row, the 栏次 row last. A header cell spans the
/// adjacent columns that share its text and everything above it, and reaches down to
/// the 栏次 row (or the bottom) where the path ends.
pub fn header(columns: &[GridColumn]) -> (usize, Vec<Cell>) {
    let depth = columns
        .iter()
        .map(|c| c.path.len() + usize::from(c.number.is_some()))
        .max()
        .unwrap_or(0);
    let mut cells = Vec::new();
    for row in 0..depth {
        let mut i = 0;
        while i < columns.len() {
            let c = &columns[i];
            let numbered = c.number.is_some();
            let bottom = if numbered { depth - 2 } else { depth - 1 };
            let last = c.path.len().saturating_sub(1);
            if numbered && row == depth - 1 {
                let number = c.number.clone().unwrap_or_default();
                cells.push(Cell::new(number, Align::Center));
                i += 1;
                continue;
            }
            if row > last {
                // Covered by the cell above reaching down.
                i += 1;
                continue;
            }
            let rowspan = if row == last { bottom - last + 1 } else { 1 };
            let mut span = 1;
            while let Some(next) = columns.get(i + span) {
                let next_numbered = next.number.is_some();
                let next_bottom = if next_numbered { depth - 2 } else { depth - 1 };
                let next_last = next.path.len().saturating_sub(1);
                let next_rowspan = if row == next_last {
                    next_bottom - next_last + 1
                } else {
                    1
                };
                let same = next.path.len() > row
                    && next.path[..=row] == c.path[..=row]
                    && next_rowspan == rowspan
                    && (row < last) == (row < next_last);
                if !same {
                    break;
                }
                span += 1;
            }
            let mut cell = Cell::new(c.path[row].clone(), Align::Center).spanning(span);
            cell.rowspan = rowspan;
            cells.push(cell);
            i += span;
        }
    }
    (depth, cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(path: &[&str], number: Option<&str>) -> GridColumn {
        GridColumn {
            path: path.iter().map(|s| s.to_string()).collect(),
            number: number.map(str::to_string),
            width: Length::parse("1fr").unwrap(),
            align: Align::Right,
        }
    }

    fn shape(cells: &[Cell]) -> Vec<String> {
        cells
            .iter()
            .map(|c| format!("{}:{}x{}", c.text, c.colspan, c.rowspan))
            .collect()
    }

    #[test]
    fn the_function_table_head_of_the_wuhan_booklets() {
        // 公开05: 项目 over 功能分类科目编码 (类 款 项) and 科目名称/栏次; 本年支出 over
        // 小计 基本支出 项目支出; 栏次 row with 1 2 3.
        let columns = [
            col(&["项目", "功能分类科目编码", "类"], None),
            col(&["项目", "功能分类科目编码", "款"], None),
            col(&["项目", "功能分类科目编码", "项"], None),
            col(&["项目", "科目名称"], Some("栏次")),
            col(&["本年支出", "小计"], Some("1")),
            col(&["本年支出", "基本支出"], Some("2")),
            col(&["本年支出", "项目支出"], Some("3")),
        ];
        let (rows, cells) = header(&columns);
        assert_eq!(rows, 3);
        assert_eq!(
            shape(&cells),
            [
                "项目:4x1",
                "本年支出:3x1",
                "功能分类科目编码:3x1",
                "科目名称:1x1",
                "小计:1x1",
                "基本支出:1x1",
                "项目支出:1x1",
                "类:1x1",
                "款:1x1",
                "项:1x1",
                "栏次:1x1",
                "1:1x1",
                "2:1x1",
                "3:1x1",
            ]
        );
    }

    #[test]
    fn a_short_path_reaches_down_to_the_number_row() {
        // 公开02: 本年收入合计 spans the two rows above its 栏次.
        let columns = [
            col(&["项目", "科目名称"], Some("栏次")),
            col(&["本年收入合计"], Some("1")),
        ];
        let (rows, cells) = header(&columns);
        assert_eq!(rows, 3);
        assert_eq!(
            shape(&cells),
            [
                "项目:1x1",
                "本年收入合计:1x2",
                "科目名称:1x1",
                "栏次:1x1",
                "1:1x1"
            ]
        );
    }

    #[test]
    fn widths_are_parsed_never_passed_through() {
        assert_eq!(Length::parse("2.6em").unwrap().typst(), "2.6em");
        assert_eq!(Length::parse(" 1fr ").unwrap().typst(), "1fr");
        assert!(Length::parse("1fr), #panic(").is_none());
        assert!(Length::parse("-3em").is_none());
        assert!(Length::parse("em").is_none());
    }
}
