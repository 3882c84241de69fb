//! The scored forms of reference 003: budget execution (预算数 A, 执行数 B, 执行率 B/A
//! and its points), indicators with their points, 总分. Points are computed by
//! `score`; a figure the user typed is checked against the computed one.

use super::score::{
    budget_points, execution_rate, indicator_points, percent, printed_points, Scoring,
};
use super::{decimal_text, wan};
use crate::base::money::{round_half_up, Money};
use crate::declare::edition::ScoredLayout;
use crate::input::evaluation::{ScoredIndicator, ScoredOverall, ScoredProject};
use crate::input::Amount;
use crate::resolve::check::Checker;
use rust_decimal::Decimal;
use std::ops::Range;
use toml::Spanned;

#[derive(Debug, Clone)]
pub struct Indicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: Decimal,
    /// The score the user typed: a judgement, or a figure to check.
    pub typed: Option<Decimal>,
    /// (name, target, actual) of the indicator that replaced this one.
    pub adjusted: Option<[String; 3]>,
}

impl Indicator {
    fn scoring(&self) -> Scoring {
        indicator_points(
            self.weight,
            non_empty(&self.target),
            non_empty(&self.actual),
            self.adjusted.is_some(),
        )
    }

    /// Exact points: the formula's, or the user's judgement.
    pub fn points(&self) -> Decimal {
        match self.scoring() {
            Scoring::Formula(p) => p,
            _ => self.typed.unwrap_or_default(),
        }
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

#[derive(Debug, Clone)]
pub struct Budget {
    pub budget: Money,
    pub executed: Money,
    pub weight: Decimal,
}

impl Budget {
    pub fn rate(&self) -> Decimal {
        execution_rate(self.budget, self.executed).unwrap_or_default()
    }

    pub fn points(&self) -> Decimal {
        budget_points(self.weight, self.rate())
    }
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub goal: String,
    pub indicators: Vec<Indicator>,
}

/// A scored form, overall or project.
#[derive(Debug, Clone)]
pub struct Form {
    pub title_name: String,
    pub project: Option<ProjectFacts>,
    pub department: String,
    pub budget: Budget,
    pub goals: Vec<Goal>,
    pub deviation: String,
    pub improvement: String,
}

#[derive(Debug, Clone)]
pub struct ProjectFacts {
    pub name: String,
    pub executor: String,
    pub category: String,
    pub attribute: String,
    pub kind: String,
}

impl Form {
    pub fn total(&self) -> Decimal {
        self.budget.points()
            + self
                .goals
                .iter()
                .flat_map(|g| &g.indicators)
                .map(Indicator::points)
                .sum::<Decimal>()
    }
}

/// The typed check figures of a form, with where they were written.
struct Checks<'a> {
    prefix: String,
    rate: &'a Option<Spanned<String>>,
    score: &'a Option<Spanned<Amount>>,
    total: &'a Option<Spanned<Amount>>,
    budget_span: Range<usize>,
    weight_span: Range<usize>,
}

pub fn resolve_overall(
    c: &mut Checker,
    layout: Option<&ScoredLayout>,
    o: &ScoredOverall,
    unit_name: &str,
    executed: Money,
) -> Form {
    let p = "evaluation.scored_overall";
    let f = |n: &str| format!("{p}.{n}");
    let goals = o
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| Goal {
            goal: c.text(&g.goal, &f(&format!("goals[{i}].goal"))),
            indicators: indicators(c, &g.indicators, &f(&format!("goals[{i}].indicators"))),
        })
        .collect();
    let form = Form {
        title_name: o
            .title_name
            .as_ref()
            .map_or(unit_name.to_string(), |t| c.text(t, &f("title_name"))),
        project: None,
        department: o
            .department
            .as_ref()
            .map_or(unit_name.to_string(), |t| c.text(t, &f("department"))),
        budget: Budget {
            budget: c.money(&o.budget, &f("budget")),
            executed,
            weight: c.points(&o.budget_weight, &f("budget_weight")),
        },
        goals,
        deviation: c.opt_text(&o.deviation),
        improvement: c.opt_text(&o.improvement),
    };
    if let Some(layout) = layout {
        check(
            c,
            layout,
            &form,
            &o.goals
                .iter()
                .flat_map(|g| &g.indicators)
                .collect::<Vec<_>>(),
            Checks {
                prefix: p.to_string(),
                rate: &o.rate,
                score: &o.score,
                total: &o.total,
                budget_span: o.budget.span(),
                weight_span: o.budget_weight.span(),
            },
            layout.overall_rate_decimals,
        );
    }
    form
}

