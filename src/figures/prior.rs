//! Last year's figures from last year's facts, computed exactly as its own booklet
//! computes them.

use super::{unit::named_totals, Figures, Item};
use crate::input::BookletKind;
use crate::resolve::narrative::Prior;
use crate::resolve::Facts;

pub fn of(previous: &Facts, kind: BookletKind) -> Prior {
    let items: Vec<Item> = previous
        .items
        .iter()
        .map(|i| Item {
            code: i.code.clone(),
            unit: i.unit.clone(),
            figures: Figures::of(&i.amounts),
        })
        .collect();
    let totals = super::sum(&items);
    let named = named_totals(&previous.balances, &totals);
    // A budget compares with last year's budget (its 三公 预算数), a 决算 with 决算数.
    let s = match kind {
        BookletKind::Final => previous.sangong.actual,
        BookletKind::Budget => previous.sangong.budget,
    };
    Prior {
        total: Some(named["income_grand_total"]),
        income: Some(totals.income_total),
        spending: Some(totals.spending_total),
        fiscal_total: Some(named["fiscal_income_grand_total"]),
        general_income: Some(totals.general_income),
        fund_income: Some(totals.fund_income),
        capital_income: Some(totals.capital_income),
        general_spending: Some(totals.general_spending),
        operating_costs: previous
            .narrative
            .operating_costs
            .as_ref()
            .map(|o| o.amount),
        sangong: Some(s),
        sangong_total: None,
    }
}
