//! Input for 第三部分 决算情况说明: only what the narrative needs and cannot derive from
//! the tables — last year's figures, the reasons for changes, the uses of the money, the
//! main projects, and the facts of 三公, 机关运行经费, 政府采购, 国有资产 and 预算绩效.

use super::Amount;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

type Text = Option<Spanned<String>>;
type Money = Option<Spanned<Amount>>;
type Count = Option<Spanned<u32>>;

/// `previous = "2023.toml"` (last year's input file, relative to this one) or a
/// `[previous]` table of last year's figures.
#[derive(Debug, Clone)]
pub enum Previous {
    File(String),
    Figures(Box<PriorFigures>),
}

impl<'de> Deserialize<'de> for Previous {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PreviousVisitor;
        impl<'de> Visitor<'de> for PreviousVisitor {
            type Value = Previous;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("上年输入文件名（如 \"2023.toml\"）或 [previous] 表")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Previous, E> {
                Ok(Previous::File(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Previous, A::Error> {
                let figures =
                    PriorFigures::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Previous::Figures(Box::new(figures)))
            }
        }
        deserializer.deserialize_any(PreviousVisitor)
    }
}

macro_rules! prior_figures {
    ($($name:ident: $label:literal,)*) => {
        /// Last year's figures, as last year's booklet printed them: the vocabulary's
        /// (`crate::with_prior_amounts!`) and 三公. A figure left out is unknown: its
        /// sentence says there is no comparable figure.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct PriorFigures {
            /// `"元"` or `"万元"`; default: `settings.amount_unit`.
            pub amount_unit: Text,
            $(#[doc = $label] pub $name: Money,)*
            /// 三公 actual spending (budget: 预算数); absent = unknown, a missing line of a
            /// given table = 0.
            pub sangong: Option<PriorSangong>,
        }

        impl PriorFigures {
            /// Every amount but 三公, with its name.
            pub fn amounts(&self) -> [(&'static str, &Money); crate::vocab::PRIOR_AMOUNTS.len()] {
                [$((stringify!($name), &self.$name)),*]
            }
        }
    };
}

crate::with_prior_amounts!(prior_figures);

/// Last year's 三公 figures: the lines, or only their total.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorSangong {
    pub abroad: Money,
    pub car_purchase: Money,
    pub car_running: Money,
    pub reception: Money,
    /// The total, when the lines are not known.
    pub total: Money,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeInput {
    /// Overrides of the edition's percent precision.
    #[serde(default)]
    pub percent: PercentInput,
    /// `"half_up"` or `"largest_remainder"`; default: the edition's.
    pub share_method: Text,
    #[serde(default)]
    pub reasons: Reasons,
    /// 五（二）: what each 类 (3-digit code) was mainly used for.
    #[serde(default)]
    pub class_uses: BTreeMap<String, Spanned<String>>,
    /// 五（三）: the main projects of 项目支出.
    #[serde(default)]
    pub projects: Vec<MainProject>,
    #[serde(default)]
    pub sangong: SangongDetails,
    pub operating_costs: Option<OperatingCosts>,
    pub procurement: Option<Procurement>,
    pub assets: Option<Assets>,
    pub performance: Option<Performance>,
    /// Budget 十（三） 政府购买服务预算.
    pub purchased_services: Option<AmountNote>,
    /// Budget 十（六） 非税收入征收预计数.
    pub nontax: Option<AmountNote>,
}

/// An amount and, optionally, what it is for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountNote {
    pub amount: Spanned<Amount>,
    pub note: Text,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PercentInput {
    pub change: Count,
    pub share: Count,
    pub class_share: Count,
    pub completion: Count,
    pub item_completion: Count,
}

macro_rules! reasons {
    ($($name:ident: $label:literal,)*) => {
        /// The 主要原因 of each change (the vocabulary's `crate::with_reasons!`); printed
        /// after the change they explain.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Reasons {
            $(#[doc = $label] pub $name: Text,)*
        }
    };
}

crate::with_reasons!(reasons);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MainProject {
    pub name: Spanned<String>,
    pub amount: Spanned<Amount>,
    /// 主要成效.
    pub outcome: Text,
}

/// 九: what the 三公 table cannot say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SangongDetails {
    pub abroad_groups: Count,
    pub abroad_persons: Count,
    pub abroad_uses: Text,
    pub cars_bought: Count,
    pub car_purchase_uses: Text,
    pub cars_held: Count,
    pub car_running_uses: Text,
    pub reception_uses: Text,
    /// 外宾接待 part of 公务接待费; the rest is 国内公务接待.
    pub foreign_reception: Money,
    pub foreign_batches: Count,
    pub foreign_persons: Count,
    pub reception_batches: Count,
    pub reception_persons: Count,
}

/// 机关运行经费.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatingCosts {
    pub amount: Spanned<Amount>,
    /// Printed after the amount, e.g. `本单位为非参公管理的事业单位`.
    pub note: Text,
}

/// 政府采购 by contract.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    pub goods: Money,
    pub works: Money,
    pub services: Money,
    /// Contracts awarded to 中小企业, by kind.
    pub sme_goods: Money,
    pub sme_works: Money,
    pub sme_services: Money,
    /// Of the 中小企业 contracts, those awarded to 小微企业.
    pub small_micro: Money,
}

