//! What every section writer needs: the figures as printed, the year, the precision of
//! each kind of percentage, and small helpers for building the text blocks.

use super::change::Change;
use super::facts::NarrativeFacts;
use super::Block;
use crate::compute::figures::Figures;
use crate::compute::percent::{shares, Percent};
use crate::compute::resolve::Facts;
use crate::compute::{chinese_numeral, EconomicSpending, SangongTable};
use crate::edition::narrative::{NarrativeLayout, Precision, SectionSpec, ShareMethod};
use crate::money::{group_thousands, Money};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A change or deviation the text states without the reason it would print: which
/// reason was missing (`total`, `budget`, …, or a 项 code for its budget deviation)
/// and the statement itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Unexplained {
    pub reason: String,
    pub statement: String,
}

/// A printed 万元 figure in running text: `150.79`, `1,463.06`; zero is `0`.
pub fn amount_text(printed: Decimal, sep: bool) -> String {
    if printed.is_zero() {
        "0".to_string()
    } else {
        group_thousands(printed, sep)
    }
}

/// `甲`, `甲和乙`, `甲、乙和丙`.
pub fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}和{last}", rest.join("、")),
    }
}

pub struct Ctx<'a> {
    pub facts: &'a Facts,
    pub n: &'a NarrativeFacts,
    pub layout: &'a NarrativeLayout,
    pub precision: Precision,
    pub share_method: ShareMethod,
    pub totals: &'a Figures,
    pub named: BTreeMap<&'static str, Money>,
    pub economic: &'a EconomicSpending,
    pub sangong: &'a SangongTable,
    /// Filled while writing: what could not be explained (rule R501 reads it).
    pub unexplained: RefCell<Vec<Unexplained>>,
}

impl Ctx<'_> {
    /// The figure as the booklet prints it: 万元, two decimals, half-up.
    pub fn p(&self, m: Money) -> Decimal {
        m.wan_rounded(2)
    }

    /// `150.79` — a figure for running text (followed by 万元).
    pub fn wan(&self, m: Money) -> String {
        amount_text(self.p(m), self.facts.thousands_separator)
    }

    pub fn sep(&self) -> bool {
        self.facts.thousands_separator
    }

    pub fn year(&self) -> i32 {
        self.facts.unit.year
    }

    /// `2024年度`
    pub fn this_year(&self) -> String {
        format!("{}年度", self.year())
    }

    /// `2023年度`
    pub fn last_year(&self) -> String {
        format!("{}年度", self.year() - 1)
    }

    pub fn named(&self, name: &str) -> Money {
        self.named.get(name).copied().unwrap_or_default()
    }

    pub fn change(&self, current: Money, prior: Option<Money>) -> Change {
        Change::between(
            self.p(current),
            prior.map(|m| self.p(m)),
            self.precision.change,
        )
    }

    /// `part` of `whole`, both as printed, at `dp` decimals.
    pub fn pct(&self, part: Money, whole: Money, dp: u32) -> Option<Percent> {
        Percent::of(self.p(part), self.p(whole), dp)
    }

    /// Each part's share of the breakdown, of the printed parts.
    pub fn shares(&self, parts: &[Money], dp: u32) -> Vec<Option<Percent>> {
        let printed: Vec<Decimal> = parts.iter().map(|m| self.p(*m)).collect();
        shares(&printed, dp, self.share_method)
    }

    /// `，主要原因是…` when the change has a direction and a reason is given.
    pub fn because(&self, change: &Change, key: &str, statement: &str) -> String {
        match self.reason(key) {
            Some(r) if change.has_reason() => format!("，主要原因是{r}"),
            None if change.has_reason() => {
                self.unexplained(key, statement);
                String::new()
            }
            _ => String::new(),
        }
    }

    /// The user's reason text for `key` (a field of `[narrative.reasons]`).
    pub fn reason(&self, key: &str) -> Option<&String> {
        self.n.reasons.get(key)
    }

    /// Records a stated change or deviation whose reason the user did not give.
    pub fn unexplained(&self, key: &str, statement: &str) {
        self.unexplained.borrow_mut().push(Unexplained {
            reason: key.to_string(),
            statement: statement.to_string(),
        });
    }
}

/// The blocks of one section, with its sub-headings numbered （一）（二）… in order.
pub struct Writer<'s> {
    spec: &'s SectionSpec,
    parts_written: usize,
    pub blocks: Vec<Block>,
}

impl<'s> Writer<'s> {
    pub fn new(spec: &'s SectionSpec) -> Self {
        Writer {
            spec,
            parts_written: 0,
            blocks: Vec::new(),
        }
    }

    pub fn par(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph { text: text.into() });
    }

    /// The edition's next sub-heading, if it has one.
    pub fn part(&mut self) {
        if let Some(title) = self.spec.parts.get(self.parts_written) {
            self.blocks.push(Block::Subheading {
                text: format!("（{}）{title}", chinese_numeral(self.parts_written + 1)),
            });
        }
        self.parts_written += 1;
    }

    /// The edition's sentence for a section with nothing to report.
    pub fn empty(&mut self) {
        if let Some(text) = &self.spec.empty {
            self.par(text.clone());
        }
    }

    pub fn empty_details(&mut self) {
        for (i, text) in self.spec.empty_details.iter().enumerate() {
            self.par(format!("{}.{text}", i + 1));
        }
    }

    pub fn spec(&self) -> &SectionSpec {
        self.spec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_join_with_and_before_the_last() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&names(&[])), "");
        assert_eq!(join_and(&names(&["事业单位医疗"])), "事业单位医疗");
        assert_eq!(
            join_and(&names(&["住房公积金", "提租补贴"])),
            "住房公积金和提租补贴"
        );
        assert_eq!(
            join_and(&names(&["信息安全事务", "事业运行", "其他网信事务支出"])),
            "信息安全事务、事业运行和其他网信事务支出"
        );
    }

    #[test]
    fn running_text_amounts() {
        use std::str::FromStr;
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(amount_text(d("0.00"), true), "0");
        assert_eq!(amount_text(d("12.40"), false), "12.40");
        assert_eq!(amount_text(d("1076.50"), true), "1,076.50");
    }
}
