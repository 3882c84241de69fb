//! The budget booklet's identities that rest on separately entered data (BUDGET.md
//! §1.3): an item's typed 项目支出 against its projects, each project's 测算 lines,
//! sources, purchases and total budget, the history years of 表11 against last year's
//! budget, 机关运行经费 reported for a unit that has none, and an indicator that 表11 and
//! 表12 file under different classes.

use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::money::Money;
use crate::base::rules;
use crate::input::evaluation::{AnnualIndicator, LongTermIndicator};
use crate::input::BookletKind;
use crate::resolve::budget::{ProjectFact, PurchaseKind};
use std::collections::BTreeSet;
use toml::Spanned;

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if s.facts.kind != BookletKind::Budget {
        return found;
    }
    typed_projects(s, &mut found);
    for p in &s.facts.budget.projects {
        project(s, p, &mut found);
    }
    history(s, &mut found);
    procurement(s, &mut found);
    operating_costs(s, &mut found);
    indicator_classes(s, &mut found);
    found
}

fn at_project(s: &Subject, d: Diagnostic, p: &ProjectFact, field: &str) -> Diagnostic {
    let input = &s.loaded.input.projects[p.index];
    let span = match field {
        "estimates" => input.estimates.last().map(|e| e.quantity.span()),
        "purchases" => input.purchases.last().map(|x| x.amount.span()),
        "total_budget" => input.total_budget.as_ref().map(|v| v.span()),
        _ => None,
    }
    .unwrap_or_else(|| input.name.span());
    d.field(format!("projects[{}].{field}", p.index))
        .at(s.locate(span))
}

/// R203: a 项目支出 typed on an item as a cross-check equals its projects' money.
fn typed_projects(s: &Subject, found: &mut Vec<Diagnostic>) {
    for t in &s.facts.budget.typed_projects {
        let projects: Money = s
            .facts
            .budget
            .projects
            .iter()
            .filter(|p| p.code == t.code && (t.unit.is_none() || p.unit == t.unit))
            .map(|p| {
                let x = &p.sources;
                match t.field {
                    "general_project" => x.general_total(),
                    "fund_project" => x.fund_total(),
                    "capital_project" => x.capital_total(),
                    _ => x.nonfiscal(),
                }
            })
            .sum();
        if projects == t.typed {
            continue;
        }
        let item = &s.loaded.input.items[t.item];
        let span = match t.field {
            "general_project" => &item.general_project,
            "fund_project" => &item.fund_project,
            "capital_project" => &item.capital_project,
            _ => &item.nonfiscal_project,
        }
        .as_ref()
        .map(|v| v.span());
        let mut d = diagnostic(
            &rules::PROJECTS_VS_ITEM,
            format!(
                "科目 {} 填写的项目支出 {} 万元与列在该科目下的项目合计 {projects} 万元不符",
                t.code, t.typed
            ),
        )
        .field(format!("items[{}].{}", t.item, t.field))
        .help("预算的项目支出按 [[projects]] 的资金来源合计；请核对各项目的 code 和 [projects.sources]，或删去这里的核对数");
        if let Some(span) = span {
            d = d.at(s.locate(span));
        }
        found.push(d);
    }
}

/// R204–R206: one project's 表12 adds up.
fn project(s: &Subject, p: &ProjectFact, found: &mut Vec<Diagnostic>) {
    let current = p.sources.total();
    let estimated = p.estimated();
    if !p.estimates.is_empty() && estimated != current {
        found.push(at_project(
            s,
            diagnostic(
                &rules::ESTIMATES_VS_SOURCES,
                format!(
                    "项目“{}”的支出明细测算合计 {estimated} 万元与项目资金来源合计（项目当年预算）{current} 万元不符",
                    p.name
                ),
            )
            .help("测算数 = 单价 × 计量数；各行之和应等于 [projects.sources] 之和：请核对单价、计量数和资金来源"),
            p,
            "estimates",
        ));
    }
    if let Some(total) = p.total_budget {
        if current > total {
            found.push(at_project(
                s,
                diagnostic(
                    &rules::PROJECT_OVER_TOTAL,
                    format!(
                        "项目“{}”的当年预算 {current} 万元大于项目总预算 {total} 万元",
                        p.name
                    ),
                )
                .help("项目总预算是项目全部年度的预算，当年预算是其中一部分：请核对 total_budget 和资金来源"),
                p,
                "total_budget",
            ));
        }
    }
    let purchased = p.purchased();
    if purchased > current {
        found.push(at_project(
            s,
            diagnostic(
                &rules::PURCHASES_OVER_PROJECT,
                format!(
                    "项目“{}”的采购金额合计 {purchased} 万元大于项目当年预算 {current} 万元",
                    p.name
                ),
            )
            .help("项目采购用的是项目当年预算的钱：请核对 [[projects.purchases]] 的金额"),
            p,
            "purchases",
        ));
    }
}