pub fn resolve_project(
    c: &mut Checker,
    layout: Option<&ScoredLayout>,
    s: &ScoredProject,
    index: usize,
    unit_name: &str,
) -> Form {
    let p = format!("evaluation.scored_projects[{index}]");
    let f = |n: &str| format!("{p}.{n}");
    let name = c.text(&s.name, &f("name"));
    let mut option = |value: &Spanned<String>, field: &str, options: Option<&Vec<String>>| {
        let text = c.text(value, &f(field));
        if let Some(options) = options {
            if !options.contains(&text) {
                c.error(
                    "E0618",
                    format!("“{text}”不是可选项，应为：{}", options.join("、")),
                    f(field),
                    value.span(),
                );
            }
        }
        text
    };
    let project = ProjectFacts {
        name: name.clone(),
        executor: String::new(),
        category: option(&s.category, "category", layout.map(|l| &l.categories)),
        attribute: option(&s.attribute, "attribute", layout.map(|l| &l.attributes)),
        kind: option(&s.kind, "kind", layout.map(|l| &l.kinds)),
    };
    let form = Form {
        title_name: s
            .title_name
            .as_ref()
            .map_or(name, |t| c.text(t, &f("title_name"))),
        project: Some(ProjectFacts {
            executor: c.text(&s.executor, &f("executor")),
            ..project
        }),
        department: s
            .department
            .as_ref()
            .map_or(unit_name.to_string(), |t| c.text(t, &f("department"))),
        budget: Budget {
            budget: c.money(&s.budget, &f("budget")),
            executed: c.money(&s.executed, &f("executed")),
            weight: c.points(&s.budget_weight, &f("budget_weight")),
        },
        goals: vec![Goal {
            goal: String::new(),
            indicators: indicators(c, &s.indicators, &f("indicators")),
        }],
        deviation: c.opt_text(&s.deviation),
        improvement: c.opt_text(&s.improvement),
    };
    if let Some(layout) = layout {
        check(
            c,
            layout,
            &form,
            &s.indicators.iter().collect::<Vec<_>>(),
            Checks {
                prefix: p.clone(),
                rate: &s.rate,
                score: &s.score,
                total: &s.total,
                budget_span: s.budget.span(),
                weight_span: s.budget_weight.span(),
            },
            layout.project_rate_decimals,
        );
    }
    form
}

fn indicators(c: &mut Checker, rows: &[ScoredIndicator], p: &str) -> Vec<Indicator> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let f = |n: &str| format!("{p}[{i}].{n}");
            Indicator {
                level1: c.text(&r.level1, &f("level1")),
                level2: c.text(&r.level2, &f("level2")),
                name: c.text(&r.name, &f("name")),
                target: c.opt_text(&r.target),
                actual: c.opt_text(&r.actual),
                weight: c.points(&r.weight, &f("weight")),
                typed: r.score.as_ref().map(|s| c.points(s, &f("score"))),
                adjusted: r.adjusted.as_ref().map(|a| {
                    [
                        c.text(&a.name, &f("adjusted.name")),
                        c.opt_text(&a.target),
                        c.opt_text(&a.actual),
                    ]
                }),
            }
        })
        .collect()
}

