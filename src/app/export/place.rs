//! Where the cells of a table's grid land on a sheet: header cells with their spans and
//! body rows, placed left to right and top to bottom around the cells that span into a
//! row from above (as Typst and HTML lay a table out), and column widths from the
//! grid's Typst lengths.

use crate::tables::grid::{Cell, Grid, Row};

/// A cell at its sheet position (0-based, relative to the table's first header row).
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub row: u32,
    pub col: u16,
    /// Rows and columns covered, the cell's spans cut at the table's edge.
    pub rows: u32,
    pub cols: u16,
    pub cell: &'a Cell,
    /// Part of the header (drawn centred, repeated on printed pages).
    pub header: bool,
}

impl Placed<'_> {
    pub fn last_row(&self) -> u32 {
        self.row + self.rows - 1
    }

    pub fn last_col(&self) -> u16 {
        self.col + self.cols - 1
    }
}

/// Every cell of the grid in place: the header rows first, then one sheet row per body
/// row. A cell that would run past the last column is cut at it.
pub fn place(grid: &Grid) -> Vec<Placed<'_>> {
    let width = grid.widths.len();
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    // Header: each cell in the next slot that no cell above spans into.
    let mut free: Vec<Vec<bool>> = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    for cell in &grid.header {
        loop {
            if col >= width {
                row += 1;
                col = 0;
            }
            if free.len() <= row {
                free.resize(row + 1, vec![true; width]);
            }
            if free[row][col] {
                break;
            }
            col += 1;
        }
        let rows = cell.rowspan.max(1);
        let cols = cell.colspan.max(1).min(width - col);
        if free.len() < row + rows {
            free.resize(row + rows, vec![true; width]);
        }
        for line in &mut free[row..row + rows] {
            line[col..col + cols].fill(false);
        }
        out.push(Placed {
            row: row as u32,
            col: col as u16,
            rows: rows as u32,
            cols: cols as u16,
            cell,
            header: true,
        });
        col += cols;
    }
    for (i, r) in grid.body.iter().enumerate() {
        place_row(r, grid.header_rows + i, width, &mut out);
    }
    out
}

fn place_row<'a>(r: &'a Row, row: usize, width: usize, out: &mut Vec<Placed<'a>>) {
    let mut col = 0;
    for cell in &r.cells {
        if col >= width {
            break;
        }
        let cols = cell.colspan.max(1).min(width - col);
        out.push(Placed {
            row: row as u32,
            col: col as u16,
            rows: 1,
            cols: cols as u16,
            cell,
            header: false,
        });
        col += cols;
    }
}

/// The text width of a page in em of the table's type, portrait and landscape: what
/// `fr` columns share.
const PAGE_EM: (f64, f64) = (46.0, 68.0);
/// Spreadsheet column width units per em: a CJK character is about two.
const UNITS_PER_EM: f64 = 2.2;

