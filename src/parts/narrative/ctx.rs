//! What every fact builder needs: the figures as printed, last year's, the reasons, and
//! the precision of each kind of percentage.

use crate::base::money::Money;
use crate::declare::edition::narrative::{NarrativeLayout, Precision, ShareMethod};
use crate::figures::change::{Change, ChangeFact};
use crate::figures::percent::{shares, Percent};
use crate::figures::Figures;
use crate::figures::{EconomicSpending, Item, SangongTable};
use crate::resolve::narrative::{NarrativeFacts, Prior};
use crate::resolve::Facts;
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::BTreeMap;

pub struct Ctx<'a> {
    pub facts: &'a Facts,
    pub n: &'a NarrativeFacts,
    pub layout: &'a NarrativeLayout,
    pub precision: Precision,
    pub share_method: ShareMethod,
    /// Each 项 with its figures.
    pub items: &'a [Item],
    pub totals: &'a Figures,
    pub named: &'a BTreeMap<&'static str, Money>,
    pub economic: &'a EconomicSpending,
    pub sangong: &'a SangongTable,
    pub prior: &'a Prior,
    /// Names the edition uses that gongkai does not know (reported, not guessed).
    pub unknown: RefCell<Vec<String>>,
}

impl Ctx<'_> {
    /// The figure as the booklet prints it: the edition's `[format]` (万元, two
    /// decimals), half-up.
    pub fn p(&self, m: Money) -> Decimal {
        self.facts.edition.format.printed(m)
    }

    pub fn year(&self) -> i32 {
        self.facts.unit.year
    }

    /// A unit-level figure by name: a named total (`income_grand_total`) or a field of
    /// the unit's figures (`fiscal_income`).
    pub fn figure(&self, name: &str) -> Money {
        match self
            .named
            .get(name)
            .copied()
            .or_else(|| self.totals.get(name))
        {
            Some(m) => m,
            None => {
                self.unknown
                    .borrow_mut()
                    .push(format!("不认识的数“{name}”"));
                Money::ZERO
            }
        }
    }

    /// Last year's figure by its `[previous]` name; `None` when not known.
    pub fn prior(&self, name: Option<&str>) -> Option<Money> {
        let name = name?;
        match self.prior.get(name) {
            Some(m) => m,
            None => {
                self.unknown
                    .borrow_mut()
                    .push(format!("不认识的上年数“{name}”"));
                None
            }
        }
    }

    /// The user's reason text for `key` (a field of `[narrative.reasons]`).
    pub fn reason(&self, key: &str) -> Option<&String> {
        self.n.reasons.get(key)
    }

    /// `current` against `prior`, explained by the reason `reason_key`.
    pub fn change(
        &self,
        current: Money,
        prior: Option<Money>,
        reason_key: Option<&str>,
    ) -> ChangeFact {
        let change = Change::between(
            self.p(current),
            prior.map(|m| self.p(m)),
            self.precision.change,
        );
        let reason = reason_key.and_then(|k| self.reason(k));
        ChangeFact::new(change, current, prior, self.year() - 1, reason_key, reason)
    }

    /// `part` of `whole`, both as printed, at `dp` decimals (`99.9%`); `None` when the
    /// whole prints as zero.
    pub fn pct(&self, part: Money, whole: Money, dp: u32) -> Option<String> {
        Percent::of(self.p(part), self.p(whole), dp).map(|p| p.to_string())
    }

    /// Each part's share of the breakdown, of the printed parts.
    pub fn shares(&self, parts: &[Money], dp: u32) -> Vec<Option<Percent>> {
        let printed: Vec<Decimal> = parts.iter().map(|m| self.p(*m)).collect();
        shares(&printed, dp, self.share_method)
    }

    /// The name of a 功能分类 code (类, 款 or 项) as the tables print it.
    pub fn function_name(&self, code: &str) -> String {
        self.facts
            .function_names
            .get(code)
            .cloned()
            .unwrap_or_default()
    }
}
