//! The scored forms of reference 003 laid out: budget execution, the indicators with the
//! 一级/二级 cells merged over equal values, the points as printed, 总分.

use crate::base::money::Money;
use crate::declare::edition::Rounding;
use crate::declare::edition::ScoredLayout;
use crate::resolve::evaluation::score::{percent, printed_points};
use crate::resolve::evaluation::scored::{Form, Indicator, ProjectFacts};
use crate::resolve::evaluation::{decimal_text, wan};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FormView {
    pub is_project: bool,
    pub department: String,
    /// Overall form: 基本支出总额, 项目支出总额.
    pub basic: String,
    pub project_total: String,
    /// Project form.
    pub name: String,
    pub executor: String,
    pub categories: Vec<Choice>,
    pub attributes: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub budget: BudgetView,
    pub goals: Vec<GoalView>,
    pub total: String,
    pub deviation: String,
    pub improvement: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// `1、部门预算项目`
    pub label: String,
    pub on: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    /// `10`: the points of the budget execution.
    pub weight: String,
    pub budget: String,
    pub executed: String,
    /// `88.8%`
    pub rate: String,
    pub score: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    /// `年度目标1` and its text (overall form); empty for a project form.
    pub title: String,
    pub goal: String,
    /// `1` (overall form) or empty, for `年度绩效目标1（30分）`.
    pub number: String,
    pub weight: String,
    /// Physical rows of the indicator table (an adjusted indicator takes two).
    pub rows: Vec<RowView>,
}

/// One printed line; a spanning cell is given on its first line only.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub level1: Option<Spanned1>,
    pub level2: Option<Spanned1>,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub score: Option<Spanned1>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Spanned1 {
    pub text: String,
    pub rows: usize,
}

pub fn view(form: &Form, layout: &ScoredLayout, basic: Money, project: Money) -> FormView {
    let dp = layout.score_decimals;
    let rounding = layout.score_rounding(form.project.is_some());
    let rate_decimals = if form.project.is_some() {
        layout.project_rate_decimals
    } else {
        layout.overall_rate_decimals
    };
    let rate = form.budget.rate();
    let choices = |options: &[String], chosen: &str| {
        options
            .iter()
            .enumerate()
            .map(|(i, o)| Choice {
                label: format!("{}、{o}", i + 1),
                on: o == chosen,
            })
            .collect()
    };
    let empty = ProjectFacts {
        name: String::new(),
        executor: String::new(),
        category: String::new(),
        attribute: String::new(),
        kind: String::new(),
    };
    let facts = form.project.as_ref().unwrap_or(&empty);
    let numbered = form.goals.len() > 1 || form.project.is_none();
    FormView {
        is_project: form.project.is_some(),
        department: form.department.clone(),
        basic: wan(basic),
        project_total: wan(project),
        name: facts.name.clone(),
        executor: facts.executor.clone(),
        categories: choices(&layout.categories, &facts.category),
        attributes: choices(&layout.attributes, &facts.attribute),
        kinds: choices(&layout.kinds, &facts.kind),
        budget: BudgetView {
            weight: decimal_text(form.budget.weight),
            budget: wan(form.budget.budget),
            executed: wan(form.budget.executed),
            rate: format!("{}%", percent(rate, rate_decimals)),
            score: decimal_text(printed_points(form.budget.points(), dp, rounding)),
        },
        goals: form
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| GoalView {
                title: if numbered {
                    format!("年度目标{}", i + 1)
                } else {
                    String::new()
                },
                goal: g.goal.clone(),
                number: if numbered {
                    (i + 1).to_string()
                } else {
                    String::new()
                },
                weight: decimal_text(g.indicators.iter().map(|x| x.weight).sum()),
                rows: rows(&g.indicators, dp, rounding),
            })
            .collect(),
        total: decimal_text(printed_points(form.total(), dp, rounding)),
        deviation: form.deviation.clone(),
        improvement: form.improvement.clone(),
    }
}

/// The printed lines of an indicator table, with the 一级/二级 cells merged over
/// consecutive equal values and an adjusted indicator's score over its two lines.
fn rows(indicators: &[Indicator], dp: u32, rounding: Rounding) -> Vec<RowView> {
    let height = |i: &Indicator| if i.adjusted.is_some() { 2 } else { 1 };
    let run = |from: usize, same: &dyn Fn(&Indicator) -> bool| -> usize {
        indicators[from..]
            .iter()
            .take_while(|i| same(i))
            .map(height)
            .sum()
    };
    let mut out = Vec::new();
    for (k, ind) in indicators.iter().enumerate() {
        let first_of_level1 = k == 0 || indicators[k - 1].level1 != ind.level1;
        let first_of_level2 = first_of_level1 || indicators[k - 1].level2 != ind.level2;
        let level1 = first_of_level1.then(|| Spanned1 {
            text: ind.level1.clone(),
            rows: run(k, &|i| i.level1 == ind.level1),
        });
        let level2 = first_of_level2.then(|| Spanned1 {
            text: ind.level2.clone(),
            rows: run(k, &|i| i.level1 == ind.level1 && i.level2 == ind.level2),
        });
        out.push(RowView {
            level1,
            level2,
            name: ind.name.clone(),
            target: ind.target.clone(),
            actual: ind.actual.clone(),
            score: Some(Spanned1 {
                text: decimal_text(printed_points(ind.points(), dp, rounding)),
                rows: height(ind),
            }),
        });
        if let Some([name, target, actual]) = &ind.adjusted {
            out.push(RowView {
                level1: None,
                level2: None,
                name: name.clone(),
                target: target.clone(),
                actual: actual.clone(),
                score: None,
            });
        }
    }
    out
}
