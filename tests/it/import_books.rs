//! Workbooks for the import tests, written with rust_xlsxwriter: a small builder for
//! sheets cell by cell, for the quirks of real exports. Whole booklets are written by
//! `gongkai export xlsx` itself.

#![allow(dead_code)]

use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Num(f64),
    /// A formula saved without its result.
    Uncached(String),
}

pub fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

pub fn n(v: f64) -> Cell {
    Cell::Num(v)
}

#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    cells: Vec<(u32, u16, Cell)>,
    merges: Vec<(u32, u16, u32, u16, String)>,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Default::default()
        }
    }

    pub fn put(&mut self, row: u32, col: u16, cell: Cell) -> &mut Self {
        self.cells.push((row, col, cell));
        self
    }

    /// Cells of one row from column A; `None` leaves a cell empty.
    pub fn row(&mut self, row: u32, cells: Vec<Option<Cell>>) -> &mut Self {
        self.cells_from(row, 0, cells.into_iter())
    }

    /// Text cells from column `col` on; "" leaves a cell empty.
    pub fn texts(&mut self, row: u32, col: u16, texts: &[&str]) -> &mut Self {
        let cells = texts.iter().map(|s| (!s.is_empty()).then(|| t(s)));
        self.cells_from(row, col, cells)
    }

    /// Number cells from column `col` on.
    pub fn numbers(&mut self, row: u32, col: u16, values: &[f64]) -> &mut Self {
        self.cells_from(row, col, values.iter().map(|v| Some(n(*v))))
    }

    fn cells_from(
        &mut self,
        row: u32,
        col: u16,
        cells: impl Iterator<Item = Option<Cell>>,
    ) -> &mut Self {
        for (c, cell) in cells.enumerate() {
            if let Some(cell) = cell {
                self.put(row, col + c as u16, cell);
            }
        }
        self
    }

    pub fn merge(&mut self, r1: u32, c1: u16, r2: u32, c2: u16, text: &str) -> &mut Self {
        self.merges.push((r1, c1, r2, c2, text.to_string()));
        self
    }
}

pub fn save(path: &Path, sheets: &[Sheet]) {
    let mut book = Workbook::new();
    let two_decimals = Format::new().set_num_format("0.00");
    let plain = Format::new();
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&s.name).unwrap();
        for (r1, c1, r2, c2, text) in &s.merges {
            ws.merge_range(*r1, *c1, *r2, *c2, text, &plain).unwrap();
        }
        for (r, c, cell) in &s.cells {
            match cell {
                Cell::Text(text) => ws.write_string(*r, *c, text).unwrap(),
                Cell::Num(v) => ws
                    .write_number_with_format(*r, *c, *v, &two_decimals)
                    .unwrap(),
                Cell::Uncached(f) => {
                    ws.write_formula(*r, *c, f.as_str()).unwrap();
                    ws.set_formula_result(*r, *c, "")
                }
            };
        }
    }
    book.save(path).unwrap();
}
