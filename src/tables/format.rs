//! How a figure prints in a table: money unit, decimals (half-up), zero display and
//! thousands separators, as the table's declaration and the input say.

use super::grid::Cell;
use crate::base::money::{group_thousands, Money};
use crate::declare::edition::{NumberFormat, ZeroDisplay};

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
        self.format.printed(m)
    }

    /// The cell text of a figure; an exact zero prints as the table says (in a
    /// `column` table: as in a column that shows amounts).
    pub fn money(&self, m: Money) -> String {
        self.money_in(m, true)
    }

    /// The cell text of a figure in a column that shows some amount or none at all.
    pub fn money_in(&self, m: Money, column_has_money: bool) -> String {
        let blank = match self.format.zero {
            ZeroDisplay::Blank => true,
            ZeroDisplay::Zero => false,
            ZeroDisplay::Column => !column_has_money,
        };
        if m.is_zero() && blank {
            return String::new();
        }
        let text = group_thousands(self.printed(m), self.separators);
        if self.format.trim && text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }

    /// The figure's cell: its text, and the amount it shows.
    pub fn cell(&self, m: Money) -> Cell {
        Cell::figure(self.money(m), m)
    }

    /// The figure's cell in a column that shows some amount or none at all.
    pub fn cell_in(&self, m: Money, column_has_money: bool) -> Cell {
        Cell::figure(self.money_in(m, column_has_money), m)
    }

    /// The number format this formatter applies, separators decided.
    pub fn format(&self) -> NumberFormat {
        NumberFormat {
            separators: Some(self.separators),
            ..self.format
        }
    }
}

/// For each column of `rows` (each row one value per column), whether any value is
/// not zero: what a `column` zero display needs.
pub fn columns_with_money(rows: &[Vec<Money>], width: usize) -> Vec<bool> {
    (0..width)
        .map(|i| rows.iter().any(|r| r.get(i).is_some_and(|m| !m.is_zero())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declare::edition::MoneyUnit;
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
                trim: false,
            },
            false,
        );
        assert_eq!(f.money(yuan(125_000)), "125,000.00");
        assert_eq!(f.money(Money::ZERO), "0.00");
    }

    #[test]
    fn column_zeros_and_trimmed_decimals() {
        let f = Formatter::new(
            NumberFormat {
                zero: ZeroDisplay::Column,
                ..NumberFormat::default()
            },
            true,
        );
        assert_eq!(f.money_in(Money::ZERO, true), "0.00");
        assert_eq!(f.money_in(Money::ZERO, false), "");
        let trimmed = Formatter::new(
            NumberFormat {
                decimals: 1,
                zero: ZeroDisplay::Zero,
                separators: Some(false),
                trim: true,
                ..NumberFormat::default()
            },
            true,
        );
        assert_eq!(trimmed.money(yuan(17_575_100)), "1757.5");
        assert_eq!(trimmed.money(yuan(10_000_000)), "1000");
        assert_eq!(trimmed.money(Money::ZERO), "0");
        assert_eq!(trimmed.money(yuan(3_679_300)), "367.9");
    }
}
