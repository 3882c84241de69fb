//! Exact money: a newtype over `rust_decimal::Decimal` holding 元.
//!
//! Rounding rule (the only one in gongkai): a figure is rounded **half-up** (ties away
//! from zero) at the precision it is printed with — 万元 with two decimals in tables
//! and text. Sums are always taken of the exact values, never of rounded ones, so a
//! printed total may differ from the sum of its printed addends by a cent per addend
//! (the "尾数误差" the tables' note speaks of).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};
use std::str::FromStr;

/// 1 万元 in 元.
const YUAN_PER_WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Every amount read from an input is smaller than this in absolute value, as typed
/// and again once converted to 元: 10^13 元 (10 万亿元, 10 亿万元), far beyond what any
/// unit spends (a whole province's yearly budget is below it). `Decimal` holds about
/// 7.9 × 10^28, and an input file is at most `input::MAX_INPUT_BYTES` long, so it holds
/// fewer than 10^7 amounts: no sum, difference or percentage of input amounts can
/// overflow (10^7 × 10^13 × 100 = 10^22), and neither can the 万元 → 元 conversion
/// of a typed value (10^13 × 10^4).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0x4e72_a000, 0x918, 0, false, 0);

/// Amounts are exact to the 分 (0.01 元): the precision accounting systems keep.
pub const AMOUNT_DECIMALS_YUAN: u32 = 2;

/// An exact amount of money in 元.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// The unit amounts are written in, declared per input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmountUnit {
    #[default]
    Yuan,
    Wan,
}

impl AmountUnit {
    /// The unit as the user writes it (`"元"`, `"万元"`); `None` for anything else. The
    /// one parse of a unit name: `settings.amount_unit`, `previous.amount_unit` and
    /// `typed.unit` all go through it.
    pub fn parse(text: &str) -> Option<AmountUnit> {
        match text.trim() {
            "元" => Some(AmountUnit::Yuan),
            "万元" => Some(AmountUnit::Wan),
            _ => None,
        }
    }

    /// The unit's name: `元` or `万元`.
    pub fn name(self) -> &'static str {
        match self {
            AmountUnit::Yuan => "元",
            AmountUnit::Wan => "万元",
        }
    }

    /// Decimals an amount in this unit may have: to the 分.
    pub fn max_decimals(self) -> u32 {
        match self {
            AmountUnit::Yuan => AMOUNT_DECIMALS_YUAN,
            AmountUnit::Wan => AMOUNT_DECIMALS_YUAN + 4,
        }
    }

    /// [`MAX_AMOUNT`] expressed in this unit, for messages.
    pub fn max_text(self) -> &'static str {
        match self {
            AmountUnit::Yuan => "10000000000000 元（10 万亿元）",
            AmountUnit::Wan => "1000000000 万元（10 万亿元）",
        }
    }
}

/// Why an amount is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountProblem {
    /// Not smaller than [`MAX_AMOUNT`] in absolute value.
    TooLarge,
    /// Finer than the 分.
    TooPrecise,
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_yuan(yuan: Decimal) -> Self {
        Money(yuan)
    }

    pub fn from_wan(wan: Decimal) -> Self {
        Money(wan * YUAN_PER_WAN)
    }

    /// `value` in `unit`. Input amounts are bounded by [`MAX_AMOUNT`] when parsed, so
    /// the conversion of any of them cannot overflow.
    pub fn in_unit(value: Decimal, unit: AmountUnit) -> Self {
        match unit {
            AmountUnit::Yuan => Self::from_yuan(value),
            AmountUnit::Wan => Self::from_wan(value),
        }
    }

    /// Whether the amount lies within [`MAX_AMOUNT`] and is exact to the 分: what every
    /// amount of an input must be. `Err` says which bound it breaks.
    pub fn check_bounds(self) -> Result<(), AmountProblem> {
        if self.0.abs() >= MAX_AMOUNT {
            Err(AmountProblem::TooLarge)
        } else if self.0.normalize().scale() > AMOUNT_DECIMALS_YUAN {
            Err(AmountProblem::TooPrecise)
        } else {
            Ok(())
        }
    }

    pub fn yuan(self) -> Decimal {
        self.0
    }

    /// The exact value in 万元 (not rounded).
    pub fn wan_exact(self) -> Decimal {
        self.0 / YUAN_PER_WAN
    }

    /// The value in 万元 rounded half-up to `dp` decimals: what a table prints.
    pub fn wan_rounded(self, dp: u32) -> Decimal {
        round_half_up(self.wan_exact(), dp)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn abs(self) -> Self {
        Money(self.0.abs())
    }
}

/// Half-up rounding (ties away from zero) at `dp` decimals — the booklet's rule.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(dp);
    rounded
}

