//! The money lines of the budget's performance target forms, where an export has them:
//! 表12-n (项目支出绩效目标表: 项目总预算, 项目前两年预算情况, the 测算 lines) and 表11
//! (部门整体支出绩效目标表: 近两年收支情况). A form is text laid out in label cells, so
//! each line is found by its label; everything else on a form stays 待补充.

use super::assemble::{leaf, Leaf};
use super::extract::Value;
use super::text::{amount, cell_text, key, unit_after};
use super::workbook::{Pos, Sheet};
use crate::base::diag::Diagnostic;
use crate::base::money::AmountUnit;
use rust_decimal::Decimal;

/// What a 表12 form holds of money.
#[derive(Debug, Clone, Default)]
pub struct ProjectForm {
    pub name: String,
    pub sheet: String,
    pub total_budget: Option<Leaf>,
    /// Year, 预算数, 执行数.
    pub history: Vec<(i32, Leaf, Leaf)>,
    pub estimates: Vec<EstimateLine>,
}

#[derive(Debug, Clone)]
pub struct EstimateLine {
    pub task: String,
    pub standard: String,
    pub price: Leaf,
    pub quantity: Decimal,
    pub basis: String,
}

/// 表11's two history years: 财政拨款, 其他资金, 基本支出, 项目支出 of each.
#[derive(Debug, Clone, Default)]
pub struct OverallForm {
    pub years: Vec<(i32, [Option<Leaf>; 4])>,
}

pub enum Form {
    Project(ProjectForm),
    Overall(OverallForm),
}

/// How far down a form's title may stand.
const TITLE_ROWS: u32 = 6;

/// The form a sheet holds, by its title; `None` when it holds none.
pub fn read(sheet: &Sheet, errors: &mut Vec<Diagnostic>) -> Option<Form> {
    let mut f = FormSheet { sheet, errors };
    let titled = |words: &str| {
        (0..sheet.height().min(TITLE_ROWS)).any(|row| {
            (0..sheet.width())
                .any(|col| key(&cell_text(sheet.get(Pos { row, col }))).contains(words))
        })
    };
    if titled("项目支出绩效目标") {
        f.find("项目名称")?;
        Some(Form::Project(f.project()))
    } else if titled("整体支出绩效目标") {
        Some(Form::Overall(f.overall()))
    } else {
        None
    }
}

struct FormSheet<'a, 'b> {
    sheet: &'a Sheet,
    errors: &'b mut Vec<Diagnostic>,
}

impl FormSheet<'_, '_> {
    fn text(&self, pos: Pos) -> String {
        cell_text(self.sheet.get(pos))
    }

    /// The first cell, row by row, whose text is `label`.
    fn find(&self, label: &str) -> Option<Pos> {
        let label = key(label);
        (0..self.sheet.height()).find_map(|row| {
            (0..self.sheet.width())
                .map(|col| Pos { row, col })
                .find(|p| key(&self.text(*p)) == label)
        })
    }

    /// The first non-empty cell right of `pos` (and of its merged cell).
    fn right_of(&self, pos: Pos) -> Option<Pos> {
        let from = self.sheet.merge_at(pos).map_or(pos.col, |m| m.last.col) + 1;
        (from..self.sheet.width())
            .map(|col| Pos { row: pos.row, col })
            .find(|p| !key(&self.text(*p)).is_empty())
    }

    /// The column of `label` in `row`.
    fn column(&self, row: u32, label: &str) -> Option<u32> {
        let label = key(label);
        (0..self.sheet.width()).find(|col| key(&self.text(Pos { row, col: *col })) == label)
    }

    /// The amount in a cell in `unit`; an error naming the cell when it is none.
    fn amount(&mut self, pos: Pos, unit: AmountUnit) -> Option<Value> {
        let cell = self.sheet.cell_ref(pos);
        match amount(self.sheet.get(pos)) {
            Ok(a) => Some(Value {
                amount: a,
                unit,
                cell,
                also: Vec::new(),
            }),
            Err(_) => {
                self.errors.push(
                    Diagnostic::error("E0806", format!("{cell}：“{}”不是金额", self.text(pos)))
                        .help("金额应为数字，可带千分位（1,234.56）；“-”“—”或空白表示 0"),
                );
                None
            }
        }
    }

    /// The form's amount unit: a `单位：元` line, or `（万元）` in a label.
    fn unit(&self, default: AmountUnit) -> AmountUnit {
        for row in 0..self.sheet.height() {
            for col in 0..self.sheet.width() {
                let text = self.text(Pos { row, col });
                if let Some(u) = ["金额单位", "单位"]
                    .iter()
                    .find_map(|l| unit_after(&text, l))
                {
                    return u;
                }
                if key(&text).contains("(万元)") {
                    return AmountUnit::Wan;
                }
            }
        }
        default
    }

