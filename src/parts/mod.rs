//! Compute: every table, total and figure of the booklet, derived from the resolved
//! facts in one place. Templates print what is here and compute nothing themselves.

pub mod figures;
pub mod narrative;
pub mod percent;
pub mod resolve;

pub mod back_matter;
pub mod budget;
mod check;
pub mod evaluation;
pub mod glossary;
pub mod key_work;
mod overview;

use crate::catalog::Catalog;
use crate::money::Money;
use crate::tables::{function_rows, Table};
use figures::Figures;
use resolve::{Balances, Facts, SangongLine};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Booklet {
    pub unit: UnitView,
    /// `2024年度武汉市黄陂区网络运维服务中心部门决算公开`
    pub title: String,
    /// The cover's lines.
    pub cover: Vec<String>,
    /// PDF subject and keywords.
    pub subject: String,
    pub keywords: Vec<String>,
    pub edition: String,
    /// The parts in printed order, with their headings.
    pub parts: Vec<PartView>,
    pub thousands_separator: bool,
    pub overview: Vec<SectionView>,
    /// Every table, in printed order, as its edition declares it.
    pub tables: Vec<Table>,
    /// The unit's totals over all items.
    pub totals: Figures,
    /// Unit figures by name (`income_total`, `closing_total`, `personnel_total`, …): what
    /// summary and row tables show, and what `[typed]` cross-checks refer to.
    pub figures: BTreeMap<&'static str, Money>,
    /// 基本支出 by 经济分类, for 第三部分.
    pub economic: EconomicSpending,
    /// The 三公 figures, budget and actual.
    pub sangong: SangongTable,
    /// 第三部分 决算情况说明.
    pub narrative: narrative::Narrative,
    /// 第四部分 重点工作完成情况
    pub key_work: key_work::KeyWorkView,
    /// 第五部分 名词解释
    pub glossary: glossary::GlossaryView,
    /// 第六部分 附件
    pub attachments: evaluation::AttachmentsView,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub name: String,
    pub name_on_tables: String,
    pub year: i32,
    /// `2025年9月26日`
    pub published: String,
    /// `2025-09-26`, for the PDF metadata.
    pub published_iso: String,
    /// `final` or `budget`.
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub kind: crate::edition::PartKind,
    /// `第二部分　武汉市…2024年度部门决算表`
    pub heading: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// `一、部门主要职责`
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// The 经济分类 lines of 基本支出, as 人员经费 and 公用经费.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EconomicSpending {
    /// 款 lines of the 人员经费 classes (301, 303), in code order.
    pub personnel: Vec<tables::EconomicLine>,
    /// 款 lines of the 公用经费 classes (302, 310), in code order.
    pub public: Vec<tables::EconomicLine>,
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

use crate::tables;

pub fn compute(facts: &Facts, catalog: &Catalog) -> Booklet {
    let edition = &facts.edition;
    let mut totals = Figures::default();
    for item in &facts.items {
        totals += &item.figures;
    }
    let rows = function_rows(facts);
    let sangong = SangongTable {
        budget: sangong_columns(&facts.sangong.budget),
        actual: sangong_columns(&facts.sangong.actual),
    };
    let economic = economic_spending(facts);
    let figures = unit_figures(&facts.balances, &totals, &economic, &sangong);
    let tables = tables::tables(facts, catalog, &rows, &figures);
    let narrative = narrative::narrative(facts, &totals, &figures, &economic, &sangong);

    let fill = |pattern: &str| {
        pattern
            .replace("{year}", &facts.unit.year.to_string())
            .replace("{unit}", &facts.unit.name)
    };
    let parts = edition
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| PartView {
            kind: p.kind,
            heading: format!("第{}部分　{}", chinese_numeral(i + 1), fill(&p.title)),
        })
        .collect();
    let mut booklet = Booklet {
        unit: UnitView {
            name: facts.unit.name.clone(),
            name_on_tables: facts.unit.name_on_tables.clone(),
            year: facts.unit.year,
            published: facts
                .unit
                .published
                .map(|d| d.format("%Y年%-m月%-d日").to_string())
                .unwrap_or_default(),
            // Without a publication date the PDF is dated 1 January of the year.
            published_iso: facts
                .unit
                .published
                .unwrap_or_else(|| {
                    chrono::NaiveDate::from_ymd_opt(facts.unit.year, 1, 1).unwrap_or_default()
                })
                .format("%Y-%m-%d")
                .to_string(),
            kind: facts.kind.key(),
        },
        title: fill(&edition.document.title),
        cover: edition.document.cover.iter().map(|l| fill(l)).collect(),
        subject: fill(&edition.document.subject),
        keywords: edition.document.keywords.iter().map(|k| fill(k)).collect(),
        edition: edition.id.clone(),
        parts,
        thousands_separator: facts.thousands_separator,
        overview: overview::sections(facts),
        tables,
        figures,
        economic,
        sangong,
        totals,
        narrative,
        key_work: Default::default(),
        glossary: Default::default(),
        attachments: Default::default(),
    };
    back_matter::fill(&mut booklet, facts, catalog);
    booklet
}

impl Booklet {
    /// The table with that id in the edition.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// 基本支出 by 经济分类: the lines entered, grouped by the edition's 人员经费 and 公用经费
/// classes.
fn economic_spending(facts: &Facts) -> EconomicSpending {
    let classes = &facts.edition.economic_classes;
    let lines = |of: &[String]| -> Vec<tables::EconomicLine> {
        facts
            .economic
            .iter()
            .filter(|(code, _)| of.iter().any(|c| code.starts_with(c.as_str())))
            .map(|(code, amount)| tables::EconomicLine {
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

/// Every unit figure by name: the totals of every row figure, the balances and what
/// they derive, 人员/公用经费 and the 三公 figures. Summary and row tables show these;
/// `[typed]` compares with them.
pub fn unit_figures(
    b: &Balances,
    t: &Figures,
    economic: &EconomicSpending,
    sangong: &SangongTable,
) -> BTreeMap<&'static str, Money> {
    let mut named: BTreeMap<&'static str, Money> = Figures::NAMES
        .iter()
        .map(|name| (*name, t.get(name).unwrap_or_default()))
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

/// The names of every unit figure, for the edition checks.
pub fn unit_figure_names() -> Vec<&'static str> {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            unit_figures(
                &Balances::default(),
                &Figures::default(),
                &EconomicSpending::default(),
                &SangongTable::default(),
            )
            .keys()
            .copied()
            .collect()
        })
        .clone()
}

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

fn sangong_columns(line: &SangongLine) -> SangongColumns {
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

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六 (as 公开01 numbers its classes).
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = if n.is_multiple_of(10) {
        ""
    } else {
        DIGITS[n % 10]
    };
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{ones}"),
        20..=99 => format!("{}十{ones}", DIGITS[n / 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_as_the_tables_print_them() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 26]
            .iter()
            .map(|n| chinese_numeral(*n))
            .collect();
        assert_eq!(
            got,
            ["一", "九", "十", "十一", "十九", "二十", "二十一", "二十六"]
        );
    }
}
