//! 七 政府性基金 and 八 国有资本经营: the figures and each 项's spending, or the
//! edition's "无…" sentence.

use super::write::{Ctx, Writer};
use crate::compute::figures::Figures;
use crate::money::Money;

/// 七、政府性基金预算财政拨款收入支出决算情况说明.
pub fn fund(c: &Ctx, w: &mut Writer) {
    let t = c.totals;
    if !t.has_fund_money() {
        w.empty();
        return;
    }
    w.par(format!(
        "{}政府性基金预算财政拨款年初结转和结余{}万元，本年收入{}万元，本年支出{}万元，年末结转和结余{}万元。{}",
        c.this_year(),
        c.wan(t.fund_opening),
        c.wan(t.fund_income),
        c.wan(t.fund_spending),
        c.wan(t.fund_closing),
        spending_by_item(c, |f| f.fund_spending),
    ));
}

/// 八、国有资本经营预算财政拨款支出决算情况说明.
pub fn capital(c: &Ctx, w: &mut Writer) {
    let t = c.totals;
    if t.capital_spending.is_zero() && t.capital_income.is_zero() && t.capital_opening.is_zero() {
        w.empty();
        return;
    }
    w.par(format!(
        "{}国有资本经营预算财政拨款本年收入{}万元，本年支出{}万元。{}",
        c.this_year(),
        c.wan(t.capital_income),
        c.wan(t.capital_spending),
        spending_by_item(c, |f| f.capital_spending),
    ));
}

/// `具体支出情况为：{项}，支出决算为261.62万元，主要用于…。`
fn spending_by_item(c: &Ctx, spent: fn(&Figures) -> Money) -> String {
    let lines: Vec<String> = c
        .facts
        .items
        .iter()
        .filter(|i| !spent(&i.figures).is_zero())
        .map(|i| {
            let uses =
                c.n.item_notes
                    .get(&i.code)
                    .and_then(|n| n.uses.as_ref())
                    .map(|u| format!("，主要用于{u}"))
                    .unwrap_or_default();
            let name = c
                .facts
                .function_names
                .get(&i.code)
                .cloned()
                .unwrap_or_default();
            format!("{name}，支出决算为{}万元{uses}", c.wan(spent(&i.figures)))
        })
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("具体支出情况为：{}。", lines.join("；"))
    }
}
