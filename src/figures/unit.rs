//! The unit's figures beyond its rows: 基本支出 by 经济分类, the 三公 columns, and every
//! unit figure by name (the vocabulary's `unit_figures`).

use super::Figures;
use crate::base::money::Money;
use crate::resolve::{Balances, Facts, SangongLine};
use serde::Serialize;
use std::collections::BTreeMap;

/// One 经济分类 款 line of 基本支出.
#[derive(Debug, Clone, Serialize)]
pub struct EconomicLine {
    pub code: String,
    pub name: String,
    pub amount: Money,
}

/// The 经济分类 lines of 基本支出, as 人员经费 and 公用经费.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EconomicSpending {
    /// 款 lines of the 人员经费 classes (301, 303), in code order.
    pub personnel: Vec<EconomicLine>,
    /// 款 lines of the 公用经费 classes (302, 310), in code order.
    pub public: Vec<EconomicLine>,
    pub personnel_total: Money,
    pub public_total: Money,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SangongColumns {
    pub total: Money,
    pub abroad: Money,
    pub car_total: Money,
    pub car_purchase: Money,
    pub car_running: Money,
    pub reception: Money,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SangongTable {
    pub budget: SangongColumns,
    pub actual: SangongColumns,
}

/// 基本支出 by 经济分类: the lines entered, grouped by the edition's 人员经费 and 公用经费
/// classes.
pub fn economic_spending(facts: &Facts) -> EconomicSpending {
    let classes = &facts.edition.economic_classes;
    let lines = |of: &[String]| -> Vec<EconomicLine> {
        facts
            .economic
            .iter()
            .filter(|(code, _)| of.iter().any(|c| code.starts_with(c.as_str())))
            .map(|(code, amount)| EconomicLine {
                code: code.clone(),
                name: facts.economic_names.get(code).cloned().unwrap_or_default(),
                amount: *amount,
            })
            .collect()
    };
    let personnel = lines(&classes.personnel);
    let public = lines(&classes.public);
    EconomicSpending {
        personnel_total: personnel.iter().map(|l| l.amount).sum(),
        public_total: public.iter().map(|l| l.amount).sum(),
        personnel,
        public,
    }
}

pub fn sangong_columns(line: &SangongLine) -> SangongColumns {
    let car_total = line.car_purchase + line.car_running;
    SangongColumns {
        total: line.abroad + car_total + line.reception,
        abroad: line.abroad,
        car_total,
        car_purchase: line.car_purchase,
        car_running: line.car_running,
        reception: line.reception,
    }
}

/// Every unit figure by name: the totals of every row figure, the balances and what
/// they derive, 人员/公用经费 and the 三公 figures. Summary and row tables show these;
/// `[typed]` compares with them.
pub fn unit_figures(
    b: &Balances,
    t: &Figures,
    economic: &EconomicSpending,
    sangong: &SangongTable,
) -> BTreeMap<&'static str, Money> {
    let mut named: BTreeMap<&'static str, Money> = crate::vocab::row_figures()
        .map(|name| (name, t.get(name).unwrap_or_default()))
        .collect();
    named.extend(named_totals(b, t));
    named.insert("personnel_total", economic.personnel_total);
    named.insert("public_total", economic.public_total);
    for (names, c) in [
        (SANGONG_BUDGET, &sangong.budget),
        (SANGONG_ACTUAL, &sangong.actual),
    ] {
        let values = [
            c.total,
            c.abroad,
            c.car_total,
            c.car_purchase,
            c.car_running,
            c.reception,
        ];
        named.extend(names.into_iter().zip(values));
    }
    named
}

/// The 三公 figures by name: total, 因公出国（境）, 公务用车 (total, purchase, running), 接待.
const SANGONG_BUDGET: [&str; 6] = [
    "sangong_budget_total",
    "sangong_budget_abroad",
    "sangong_budget_car_total",
    "sangong_budget_car_purchase",
    "sangong_budget_car_running",
    "sangong_budget_reception",
];
const SANGONG_ACTUAL: [&str; 6] = [
    "sangong_actual_total",
    "sangong_actual_abroad",
    "sangong_actual_car_total",
    "sangong_actual_car_purchase",
    "sangong_actual_car_running",
    "sangong_actual_reception",
];

/// The named figures of the balances (`income_total`, `closing_total`, …).
pub fn named_totals(b: &Balances, t: &Figures) -> BTreeMap<&'static str, Money> {
    let fiscal_opening = t.general_opening + t.fund_opening + t.capital_opening;
    let opening_total = fiscal_opening + b.nonfiscal_opening;
    let nonfiscal_spending = t.nonfiscal_basic
        + t.nonfiscal_project
        + t.to_superior
        + t.operating_spending
        + t.to_affiliated;
    let nonfiscal_closing =
        b.nonfiscal_opening + t.nonfiscal_income + b.nonfiscal_surplus_used + b.business_fund_used
            - nonfiscal_spending
            - b.surplus_distribution;
    let fiscal_closing = t.general_closing + t.fund_closing + t.capital_closing;
    let closing_total = fiscal_closing + nonfiscal_closing;
    BTreeMap::from([
        ("general_income", t.general_income),
        ("fund_income", t.fund_income),
        ("capital_income", t.capital_income),
        ("superior_income", t.superior_income),
        ("business_income", t.business_income),
        ("operating_income", t.operating_income),
        ("affiliated_income", t.affiliated_income),
        ("other_income", t.other_income),
        ("income_total", t.income_total),
        ("nonfiscal_surplus_used", b.nonfiscal_surplus_used),
        ("business_fund_used", b.business_fund_used),
        ("opening_total", opening_total),
        (
            "income_grand_total",
            t.income_total + b.nonfiscal_surplus_used + b.business_fund_used + opening_total,
        ),
        ("spending_total", t.spending_total),
        ("surplus_distribution", b.surplus_distribution),
        ("closing_total", closing_total),
        (
            "spending_grand_total",
            t.spending_total + b.surplus_distribution + closing_total,
        ),
        ("fiscal_income", t.fiscal_income),
        ("general_opening", t.general_opening),
        ("fund_opening", t.fund_opening),
        ("capital_opening", t.capital_opening),
        ("fiscal_opening", fiscal_opening),
        (
            "fiscal_income_grand_total",
            t.fiscal_income + fiscal_opening,
        ),
        ("fiscal_spending", t.fiscal_spending),
        ("general_spending", t.general_spending),
        ("fund_spending", t.fund_spending),
        ("capital_spending", t.capital_spending),
        ("fiscal_closing", fiscal_closing),
        ("general_closing", t.general_closing),
        ("fund_closing", t.fund_closing),
        ("capital_closing", t.capital_closing),
        (
            "fiscal_spending_grand_total",
            t.fiscal_spending + fiscal_closing,
        ),
        (
            "general_spending_grand_total",
            t.general_spending + t.general_closing,
        ),
        (
            "fund_spending_grand_total",
            t.fund_spending + t.fund_closing,
        ),
        (
            "capital_spending_grand_total",
            t.capital_spending + t.capital_closing,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the program computes are the vocabulary's, so an edition can name
    /// every one and nothing else.
    #[test]
    fn unit_figures_are_the_vocabulary() {
        let computed: Vec<&str> = unit_figures(
            &Balances::default(),
            &Figures::default(),
            &EconomicSpending::default(),
            &SangongTable::default(),
        )
        .into_keys()
        .collect();
        let mut declared: Vec<&str> = crate::vocab::unit_figures().collect();
        declared.sort_unstable();
        assert_eq!(computed, declared);
    }
}
