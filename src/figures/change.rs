//! A figure against last year's: the direction, the amount and the rate. Works on
//! printed figures (万元, two decimals), so the reader can check 150.79 − 123.55 = 27.24
//! from the text itself. How a change is worded is the template set's (`compared`,
//! `against_last_year`, … in its macros).

use crate::base::money::Money;
use crate::figures::percent::Percent;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Up {
        amount: Decimal,
        rate: Percent,
    },
    Down {
        amount: Decimal,
        rate: Percent,
    },
    Equal,
    /// Last year was zero: the increase is known, a growth rate is not.
    ZeroBase {
        amount: Decimal,
    },
    /// Zero in both years.
    BothZero,
    /// Last year's figure is not known.
    Unknown,
}

impl Change {
    /// `current` and `prior` are printed figures in 万元; `dp` the rate's decimals.
    pub fn between(current: Decimal, prior: Option<Decimal>, dp: u32) -> Change {
        let Some(prior) = prior else {
            return Change::Unknown;
        };
        let amount = (current - prior).abs();
        if current == prior {
            if current.is_zero() {
                Change::BothZero
            } else {
                Change::Equal
            }
        } else if prior.is_zero() {
            Change::ZeroBase { amount }
        } else {
            let rate = Percent::of(amount, prior, dp).expect("prior is not zero");
            if current > prior {
                Change::Up { amount, rate }
            } else {
                Change::Down { amount, rate }
            }
        }
    }

    /// `up` (also from a zero base) or `down`; `None` for no change or no data.
    pub fn direction(&self) -> Option<&'static str> {
        match self {
            Change::Up { .. } | Change::ZeroBase { .. } => Some("up"),
            Change::Down { .. } => Some("down"),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Change::Up { .. } => "up",
            Change::Down { .. } => "down",
            Change::Equal => "equal",
            Change::ZeroBase { .. } => "zero_base",
            Change::BothZero => "both_zero",
            Change::Unknown => "unknown",
        }
    }

    fn amount(&self) -> Decimal {
        match self {
            Change::Up { amount, .. }
            | Change::Down { amount, .. }
            | Change::ZeroBase { amount } => *amount,
            _ => Decimal::ZERO,
        }
    }

    fn rate(&self) -> Option<Percent> {
        match self {
            Change::Up { rate, .. } | Change::Down { rate, .. } => Some(*rate),
            _ => None,
        }
    }
}

/// A change as the templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeFact {
    /// `up`, `down`, `equal`, `zero_base` (last year 0: an increase without a rate),
    /// `both_zero` or `unknown` (no figure for last year).
    pub kind: &'static str,
    /// `up` or `down` when the figure moved (a zero base moved up), else null.
    pub direction: Option<&'static str>,
    /// Whether it moved: the text owes the reader its main reason.
    pub moved: bool,
    /// The difference of the two printed figures, exact (`wan` prints it).
    pub amount: Money,
    /// The rate at the edition's precision (`22.0%`); null without one.
    pub rate: Option<String>,
    /// This year's figure and last year's (null when not known).
    pub current: Money,
    pub prior: Option<Money>,
    /// The year compared with (`2023`).
    pub prior_year: i32,
    /// The user's reason (`[narrative.reasons]`), without a closing full stop.
    pub reason: Option<String>,
    /// Where that reason is written, for rule W501 (`total`, or a 项 code).
    pub reason_key: Option<String>,
}

impl ChangeFact {
    pub fn new(
        change: Change,
        current: Money,
        prior: Option<Money>,
        prior_year: i32,
        reason_key: Option<&str>,
        reason: Option<&String>,
    ) -> ChangeFact {
        ChangeFact {
            kind: change.kind(),
            direction: change.direction(),
            moved: change.direction().is_some(),
            amount: Money::from_wan(change.amount()),
            rate: change.rate().map(|r| r.to_string()),
            current,
            prior,
            prior_year,
            reason: reason.cloned(),
            reason_key: reason_key.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn fact(current: &str, prior: Option<&str>) -> ChangeFact {
        let change = Change::between(d(current), prior.map(d), 1);
        ChangeFact::new(
            change,
            Money::from_wan(d(current)),
            prior.map(|p| Money::from_wan(d(p))),
            2023,
            Some("total"),
            None,
        )
    }

    #[test]
    fn up_and_down_carry_amount_and_rate() {
        let up = fact("150.79", Some("123.55"));
        assert_eq!((up.kind, up.direction, up.moved), ("up", Some("up"), true));
        assert_eq!(up.amount, Money::from_wan(d("27.24")));
        assert_eq!(up.rate.as_deref(), Some("22.0%"));
        let down = fact("1463.06", Some("4345.99"));
        assert_eq!((down.kind, down.direction), ("down", Some("down")));
        assert_eq!(down.amount, Money::from_wan(d("2882.93")));
        assert_eq!(down.rate.as_deref(), Some("66.3%"));
        // Down to nothing is a 100% fall.
        assert_eq!(fact("0", Some("12.00")).rate.as_deref(), Some("100%"));
    }

    #[test]
    fn level_figures_have_no_direction() {
        let equal = fact("12.40", Some("12.40"));
        assert_eq!((equal.kind, equal.moved), ("equal", false));
        assert!(equal.rate.is_none());
        let both = fact("0", Some("0.00"));
        assert_eq!((both.kind, both.moved), ("both_zero", false));
    }

    #[test]
    fn zero_base_moves_up_without_a_rate() {
        let z = fact("0.35", Some("0"));
        assert_eq!(
            (z.kind, z.direction, z.moved),
            ("zero_base", Some("up"), true)
        );
        assert_eq!(z.amount, Money::from_wan(d("0.35")));
        assert!(z.rate.is_none());
    }

    #[test]
    fn unknown_prior_states_nothing() {
        let u = fact("150.79", None);
        assert_eq!((u.kind, u.moved), ("unknown", false));
        assert!(u.prior.is_none());
    }

    #[test]
    fn rate_rounds_half_up_at_x5() {
        // 100.25 vs 100: +0.25% → 0.3% at one decimal (a tie, rounded up).
        assert_eq!(fact("100.25", Some("100")).rate.as_deref(), Some("0.3%"));
        assert_eq!(fact("99.75", Some("100")).rate.as_deref(), Some("0.3%"));
    }
}
