//! The edition's layout of 第三部分 决算情况说明: which sections exist, in which order,
//! their headings and sub-headings, chart captions, the "no such item" sentences and
//! the precision percentages are printed with.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeLayout {
    /// Who speaks in the performance section: `我单位`, `我部门（单位）`.
    pub we: String,
    /// 五（三）: 项 lines grouped under their 类 (`1.…具体包括：（1）…`) or numbered flat.
    pub item_grouping: ItemGrouping,
    /// How shares of a breakdown are rounded (see [`ShareMethod`]).
    #[serde(default)]
    pub share_method: ShareMethod,
    pub percent: Precision,
    /// 十二: the vehicle categories, in printed order, with their labels.
    pub vehicle_categories: Vec<VehicleCategory>,
    pub sections: Vec<SectionSpec>,
    /// Changes and deviations the text must explain (rule W501): keys of
    /// `[narrative.reasons]`, and `items` for a 项's 决算 differing from its 年初预算.
    #[serde(default)]
    pub reasons_required: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemGrouping {
    Class,
    Flat,
}

/// Shares of a breakdown (收入结构, 支出结构, 类 structure) are each rounded half-up;
/// they may then add up to 99.9% or 100.1%. `LargestRemainder` rounds them so that they
/// add up to exactly 100% (Hamilton's method at the printed precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareMethod {
    #[default]
    HalfUp,
    LargestRemainder,
}

impl ShareMethod {
    pub fn parse(text: &str) -> Option<ShareMethod> {
        match text {
            "half_up" => Some(ShareMethod::HalfUp),
            "largest_remainder" => Some(ShareMethod::LargestRemainder),
            _ => None,
        }
    }
}

/// Decimals printed for each kind of percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precision {
    /// 增长/下降 x% against last year.
    pub change: u32,
    /// 占本年收入/支出 x%, and the other shares of a whole.
    pub share: u32,
    /// 五（二）: each 类's share of 一般公共预算财政拨款支出.
    pub class_share: u32,
    /// 完成年初预算/全年预算的 x% (totals, 三公, projects).
    pub completion: u32,
    /// 五（三）: each 项's 完成年初预算的 x%.
    pub item_completion: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleCategory {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Which section this is: `overall`, `income`, `spending`, `fiscal`, `general`,
    /// `basic`, `fund`, `capital`, `sangong`, `operating_costs`, `procurement`,
    /// `assets`, `performance`.
    pub key: String,
    /// Without its number: `收入支出决算总体情况说明`.
    pub heading: String,
    /// Sub-headings （一）（二）…, without their numbers.
    #[serde(default)]
    pub parts: Vec<String>,
    /// Caption of the chart that follows the section's text, without `图n：`.
    pub chart: Option<String>,
    /// The sentence printed when the unit has nothing to report here.
    pub empty: Option<String>,
    /// Further sentences of an empty section (三公: one per item).
    #[serde(default)]
    pub empty_details: Vec<String>,
    /// Left out entirely (numbering closes up) when the input does not give its data.
    #[serde(default)]
    pub optional: bool,
}

/// The section keys gongkai knows how to write.
pub const SECTION_KEYS: &[&str] = &[
    "overall",
    "income",
    "spending",
    "fiscal",
    "general",
    "basic",
    "fund",
    "capital",
    "sangong",
    "operating_costs",
    "procurement",
    "assets",
    "performance",
];

/// The vehicle categories the input may count (`[narrative.assets.vehicles]`).
pub const VEHICLE_KEYS: &[&str] = &[
    "leaders",
    "heads",
    "confidential",
    "emergency",
    "enforcement",
    "special",
    "retirees",
    "other",
];