    fn project(&mut self) -> ProjectForm {
        let unit = self.unit(AmountUnit::Yuan);
        let mut form = ProjectForm {
            sheet: self.sheet.name.clone(),
            ..ProjectForm::default()
        };
        if let Some(p) = self.find("项目名称").and_then(|p| self.right_of(p)) {
            form.name = self.text(p);
        }
        if let Some(p) = self.find("项目总预算").and_then(|p| self.right_of(p)) {
            form.total_budget = self.amount(p, unit).map(|v| leaf(&v));
        }
        // 项目前两年预算情况: 年度 | 预算数 | 执行数 | 执行率, a line a year.
        if let Some(h) = self.find("项目前两年预算情况") {
            let (year_col, budget_col, executed_col) = (
                self.column(h.row, "年度"),
                self.column(h.row, "预算数"),
                self.column(h.row, "执行数"),
            );
            if let (Some(y), Some(b), Some(e)) = (year_col, budget_col, executed_col) {
                for row in h.row + 1..self.sheet.height() {
                    let Some(year) = year_of(&self.text(Pos { row, col: y })) else {
                        break;
                    };
                    let budget = self.amount(Pos { row, col: b }, unit);
                    let executed = self.amount(Pos { row, col: e }, unit);
                    if let (Some(b), Some(e)) = (budget, executed) {
                        if !(b.amount.is_zero() && e.amount.is_zero()) {
                            form.history.push((year, leaf(&b), leaf(&e)));
                        }
                    }
                }
            }
        }
        // 项目支出明细测算: 项目任务明细 | 支出标准 | 单价 | 计量数 | 测算数 | 测算依据及说明.
        if let Some(h) = self.find("项目任务明细") {
            let column = |label: &str| self.column(h.row, label);
            let (standard, price, quantity, basis) = (
                column("支出标准"),
                column("单价"),
                column("计量数"),
                column("测算依据及说明"),
            );
            if let (Some(price), Some(quantity)) = (price, quantity) {
                for row in h.row + 1..self.sheet.height() {
                    let task = self.text(Pos { row, col: h.col });
                    let ends = ["项目采购", "项目绩效总目标", "品名"];
                    if key(&task).is_empty() || ends.iter().any(|e| key(&task).starts_with(e)) {
                        break;
                    }
                    let text_at =
                        |c: Option<u32>| c.map_or(String::new(), |col| self.text(Pos { row, col }));
                    let (standard, basis) = (text_at(standard), text_at(basis));
                    let p = self.amount(Pos { row, col: price }, unit);
                    let q = self.amount(Pos { row, col: quantity }, AmountUnit::Yuan);
                    if let (Some(p), Some(q)) = (p, q) {
                        form.estimates.push(EstimateLine {
                            task,
                            standard,
                            price: leaf(&p),
                            quantity: q.amount,
                            basis,
                        });
                    }
                }
            }
        }
        form
    }

    fn overall(&mut self) -> OverallForm {
        let unit = self.unit(AmountUnit::Wan);
        let mut form = OverallForm::default();
        let Some(n) = self.find("近两年收支情况") else {
            return form;
        };
        // The years head the columns under 近两年收支情况.
        let years: Vec<(i32, u32)> = (n.row..(n.row + 3).min(self.sheet.height()))
            .flat_map(|row| (0..self.sheet.width()).map(move |col| Pos { row, col }))
            .filter_map(|p| year_of(&self.text(p)).map(|y| (y, p.col)))
            .collect();
        let rows = ["财政拨款", "其他资金", "基本支出", "项目支出"].map(|l| self.find(l));
        for (year, col) in years {
            let mut figures: [Option<Leaf>; 4] = Default::default();
            for (i, at) in rows.iter().enumerate() {
                if let Some(p) = at {
                    figures[i] = self.amount(Pos { row: p.row, col }, unit).map(|v| leaf(&v));
                }
            }
            form.years.push((year, figures));
        }
        form
    }
}

/// `2022` from `2022年` or `2022 年`.
fn year_of(text: &str) -> Option<i32> {
    let k = key(text);
    let digits = k.strip_suffix('年')?;
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_history_lines() {
        assert_eq!(year_of("2022 年"), Some(2022));
        assert_eq!(year_of("２０２３年"), Some(2023));
        assert_eq!(year_of("年度"), None);
        assert_eq!(year_of("2022"), None);
    }
}
