//! Parts: the views of Parts 1–6 — cover, 概况, the tables, 第三部分's facts, 重点工作,
//! 名词解释, 附件 — as serde values for the templates, from the facts, the figures and
//! the tables. Templates print what is here and compute nothing themselves.

mod back_matter;
pub mod evaluation;
pub mod glossary;
pub mod key_work;
pub mod narrative;
mod overview;

use crate::base::money::Money;
use crate::base::numeral::chinese_numeral;
use crate::figures::{Computed, EconomicSpending, Figures, SangongTable};
use crate::resolve::Facts;
use crate::tables::Table;
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
    /// 第三部分 决算情况说明's facts, section by section (the wording stage words them).
    #[serde(skip)]
    pub part3: narrative::Part3Facts,
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
    pub kind: crate::declare::edition::PartKind,
    /// `第二部分　武汉市…2024年度部门决算表`
    pub heading: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// `一、部门主要职责`
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// The views of Parts 1–6 of a booklet whose figures and tables are computed.
pub fn assemble(facts: &Facts, computed: &Computed, tables: Vec<Table>) -> Booklet {
    let edition = &facts.edition;
    let catalog = &facts.catalog;

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
        figures: computed.named.clone(),
        economic: computed.economic.clone(),
        sangong: computed.sangong,
        totals: computed.totals,
        part3: narrative::facts(facts, computed),
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
