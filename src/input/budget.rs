//! Input of the budget booklet (部门预算公开) beyond what both kinds share: the units
//! of the department (表5-2, 第一部分 二), the staff counts (第一部分 三), the projects
//! with their money by 项 and source and their 表12 form, and the two history years of
//! 表11. Leaf facts only: every total is computed.

use super::evaluation::{AnnualIndicator, Goal, LongTermIndicator};
use super::fields::Fields;
use super::Amount;
use serde::Deserialize;
use toml::Spanned;

type Text = Spanned<String>;
type Money = Option<Spanned<Amount>>;
type Count = Option<Spanned<u32>>;

/// One budget unit of the department (表5-2 prints one row each).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// 单位编码 (`136001`).
    pub code: Text,
    pub name: Text,
    /// The department's own unit (本级); every other unit is a 二级预算单位.
    #[serde(default)]
    pub own: bool,
}

/// 第一部分 三: counts by kind; every total is computed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// 编制
    #[serde(default)]
    pub authorized: StaffCounts,
    /// 在职实有
    #[serde(default)]
    pub actual: StaffCounts,
    /// 离退休
    #[serde(default)]
    pub retirees: Retirees,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffCounts {
    /// 行政
    pub administrative: Count,
    /// 事业 (参照公务员法管理 included)
    pub institutional: Count,
    /// 其中：参照公务员法管理
    pub civil_servant_managed: Count,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retirees {
    /// 离休
    pub veteran: Count,
    /// 退休
    pub retired: Count,
}

/// 表11 近两年收支情况: one year's figures in the file's amount unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    pub year: Spanned<i32>,
    /// 财政拨款
    pub fiscal: Money,
    /// 其他资金
    pub other: Money,
    /// 基本支出
    pub basic: Money,
    /// 项目支出
    pub project: Money,
}

/// A project: its money by 项 and source (表3/5-1/10 and the 项目支出 of each 项) and
/// its 项目支出绩效目标表 (表12).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// 项目名称
    pub name: Text,
    /// The 功能分类 项 it is budgeted under.
    pub code: Text,
    /// The unit's code (`[[units]]`), needed when the department has several.
    pub unit: Option<Text>,
    /// 十（五）: 优先保障的优秀项目.
    #[serde(default)]
    pub priority: bool,
    /// 项目主管部门, 项目执行单位, 项目负责人, 联系电话, 单位地址
    pub department: Option<Text>,
    pub executor: Option<Text>,
    pub manager: Option<Text>,
    pub phone: Option<Text>,
    pub address: Option<Text>,
    /// 一级项目名称
    pub level1_project: Option<Text>,
    /// 项目安排频度 (常年性项目, 延续性项目, 一次性项目)
    pub kind: Option<Text>,
    pub start_year: Option<Spanned<i32>>,
    pub end_year: Option<Spanned<i32>>,
    /// 项目概述, 项目立项依据, 项目实施方案 (lines kept)
    pub overview: Option<Text>,
    pub basis: Option<Text>,
    pub plan: Option<Text>,
    /// 项目总预算
    pub total_budget: Money,
    /// 项目前两年预算情况
    #[serde(default)]
    pub history: Vec<ProjectYear>,
    #[serde(default)]
    pub sources: Sources,
    /// 项目支出明细测算
    #[serde(default)]
    pub estimates: Vec<Estimate>,
    /// 项目采购
    #[serde(default)]
    pub purchases: Vec<Purchase>,
    /// 项目绩效总目标 with the 长期/年度绩效目标表 rows of each goal.
    #[serde(default)]
    pub long_term: Vec<Goal<LongTermIndicator>>,
    #[serde(default)]
    pub annual: Vec<Goal<AnnualIndicator>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectYear {
    pub year: Spanned<i32>,
    /// 预算数, 执行数; 执行率 is computed.
    pub budget: Spanned<Amount>,
    pub executed: Spanned<Amount>,
}

macro_rules! sources {
    ($($name:ident: $label:literal,)*) => {
        /// 项目资金来源 by source (the vocabulary's `crate::with_project_sources!`);
        /// `*_opening` is the part carried over from last year.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Sources {
            $(#[doc = $label] pub $name: Money,)*
        }

        impl Sources {
            /// Every amount with its name, written or not.
            pub fn named(&self) -> [(&'static str, &Money); crate::vocab::PROJECT_SOURCES.len()] {
                [$((stringify!($name), &self.$name)),*]
            }

            /// Every amount written, for the rounding they carry.
            pub fn amounts(&self) -> impl Iterator<Item = &Money> {
                self.named().into_iter().map(|(_, m)| m)
            }
        }
    };
}

crate::with_project_sources!(sources);

/// A line of 项目支出明细测算: 测算数 = 单价 × 计量数.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// 项目任务明细
    pub task: Text,
    /// 支出标准
    pub standard: Option<Text>,
    /// 单价
    pub price: Spanned<Amount>,
    /// 计量数
    pub quantity: Spanned<Amount>,
    /// 测算依据及说明
    pub basis: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    /// 品名
    pub item: Text,
    /// 数量
    pub quantity: Text,
    pub amount: Spanned<Amount>,
    /// `goods`, `works` or `services` (十（二） 政府采购).
    pub kind: Text,
}

impl Project {
    /// Every text of the project that reaches the booklet, with its field path.
    fn texts<'a>(&'a self, out: &mut Fields<'a>, prefix: &str) {
        out.one(prefix, "name", &self.name);
        for (name, value) in [
            ("department", &self.department),
            ("executor", &self.executor),
            ("manager", &self.manager),
            ("phone", &self.phone),
            ("address", &self.address),
            ("level1_project", &self.level1_project),
            ("kind", &self.kind),
            ("overview", &self.overview),
            ("basis", &self.basis),
            ("plan", &self.plan),
        ] {
            out.opt(prefix, name, value);
        }
        for (i, e) in self.estimates.iter().enumerate() {
            let p = &format!("{prefix}.estimates[{i}]");
            out.one(p, "task", &e.task);
            out.opt(p, "standard", &e.standard);
            out.opt(p, "basis", &e.basis);
        }
        for (i, x) in self.purchases.iter().enumerate() {
            let p = &format!("{prefix}.purchases[{i}]");
            out.one(p, "item", &x.item);
            out.one(p, "quantity", &x.quantity);
        }
        out.goals(&format!("{prefix}.long_term"), &self.long_term);
        out.goals(&format!("{prefix}.annual"), &self.annual);
    }
}

/// Every budget text of the input that reaches the booklet (font and placeholder checks).
pub fn text_fields(input: &super::Input) -> Vec<(String, &Text)> {
    let mut out = Fields(Vec::new());
    out.opt("unit", "code", &input.unit.code);
    out.opt("unit", "phone", &input.unit.phone);
    for (i, u) in input.units.iter().enumerate() {
        let p = &format!("units[{i}]");
        out.one(p, "code", &u.code);
        out.one(p, "name", &u.name);
    }
    for (i, p) in input.projects.iter().enumerate() {
        p.texts(&mut out, &format!("projects[{i}]"));
    }
    out.0
}
