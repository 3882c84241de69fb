//! Percentages of the narrative, in Decimal and rounded half-up at the precision the
//! edition prints them with. A percentage that is exactly 100% (the part is the whole,
//! the budget is spent to the cent) or exactly 0% prints without decimals, as the
//! references do; every other one keeps its decimals (25.0%, 99.9%).

use crate::base::money::round_half_up;
use crate::declare::edition::narrative::ShareMethod;
use rust_decimal::Decimal;
use std::fmt;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent {
    /// Rounded to `dp` decimals (scale = dp).
    value: Decimal,
    /// Exactly 0% or 100%: print it without decimals.
    whole: bool,
}

impl Percent {
    /// `part / whole` in percent; `None` when `whole` is zero.
    pub fn of(part: Decimal, whole: Decimal, dp: u32) -> Option<Percent> {
        if whole.is_zero() {
            return None;
        }
        Some(Self::from_exact(part * HUNDRED / whole, dp))
    }

    fn from_exact(exact: Decimal, dp: u32) -> Percent {
        Percent {
            value: round_half_up(exact, dp),
            whole: is_none_or_all(exact),
        }
    }

    /// The rounded value, for charts and comparisons.
    pub fn value(self) -> Decimal {
        self.value
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.whole {
            write!(f, "{}%", self.value.trunc().normalize())
        } else {
            write!(f, "{}%", self.value)
        }
    }
}

fn is_none_or_all(exact: Decimal) -> bool {
    exact.is_zero() || exact == HUNDRED
}

/// Each part's share of the sum of the parts. With `HalfUp` every share is rounded on
/// its own (they may add up to 99.9 or 100.1); with `LargestRemainder` the shares are
/// floored and the units still missing to 100% go to the largest remainders (ties: the
/// earlier part), so they add up to exactly 100%. `None` for every part when the sum
/// is zero.
pub fn shares(parts: &[Decimal], dp: u32, method: ShareMethod) -> Vec<Option<Percent>> {
    let sum: Decimal = parts.iter().sum();
    if sum.is_zero() {
        return vec![None; parts.len()];
    }
    let exact: Vec<Decimal> = parts.iter().map(|p| p * HUNDRED / sum).collect();
    match method {
        ShareMethod::HalfUp => exact
            .iter()
            .map(|e| Some(Percent::from_exact(*e, dp)))
            .collect(),
        ShareMethod::LargestRemainder => largest_remainder(&exact, dp)
            .into_iter()
            .map(Some)
            .collect(),
    }
}

fn largest_remainder(exact: &[Decimal], dp: u32) -> Vec<Percent> {
    let scale = Decimal::from(10u64.pow(dp));
    let units: Vec<Decimal> = exact.iter().map(|e| e * scale).collect();
    let mut floors: Vec<Decimal> = units.iter().map(|u| u.floor()).collect();
    let target = HUNDRED * scale;
    let missing = target - floors.iter().sum::<Decimal>();
    let mut order: Vec<usize> = (0..units.len()).collect();
    // Largest remainder first; the sort is stable, so ties keep the parts' order.
    order.sort_by(|&a, &b| (units[b] - floors[b]).cmp(&(units[a] - floors[a])));
    let mut left = missing;
    for &i in &order {
        if left <= Decimal::ZERO {
            break;
        }
        if units[i] > floors[i] {
            floors[i] += Decimal::ONE;
            left -= Decimal::ONE;
        }
    }
    floors
        .iter()
        .zip(exact)
        .map(|(units, exact)| {
            let mut value = units / scale;
            value.rescale(dp);
            Percent {
                value,
                whole: is_none_or_all(*exact) && value == *exact,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn pct(part: &str, whole: &str, dp: u32) -> String {
        Percent::of(d(part), d(whole), dp).unwrap().to_string()
    }

    #[test]
    fn rounds_half_up_at_the_printed_precision() {
        // 000: 27.24 / 123.55 = 22.047…%
        assert_eq!(pct("27.24", "123.55", 1), "22.0%");
        // 000: 119.17 / 136.43 = 87.349…%
        assert_eq!(pct("119.17", "136.43", 2), "87.35%");
        // 001: 852.68 / 1091.53 = 78.118…%
        assert_eq!(pct("852.68", "1091.53", 1), "78.1%");
    }

    #[test]
    fn ties_at_x5_round_up() {
        // 12.25% exactly → 12.3% at one decimal; 12.24999… stays 12.2%.
        assert_eq!(pct("245", "2000", 1), "12.3%");
        assert_eq!(pct("244.9999", "2000", 1), "12.2%");
        // 0.125% → 0.13% at two decimals; 0.05% → 0.1% at one.
        assert_eq!(pct("1", "800", 2), "0.13%");
        assert_eq!(pct("1", "2000", 1), "0.1%");
        // 87.345% → 87.35%
        assert_eq!(pct("87.345", "100", 2), "87.35%");
    }

    #[test]
    fn exactly_all_or_nothing_prints_without_decimals() {
        assert_eq!(pct("12.94", "12.94", 2), "100%");
        assert_eq!(pct("0", "9.07", 1), "0%");
        // Other whole numbers keep the precision of their kind.
        assert_eq!(pct("1", "2", 1), "50.0%");
        assert_eq!(pct("24", "96", 1), "25.0%");
        assert_eq!(pct("2", "1", 1), "200.0%");
        // Rounded to a whole number is not exactly one.
        assert_eq!(pct("99.99", "100", 1), "100.0%");
        assert_eq!(Percent::of(d("1"), d("0"), 1), None);
    }

    #[test]
    fn half_up_shares_may_miss_100() {
        // 001 五（二）: 821.73, 10.68, 7.60, 12.67 of 852.68 → 96.4 + 1.3 + 0.9 + 1.5.
        let parts = [d("821.73"), d("10.68"), d("7.60"), d("12.67")];
        let got: Vec<String> = shares(&parts, 1, ShareMethod::HalfUp)
            .iter()
            .map(|p| p.unwrap().to_string())
            .collect();
        assert_eq!(got, ["96.4%", "1.3%", "0.9%", "1.5%"]);
    }

    #[test]
    fn largest_remainder_shares_add_up_to_100() {
        let parts = [d("821.73"), d("10.68"), d("7.60"), d("12.67")];
        let got: Vec<Percent> = shares(&parts, 1, ShareMethod::LargestRemainder)
            .into_iter()
            .map(Option::unwrap)
            .collect();
        let text: Vec<String> = got.iter().map(|p| p.to_string()).collect();
        assert_eq!(text, ["96.4%", "1.2%", "0.9%", "1.5%"]);
        assert_eq!(got.iter().map(|p| p.value()).sum::<Decimal>(), d("100.0"));
        // Three equal thirds: the first part gets the missing unit.
        let thirds: Vec<String> =
            shares(&[d("1"), d("1"), d("1")], 1, ShareMethod::LargestRemainder)
                .iter()
                .map(|p| p.unwrap().to_string())
                .collect();
        assert_eq!(thirds, ["33.4%", "33.3%", "33.3%"]);
    }

    #[test]
    fn a_single_part_is_100_percent_and_zero_sums_have_no_shares() {
        for method in [ShareMethod::HalfUp, ShareMethod::LargestRemainder] {
            assert_eq!(
                shares(&[d("150.79")], 1, method)[0].unwrap().to_string(),
                "100%"
            );
            assert_eq!(shares(&[d("0"), d("0")], 1, method), vec![None, None]);
        }
    }
}