/// Spreadsheet widths of the grid's columns, from its Typst lengths: fixed lengths
/// converted, `fr` columns sharing what the page has left, `auto` a default.
pub fn widths(grid: &Grid, landscape: bool) -> Vec<f64> {
    let page = if landscape { PAGE_EM.1 } else { PAGE_EM.0 };
    let parsed: Vec<(f64, &str)> = grid
        .widths
        .iter()
        .map(|w| {
            let unit = ["em", "pt", "mm", "cm", "fr", "auto"]
                .into_iter()
                .find(|u| w.ends_with(u))
                .unwrap_or("auto");
            let value = w[..w.len() - unit.len()].parse::<f64>().unwrap_or(1.0);
            (value, unit)
        })
        .collect();
    // Lengths in em at a 10.5 pt table size.
    let em = |value: f64, unit: &str| match unit {
        "em" => Some(value),
        "pt" => Some(value / 10.5),
        "mm" => Some(value / 3.7),
        "cm" => Some(value / 0.37),
        _ => None,
    };
    let fixed: f64 = parsed.iter().filter_map(|(v, u)| em(*v, u)).sum();
    let fr: f64 = parsed
        .iter()
        .filter(|(_, u)| *u == "fr")
        .map(|(v, _)| v)
        .sum();
    let per_fr = if fr > 0.0 {
        ((page - fixed) / fr).max(4.0)
    } else {
        0.0
    };
    parsed
        .iter()
        .map(|(v, u)| {
            let ems = em(*v, u).unwrap_or(match *u {
                "fr" => v * per_fr,
                _ => 5.0,
            });
            (ems * UNITS_PER_EM).clamp(4.0, 80.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::grid::{header, Align, GridColumn, Length};

    fn column(path: &[&str], number: Option<&str>) -> GridColumn {
        GridColumn {
            path: path.iter().map(|s| s.to_string()).collect(),
            number: number.map(str::to_string),
            width: Length::parse("1fr").unwrap(),
            align: Align::Right,
        }
    }

    fn grid(columns: &[GridColumn], body: Vec<Row>) -> Grid {
        let (header_rows, header) = header(columns);
        Grid {
            widths: vec!["2.6em".into(); columns.len()],
            header_rows,
            header,
            body,
            size: None,
            number: Default::default(),
        }
    }

    fn at(placed: &[Placed]) -> Vec<String> {
        placed
            .iter()
            .map(|p| {
                format!(
                    "{}@{},{}-{},{}",
                    p.cell.text,
                    p.row,
                    p.col,
                    p.last_row(),
                    p.last_col()
                )
            })
            .collect()
    }

    #[test]
    fn header_cells_flow_around_the_cells_spanning_down() {
        // 公开05: 项目 | 本年支出 over 功能分类科目编码 (类 款 项) 科目名称 | 小计 …; 栏次 row.
        let columns = [
            column(&["项目", "功能分类科目编码", "类"], None),
            column(&["项目", "功能分类科目编码", "款"], None),
            column(&["项目", "功能分类科目编码", "项"], None),
            column(&["项目", "科目名称"], Some("栏次")),
            column(&["本年支出", "小计"], Some("1")),
            column(&["本年支出", "基本支出"], Some("2")),
        ];
        let g = grid(
            &columns,
            vec![Row::new(vec![
                Cell::new("合计", Align::Center).spanning(4),
                Cell::new("10.00", Align::Right),
                Cell::new("", Align::Right),
            ])],
        );
        assert_eq!(
            at(&place(&g)),
            [
                "项目@0,0-0,3",
                "本年支出@0,4-0,5",
                "功能分类科目编码@1,0-1,2",
                "科目名称@1,3-1,3",
                "小计@1,4-1,4",
                "基本支出@1,5-1,5",
                "类@2,0-2,0",
                "款@2,1-2,1",
                "项@2,2-2,2",
                "栏次@2,3-2,3",
                "1@2,4-2,4",
                "2@2,5-2,5",
                "合计@3,0-3,3",
                "10.00@3,4-3,4",
                "@3,5-3,5",
            ]
        );
    }

    #[test]
    fn a_cell_spanning_two_rows_pushes_the_next_row_right() {
        // 公开02: 本年收入合计 spans the two rows above its 栏次; 科目名称 goes left of it.
        let columns = [
            column(&["项目", "科目名称"], Some("栏次")),
            column(&["本年收入合计"], Some("1")),
            column(&["财政拨款收入"], Some("2")),
        ];
        let g = grid(&columns, Vec::new());
        assert_eq!(
            at(&place(&g)),
            [
                "项目@0,0-0,0",
                "本年收入合计@0,1-1,1",
                "财政拨款收入@0,2-1,2",
                "科目名称@1,0-1,0",
                "栏次@2,0-2,0",
                "1@2,1-2,1",
                "2@2,2-2,2",
            ]
        );
    }

    #[test]
    fn widths_share_the_page_between_fr_columns() {
        let mut g = grid(&[column(&["a"], None), column(&["b"], None)], Vec::new());
        g.widths = vec!["6em".into(), "1fr".into(), "2fr".into()];
        let w = widths(&g, false);
        assert!((w[0] - 6.0 * UNITS_PER_EM).abs() < 1e-9);
        assert!((w[2] - 2.0 * w[1]).abs() < 1e-9);
        assert!((w[1] - (PAGE_EM.0 - 6.0) / 3.0 * UNITS_PER_EM).abs() < 1e-9);
    }
}
