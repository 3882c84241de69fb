//! Workbooks for the import tests, written with rust_xlsxwriter: a small builder for
//! sheets cell by cell, and the Wuhan 公开01–09 layout of a computed booklet (standing in
//! for `gongkai export xlsx` until it exists).

#![allow(dead_code)]

use gongkai::compute::Booklet;
use gongkai::money::Money;
use gongkai::tables::{FunctionData, TableData};
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
        for (c, cell) in cells.into_iter().enumerate() {
            if let Some(cell) = cell {
                self.put(row, c as u16, cell);
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

/// The table's amounts as cells: exact 元, or exact 万元 (as gongkai's export writes
/// them, shown with two decimals); zero is an empty cell as printed.
#[derive(Clone, Copy)]
pub enum Unit {
    Yuan,
    Wan,
}

fn money(m: Money, unit: Unit) -> Option<Cell> {
    if m.is_zero() {
        return None;
    }
    let d = match unit {
        Unit::Yuan => m.yuan(),
        Unit::Wan => m.wan_exact(),
    };
    Some(Cell::Num(d.normalize().to_string().parse().unwrap()))
}

fn unit_line(unit: Unit) -> &'static str {
    match unit {
        Unit::Yuan => "金额单位：元",
        Unit::Wan => "金额单位：万元",
    }
}

/// Title, label, org / year / unit line: rows 0 and 1.
fn head(s: &mut Sheet, b: &Booklet, id: &str, width: u16, unit: Unit) {
    let view = b.table(id).unwrap();
    s.merge(0, 0, 0, width - 2, &view.title);
    s.put(0, width - 1, t(&view.label));
    s.put(1, 0, t(&view.org_line));
    if let Some(y) = &view.year_line {
        s.put(1, width / 2, t(y));
    }
    s.put(1, width - 1, t(unit_line(unit)));
}

fn notes(s: &mut Sheet, b: &Booklet, id: &str, row: u32) {
    let view = b.table(id).unwrap();
    for (r, line) in (row..).zip(view.empty_note.iter().chain(&view.notes)) {
        s.put(r, 0, t(line));
    }
}

/// A 功能分类 table: `top` are the header texts of the value columns (rowspan 2 unless
/// grouped), `groups` the merged groups above some of them.
fn function_table(b: &Booklet, id: &str, headers: &[(&str, Option<&str>)], unit: Unit) -> Sheet {
    let kind = id;
    let data: &FunctionData = b.table(id).unwrap().function().unwrap();
    let width = 4 + headers.len() as u16;
    let mut s = Sheet::new("");
    head(&mut s, b, kind, width, unit);
    s.merge(2, 0, 2, 3, "项目");
    s.merge(3, 0, 3, 2, "功能分类科目编码");
    s.put(3, 3, t("科目名称"));
    let mut c = 4u16;
    while (c as usize) < 4 + headers.len() {
        let (text, group) = headers[c as usize - 4];
        match group {
            None => {
                s.merge(2, c, 3, c, text);
                c += 1;
            }
            Some(g) => {
                let span = headers[c as usize - 4..]
                    .iter()
                    .take_while(|(_, gg)| *gg == Some(g))
                    .count() as u16;
                s.merge(2, c, 2, c + span - 1, g);
                for i in 0..span {
                    s.put(3, c + i, t(headers[(c + i) as usize - 4].0));
                }
                c += span;
            }
        }
    }
    s.row(
        4,
        vec![Some(t("类")), Some(t("款")), Some(t("项")), Some(t("栏次"))],
    );
    for i in 0..headers.len() as u16 {
        s.put(4, 4 + i, t(&(i + 1).to_string()));
    }
    s.merge(5, 0, 5, 3, "合计");
    let mut r = 6;
    for (i, name) in data.columns.iter().enumerate() {
        if let Some(cell) = money(data.total.get(name).unwrap(), unit) {
            s.put(5, 4 + i as u16, cell);
        }
    }
    for row in &data.rows {
        s.merge(r, 0, r, 2, &row.code);
        s.put(r, 3, t(&row.name));
        for (i, name) in data.columns.iter().enumerate() {
            if let Some(cell) = money(row.f.get(name).unwrap(), unit) {
                s.put(r, 4 + i as u16, cell);
            }
        }
        r += 1;
    }
    notes(&mut s, b, kind, r);
    s
}

fn summary_table(b: &Booklet, id: &str, unit: Unit) -> Sheet {
    let kind = id;
    let TableData::Summary(table) = &b.table(id).unwrap().data else {
        panic!("{id} is not a summary table")
    };
    let fiscal = table.right.iter().any(|l| l.values.len() > 1);
    let right_values = if fiscal { 4 } else { 1 };
    let width = 5 + right_values as u16;
    let mut s = Sheet::new("");
    head(&mut s, b, kind, width, unit);
    s.merge(2, 0, 2, 2, "收入");
    s.merge(2, 3, 2, width - 1, "支出");
    let value = if fiscal { "决算数" } else { "金额" };
    let mut r = 3;
    if fiscal {
        s.merge(3, 0, 4, 0, "项目");
        s.merge(3, 1, 4, 1, "行次");
        s.merge(3, 2, 4, 2, value);
        s.merge(3, 3, 4, 3, "项目");
        s.merge(3, 4, 4, 4, "行次");
        s.merge(3, 5, 3, 8, value);
        for (i, h) in [
            "小计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ]
        .iter()
        .enumerate()
        {
            s.put(4, 5 + i as u16, t(h));
        }
        r = 5;
    } else {
        s.row(
            3,
            vec![
                Some(t("项目")),
                Some(t("行次")),
                Some(t(value)),
                Some(t("项目")),
                Some(t("行次")),
                Some(t(value)),
            ],
        );
        r += 1;
    }
    s.row(
        r,
        vec![Some(t("栏次")), None, Some(t("1")), Some(t("栏次")), None],
    );
    for i in 0..right_values {
        s.put(r, 5 + i as u16, t(&(i + 2).to_string()));
    }
    r += 1;
    let height = table.left.len().max(table.right.len());
    for i in 0..height {
        for (side, line) in [(0u16, table.left.get(i)), (3, table.right.get(i))] {
            let Some(line) = line else { continue };
            let label = if line.indent {
                format!("　　{}", line.label)
            } else {
                line.label.clone()
            };
            s.put(r, side, t(&label));
            if let Some(number) = line.number {
                s.put(r, side + 1, n(number as f64));
            }
            for (j, v) in line.values.iter().enumerate() {
                if let Some(cell) = money(v.money, unit) {
                    s.put(r, side + 2 + j as u16, cell);
                }
            }
        }
        r += 1;
    }
    notes(&mut s, b, kind, r);
    s
}

fn economic_table(b: &Booklet, unit: Unit) -> Sheet {
    let mut s = Sheet::new("");
    head(&mut s, b, "06", 9, unit);
    s.merge(2, 0, 2, 2, "人员经费");
    s.merge(2, 3, 2, 8, "公用经费");
    for g in 0..3u16 {
        s.put(3, 3 * g, t("经济分类科目编码"));
        s.put(3, 3 * g + 1, t("科目名称"));
        s.put(3, 3 * g + 2, t("决算数"));
    }
    // 人员经费 | 公用经费 302 | 公用经费 310, each 类 line followed by its 款 lines.
    let e = &b.economic;
    let public = |prefix: &str| -> Vec<&gongkai::tables::EconomicLine> {
        e.public
            .iter()
            .filter(|l| l.code.starts_with(prefix))
            .collect()
    };
    let groups = [e.personnel.iter().collect(), public("302"), public("310")];
    let mut height = 0;
    for (g, lines) in groups.iter().enumerate() {
        let c = 3 * g as u16;
        let mut r = 4;
        let mut class = String::new();
        for line in lines {
            if line.code[..3] != class {
                class = line.code[..3].to_string();
                let sum: Money = lines
                    .iter()
                    .filter(|l| l.code.starts_with(&class))
                    .map(|l| l.amount)
                    .sum();
                s.put(r, c, t(&class));
                s.put(r, c + 1, t("类合计"));
                if let Some(cell) = money(sum, unit) {
                    s.put(r, c + 2, cell);
                }
                r += 1;
            }
            s.put(r, c, t(&line.code));
            s.put(r, c + 1, t(&line.name));
            if let Some(cell) = money(line.amount, unit) {
                s.put(r, c + 2, cell);
            }
            r += 1;
        }
        height = height.max(r);
    }
    let r = height;
    s.merge(r, 0, r, 1, "人员经费合计");
    if let Some(cell) = money(e.personnel_total, unit) {
        s.put(r, 2, cell);
    }
    s.merge(r, 3, r, 7, "公用经费合计");
    if let Some(cell) = money(e.public_total, unit) {
        s.put(r, 8, cell);
    }
    notes(&mut s, b, "06", r + 1);
    s
}

fn sangong_table(b: &Booklet, unit: Unit) -> Sheet {
    let mut s = Sheet::new("");
    head(&mut s, b, "09", 12, unit);
    s.merge(2, 0, 2, 5, "预算数");
    s.merge(2, 6, 2, 11, "决算数");
    for base in [0u16, 6] {
        s.merge(3, base, 4, base, "合计");
        s.merge(3, base + 1, 4, base + 1, "因公出国（境）费");
        s.merge(3, base + 2, 3, base + 4, "公务用车购置及运行维护费");
        s.merge(3, base + 5, 4, base + 5, "公务接待费");
        s.put(4, base + 2, t("小计"));
        s.put(4, base + 3, t("公务用车购置费"));
        s.put(4, base + 4, t("公务用车运行维护费"));
    }
    for i in 0..12u16 {
        s.put(5, i, t(&(i + 1).to_string()));
    }
    for (base, c) in [(0u16, &b.sangong.budget), (6, &b.sangong.actual)] {
        let values = [
            c.total,
            c.abroad,
            c.car_total,
            c.car_purchase,
            c.car_running,
            c.reception,
        ];
        for (i, v) in values.iter().enumerate() {
            if let Some(cell) = money(*v, unit) {
                s.put(6, base + i as u16, cell);
            }
        }
    }
    notes(&mut s, b, "09", 7);
    s
}

/// The booklet's nine tables as the printed Wuhan layout, one sheet a table. Sheets are
/// named `Sheet1…` in reverse order, so the import cannot lean on names or order; the
/// tables of 01–05 are in exact 万元, the rest in 元.
pub fn wuhan_workbook(b: &Booklet, path: &Path) {
    let mut sheets = vec![
        summary_table(b, "01", Unit::Wan),
        function_table(
            b,
            "02",
            &[
                ("本年收入合计", None),
                ("财政拨款收入", None),
                ("上级补助收入", None),
                ("事业收入", None),
                ("经营收入", None),
                ("附属单位上缴收入", None),
                ("其他收入", None),
            ],
            Unit::Wan,
        ),
        function_table(
            b,
            "03",
            &[
                ("本年支出合计", None),
                ("基本支出", None),
                ("项目支出", None),
                ("上缴上级支出", None),
                ("经营支出", None),
                ("对附属单位补助支出", None),
            ],
            Unit::Wan,
        ),
        summary_table(b, "04", Unit::Wan),
        function_table(
            b,
            "05",
            &[
                ("小计", Some("本年支出")),
                ("基本支出", Some("本年支出")),
                ("项目支出", Some("本年支出")),
            ],
            Unit::Wan,
        ),
        economic_table(b, Unit::Yuan),
        function_table(
            b,
            "07",
            &[
                ("年初结转和结余", None),
                ("本年收入", None),
                ("小计", Some("本年支出")),
                ("基本支出", Some("本年支出")),
                ("项目支出", Some("本年支出")),
                ("年末结转和结余", None),
            ],
            Unit::Yuan,
        ),
        function_table(
            b,
            "08",
            &[
                ("合计", Some("本年支出")),
                ("基本支出", Some("本年支出")),
                ("项目支出", Some("本年支出")),
            ],
            Unit::Yuan,
        ),
        sangong_table(b, Unit::Yuan),
    ];
    sheets.reverse();
    for (i, s) in sheets.iter_mut().enumerate() {
        s.name = format!("Sheet{}", i + 1);
    }
    save(path, &sheets);
}
