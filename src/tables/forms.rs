//! The budget's performance target forms, placed among the tables: 表11 部门整体支出
//! 绩效目标表 (goals and indicators, with the department's money block computed from
//! the tables and the two history years) and 表12-n, one 项目支出绩效目标表 per project
//! (its money by source, 测算 lines, purchases, history and goals).

use super::format::Formatter;
use super::rows::{DataRow, RowsData};
use crate::base::money::{round_half_up, Money};
use crate::resolve::budget::ProjectFact;
use crate::resolve::evaluation::targets::IndicatorView;
use crate::resolve::Facts;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum FormView {
    Overall(Box<OverallView>),
    Project(Box<ProjectView>),
}

/// A cell spanning `rows` lines, given on its first line only.
#[derive(Debug, Clone, Serialize)]
pub struct Merged {
    pub text: String,
    pub rows: usize,
}

/// An indicator line with its goal, 一级 and 二级 cells merged over equal neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorLine {
    pub goal: Option<Merged>,
    pub level1: Option<Merged>,
    pub level2: Option<Merged>,
    pub level3: String,
    pub before_last: String,
    pub last: String,
    pub value: String,
    pub basis: String,
}

/// The lines of one indicator table; `goal` labels all of them (merged) when given.
fn lines(goal: Option<&str>, rows: &[IndicatorView]) -> Vec<IndicatorLine> {
    let run = |from: usize, same: &dyn Fn(&IndicatorView) -> bool| {
        rows[from..].iter().take_while(|r| same(r)).count()
    };
    rows.iter()
        .enumerate()
        .map(|(k, r)| {
            let first1 = k == 0 || rows[k - 1].level1 != r.level1;
            let first2 = first1 || rows[k - 1].level2 != r.level2;
            IndicatorLine {
                goal: (k == 0).then(|| Merged {
                    text: goal.unwrap_or_default().to_string(),
                    rows: rows.len(),
                }),
                level1: first1.then(|| Merged {
                    text: r.level1.clone(),
                    rows: run(k, &|x| x.level1 == r.level1),
                }),
                level2: first2.then(|| Merged {
                    text: r.level2.clone(),
                    rows: run(k, &|x| x.level1 == r.level1 && x.level2 == r.level2),
                }),
                level3: r.level3.clone(),
                before_last: r.before_last.clone(),
                last: r.last.clone(),
                value: r.value.clone(),
                basis: r.basis.clone(),
            }
        })
        .collect()
}

// ---- 表11

