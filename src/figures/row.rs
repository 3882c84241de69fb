//! The figures of one 功能分类 row (a 项, or the sum over a 款, 类 or the whole unit):
//! the leaf facts the user enters and everything derived from them.

use crate::money::Money;
use serde::Serialize;
use std::ops::AddAssign;

macro_rules! figures {
    (leaf { $($leaf:ident),* $(,)? } derived { $($derived:ident),* $(,)? }) => {
        /// Leaf fields are summed up the hierarchy; derived fields are recomputed from
        /// them by [`Figures::derive`] and never summed, so they cannot drift.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
        pub struct Figures {
            $(pub $leaf: Money,)*
            $(pub $derived: Money,)*
        }

        impl Figures {
            /// Every figure's name, leaves first.
            pub const NAMES: &'static [&'static str] =
                &[$(stringify!($leaf),)* $(stringify!($derived),)*];

            /// A figure by its field name (`income_total`, `general_basic`, …): how
            /// table layouts name their columns.
            pub fn get(&self, name: &str) -> Option<Money> {
                match name {
                    $(stringify!($leaf) => Some(self.$leaf),)*
                    $(stringify!($derived) => Some(self.$derived),)*
                    _ => None,
                }
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

figures! {
    leaf {
        general_basic, general_project, general_income, general_opening,
        fund_basic, fund_project, fund_income, fund_opening,
        capital_basic, capital_project, capital_income, capital_opening,
        nonfiscal_basic, nonfiscal_project, to_superior, operating_spending, to_affiliated,
        superior_income, business_income, operating_income, affiliated_income, other_income,
        budget,
        general_personnel, general_public, special_account_income,
    }
    derived {
        general_spending, fund_spending, capital_spending, fiscal_spending,
        general_closing, fund_closing, capital_closing,
        fiscal_income, nonfiscal_income, income_total,
        basic, project, spending_total,
        fiscal_opening, income_and_carryover,
    }
}

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
