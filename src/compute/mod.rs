//! Compute: every table, total and figure of the booklet, derived from the resolved
//! facts in one place. Templates print what is here and compute nothing themselves.

pub mod figures;
pub mod narrative;
pub mod percent;
pub mod resolve;

pub mod back_matter;
mod check;
pub mod evaluation;
pub mod glossary;
pub mod key_work;

use crate::catalog::Catalog;
use crate::edition::{Edition, RowSpec};
use crate::money::Money;
use figures::Figures;
use resolve::{Balances, Facts, SangongLine, TextSection};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Booklet {
    pub unit: UnitView,
    /// `2024年度武汉市黄陂区网络运维服务中心部门决算公开`
    pub title: String,
    pub edition: String,
    pub thousands_separator: bool,
    pub overview: Vec<SectionView>,
    pub tables: Vec<TableView>,
    pub summary: SummaryTable,
    pub fiscal_summary: SummaryTable,
    pub income: DetailTable,
    pub spending: DetailTable,
    pub general: DetailTable,
    pub fund: DetailTable,
    pub capital: DetailTable,
    pub economic: EconomicTable,
    pub sangong: SangongTable,
    /// The unit's totals over all items.
    pub totals: Figures,
    /// Named unit-level figures (`income_total`, `closing_total`, `personnel_total`,
    /// …): what the editions' summary rows and typed cross-checks refer to.
    pub figures: BTreeMap<&'static str, Money>,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// `一、部门主要职责`
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub id: String,
    pub kind: String,
    /// `公开01表` / `表1`
    pub label: String,
    /// The entry in the list of tables: `一、收入支出决算总表（公开01表）`.
    pub listing: String,
    /// The title as printed: `2024年度收入支出决算总表`, with `（表1）` where the
    /// edition puts the label into the title.
    pub title: String,
    pub label_beside_title: bool,
    pub org_line: String,
    pub year_line: Option<String>,
    pub money_line: String,
    pub notes: Vec<String>,
    pub identities: Vec<String>,
    /// The 说明 line, present only when the table has no figures.
    pub empty_note: Option<String>,
    pub landscape: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryTable {
    pub rows: Vec<SummaryRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryRow {
    pub left: SummaryCell,
    pub right: SummaryCell,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryCell {
    /// 行次
    pub number: usize,
    pub label: String,
    pub indent: bool,
    /// One figure per value column of that side; empty for a blank row.
    pub values: Vec<Money>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunctionRow {
    pub code: String,
    pub name: String,
    /// 1 类, 2 款, 3 项
    pub level: u8,
    pub f: Figures,
}

#[derive(Debug, Clone, Serialize)]
pub struct DetailTable {
    /// The figure shown in each value column, in 栏次 order (names of `Figures`).
    pub columns: &'static [&'static str],
    pub rows: Vec<FunctionRow>,
    pub total: Figures,
}

/// The value columns of the 功能分类 tables, in 栏次 order: one definition for the
/// templates, the identity checks and the typed cross-checks.
pub const INCOME_COLUMNS: &[&str] = &[
    "income_total",
    "fiscal_income",
    "superior_income",
    "business_income",
    "operating_income",
    "affiliated_income",
    "other_income",
];
pub const SPENDING_COLUMNS: &[&str] = &[
    "spending_total",
    "basic",
    "project",
    "to_superior",
    "operating_spending",
    "to_affiliated",
];
pub const GENERAL_COLUMNS: &[&str] = &["general_spending", "general_basic", "general_project"];
pub const FUND_COLUMNS: &[&str] = &[
    "fund_opening",
    "fund_income",
    "fund_spending",
    "fund_basic",
    "fund_project",
    "fund_closing",
];
pub const CAPITAL_COLUMNS: &[&str] = &["capital_spending", "capital_basic", "capital_project"];

impl Booklet {
    /// The 功能分类 table with that id (`02`, `03`, `05`, `07`, `08`).
    pub fn detail_table(&self, id: &str) -> Option<&DetailTable> {
        Some(match id {
            "02" => &self.income,
            "03" => &self.spending,
            "05" => &self.general,
            "07" => &self.fund,
            "08" => &self.capital,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EconomicLine {
    pub code: String,
    pub name: String,
    /// A 类 line (301, 302, …), printed unindented.
    pub is_class: bool,
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct EconomicTable {
    /// Each printed line: 人员经费 | 公用经费 (302) | 公用经费 (310); `None` = blank.
    pub rows: Vec<[Option<EconomicLine>; 3]>,
    pub personnel_total: Money,
    pub public_total: Money,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct SangongColumns {
    pub total: Money,
    pub abroad: Money,
    pub car_total: Money,
    pub car_purchase: Money,
    pub car_running: Money,
    pub reception: Money,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct SangongTable {
    pub budget: SangongColumns,
    pub actual: SangongColumns,
}

pub fn compute(facts: &Facts, catalog: &Catalog) -> Booklet {
    let edition = &facts.edition;
    let mut totals = Figures::default();
    for item in &facts.items {
        totals += &item.figures;
    }
    let rows = function_rows(facts);
    let detail = |columns, keep: fn(&Figures) -> bool| DetailTable {
        columns,
        rows: rows.iter().filter(|r| keep(&r.f)).cloned().collect(),
        total: totals,
    };
    let named = named_totals(&facts.balances, &totals);
    let class_totals = class_totals(&rows);
    let class_label = |i: usize, code: &str| {
        let name = catalog.function(code).map_or("", |e| e.name.as_str());
        format!("{}、{name}", chinese_numeral(i + 1))
    };
    let class_rows = |values: &dyn Fn(&Figures) -> Vec<Money>| -> Vec<(String, Vec<Money>)> {
        edition
            .classes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let f = class_totals.get(code.as_str()).copied().unwrap_or_default();
                (class_label(i, code), values(&f))
            })
            .collect()
    };
    let summary = summary_table(
        &edition.summary,
        &named,
        class_rows(&|f| vec![f.spending_total]),
    );
    let fiscal_summary = summary_table(
        &edition.fiscal_summary,
        &named,
        class_rows(&|f| {
            vec![
                f.fiscal_spending,
                f.general_spending,
                f.fund_spending,
                f.capital_spending,
            ]
        }),
    );
    let sangong = SangongTable {
        budget: sangong_columns(&facts.sangong.budget),
        actual: sangong_columns(&facts.sangong.actual),
    };
    let economic = economic_table(facts);

    let capital_empty = totals.capital_spending.is_zero()
        && totals.capital_income.is_zero()
        && totals.capital_opening.is_zero();
    let sangong_empty = [sangong.budget.total, sangong.actual.total]
        .iter()
        .all(|m| m.is_zero());
    let is_empty = |kind: &str| match kind {
        "fund" => !totals.has_fund_money(),
        "capital" => capital_empty,
        "sangong" => sangong_empty,
        _ => false,
    };
    let tables = edition
        .tables
        .iter()
        .enumerate()
        .map(|(i, spec)| table_view(facts, spec, i + 1, is_empty(&spec.kind)))
        .collect();
    let narrative = narrative::narrative(facts, &totals, &named, &economic, &sangong);

    let mut booklet = Booklet {
        unit: UnitView {
            name: facts.unit.name.clone(),
            name_on_tables: facts.unit.name_on_tables.clone(),
            year: facts.unit.year,
            published: facts.unit.published.format("%Y年%-m月%-d日").to_string(),
            published_iso: facts.unit.published.format("%Y-%m-%d").to_string(),
        },
        title: format!("{}年度{}部门决算公开", facts.unit.year, facts.unit.name),
        edition: edition.id.clone(),
        thousands_separator: facts.thousands_separator,
        overview: facts
            .overview
            .iter()
            .enumerate()
            .map(|(i, s): (usize, &TextSection)| SectionView {
                heading: format!("{}、{}", chinese_numeral(i + 1), s.title),
                paragraphs: s.paragraphs.clone(),
            })
            .collect(),
        tables,
        summary,
        fiscal_summary,
        income: detail(INCOME_COLUMNS, |f| !f.income_total.is_zero()),
        spending: detail(SPENDING_COLUMNS, |f| !f.spending_total.is_zero()),
        general: detail(GENERAL_COLUMNS, |f| !f.general_spending.is_zero()),
        fund: detail(FUND_COLUMNS, Figures::has_fund_money),
        capital: detail(CAPITAL_COLUMNS, |f| {
            !f.capital_spending.is_zero() || !f.capital_income.is_zero()
        }),
        figures: extra_figures(named, &economic, &sangong),
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

/// The summary figures plus the totals of 公开06 and 公开09, by name.
fn extra_figures(
    mut named: BTreeMap<&'static str, Money>,
    economic: &EconomicTable,
    sangong: &SangongTable,
) -> BTreeMap<&'static str, Money> {
    named.insert("personnel_total", economic.personnel_total);
    named.insert("public_total", economic.public_total);
    named.insert("sangong_budget_total", sangong.budget.total);
    named.insert("sangong_budget_car_total", sangong.budget.car_total);
    named.insert("sangong_actual_total", sangong.actual.total);
    named.insert("sangong_actual_car_total", sangong.actual.car_total);
    named
}

/// 类, 款 and 项 rows in code order, each 类/款 the sum of its items.
fn function_rows(facts: &Facts) -> Vec<FunctionRow> {
    let mut sums: BTreeMap<&str, Figures> = BTreeMap::new();
    for item in &facts.items {
        for len in [3, 5, 7] {
            *sums.entry(&item.code[..len]).or_default() += &item.figures;
        }
    }
    sums.into_iter()
        .map(|(code, f)| FunctionRow {
            code: code.to_string(),
            name: facts.function_names.get(code).cloned().unwrap_or_default(),
            level: match code.len() {
                3 => 1,
                5 => 2,
                _ => 3,
            },
            f,
        })
        .collect()
}

fn class_totals(rows: &[FunctionRow]) -> BTreeMap<&str, Figures> {
    rows.iter()
        .filter(|r| r.level == 1)
        .map(|r| (r.code.as_str(), r.f))
        .collect()
}

/// The named figures the edition's summary rows refer to (`income_total`, …).
pub fn named_totals(b: &Balances, t: &Figures) -> BTreeMap<&'static str, Money> {
    let fiscal_opening = t.general_opening + t.fund_opening + t.capital_opening;
    let opening_total = fiscal_opening + b.nonfiscal_opening;
    let nonfiscal_spending = t.nonfiscal_basic
        + t.nonfiscal_project
        + t.to_superior
        + t.operating_spending
        + t.to_affiliated;
    let nonfiscal_closing = b.nonfiscal_opening + t.nonfiscal_income + b.nonfiscal_surplus_used
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
        ("opening_total", opening_total),
        (
            "income_grand_total",
            t.income_total + b.nonfiscal_surplus_used + opening_total,
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

/// The names an edition's summary rows may use; checked by the edition tests.
pub fn summary_value_names() -> Vec<&'static str> {
    named_totals(&Balances::default(), &Figures::default())
        .keys()
        .copied()
        .collect()
}

fn summary_table(
    layout: &crate::edition::SummaryLayout,
    named: &BTreeMap<&'static str, Money>,
    class_rows: Vec<(String, Vec<Money>)>,
) -> SummaryTable {
    let lookup = |name: &String| named.get(name.as_str()).copied().unwrap_or_default();
    let blank = |label: &str| (label.to_string(), false, Vec::new());
    let mut left: Vec<(String, bool, Vec<Money>)> = layout
        .income
        .iter()
        .map(|r: &RowSpec| {
            (
                r.label.clone(),
                r.indent,
                r.value.iter().map(lookup).collect(),
            )
        })
        .collect();
    while left.len() < class_rows.len() {
        left.push(blank(""));
    }
    left.extend(layout.income_tail.iter().map(|r| {
        (
            r.label.clone(),
            r.indent,
            r.value.iter().map(lookup).collect(),
        )
    }));
    let mut right: Vec<(String, bool, Vec<Money>)> = class_rows
        .into_iter()
        .map(|(label, values)| (label, false, values))
        .collect();
    right.extend(layout.spending_tail.iter().map(|r| {
        (
            r.label.clone(),
            r.indent,
            r.values.iter().map(lookup).collect(),
        )
    }));
    let height = left.len().max(right.len());
    left.resize_with(height, || blank(""));
    right.resize_with(height, || blank(""));
    let cell = |number: usize, (label, indent, values): (String, bool, Vec<Money>)| SummaryCell {
        number,
        label,
        indent,
        values,
    };
    SummaryTable {
        rows: left
            .into_iter()
            .zip(right)
            .enumerate()
            .map(|(i, (l, r))| SummaryRow {
                left: cell(i + 1, l),
                right: cell(height + i + 1, r),
            })
            .collect(),
    }
}

fn economic_table(facts: &Facts) -> EconomicTable {
    let layout = &facts.edition.economic;
    let amount = |code: &str| -> Money {
        if code.len() == 3 {
            facts
                .economic
                .iter()
                .filter(|(c, _)| c.starts_with(code))
                .map(|(_, m)| *m)
                .sum()
        } else {
            facts.economic.get(code).copied().unwrap_or_default()
        }
    };
    let lines = |codes: &[String]| -> Vec<EconomicLine> {
        codes
            .iter()
            .map(|code| EconomicLine {
                code: code.clone(),
                name: facts.economic_names.get(code).cloned().unwrap_or_default(),
                is_class: code.len() == 3,
                amount: amount(code),
            })
            .collect()
    };
    let groups = [
        lines(&layout.personnel),
        lines(&layout.public),
        lines(&layout.capital),
    ];
    let class_sum =
        |g: &[EconomicLine]| -> Money { g.iter().filter(|l| l.is_class).map(|l| l.amount).sum() };
    let personnel_total = class_sum(&groups[0]);
    let public_total = class_sum(&groups[1]) + class_sum(&groups[2]);
    let height = groups.iter().map(Vec::len).max().unwrap_or(0);
    let rows = (0..height)
        .map(|i| {
            [
                groups[0].get(i).cloned(),
                groups[1].get(i).cloned(),
                groups[2].get(i).cloned(),
            ]
        })
        .collect();
    EconomicTable {
        rows,
        personnel_total,
        public_total,
    }
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

fn table_view(
    facts: &Facts,
    spec: &crate::edition::TableSpec,
    position: usize,
    empty: bool,
) -> TableView {
    let edition: &Edition = &facts.edition;
    let year = facts.unit.year;
    let label = edition.table_label(&spec.id);
    let title = if edition.labels.in_title {
        format!("{year}年度{}（{label}）", spec.title)
    } else {
        format!("{year}年度{}", spec.title)
    };
    let empty_note = empty
        .then(|| {
            facts.table_notes.get(&spec.id).cloned().or_else(|| {
                spec.empty_note.as_ref().map(|t| {
                    t.replace("{subject}", &edition.labels.empty_subject)
                        .replace("{year}", &year.to_string())
                })
            })
        })
        .flatten();
    TableView {
        id: spec.id.clone(),
        kind: spec.kind.clone(),
        label_beside_title: !edition.labels.in_title,
        listing: format!("{}、{}（{label}）", chinese_numeral(position), spec.title),
        label,
        title,
        org_line: format!("{}：{}", edition.labels.org, facts.unit.name_on_tables),
        year_line: edition.labels.year_line.then(|| format!("{year}年度")),
        money_line: edition.labels.money.clone(),
        notes: spec.notes.clone(),
        identities: spec.identities.clone(),
        empty_note,
        landscape: spec.landscape,
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

    #[test]
    fn editions_refer_only_to_computed_figures() {
        let names = summary_value_names();
        for id in Edition::builtin_ids() {
            let e = Edition::builtin(id).unwrap();
            for layout in [&e.summary, &e.fiscal_summary] {
                for row in layout
                    .income
                    .iter()
                    .chain(&layout.income_tail)
                    .chain(&layout.spending_tail)
                {
                    for name in row.value.iter().chain(&row.values) {
                        assert!(
                            names.contains(&name.as_str()),
                            "{id}: unknown figure {name}"
                        );
                    }
                }
            }
        }
    }
}
