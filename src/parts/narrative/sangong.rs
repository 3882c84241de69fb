//! `sangong` (财政拨款“三公”经费): budget against actual, against last year, and per
//! item with the counts the table cannot show (groups, vehicles, receptions).

use super::ctx::Ctx;
use super::Built;
use crate::base::money::Money;
use crate::declare::edition::narrative::SectionSpec;
use crate::figures::change::ChangeFact;
use crate::figures::SangongColumns;
use crate::resolve::narrative::SangongDetails;
use crate::resolve::SangongLine;
use serde::Serialize;

#[derive(Serialize)]
struct SangongFacts {
    /// Nothing budgeted, spent or spent last year, and no counts: the edition's
    /// `empty` and `empty_details`.
    empty: bool,
    /// The table's budget and actual columns (`total`, `abroad`, `car_total`,
    /// `car_purchase`, `car_running`, `reception`).
    budget: SangongColumns,
    actual: SangongColumns,
    /// The whole and each item: budget, actual, completion, change (reasons `sangong`,
    /// `abroad`, `car`, `reception`).
    total: Line,
    abroad: Line,
    car: Line,
    reception: Line,
    /// The counts and uses of `[narrative.sangong]` (a count not given is null).
    details: SangongDetails,
    /// Whether the car item goes on to 购置 and 运行维护 (money spent or counts given).
    car_details: bool,
    /// Whether the reception item goes on to 外宾 and 国内 (money spent or counts given).
    reception_details: bool,
    /// 外宾接待 and the rest of 公务接待费.
    foreign: Money,
    domestic: Money,
}

#[derive(Serialize)]
struct Line {
    budget: Money,
    actual: Money,
    /// 完成全年预算的 x%; null when the budget prints as zero.
    completion: Option<String>,
    /// Budget, actual and last year (where known) all print as zero.
    quiet: bool,
    change: ChangeFact,
}

pub fn sangong(c: &Ctx, _: &SectionSpec) -> Built {
    let budget = c.sangong.budget;
    let actual = c.sangong.actual;
    let prior = c.prior.sangong;
    let prior_of = |f: fn(&SangongLine) -> Money| prior.as_ref().map(f);
    let line = |budget: Money, actual: Money, prior: Option<Money>, key: &str| Line {
        budget,
        actual,
        completion: c.pct(actual, budget, c.precision.completion),
        quiet: [Some(budget), Some(actual), prior]
            .iter()
            .flatten()
            .all(|m| c.p(*m).is_zero()),
        change: c.change(actual, prior, Some(key)),
    };
    let total = line(
        budget.total,
        actual.total,
        prior_of(|p| p.abroad + p.car_purchase + p.car_running + p.reception),
        "sangong",
    );
    let details = c.n.sangong.clone();
    let foreign = details.foreign_reception.unwrap_or_default();
    Built::of(SangongFacts {
        empty: total.quiet && !details.has_counts(),
        budget,
        actual,
        abroad: line(
            budget.abroad,
            actual.abroad,
            prior_of(|p| p.abroad),
            "abroad",
        ),
        car: line(
            budget.car_total,
            actual.car_total,
            prior_of(|p| p.car_purchase + p.car_running),
            "car",
        ),
        reception: line(
            budget.reception,
            actual.reception,
            prior_of(|p| p.reception),
            "reception",
        ),
        total,
        car_details: !c.p(actual.car_total).is_zero()
            || details.cars_bought.is_some()
            || details.cars_held.is_some(),
        reception_details: !c.p(actual.reception).is_zero()
            || details.reception_batches.is_some()
            || details.foreign_batches.is_some(),
        foreign,
        domestic: actual.reception - foreign,
        details,
    })
}
