//! 第六部分 附件: the performance self-evaluation forms (绩效自评表), as leaf facts.
//!
//! Two shapes exist. *Target forms* (reference 001) state goals and indicator values
//! without scores. *Scored forms* (reference 003) score the budget execution and each
//! indicator; the scores, 执行率 and 总分 are computed, and a figure the user types
//! anyway is checked against the computed one.

use super::fields::Fields;
use super::Amount;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationInput {
    /// 填报日期 printed on the target forms.
    pub filled: Option<Spanned<toml::value::Datetime>>,
    /// 整体绩效自评表, target shape.
    pub overall: Option<OverallTargets>,
    /// 项目绩效自评表, target shape.
    #[serde(default)]
    pub projects: Vec<ProjectTargets>,
    /// 整体绩效自评表, scored shape.
    pub scored_overall: Option<ScoredOverall>,
    /// 项目绩效自评表, scored shape.
    #[serde(default)]
    pub scored_projects: Vec<ScoredProject>,
}

type Text = Spanned<String>;

// ---- target forms (reference 001)

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverallTargets {
    /// The name in the title `2022年度{title_name}整体绩效自评表`; default the unit's.
    pub title_name: Option<Text>,
    /// 部门（单位）名称
    pub department: Text,
    /// 填报人
    pub reporter: Text,
    /// 联系电话
    pub phone: Text,
    /// 部门职能概述 (lines kept); absent: the text of 第一部分's first section.
    pub functions: Option<Text>,
    /// 年度工作任务 (lines kept)
    pub tasks: Text,
    /// 整体绩效总目标: 长期目标 and 年度目标, side by side.
    #[serde(default)]
    pub long_term_goals: Vec<Text>,
    #[serde(default)]
    pub annual_goals: Vec<Text>,
    /// 长期目标 1… with their 长期绩效指标.
    #[serde(default)]
    pub long_term: Vec<Goal<LongTermIndicator>>,
    /// 年度目标 1… with their 年度绩效指标.
    #[serde(default)]
    pub annual: Vec<Goal<AnnualIndicator>>,
}

/// A goal and the rows of its indicator table (target, scored and the budget's 表12).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal<I> {
    pub goal: Text,
    #[serde(default = "Vec::new")]
    pub indicators: Vec<I>,
}

/// A row of a 长期绩效目标 table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongTermIndicator {
    /// 目标名称 (project forms only)
    pub goal: Option<Text>,
    pub level1: Text,
    pub level2: Option<Text>,
    pub level3: Option<Text>,
    /// 指标值
    pub value: Option<Text>,
    /// 指标值确定依据
    pub basis: Option<Text>,
}

/// A row of a 年度绩效目标 table: the values of the two previous years and this one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualIndicator {
    pub goal: Option<Text>,
    pub level1: Text,
    pub level2: Option<Text>,
    pub level3: Option<Text>,
    /// 前年
    pub before_last: Option<Text>,
    /// 上年
    pub last: Option<Text>,
    /// 预期当年实现值
    pub value: Option<Text>,
    pub basis: Option<Text>,
}

/// The cells of an indicator row, borrowed, so one walk serves both tables.
pub struct Cells<'a> {
    pub goal: &'a Option<Text>,
    pub level1: &'a Text,
    pub level2: &'a Option<Text>,
    pub level3: &'a Option<Text>,
    /// 前年 and 上年: the annual table only.
    pub prior: Option<[&'a Option<Text>; 2]>,
    pub value: &'a Option<Text>,
    pub basis: &'a Option<Text>,
}

/// A row of a 长期 or 年度绩效目标 table.
pub trait Indicator {
    fn cells(&self) -> Cells<'_>;
}

impl Indicator for LongTermIndicator {
    fn cells(&self) -> Cells<'_> {
        Cells {
            goal: &self.goal,
            level1: &self.level1,
            level2: &self.level2,
            level3: &self.level3,
            prior: None,
            value: &self.value,
            basis: &self.basis,
        }
    }
}

