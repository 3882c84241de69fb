//! Figures: every total, change, share and rate, from the resolved facts, in exact money.
//! A 功能分类 row's figures ([`Figures`]) sum up the hierarchy; the unit's named figures,
//! 基本支出 by 经济分类, the 三公 columns and last year's figures come with them in
//! [`Computed`], which the tables, the parts and the checks read.

pub mod change;
pub mod percent;
mod prior;
mod row;
pub mod unit;

pub use row::Figures;
pub use unit::{EconomicLine, EconomicSpending, SangongColumns, SangongTable};

use crate::base::money::Money;
use crate::resolve::narrative::Prior;
use crate::resolve::Facts;
use std::collections::BTreeMap;

/// One 功能分类 项 with its figures.
#[derive(Debug, Clone)]
pub struct Item {
    pub code: String,
    /// The budget unit it belongs to (`[[units]]`), when the department lists units.
    pub unit: Option<String>,
    pub figures: Figures,
}

/// What the figures stage computes from the facts.
#[derive(Debug, Clone)]
pub struct Computed {
    /// Each 项 of the facts, in the same order, with its figures.
    pub items: Vec<Item>,
    /// The sum over every item.
    pub totals: Figures,
    /// Every unit figure by name (the vocabulary's `unit_figures`).
    pub named: BTreeMap<&'static str, Money>,
    /// 基本支出 by 经济分类.
    pub economic: EconomicSpending,
    /// The 三公 figures, budget and actual.
    pub sangong: SangongTable,
    /// Last year's figures: from last year's facts, else the `[previous]` table.
    pub prior: Prior,
}

/// The figures of `facts`.
pub fn compute(facts: &Facts) -> Computed {
    let items: Vec<Item> = facts
        .items
        .iter()
        .map(|i| Item {
            code: i.code.clone(),
            unit: i.unit.clone(),
            figures: Figures::of(&i.amounts),
        })
        .collect();
    let totals = sum(&items);
    let sangong = SangongTable {
        budget: unit::sangong_columns(&facts.sangong.budget),
        actual: unit::sangong_columns(&facts.sangong.actual),
    };
    let economic = unit::economic_spending(facts);
    let named = unit::unit_figures(&facts.balances, &totals, &economic, &sangong);
    let prior = match &facts.previous {
        Some(previous) => prior::of(previous, facts.kind),
        None => facts.narrative.prior.clone(),
    };
    Computed {
        items,
        totals,
        named,
        economic,
        sangong,
        prior,
    }
}

/// The sum of the items' figures.
pub fn sum(items: &[Item]) -> Figures {
    let mut totals = Figures::default();
    for item in items {
        totals += &item.figures;
    }
    totals
}