/// Formats a decimal that already has the wanted scale, optionally with thousands
/// separators: `1463.06` → `1,463.06`.
pub fn group_thousands(value: Decimal, separators: bool) -> String {
    let text = value.to_string();
    if !separators {
        return text;
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Parses an amount as a user writes it: `1190254`, `119.17`, `"1,201.43"`.
/// Thousands separators must group by three; anything else is rejected.
pub fn parse_amount_text(text: &str) -> Option<Decimal> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let plain: String = if trimmed.contains(',') {
        let (int, frac) = match trimmed.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (trimmed, None),
        };
        let int_digits = int.strip_prefix('-').unwrap_or(int);
        let groups: Vec<&str> = int_digits.split(',').collect();
        let well_grouped = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !well_grouped {
            return None;
        }
        let mut s = int.replace(',', "");
        if let Some(f) = frac {
            s.push('.');
            s.push_str(f);
        }
        s
    } else {
        trimmed.to_string()
    };
    if !plain
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    // More decimals than a `Decimal` holds would be rounded away without a word.
    if plain.split_once('.').is_some_and(|(_, f)| f.len() > 28) {
        return None;
    }
    Decimal::from_str(&plain).ok()
}

/// TOML has no decimal type: `119.17` arrives as an `f64`. Rust prints an `f64` as the
/// shortest string that reads back to the same value, which is exactly what the user
/// typed for any amount with up to 15 significant digits.
/// `None` when the value is not finite or a `Decimal` cannot hold it exactly (`1e-30`
/// has more than 28 decimals and would round to zero).
pub fn decimal_from_toml_float(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let decimal = Decimal::from_str(&format!("{value}")).ok()?;
    (decimal.to_string().parse::<f64>().ok()? == value).then_some(decimal)
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl fmt::Display for Money {
    /// For messages: 万元 with two decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.wan_rounded(2))
    }
}

/// Serialized as money, not as a bare number or text: `{"yuan": "1190268.4"}`, the
/// exact 元 value as a decimal string (so nothing is lost to floating point). The
/// `wan` filter, which prints it, accepts only this shape.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut money = serializer.serialize_struct("Money", 1)?;
        money.serialize_field(YUAN_FIELD, &self.0.normalize().to_string())?;
        money.end()
    }
}

/// The field serialized money carries its exact 元 value in.
pub const YUAN_FIELD: &str = "yuan";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_at_the_printed_precision() {
        assert_eq!(round_half_up(d("0.145"), 2).to_string(), "0.15");
        assert_eq!(round_half_up(d("0.1449"), 2).to_string(), "0.14");
        assert_eq!(round_half_up(d("2.5"), 0).to_string(), "3");
        assert_eq!(round_half_up(d("-0.145"), 2).to_string(), "-0.15");
        assert_eq!(round_half_up(d("12.4"), 2).to_string(), "12.40");
    }

    #[test]
    fn yuan_print_as_wan_with_two_decimals() {
        assert_eq!(
            Money::from_yuan(d("1506456")).wan_rounded(2).to_string(),
            "150.65"
        );
        assert_eq!(
            Money::from_yuan(d("1450")).wan_rounded(2).to_string(),
            "0.15"
        );
        assert_eq!(Money::from_wan(d("119.17")).yuan(), d("1191700"));
    }

    #[test]
    fn rounded_sum_differs_from_sum_of_rounded() {
        // reference 000, 公开03: 150.65 + 0.15 printed, 150.79 the total.
        let basic = Money::from_yuan(d("1506456"));
        let project = Money::from_yuan(d("1450"));
        assert_eq!((basic + project).wan_rounded(2).to_string(), "150.79");
    }

    #[test]
    fn toml_floats_become_the_decimal_the_user_typed() {
        for typed in [
            "119.17",
            "0.1",
            "1201.43",
            "150.79",
            "0.07",
            "1463.06",
            "99999999.99",
        ] {
            let f: f64 = typed.parse().unwrap();
            assert_eq!(decimal_from_toml_float(f).unwrap(), d(typed), "{typed}");
        }
        assert!(decimal_from_toml_float(f64::NAN).is_none());
    }

    #[test]
    fn amount_text_accepts_separators_only_in_groups_of_three() {
        assert_eq!(parse_amount_text("1,201.43"), Some(d("1201.43")));
        assert_eq!(parse_amount_text("12,345,678"), Some(d("12345678")));
        assert_eq!(parse_amount_text(" 42 "), Some(d("42")));
        assert_eq!(parse_amount_text("1,20.43"), None);
        assert_eq!(parse_amount_text("12a"), None);
        assert_eq!(parse_amount_text(""), None);
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands(d("1463.06"), true), "1,463.06");
        assert_eq!(group_thousands(d("463.06"), true), "463.06");
        assert_eq!(group_thousands(d("-1234567.00"), true), "-1,234,567.00");
        assert_eq!(group_thousands(d("1463.06"), false), "1463.06");
    }
}