/// R207, W208: the history years of 表11.
fn history(s: &Subject, found: &mut Vec<Diagnostic>) {
    let year = s.facts.unit.year;
    let input = &s.loaded.input;
    let span_of = |y: i32| {
        input
            .history
            .iter()
            .position(|h| *h.year.get_ref() == y)
            .map(|i| (i, input.history[i].year.span()))
    };
    for (y, h) in &s.facts.budget.history {
        let income = h.fiscal + h.other;
        let spending = h.basic + h.project;
        if income != spending {
            let mut d = diagnostic(
                &rules::HISTORY_UNBALANCED,
                format!(
                    "{y} 年的收入（财政拨款 + 其他资金）{income} 万元与支出（基本支出 + 项目支出）{spending} 万元不等"
                ),
            )
            .help("部门预算收支平衡，表11 近两年收支情况的收入合计通常等于支出合计：请核对这一年的四个数");
            if let Some((i, span)) = span_of(*y) {
                d = d.field(format!("history[{i}]")).at(s.locate(span));
            }
            found.push(d);
        }
    }
    let prior = s.computed.prior.total;
    if let (Some(last), Some(prior)) = (s.facts.budget.history.get(&(year - 1)), prior) {
        let income = last.fiscal + last.other;
        // Compared as printed: last year's total is known to the printed precision.
        let printed = |m| s.facts.edition.format.printed(m);
        if printed(income) != printed(prior) {
            let mut d = diagnostic(
                &rules::HISTORY_VS_PREVIOUS,
                format!(
                    "表11 {} 年收入合计 {income} 万元与上年部门收支总预算（previous.total）{prior} 万元不符",
                    year - 1
                ),
            )
            .help("两处都是上年的部门预算总额：请核对 [[history]] 上年一行和 [previous] total");
            if let Some((i, span)) = span_of(year - 1) {
                d = d.field(format!("history[{i}]")).at(s.locate(span));
            }
            found.push(d);
        }
    }
}

/// R209: 政府采购 服务类 typed below the services the projects buy.
fn procurement(s: &Subject, found: &mut Vec<Diagnostic>) {
    let Some(p) = &s.loaded.input.narrative.procurement else {
        return;
    };
    let Some(typed) = &p.services else { return };
    let services: Money = s
        .facts
        .budget
        .projects
        .iter()
        .flat_map(|p| &p.purchases)
        .filter(|x| x.kind == PurchaseKind::Services)
        .map(|x| x.amount)
        .sum();
    let typed_money = Money::in_unit(typed.get_ref().0, s.facts.amount_unit);
    if typed_money < services {
        found.push(
            diagnostic(
                &rules::SERVICES_BELOW_PURCHASES,
                format!(
                    "政府采购服务类 {typed_money} 万元少于各项目采购的服务合计 {services} 万元"
                ),
            )
            .field("narrative.procurement.services")
            .at(s.locate(typed.span()))
            .help("服务类采购至少包括表12各项目的服务采购；不写 services 时按各项目合计"),
        );
    }
}

/// W405: 机关运行经费 of a unit that has neither 行政 nor 参公 staff.
fn operating_costs(s: &Subject, found: &mut Vec<Diagnostic>) {
    let (Some(costs), Some(staff)) = (&s.facts.narrative.operating_costs, &s.facts.budget.staff)
    else {
        return;
    };
    if costs.amount.is_zero() || staff.has_administrative() {
        return;
    }
    let mut d = diagnostic(
        &rules::OPERATING_COSTS_NOT_ADMIN,
        format!(
            "机关运行经费 {} 万元，但 [overview.staff] 中没有行政编制，也没有参照公务员法管理的人员",
            costs.amount
        ),
    )
    .field("narrative.operating_costs.amount")
    .help("机关运行经费是行政单位（含参公事业单位）的经费；非参公事业单位通常写 amount = 0，note = \"本单位为非参公管理的事业单位\"");
    if let Some(o) = &s.loaded.input.narrative.operating_costs {
        d = d.at(s.locate(o.amount.span()));
    }
    found.push(d);
}

