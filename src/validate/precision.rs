//! How precisely an amount was written, and so how much of a gap between two figures
//! the rounding of what the user typed can explain. An amount written as `112.00` in
//! 万元 may be any exact amount from 111.995 to 112.005 万元: half a unit of its last
//! written digit (its *slack*). A sum of written amounts carries the sum of their slacks.
//! Amounts written exactly — 元 to the 分, as accounting systems export them — carry
//! almost none, so a gap between exact amounts is never excused as rounding.

use crate::base::diag::SourceFile;
use crate::base::money::{AmountUnit, Money};
use crate::input::Amount;
use rust_decimal::Decimal;
use toml::Spanned;

/// Decimals of an amount as written: `112.00` → 2, `1455` → 0, `"1,201.4"` → 1,
/// `1.5e3` → 0. `None` when the text is not a plain number.
pub fn written_decimals(raw: &str) -> Option<u32> {
    let text: String = raw
        .trim()
        .trim_matches(['"', '\''])
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (text.as_str(), 0),
    };
    let decimals = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
    Some((decimals - exponent).clamp(0, 27) as u32)
}

/// Half a unit of the amount's last written digit, in 元.
pub fn half_step(source: &SourceFile, amount: &Spanned<Amount>, unit: AmountUnit) -> Money {
    let decimals = source
        .text
        .get(amount.span())
        .and_then(written_decimals)
        .unwrap_or_else(|| amount.get_ref().0.scale().min(27));
    Money::in_unit(Decimal::new(5, decimals + 1), unit)
}

/// The slack of a sum of written amounts.
pub fn slack<'a>(
    source: &SourceFile,
    amounts: impl IntoIterator<Item = &'a Spanned<Amount>>,
    unit: AmountUnit,
) -> Money {
    amounts
        .into_iter()
        .map(|a| half_step(source, a, unit))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_as_written() {
        assert_eq!(written_decimals("112.00"), Some(2));
        assert_eq!(written_decimals("1455"), Some(0));
        assert_eq!(written_decimals("\"1,201.4\""), Some(1));
        assert_eq!(written_decimals("1_000.125"), Some(3));
        assert_eq!(written_decimals("1.5e3"), Some(0));
        assert_eq!(written_decimals("1.5e-2"), Some(3));
        assert_eq!(written_decimals("1e+x"), None);
    }

    #[test]
    fn slack_is_half_the_last_digit_in_yuan() {
        let text = "a = 112.00\nb = 1455\n";
        let source = SourceFile::new("t.toml", text);
        let amount = |at: &str, value: &str| {
            let start = text.find(at).unwrap();
            Spanned::new(start..start + at.len(), Amount(value.parse().unwrap()))
        };
        let wan = amount("112.00", "112");
        let yuan = amount("1455", "1455");
        assert_eq!(
            half_step(&source, &wan, AmountUnit::Wan).yuan().normalize(),
            Decimal::from(50)
        );
        assert_eq!(
            half_step(&source, &yuan, AmountUnit::Yuan)
                .yuan()
                .to_string(),
            "0.5"
        );
        let total = slack(&source, [&wan, &yuan], AmountUnit::Wan);
        assert_eq!(total.yuan().normalize(), Decimal::from(5050));
    }
}
