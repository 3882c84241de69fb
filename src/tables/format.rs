//! How a figure prints in a table: money unit, decimals (half-up), zero display and
//! thousands separators, as the table's declaration and the input say.

use crate::edition::{MoneyUnit, NumberFormat, ZeroDisplay};
use crate::money::{group_thousands, round_half_up, Money};

pub struct Formatter {
    format: NumberFormat,
    separators: bool,
}

impl Formatter {
    /// `input_separators` is the input's choice, used where the edition leaves it open.
    pub fn new(format: NumberFormat, input_separators: bool) -> Formatter {
        Formatter {
            separators: format.separators.unwrap_or(input_separators),
            format,
        }
    }

    /// The figure as printed in the table's unit, rounded half-up.
    pub fn printed(&self, m: Money) -> rust_decimal::Decimal {
        match self.format.unit {
            MoneyUnit::Wan => m.wan_rounded(self.format.decimals),
            MoneyUnit::Yuan => round_half_up(m.yuan(), self.format.decimals),
        }
    }

    /// The cell text of a figure; an exact zero prints as the table says.
    pub fn money(&self, m: Money) -> String {
        if m.is_zero() && self.format.zero == ZeroDisplay::Blank {
            return String::new();
        }
        group_thousands(self.printed(m), self.separators)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn yuan(n: i64) -> Money {
        Money::from_yuan(Decimal::from(n))
    }

    #[test]
    fn wan_two_decimals_half_up_blank_zero() {
        let f = Formatter::new(NumberFormat::default(), true);
        assert_eq!(f.money(yuan(14_630_560)), "1,463.06");
        assert_eq!(f.money(yuan(1455)), "0.15");
        assert_eq!(f.money(Money::ZERO), "");
    }

    #[test]
    fn yuan_with_zeros_printed() {
        let f = Formatter::new(
            NumberFormat {
                unit: MoneyUnit::Yuan,
                decimals: 2,
                zero: ZeroDisplay::Zero,
                separators: Some(true),
            },
            false,
        );
        assert_eq!(f.money(yuan(125_000)), "125,000.00");
        assert_eq!(f.money(Money::ZERO), "0.00");
    }
}
