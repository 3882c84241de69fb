//! `fund` (政府性基金) and `capital` (国有资本经营): the fund's figures and each 项's
//! spending with what it was used for.

use super::ctx::Ctx;
use super::Built;
use crate::base::money::Money;
use crate::declare::edition::narrative::SectionSpec;
use crate::figures::Figures;
use serde::Serialize;

#[derive(Serialize)]
struct FundFacts {
    /// No money of this fund at all: the edition's `empty`.
    empty: bool,
    /// 年初结转和结余, 本年收入, 本年支出, 年末结转和结余.
    opening: Money,
    income: Money,
    spending: Money,
    closing: Money,
    /// The 项 that spent this fund's money, in code order.
    items: Vec<Spent>,
}

#[derive(Serialize)]
struct Spent {
    code: String,
    name: String,
    amount: Money,
    /// The user's words (`items[].uses`).
    uses: Option<String>,
}

pub fn fund(c: &Ctx, _: &SectionSpec) -> Built {
    let t = c.totals;
    Built::of(FundFacts {
        empty: !t.has_fund_money(),
        opening: t.fund_opening,
        income: t.fund_income,
        spending: t.fund_spending,
        closing: t.fund_closing,
        items: spent_by_item(c, |f| f.fund_spending),
    })
}

pub fn capital(c: &Ctx, _: &SectionSpec) -> Built {
    let t = c.totals;
    Built::of(FundFacts {
        empty: t.capital_spending.is_zero()
            && t.capital_income.is_zero()
            && t.capital_opening.is_zero(),
        opening: t.capital_opening,
        income: t.capital_income,
        spending: t.capital_spending,
        closing: t.capital_closing,
        items: spent_by_item(c, |f| f.capital_spending),
    })
}

fn spent_by_item(c: &Ctx, spent: fn(&Figures) -> Money) -> Vec<Spent> {
    c.items
        .iter()
        .filter(|i| !spent(&i.figures).is_zero())
        .map(|i| Spent {
            code: i.code.clone(),
            name: c.function_name(&i.code),
            amount: spent(&i.figures),
            uses: c.n.item_notes.get(&i.code).and_then(|n| n.uses.clone()),
        })
        .collect()
}
