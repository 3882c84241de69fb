//! The input file as the user writes it (see `docs/input-format.md`): leaf facts and
//! text, with source spans kept for error messages. Nothing here is derived.

mod amount;
pub mod budget;
pub mod evaluation;
mod fields;
pub mod glossary;
pub mod key_work;
mod kind;
pub mod narrative;
mod parse;
mod texts;
pub mod typed;

pub use amount::Amount;
pub use kind::BookletKind;
pub use parse::{load_str, too_large, Loaded, MAX_INPUT_BYTES};

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub unit: UnitInput,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub overview: Overview,
    #[serde(default)]
    pub items: Vec<ItemInput>,
    #[serde(default)]
    pub balances: Balances,
    #[serde(default)]
    pub basic_economic: BTreeMap<String, Spanned<Amount>>,
    #[serde(default)]
    pub sangong: SangongInput,
    #[serde(default)]
    pub table_notes: BTreeMap<String, Spanned<String>>,
    /// Totals copied from the accounting system, checked against the computed ones.
    pub typed: Option<typed::TypedInput>,
    /// Last year's figures for 第三部分: a file name or a `[previous]` table.
    pub previous: Option<Spanned<narrative::Previous>>,
    #[serde(default)]
    pub narrative: narrative::NarrativeInput,
    #[serde(default)]
    pub key_work: key_work::KeyWorkInput,
    #[serde(default)]
    pub glossary: glossary::GlossaryInput,
    #[serde(default)]
    pub evaluation: evaluation::EvaluationInput,
    /// Budget: the units of the department (表5-2).
    #[serde(default)]
    pub units: Vec<budget::UnitEntry>,
    /// Budget: projects with their money and 表12 form.
    #[serde(default)]
    pub projects: Vec<budget::Project>,
    /// Budget: 表11 近两年收支情况.
    #[serde(default)]
    pub history: Vec<budget::History>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    /// `final` (部门决算, the default) or `budget` (部门预算).
    pub kind: Option<Spanned<BookletKind>>,
    pub name: Spanned<String>,
    pub year: Spanned<i32>,
    /// Required for 决算; a budget booklet may print no date.
    pub published: Option<Spanned<toml::value::Datetime>>,
    pub name_on_tables: Option<Spanned<String>>,
    /// 部门编码 (表5-2's 部门 row).
    pub code: Option<Spanned<String>>,
    /// 咨询电话 (printed where the edition says, e.g. after 名词解释).
    pub phone: Option<Spanned<String>>,
}

impl Input {
    /// The booklet kind the file declares (决算 unless it says otherwise).
    pub fn kind(&self) -> BookletKind {
        self.unit
            .kind
            .as_ref()
            .map(|k| *k.get_ref())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub edition: Option<Spanned<String>>,
    pub amount_unit: Option<Spanned<String>>,
    #[serde(default)]
    pub thousands_separator: bool,
    /// 名词解释: whose 财政 the unit's money comes from (`市级财政`, `区级财政`, `本级财政`).
    pub fiscal_level: Option<Spanned<String>>,
    /// A catalog file or directory, relative to the input file, laid over the built-in
    /// catalog (docs/catalog.md).
    pub catalog: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    #[serde(default)]
    pub sections: Vec<TextSection>,
    /// Budget: 人员构成 (第一部分 三).
    pub staff: Option<Spanned<budget::Staff>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSection {
    pub title: Spanned<String>,
    pub text: Spanned<String>,
}

macro_rules! item_input {
    ($($name:ident: $label:literal,)*) => {
        /// One 功能分类 项 with every column the detail tables draw from it: its amounts
        /// are the vocabulary's (`crate::with_item_amounts!`), in that order.
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ItemInput {
            pub code: Spanned<String>,
            pub name: Option<Spanned<String>>,
            /// Budget: the unit's code (`[[units]]`), needed when the department has several.
            pub unit: Option<Spanned<String>>,
            $(#[doc = $label] pub $name: Option<Spanned<Amount>>,)*
            /// 第三部分: why 支出决算 differs from 年初预算.
            pub budget_reason: Option<Spanned<String>>,
            /// 第三部分: what the money was mainly used for (政府性基金, 国有资本经营 items).
            pub uses: Option<Spanned<String>>,
        }

        impl ItemInput {
            /// Every amount field with its name, in the vocabulary's order.
            pub fn amounts(&self) -> [(&'static str, &Option<Spanned<Amount>>); crate::vocab::ITEM_AMOUNTS.len()] {
                [$((stringify!($name), &self.$name)),*]
            }
        }
    };
}

crate::with_item_amounts!(item_input);

impl ItemInput {
    /// The amounts written for this item that reach the tables (every one but `budget`,
    /// the 年初预算 that only 第三部分 states), with their field names.
    pub fn table_amounts(&self) -> impl Iterator<Item = (&'static str, &Option<Spanned<Amount>>)> {
        self.amounts()
            .into_iter()
            .filter(|(name, _)| *name != "budget")
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Balances {
    pub nonfiscal_surplus_used: Option<Spanned<Amount>>,
    pub business_fund_used: Option<Spanned<Amount>>,
    pub nonfiscal_opening: Option<Spanned<Amount>>,
    pub surplus_distribution: Option<Spanned<Amount>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SangongInput {
    #[serde(default)]
    pub budget: SangongFigures,
    #[serde(default)]
    pub actual: SangongFigures,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SangongFigures {
    pub abroad: Option<Spanned<Amount>>,
    pub car_purchase: Option<Spanned<Amount>>,
    pub car_running: Option<Spanned<Amount>>,
    pub reception: Option<Spanned<Amount>>,
}

impl SangongFigures {
    pub fn amounts(&self) -> [&Option<Spanned<Amount>>; 4] {
        [
            &self.abroad,
            &self.car_purchase,
            &self.car_running,
            &self.reception,
        ]
    }
}

impl Balances {
    /// Every amount of the balances (each reaches 公开01's named totals).
    pub fn amounts(&self) -> [&Option<Spanned<Amount>>; 4] {
        [
            &self.nonfiscal_surplus_used,
            &self.business_fund_used,
            &self.nonfiscal_opening,
            &self.surplus_distribution,
        ]
    }
}