/// An indicator row's 一级, 二级 and 三级指标, whichever table it comes from.
type IndicatorRow<'a> = (
    &'a Spanned<String>,
    Option<&'a Spanned<String>>,
    &'a Spanned<String>,
);

fn indicator_rows<'a>(
    long_term: impl Iterator<Item = &'a LongTermIndicator>,
    annual: impl Iterator<Item = &'a AnnualIndicator>,
) -> Vec<IndicatorRow<'a>> {
    let long_term =
        long_term.filter_map(|i| Some((&i.level1, i.level2.as_ref(), i.level3.as_ref()?)));
    let annual = annual.filter_map(|i| Some((&i.level1, i.level2.as_ref(), i.level3.as_ref()?)));
    long_term.chain(annual).collect()
}

/// W210: a 三级指标 named alike in 表11 and in a project's 表12 but filed under another
/// 一级 or 二级指标 (004's M14). Only classes that both forms use count: 004's 表11 and
/// 表12 follow different frameworks (表11 has 成本指标 and files satisfaction under
/// 效益指标, 表12 has 满意度指标 instead), and an indicator moved between classes that
/// one form does not have is the framework, not a slip. A 二级指标 left empty is not
/// compared.
fn indicator_classes(s: &Subject, found: &mut Vec<Diagnostic>) {
    let input = &s.loaded.input;
    let Some(overall) = &input.evaluation.overall else {
        return;
    };
    let overall_rows = indicator_rows(
        overall.long_term.iter().flat_map(|g| &g.indicators),
        overall.annual.iter().flat_map(|g| &g.indicators),
    );
    let project_rows: Vec<(usize, IndicatorRow)> = input
        .projects
        .iter()
        .enumerate()
        .flat_map(|(index, p)| {
            let rows = indicator_rows(
                p.long_term.iter().flat_map(|g| &g.indicators),
                p.annual.iter().flat_map(|g| &g.indicators),
            );
            rows.into_iter().map(move |r| (index, r))
        })
        .collect();
    let classes =
        |rows: &mut dyn Iterator<Item = &IndicatorRow>| -> BTreeSet<(String, Option<String>)> {
            rows.flat_map(|(l1, l2, _)| {
                let l1 = l1.get_ref().clone();
                [(l1.clone(), None), (l1, l2.map(|l| l.get_ref().clone()))]
            })
            .collect()
        };
    let in_overall = classes(&mut overall_rows.iter());
    let in_projects = classes(&mut project_rows.iter().map(|(_, r)| r));
    // The class a row is compared by: 一级 alone where the 一级 differ.
    let class_of = |(l1, l2, _): &IndicatorRow, other: &IndicatorRow| {
        let l2 = (l1.get_ref() == other.0.get_ref()).then(|| l2.map(|l| l.get_ref().clone()));
        (l1.get_ref().clone(), l2.flatten())
    };
    for (index, row) in &project_rows {
        let (level1, level2, name) = row;
        let classed_otherwise = overall_rows.iter().find(|other| {
            let (l1, l2, n) = other;
            let differs = l1.get_ref() != level1.get_ref()
                || matches!((l2, level2), (Some(a), Some(b)) if a.get_ref() != b.get_ref());
            n.get_ref() == name.get_ref()
                && differs
                && in_overall.contains(&class_of(row, other))
                && in_projects.contains(&class_of(other, row))
        });
        let Some((l1, l2, _)) = classed_otherwise else {
            continue;
        };
        let class = |l1: &Spanned<String>, l2: Option<&Spanned<String>>| match l2 {
            Some(l2) => format!("{}／{}", l1.get_ref(), l2.get_ref()),
            None => l1.get_ref().clone(),
        };
        let project = &input.projects[*index];
        let d = diagnostic(
            &rules::INDICATOR_CLASSED_TWICE,
            format!(
                "指标“{}”在表11中归在{}下，在项目“{}”的绩效目标表中归在{}下",
                name.get_ref(),
                class(l1, *l2),
                project.name.get_ref(),
                class(level1, *level2)
            ),
        )
        .field(format!("projects[{index}]"))
        .at(s.locate(level2.unwrap_or(level1).span()))
        .help("同一指标在两张表中应归在同一个一级、二级指标下：请核对哪一处写错");
        found.push(d);
    }
}