/// Checks what the user typed against what the form computes, and that the weights add
/// up to the full marks.
fn check(
    c: &mut Checker,
    layout: &ScoredLayout,
    form: &Form,
    inputs: &[&ScoredIndicator],
    checks: Checks,
    rate_decimals: u32,
) {
    let dp = layout.score_decimals;
    let rounding = layout.score_rounding(form.project.is_some());
    let p = &checks.prefix;
    let all: Vec<&Indicator> = form.goals.iter().flat_map(|g| &g.indicators).collect();
    // Without every judgement the 总分 is unknown: its check would only repeat the error.
    let mut undetermined = false;
    for (k, (ind, input)) in all.iter().zip(inputs).enumerate() {
        let field = |n: &str| {
            let path = indicator_path(p, form, k);
            format!("{path}.{n}")
        };
        match ind.scoring() {
            Scoring::Formula(points) => {
                if let (Some(typed), Some(s)) = (ind.typed, &input.score) {
                    let expected = printed_points(points, dp, rounding);
                    if typed != expected {
                        c.error_help(
                            "E0612",
                            format!(
                                "得分应为 {}（权重 {} 分，目标值 {}，实际完成值 {}，计 {} 分，{}），输入写的是 {}",
                                decimal_text(expected),
                                decimal_text(ind.weight),
                                ind.target,
                                if ind.actual.is_empty() { "未填" } else { &ind.actual },
                                decimal_text(round_half_up(points, 2).normalize()),
                                rounding.describe(),
                                decimal_text(typed)
                            ),
                            &field("score"),
                            s.span(),
                            "定量指标的得分由 gongkai 计算，可删去 score 一行".into(),
                        );
                    }
                }
            }
            Scoring::Judgement => match (ind.typed, &input.score) {
                (Some(typed), Some(s)) if typed > ind.weight => c.error(
                    "E0615",
                    format!(
                        "得分 {} 超过该指标的权重 {} 分",
                        decimal_text(typed),
                        decimal_text(ind.weight)
                    ),
                    field("score"),
                    s.span(),
                ),
                (None, _) => {
                    undetermined = true;
                    c.error_help(
                    "E0614",
                    format!("指标“{}”需要填写得分 score", ind.name),
                    &field("score"),
                    input.name.span(),
                    "定性指标、年中调整的指标和无法按数量比较的指标，得分按评价结果填写（不超过权重）".into(),
                )
                }
                _ => {}
            },
            Scoring::UnitsDiffer(target, actual) => {
                undetermined = true;
                c.error(
                    "E0617",
                    format!(
                        "年初目标值的单位“{target}”与实际完成值的单位“{actual}”不同，无法计算得分"
                    ),
                    field("actual"),
                    input
                        .actual
                        .as_ref()
                        .map_or(input.name.span(), |a| a.span()),
                )
            }
        }
    }

    let weights: Decimal = form.budget.weight + all.iter().map(|i| i.weight).sum::<Decimal>();
    if weights != Decimal::from(layout.full_marks) {
        c.error_help(
            "E0610",
            format!(
                "预算执行 {} 分与各指标权重合计 {} 分，应为 {} 分",
                decimal_text(form.budget.weight),
                decimal_text(weights),
                layout.full_marks
            ),
            &format!("{p}.budget_weight"),
            checks.weight_span.clone(),
            "请核对 budget_weight 和各指标的 weight".into(),
        );
    }

    let Some(rate) = execution_rate(form.budget.budget, form.budget.executed) else {
        c.error(
            "E0616",
            "预算数为零，无法计算执行率".into(),
            format!("{p}.budget"),
            checks.budget_span.clone(),
        );
        return;
    };
    let printed_rate = percent(rate, rate_decimals);
    if let Some(typed) = checks.rate {
        let text = typed.get_ref().trim();
        let number = text.trim_end_matches(['%', '％']).trim().parse::<Decimal>();
        if number.as_ref().ok() != Some(&printed_rate) {
            c.error_help(
                "E0611",
                format!(
                    "执行率应为 {}%（执行数 {} ÷ 预算数 {}），输入写的是 {text}",
                    printed_rate,
                    wan(form.budget.executed),
                    wan(form.budget.budget)
                ),
                &format!("{p}.rate"),
                typed.span(),
                "执行率由 gongkai 计算（四舍五入），可删去 rate 一行".into(),
            );
        }
    }
    if let Some(typed) = checks.score {
        let points = form.budget.points();
        let expected = printed_points(points, dp, rounding);
        if typed.get_ref().0 != expected {
            c.error(
                "E0612",
                format!(
                    "预算执行得分应为 {}（{} 分 × 执行率 {}% ≈ {}，{}），输入写的是 {}",
                    decimal_text(expected),
                    decimal_text(form.budget.weight),
                    percent(rate, 2).normalize(),
                    decimal_text(round_half_up(points, 2).normalize()),
                    rounding.describe(),
                    decimal_text(typed.get_ref().0)
                ),
                format!("{p}.score"),
                typed.span(),
            );
        }
    }
    if let Some(typed) = checks.total.as_ref().filter(|_| !undetermined) {
        let expected = printed_points(form.total(), dp, rounding);
        if typed.get_ref().0 != expected {
            c.error_help(
                "E0613",
                format!(
                    "总分应为 {}（各项得分之和 ≈ {}，{}），输入写的是 {}",
                    decimal_text(expected),
                    decimal_text(round_half_up(form.total(), 2).normalize()),
                    rounding.describe(),
                    decimal_text(typed.get_ref().0)
                ),
                &format!("{p}.total"),
                typed.span(),
                "总分由 gongkai 计算，可删去 total 一行".into(),
            );
        }
    }
}

/// The field path of the k-th indicator of a form, counted over its goals.
fn indicator_path(prefix: &str, form: &Form, k: usize) -> String {
    if form.project.is_some() {
        return format!("{prefix}.indicators[{k}]");
    }
    let mut left = k;
    for (g, goal) in form.goals.iter().enumerate() {
        if left < goal.indicators.len() {
            return format!("{prefix}.goals[{g}].indicators[{left}]");
        }
        left -= goal.indicators.len();
    }
    prefix.to_string()
}