#[derive(Debug, Clone, Serialize)]
pub struct OverallView {
    pub department: String,
    pub reporter: String,
    pub phone: String,
    /// `2022年`, `2023年`: the two history columns.
    pub years: [String; 2],
    pub money: Vec<MoneyGroup>,
    pub functions: Vec<String>,
    pub tasks: Vec<String>,
    /// 整体绩效目标: 长期目标 n and 年度目标 n side by side (`目标1：`, text).
    pub goal_rows: Vec<[[String; 2]; 2]>,
    pub long_term: Vec<GoalBlock>,
    pub annual: Vec<GoalBlock>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoneyGroup {
    /// `收入构成`, `支出构成`
    pub label: String,
    pub rows: Vec<MoneyRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoneyRow {
    pub label: String,
    pub current: String,
    pub share: String,
    pub history: [String; 2],
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalBlock {
    /// `长期目标1：`, `年度指标2：`
    pub heading: String,
    pub goal: String,
    pub lines: Vec<IndicatorLine>,
}

/// 表11: `None` when the input has no `[evaluation.overall]`.
pub fn overall(
    facts: &Facts,
    figures: &BTreeMap<&'static str, Money>,
    f: &Formatter,
) -> Option<(RowsData, FormView)> {
    let o = facts.back_matter.evaluation.overall.as_ref()?;
    let year = facts.unit.year;
    let named = |n: &str| figures.get(n).copied().unwrap_or_default();
    let fiscal = named("fiscal_income_grand_total");
    let other = named("income_grand_total") - fiscal;
    let basic = named("basic");
    let project = named("project");
    let history = |y: i32| facts.budget.history.get(&y).copied();
    let years = [year - 2, year - 1];
    // Rows: (group, label, current, history figure, parent).
    type Pick = fn(&crate::resolve::budget::HistoryYear) -> Money;
    let spec: [(&str, &str, Money, Pick, Option<usize>); 6] = [
        (
            "收入构成",
            "合计",
            fiscal + other,
            |h| h.fiscal + h.other,
            None,
        ),
        ("收入构成", "财政拨款", fiscal, |h| h.fiscal, Some(0)),
        ("收入构成", "其他资金", other, |h| h.other, Some(0)),
        (
            "支出构成",
            "合计",
            basic + project,
            |h| h.basic + h.project,
            None,
        ),
        ("支出构成", "基本支出", basic, |h| h.basic, Some(3)),
        ("支出构成", "项目支出", project, |h| h.project, Some(3)),
    ];
    let data = RowsData {
        columns: vec![
            "current".into(),
            format!("{}年", years[0]),
            format!("{}年", years[1]),
        ],
        rows: spec
            .iter()
            .map(|(group, label, current, pick, parent)| {
                let mut values = vec![*current];
                values.extend(
                    years
                        .iter()
                        .map(|y| history(*y).map(|h| pick(&h)).unwrap_or_default()),
                );
                DataRow::new(format!("{group}/{label}"), *parent, values)
            })
            .collect(),
    };
    // Shares of the printed figures, at the table's decimals, without `%`.
    let decimals = f.format().decimals;
    let share = |part: Money, whole: Money| -> String {
        let (p, w) = (f.printed(part), f.printed(whole));
        if w.is_zero() {
            return "0".into();
        }
        trimmed(round_half_up(p * Decimal::ONE_HUNDRED / w, decimals))
    };
    let line = |i: usize| {
        let (_, label, current, pick, parent) = &spec[i];
        let whole = parent.map_or(*current, |p| spec[p].2);
        MoneyRow {
            label: label.to_string(),
            current: f.money(*current),
            share: share(*current, whole),
            history: years.map(|y| history(y).map_or(String::new(), |h| f.money(pick(&h)))),
        }
    };
    // Printed order: the parts, then 合计.
    let money = vec![
        MoneyGroup {
            label: spec[0].0.into(),
            rows: vec![line(1), line(2), line(0)],
        },
        MoneyGroup {
            label: spec[3].0.into(),
            rows: vec![line(4), line(5), line(3)],
        },
    ];
    let numbered = |list: &[String], i: usize| -> [String; 2] {
        list.get(i)
            .map(|g| [format!("目标{}：", i + 1), g.clone()])
            .unwrap_or_default()
    };
    let height = o.long_term_goals.len().max(o.annual_goals.len());
    let functions = if o.functions.is_empty() {
        facts
            .overview
            .first()
            .map(|s| s.paragraphs.clone())
            .unwrap_or_default()
    } else {
        o.functions.clone()
    };
    let view = OverallView {
        department: o.department.clone(),
        reporter: o.reporter.clone(),
        phone: o.phone.clone(),
        years: years.map(|y| format!("{y}年")),
        money,
        functions,
        tasks: o.tasks.clone(),
        goal_rows: (0..height)
            .map(|i| {
                [
                    numbered(&o.long_term_goals, i),
                    numbered(&o.annual_goals, i),
                ]
            })
            .collect(),
        long_term: o
            .long_term
            .iter()
            .enumerate()
            .map(|(i, (goal, rows))| GoalBlock {
                heading: format!("长期目标{}：", i + 1),
                goal: goal.clone(),
                lines: lines(None, rows),
            })
            .collect(),
        annual: o
            .annual
            .iter()
            .enumerate()
            .map(|(i, (goal, rows))| GoalBlock {
                heading: format!("年度指标{}：", i + 1),
                goal: goal.clone(),
                lines: lines(None, rows),
            })
            .collect(),
    };
    Some((data, FormView::Overall(Box::new(view))))
}

fn trimmed(d: Decimal) -> String {
    let text = d.to_string();
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

// ---- 表12

#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    pub name: String,
    pub department: String,
    pub executor: String,
    pub manager: String,
    pub phone: String,
    pub address: String,
    pub level1_project: String,
    pub kind: String,
    pub start_year: String,
    pub end_year: String,
    pub overview: Vec<String>,
    pub basis: Vec<String>,
    pub plan: Vec<String>,
    pub total_budget: String,
    pub current_budget: String,
    pub history: Vec<HistoryLine>,
    pub sources: Vec<SourceLine>,
    pub estimates: Vec<EstimateLine>,
    pub purchases: Vec<[String; 3]>,
    /// 项目绩效总目标: (`长期绩效目标1`, text) for every goal, long-term first.
    pub goals: Vec<[String; 2]>,
    pub long_term: Vec<IndicatorLine>,
    pub annual: Vec<IndicatorLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryLine {
    pub year: String,
    pub budget: String,
    pub executed: String,
    pub rate: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    pub label: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EstimateLine {
    pub task: String,
    pub standard: String,
    pub price: String,
    pub quantity: String,
    pub amount: String,
    pub basis: String,
}

/// 执行率 = 执行数 / 预算数, half-up at two decimals, always printed with them.
pub fn rate(executed: Money, budget: Money) -> String {
    if budget.is_zero() {
        return String::new();
    }
    let r = round_half_up(executed.yuan() * Decimal::ONE_HUNDRED / budget.yuan(), 2);
    format!("{r:.2}%")
}

/// 表12 of one project.
pub fn project(p: &ProjectFact, year: i32, f: &Formatter) -> ProjectView {
    let s = &p.sources;
    let mut sources = vec![
        ("合计", s.total()),
        ("一般公共预算财政拨款", s.general_total()),
        ("其中：申请当年预算拨款", s.general),
        ("政府性基金预算财政拨款", s.fund_total()),
    ];
    // 004 has no line for it; printed when used, so the lines add up to 合计.
    if !s.capital_total().is_zero() {
        sources.push(("国有资本经营预算财政拨款", s.capital_total()));
    }
    sources.extend([
        ("财政专户管理资金", s.special_account),
        ("单位资金", s.unit_funds()),
        ("其中：使用上年度财政拨款结转", s.opening()),
    ]);
    let history = [year - 2, year - 1]
        .iter()
        .map(|y| {
            let found = p.history.iter().find(|(x, _, _)| x == y);
            HistoryLine {
                year: format!("{y}年"),
                budget: found.map_or(String::new(), |(_, b, _)| f.money(*b)),
                executed: found.map_or(String::new(), |(_, _, e)| f.money(*e)),
                rate: found.map_or(String::new(), |(_, b, e)| rate(*e, *b)),
            }
        })
        .collect();
    let mut goals = Vec::new();
    for (i, (g, _)) in p.long_term.iter().enumerate() {
        goals.push([format!("长期绩效目标{}", i + 1), g.clone()]);
    }
    for (i, (g, _)) in p.annual.iter().enumerate() {
        goals.push([format!("年度绩效目标{}", i + 1), g.clone()]);
    }
    let year_text = |y: Option<i32>| y.map_or(String::new(), |y| format!("{y}年"));
    ProjectView {
        name: p.name.clone(),
        department: p.department.clone(),
        executor: p.executor.clone(),
        manager: p.manager.clone(),
        phone: p.phone.clone(),
        address: p.address.clone(),
        level1_project: p.level1_project.clone(),
        kind: p.kind.clone(),
        start_year: year_text(p.start_year),
        end_year: year_text(p.end_year),
        overview: p.overview.clone(),
        basis: p.basis.clone(),
        plan: p.plan.clone(),
        total_budget: p.total_budget.map(|m| f.money(m)).unwrap_or_default(),
        current_budget: f.money(s.total()),
        history,
        sources: sources
            .into_iter()
            .map(|(label, m)| SourceLine {
                label: label.into(),
                amount: f.money(m),
            })
            .collect(),
        estimates: p
            .estimates
            .iter()
            .map(|e| EstimateLine {
                task: e.task.clone(),
                standard: e.standard.clone(),
                price: f.money(e.price),
                quantity: e.quantity.normalize().to_string(),
                amount: f.money(e.amount),
                basis: e.basis.clone(),
            })
            .collect(),
        purchases: p
            .purchases
            .iter()
            .map(|x| [x.item.clone(), x.quantity.clone(), f.money(x.amount)])
            .collect(),
        goals,
        long_term: p
            .long_term
            .iter()
            .enumerate()
            .flat_map(|(i, (_, rows))| lines(Some(&format!("长期绩效目标{}", i + 1)), rows))
            .collect(),
        annual: p
            .annual
            .iter()
            .enumerate()
            .flat_map(|(i, (_, rows))| lines(Some(&format!("年度绩效目标{}", i + 1)), rows))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn rates_keep_two_decimals_and_round_half_up() {
        let y = |s: &str| Money::from_yuan(Decimal::from_str(s).unwrap());
        assert_eq!(rate(y("144335.70"), y("175100")), "82.43%");
        assert_eq!(rate(y("455900"), y("470000")), "97.00%");
        // 239,992 / 240,000 = 99.9967%: half-up at two decimals (M18).
        assert_eq!(rate(y("239992"), y("240000")), "100.00%");
        assert_eq!(rate(y("1"), Money::ZERO), "");
    }
}