impl Indicator for AnnualIndicator {
    fn cells(&self) -> Cells<'_> {
        Cells {
            goal: &self.goal,
            level1: &self.level1,
            level2: &self.level2,
            level3: &self.level3,
            prior: Some([&self.before_last, &self.last]),
            value: &self.value,
            basis: &self.basis,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTargets {
    /// 项目名称
    pub name: Text,
    /// The name in the title `2022年度{title_name}绩效自评表`; default `name`.
    pub title_name: Option<Text>,
    /// 项目编码; may be left out where it is not known (it prints empty).
    pub code: Option<Text>,
    /// 项目主管部门
    pub department: Text,
    /// 项目执行单位
    pub executor: Text,
    /// 项目负责人
    pub manager: Text,
    pub phone: Text,
    /// 单位地址
    pub address: Text,
    /// 邮政编码
    pub postcode: Text,
    /// 项目属性
    pub attribute: Text,
    /// 支出项目类别
    pub category: Text,
    pub start_year: Spanned<i32>,
    pub end_year: Spanned<i32>,
    /// 项目立项依据
    pub basis: Text,
    /// 项目实施方案
    pub plan: Text,
    /// 项目资金来源
    #[serde(default)]
    pub sources: FundingSources,
    /// 项目支出明细测算; 项目决算 is their sum.
    #[serde(default)]
    pub spending: Vec<SpendingLine>,
    /// 项目采购; none prints 无.
    #[serde(default)]
    pub purchases: Vec<Purchase>,
    /// 项目绩效总目标: 名称 and 目标说明.
    pub goal_name: Text,
    pub goal_description: Text,
    #[serde(default)]
    pub long_term: Vec<LongTermIndicator>,
    #[serde(default)]
    pub annual: Vec<AnnualIndicator>,
}

/// 项目资金来源; 合计 and 单位资金 are computed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingSources {
    /// 1. 一般公共预算财政拨款收入
    pub general: Option<Spanned<Amount>>,
    /// 其中：申请当年预算拨款
    pub general_current: Option<Spanned<Amount>>,
    /// 2. 政府性基金预算财政拨款收入
    pub fund: Option<Spanned<Amount>>,
    pub fund_current: Option<Spanned<Amount>>,
    /// 3. 财政专户管理资金
    pub special_account: Option<Spanned<Amount>>,
    /// 4. 单位资金, 其中: 事业收入, 上级补助收入, 附属单位上缴收入, 事业单位经营收入, 其他收入
    pub business: Option<Spanned<Amount>>,
    pub superior: Option<Spanned<Amount>>,
    pub affiliated: Option<Spanned<Amount>>,
    pub operating: Option<Spanned<Amount>>,
    pub other: Option<Spanned<Amount>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpendingLine {
    /// 项目活动
    pub activity: Text,
    /// 活动内容表述
    pub description: Text,
    /// 支出经济分类, as a catalog code (`"302"` → 商品和服务支出).
    pub economic: Text,
    pub amount: Spanned<Amount>,
    /// 测算依据及说明
    pub basis: Option<Text>,
    /// 备注
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    /// 品名
    pub item: Text,
    /// 数量
    pub quantity: Text,
    pub amount: Spanned<Amount>,
}

// ---- scored forms (reference 003)

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredOverall {
    /// The name in the title `2024年度{title_name}整体绩效自评表`; default the unit's.
    pub title_name: Option<Text>,
    /// 部门名称; default the unit's name.
    pub department: Option<Text>,
    /// 预算数 (A); 执行数 (B) is the booklet's 一般公共预算财政拨款 基本 + 项目 支出.
    pub budget: Spanned<Amount>,
    /// Points of the budget execution (the `10` of 得分（10分*执行率）).
    pub budget_weight: Spanned<Amount>,
    /// Checks: 执行率 as printed (`"88.8%"`), its 得分, and 总分.
    pub rate: Option<Text>,
    pub score: Option<Spanned<Amount>>,
    pub total: Option<Spanned<Amount>>,
    /// 年度目标 1… with their indicators.
    #[serde(default)]
    pub goals: Vec<Goal<ScoredIndicator>>,
    /// 偏差大或目标未完成原因分析
    pub deviation: Option<Text>,
    /// 改进措施及结果应用方案
    pub improvement: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredProject {
    /// 项目名称
    pub name: Text,
    /// The name in the title `2024年度{title_name}绩效自评表`; default `name`.
    pub title_name: Option<Text>,
    /// 主管部门; default the unit's name.
    pub department: Option<Text>,
    /// 项目实施单位
    pub executor: Text,
    /// 项目类别, 项目属性, 项目类型: one of the options the edition lists.
    pub category: Text,
    pub attribute: Text,
    pub kind: Text,
    /// 预算数 (A) and 执行数 (B) of 年度财政资金总额.
    pub budget: Spanned<Amount>,
    pub executed: Spanned<Amount>,
    pub budget_weight: Spanned<Amount>,
    pub rate: Option<Text>,
    pub score: Option<Spanned<Amount>>,
    pub total: Option<Spanned<Amount>>,
    #[serde(default)]
    pub indicators: Vec<ScoredIndicator>,
    pub deviation: Option<Text>,
    pub improvement: Option<Text>,
}

/// One scored indicator. Its score is `weight × B/A` (positive) or `weight × A/B`
/// (target `≤X`), never above the weight, when target and actual are quantities; it is
/// typed by the user (a judgement) when the target is qualitative or the indicator was
/// adjusted during the year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredIndicator {
    pub level1: Text,
    pub level2: Text,
    /// 三级指标
    pub name: Text,
    /// 年初目标值 (A), as printed: `"≥85%"`, `"4期"`, `"未发生"`.
    pub target: Option<Text>,
    /// 实际完成值 (B), as printed.
    pub actual: Option<Text>,
    pub weight: Spanned<Amount>,
    pub score: Option<Spanned<Amount>>,
    /// The indicator that replaced this one during the year; printed below it, scored
    /// together with it.
    pub adjusted: Option<AdjustedIndicator>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustedIndicator {
    pub name: Text,
    pub target: Option<Text>,
    pub actual: Option<Text>,
}

impl EvaluationInput {
    /// Every text that reaches the booklet, with its field path (font coverage check).
    pub fn text_fields(&self) -> Vec<(String, &Text)> {
        let mut out = Fields(Vec::new());
        if let Some(o) = &self.overall {
            let p = "evaluation.overall";
            out.opt(p, "title_name", &o.title_name);
            out.one(p, "department", &o.department);
            out.one(p, "reporter", &o.reporter);
            out.one(p, "phone", &o.phone);
            out.opt(p, "functions", &o.functions);
            out.one(p, "tasks", &o.tasks);
            for (i, g) in o.long_term_goals.iter().enumerate() {
                out.one(p, &format!("long_term_goals[{i}]"), g);
            }
            for (i, g) in o.annual_goals.iter().enumerate() {
                out.one(p, &format!("annual_goals[{i}]"), g);
            }
            out.goals(&format!("{p}.long_term"), &o.long_term);
            out.goals(&format!("{p}.annual"), &o.annual);
        }
        for (i, f) in self.projects.iter().enumerate() {
            let p = &format!("evaluation.projects[{i}]");
            for (name, v) in [
                ("name", &f.name),
                ("department", &f.department),
                ("executor", &f.executor),
                ("manager", &f.manager),
                ("phone", &f.phone),
                ("address", &f.address),
                ("postcode", &f.postcode),
                ("attribute", &f.attribute),
                ("category", &f.category),
                ("basis", &f.basis),
                ("plan", &f.plan),
                ("goal_name", &f.goal_name),
                ("goal_description", &f.goal_description),
            ] {
                out.one(p, name, v);
            }
            out.opt(p, "title_name", &f.title_name);
            out.opt(p, "code", &f.code);
            for (j, s) in f.spending.iter().enumerate() {
                let p = format!("{p}.spending[{j}]");
                out.one(&p, "activity", &s.activity);
                out.one(&p, "description", &s.description);
                out.opt(&p, "basis", &s.basis);
                out.opt(&p, "note", &s.note);
            }
            for (j, s) in f.purchases.iter().enumerate() {
                let p = format!("{p}.purchases[{j}]");
                out.one(&p, "item", &s.item);
                out.one(&p, "quantity", &s.quantity);
            }
            out.rows(&format!("{p}.long_term"), &f.long_term);
            out.rows(&format!("{p}.annual"), &f.annual);
        }
        if let Some(o) = &self.scored_overall {
            let p = "evaluation.scored_overall";
            out.opt(p, "title_name", &o.title_name);
            out.opt(p, "department", &o.department);
            out.opt(p, "deviation", &o.deviation);
            out.opt(p, "improvement", &o.improvement);
            for (i, g) in o.goals.iter().enumerate() {
                let p = format!("{p}.goals[{i}]");
                out.one(&p, "goal", &g.goal);
                scored(&mut out, &p, &g.indicators);
            }
        }
        for (i, f) in self.scored_projects.iter().enumerate() {
            let p = &format!("evaluation.scored_projects[{i}]");
            out.one(p, "name", &f.name);
            out.opt(p, "title_name", &f.title_name);
            out.opt(p, "department", &f.department);
            out.one(p, "executor", &f.executor);
            out.opt(p, "deviation", &f.deviation);
            out.opt(p, "improvement", &f.improvement);
            scored(&mut out, p, &f.indicators);
        }
        out.0
    }
}

/// The texts of scored indicator rows.
fn scored<'a>(out: &mut Fields<'a>, prefix: &str, rows: &'a [ScoredIndicator]) {
    for (i, r) in rows.iter().enumerate() {
        let p = &format!("{prefix}.indicators[{i}]");
        out.one(p, "level1", &r.level1);
        out.one(p, "level2", &r.level2);
        out.one(p, "name", &r.name);
        out.opt(p, "target", &r.target);
        out.opt(p, "actual", &r.actual);
        if let Some(a) = &r.adjusted {
            let p = &format!("{p}.adjusted");
            out.one(p, "name", &a.name);
            out.opt(p, "target", &a.target);
            out.opt(p, "actual", &a.actual);
        }
    }
}