/// 国有资产占用 at 31 December.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    #[serde(default)]
    pub vehicles: Vehicles,
    /// 单价100万元（含）以上设备（不含车辆）, 台（套）.
    pub equipment: Count,
    /// Budget 十（四）: 占有使用国有资产 at 31 December of the year before.
    pub total: Money,
    /// Budget: 办公用房, as printed.
    pub office: Text,
    /// Budget: 预算新增资产 and what it is.
    pub new_assets: Money,
    pub new_assets_note: Text,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vehicles {
    /// Budget: 一般公务用车.
    pub general: Count,
    pub leaders: Count,
    pub heads: Count,
    pub confidential: Count,
    pub emergency: Count,
    pub enforcement: Count,
    pub special: Count,
    pub retirees: Count,
    pub other: Count,
}

/// 十三 预算绩效.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// When no self-evaluation was done: printed under every sub-heading.
    pub not_evaluated: Text,
    /// Projects evaluated and their funds.
    pub project_count: Count,
    pub project_funds: Money,
    pub summary: Text,
    /// Whose 整体支出 was evaluated (`部门本级`, `1个部门（单位）`) and its funds.
    pub unit_scope: Text,
    pub unit_funds: Money,
    pub unit_summary: Text,
    #[serde(default)]
    pub projects: Vec<EvaluatedProject>,
    /// 绩效自评结果应用情况.
    pub application: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluatedProject {
    pub name: Text,
    pub budget: Spanned<Amount>,
    pub spent: Spanned<Amount>,
    /// Printed in brackets after 执行数.
    pub spent_note: Text,
    /// 主要产出和效益.
    pub results: Text,
}

/// Every text field of the narrative input with its field path (for the glyph check).
pub fn text_fields(input: &super::Input) -> Vec<(String, &Spanned<String>)> {
    let mut out: Vec<(String, &Spanned<String>)> = Vec::new();
    let n = &input.narrative;
    let r = &n.reasons;
    for (name, value) in [
        ("total", &r.total),
        ("income", &r.income),
        ("spending", &r.spending),
        ("fiscal", &r.fiscal),
        ("general_income", &r.general_income),
        ("fund_income", &r.fund_income),
        ("capital_income", &r.capital_income),
        ("general_spending", &r.general_spending),
        ("budget", &r.budget),
        ("sangong", &r.sangong),
        ("abroad", &r.abroad),
        ("car", &r.car),
        ("reception", &r.reception),
        ("operating_costs", &r.operating_costs),
    ] {
        if let Some(v) = value {
            out.push((format!("narrative.reasons.{name}"), v));
        }
    }
    for (code, v) in &n.class_uses {
        out.push((format!("narrative.class_uses.\"{code}\""), v));
    }
    for (i, p) in n.projects.iter().enumerate() {
        out.push((format!("narrative.projects[{i}].name"), &p.name));
        if let Some(v) = &p.outcome {
            out.push((format!("narrative.projects[{i}].outcome"), v));
        }
    }
    let s = &n.sangong;
    for (name, value) in [
        ("abroad_uses", &s.abroad_uses),
        ("car_purchase_uses", &s.car_purchase_uses),
        ("car_running_uses", &s.car_running_uses),
        ("reception_uses", &s.reception_uses),
    ] {
        if let Some(v) = value {
            out.push((format!("narrative.sangong.{name}"), v));
        }
    }
    if let Some(Some(v)) = n.operating_costs.as_ref().map(|o| &o.note) {
        out.push(("narrative.operating_costs.note".into(), v));
    }
    for (name, value) in [
        ("purchased_services", &n.purchased_services),
        ("nontax", &n.nontax),
    ] {
        if let Some(Some(v)) = value.as_ref().map(|x| &x.note) {
            out.push((format!("narrative.{name}.note"), v));
        }
    }
    if let Some(a) = &n.assets {
        for (name, value) in [
            ("office", &a.office),
            ("new_assets_note", &a.new_assets_note),
        ] {
            if let Some(v) = value {
                out.push((format!("narrative.assets.{name}"), v));
            }
        }
    }
    if let Some(p) = &n.performance {
        for (name, value) in [
            ("not_evaluated", &p.not_evaluated),
            ("summary", &p.summary),
            ("unit_scope", &p.unit_scope),
            ("unit_summary", &p.unit_summary),
            ("application", &p.application),
        ] {
            if let Some(v) = value {
                out.push((format!("narrative.performance.{name}"), v));
            }
        }
        for (i, project) in p.projects.iter().enumerate() {
            for (name, value) in [
                ("name", &project.name),
                ("spent_note", &project.spent_note),
                ("results", &project.results),
            ] {
                if let Some(v) = value {
                    out.push((format!("narrative.performance.projects[{i}].{name}"), v));
                }
            }
        }
    }
    for (i, item) in input.items.iter().enumerate() {
        for (name, value) in [("budget_reason", &item.budget_reason), ("uses", &item.uses)] {
            if let Some(v) = value {
                out.push((format!("items[{i}].{name}"), v));
            }
        }
    }
    out
}
