//! The figures of one 功能分类 row (a 项, or the sum over a 款, 类 or the whole unit):
//! the leaf facts the user enters and everything derived from them.

use crate::base::money::Money;
use crate::resolve::ItemAmounts;
use serde::Serialize;
use std::ops::AddAssign;

macro_rules! figures {
    (leaf { $($leaf:ident: $leaf_label:literal,)* } derived $($derived:ident: $derived_label:literal,)*) => {
        /// The amounts of the vocabulary (`crate::with_item_amounts!`) are leaves, summed
        /// up the hierarchy; the derived figures (`crate::with_derived_figures!`) are
        /// recomputed from them by [`Figures::derive`] and never summed, so they cannot
        /// drift.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
        pub struct Figures {
            $(#[doc = $leaf_label] pub $leaf: Money,)*
            $(#[doc = $derived_label] pub $derived: Money,)*
        }

        impl Figures {
            /// A figure by its field name (`income_total`, `general_basic`, …): how
            /// table layouts name their columns.
            pub fn get(&self, name: &str) -> Option<Money> {
                match name {
                    $(stringify!($leaf) => Some(self.$leaf),)*
                    $(stringify!($derived) => Some(self.$derived),)*
                    _ => None,
                }
            }

            /// The figures of a row with these amounts.
            pub fn of(amounts: &ItemAmounts) -> Figures {
                let mut f = Figures {
                    $($leaf: amounts.$leaf,)*
                    ..Default::default()
                };
                f.derive();
                f
            }
        }

        impl AddAssign<&Figures> for Figures {
            fn add_assign(&mut self, other: &Figures) {
                $(self.$leaf += other.$leaf;)*
                self.derive();
            }
        }
    };
}

macro_rules! figures_of_leaves {
    ($($leaf:ident: $label:literal,)*) => {
        crate::with_derived_figures!(figures, leaf { $($leaf: $label,)* } derived);
    };
}

crate::with_item_amounts!(figures_of_leaves);

impl Figures {
    /// Recomputes every derived field from the leaf fields.
    pub fn derive(&mut self) {
        self.general_spending = self.general_basic + self.general_project;
        self.fund_spending = self.fund_basic + self.fund_project;
        self.capital_spending = self.capital_basic + self.capital_project;
        self.fiscal_spending = self.general_spending + self.fund_spending + self.capital_spending;
        self.general_closing = self.general_opening + self.general_income - self.general_spending;
        self.fund_closing = self.fund_opening + self.fund_income - self.fund_spending;
        self.capital_closing = self.capital_opening + self.capital_income - self.capital_spending;
        self.fiscal_income = self.general_income + self.fund_income + self.capital_income;
        self.nonfiscal_income = self.special_account_income
            + self.superior_income
            + self.business_income
            + self.operating_income
            + self.affiliated_income
            + self.other_income;
        self.income_total = self.fiscal_income + self.nonfiscal_income;
        self.basic =
            self.general_basic + self.fund_basic + self.capital_basic + self.nonfiscal_basic;
        self.project = self.general_project
            + self.fund_project
            + self.capital_project
            + self.nonfiscal_project;
        self.spending_total = self.basic
            + self.project
            + self.to_superior
            + self.operating_spending
            + self.to_affiliated;
        self.fiscal_opening = self.general_opening + self.fund_opening + self.capital_opening;
        self.income_and_carryover = self.income_total + self.fiscal_opening;
    }

    pub fn has_fund_money(&self) -> bool {
        [
            self.fund_opening,
            self.fund_income,
            self.fund_spending,
            self.fund_closing,
        ]
        .iter()
        .any(|m| !m.is_zero())
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
    fn sums_leaves_and_rederives() {
        let mut a = Figures {
            general_basic: yuan(100),
            general_project: yuan(20),
            general_income: yuan(120),
            ..Default::default()
        };
        a.derive();
        let mut b = Figures {
            fund_project: yuan(5),
            fund_income: yuan(8),
            other_income: yuan(3),
            ..Default::default()
        };
        b.derive();
        let mut total = Figures::default();
        total += &a;
        total += &b;
        assert_eq!(total.spending_total, yuan(125));
        assert_eq!(total.fiscal_spending, yuan(125));
        assert_eq!(total.income_total, yuan(131));
        assert_eq!(total.fund_closing, yuan(3));
        assert_eq!(total.general_closing, Money::ZERO);
        assert!(total.has_fund_money());
    }
}
