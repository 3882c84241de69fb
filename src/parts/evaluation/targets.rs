//! The target-shape forms of reference 001 laid out: 整体绩效自评表 with its goals side
//! by side, 项目绩效自评表 with its funding and 支出明细测算 printed as the forms print money.

use crate::base::money::Money;
use crate::resolve::evaluation::targets::{IndicatorView, OverallForm, ProjectForm, ProjectTexts};
use crate::resolve::evaluation::wan;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct GoalBlockView {
    /// `长期目标1：`, `年度目标2：`
    pub heading: String,
    pub goal: String,
    pub rows: Vec<IndicatorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverallView {
    pub department: String,
    pub reporter: String,
    pub phone: String,
    pub functions: Vec<String>,
    pub tasks: Vec<String>,
    /// 整体绩效总目标: `目标1：…` for 长期目标 and 年度目标, side by side.
    pub goal_rows: Vec<[String; 2]>,
    pub long_term: Vec<GoalBlockView>,
    pub annual: Vec<GoalBlockView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    #[serde(flatten)]
    pub texts: ProjectTexts,
    /// 项目决算
    pub settled: String,
    pub sources: SourcesView,
    pub spending: Vec<SpendingView>,
    pub purchases: Vec<[String; 3]>,
    pub long_term: Vec<IndicatorView>,
    pub annual: Vec<IndicatorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourcesView {
    pub total: String,
    pub general: String,
    pub general_current: String,
    pub fund: String,
    pub fund_current: String,
    pub special_account: String,
    pub unit_funds: String,
    pub business: String,
    pub superior: String,
    pub affiliated: String,
    pub operating: String,
    pub other: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpendingView {
    pub activity: String,
    pub description: String,
    pub economic: String,
    pub amount: String,
    pub basis: String,
    pub note: String,
}

pub fn overall_view(o: &OverallForm) -> OverallView {
    let height = o.long_term_goals.len().max(o.annual_goals.len());
    let numbered = |list: &[String], i: usize| {
        list.get(i)
            .map(|g| format!("目标{}：{g}", i + 1))
            .unwrap_or_default()
    };
    let blocks = |list: &[(String, Vec<IndicatorView>)], kind: &str| {
        list.iter()
            .enumerate()
            .map(|(i, (goal, rows))| GoalBlockView {
                heading: format!("{kind}{}：", i + 1),
                goal: goal.clone(),
                rows: rows.clone(),
            })
            .collect()
    };
    OverallView {
        department: o.department.clone(),
        reporter: o.reporter.clone(),
        phone: o.phone.clone(),
        functions: o.functions.clone(),
        tasks: o.tasks.clone(),
        goal_rows: (0..height)
            .map(|i| {
                [
                    numbered(&o.long_term_goals, i),
                    numbered(&o.annual_goals, i),
                ]
            })
            .collect(),
        long_term: blocks(&o.long_term, "长期目标"),
        annual: blocks(&o.annual, "年度目标"),
    }
}

pub fn project_view(f: &ProjectForm) -> ProjectView {
    let s = &f.sources;
    let spent: Money = f.spending.iter().map(|x| x.amount).sum();
    ProjectView {
        texts: f.texts.clone(),
        settled: wan(if f.spending.is_empty() {
            s.total()
        } else {
            spent
        }),
        sources: SourcesView {
            total: wan(s.total()),
            general: wan(s.general),
            general_current: wan(s.general_current),
            fund: wan(s.fund),
            fund_current: wan(s.fund_current),
            special_account: wan(s.special_account),
            unit_funds: wan(s.unit_funds()),
            business: wan(s.business),
            superior: wan(s.superior),
            affiliated: wan(s.affiliated),
            operating: wan(s.operating),
            other: wan(s.other),
        },
        spending: f
            .spending
            .iter()
            .map(|x| SpendingView {
                activity: x.activity.clone(),
                description: x.description.clone(),
                economic: x.economic.clone(),
                amount: wan(x.amount),
                basis: x.basis.clone(),
                note: x.note.clone(),
            })
            .collect(),
        purchases: f
            .purchases
            .iter()
            .map(|(item, quantity, amount)| [item.clone(), quantity.clone(), wan(*amount)])
            .collect(),
        long_term: f.long_term.clone(),
        annual: f.annual.clone(),
    }
}
