//! The budget booklet's facts for 第三部分 (部门预算情况说明): 一般公共预算 by 基本支出
//! (人员/公用经费, the 项) and 项目支出 (款, 项, projects and their 测算 lines), 基本支出
//! by 经济分类 类 and line, the 三公 budget against last year's, 政府购买服务, 非税收入
//! and 预算绩效管理. Amounts are exact; the templates print them as the tables do.

use super::ctx::Ctx;
use super::Built;
use crate::base::money::Money;
use crate::declare::edition::narrative::SectionSpec;
use crate::figures::change::ChangeFact;
use crate::resolve::budget::ProjectFact;
use serde::Serialize;

#[derive(Serialize)]
struct GeneralFacts {
    /// 一般公共预算 prints as zero: the edition's `empty`.
    empty: bool,
    /// 一般公共预算支出预算, of which 本年预算 and 上年结转.
    total: Money,
    current: Money,
    opening: Money,
    /// 本年预算 against last year's `prior`, explained by `reason`.
    change: Option<ChangeFact>,
    basic: Money,
    /// The 经济分类 类 of 人员经费 and 公用经费 with money (`工资福利支出`).
    personnel_classes: Vec<String>,
    public_classes: Vec<String>,
    /// The 项 with 一般公共预算 基本支出, in code order.
    basic_items: Vec<Item>,
    project: Money,
    /// 项目支出 by 款, each with its 项 and their projects.
    project_sections: Vec<Section>,
}

#[derive(Serialize)]
struct Item {
    code: String,
    /// The 类 code (`208`), for grouping.
    class: String,
    name: String,
    amount: Money,
    projects: Vec<Project>,
}

#[derive(Serialize)]
struct Section {
    code: String,
    class_name: String,
    name: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Project {
    name: String,
    amount: Money,
    /// The 测算 lines: 项目任务明细 and 测算数.
    estimates: Vec<Line>,
}

#[derive(Serialize)]
struct Line {
    name: String,
    amount: Money,
}

fn class_names(c: &Ctx, classes: &[String]) -> Vec<String> {
    classes
        .iter()
        .filter(|class| {
            c.facts
                .economic
                .iter()
                .any(|(code, m)| code.starts_with(class.as_str()) && !m.is_zero())
        })
        .map(|class| {
            c.facts
                .economic_names
                .get(class)
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

fn project(p: &ProjectFact) -> Project {
    Project {
        name: p.name.clone(),
        amount: p.sources.general_total(),
        estimates: p
            .estimates
            .iter()
            .map(|e| Line {
                name: e.task.clone(),
                amount: e.amount,
            })
            .collect(),
    }
}

/// 五: 一般公共预算支出.
pub fn general(c: &Ctx, spec: &SectionSpec) -> Built {
    let t = c.totals;
    let current = t.general_spending - t.general_opening;
    let prior = c.prior(spec.prior());
    let change = spec
        .prior
        .as_ref()
        .map(|_| c.change(current, prior, spec.reason()));
    let item = |code: &str, amount: Money, with_projects: bool| Item {
        code: code.to_string(),
        class: code[..3].to_string(),
        name: c.function_name(code),
        amount,
        projects: if with_projects {
            c.facts
                .budget
                .projects
                .iter()
                .filter(|p| p.code == code && !p.sources.general_total().is_zero())
                .map(project)
                .collect()
        } else {
            Vec::new()
        },
    };
    // One entry per 项 (units' items of one code summed).
    let mut by_code: Vec<(String, Money, Money)> = Vec::new();
    for i in c.items {
        match by_code.last_mut() {
            Some((code, basic, project)) if *code == i.code => {
                *basic += i.figures.general_basic;
                *project += i.figures.general_project;
            }
            _ => by_code.push((
                i.code.clone(),
                i.figures.general_basic,
                i.figures.general_project,
            )),
        }
    }
    let basic_items = by_code
        .iter()
        .filter(|(_, basic, _)| !c.p(*basic).is_zero())
        .map(|(code, basic, _)| item(code, *basic, false))
        .collect();
    let mut project_sections: Vec<Section> = Vec::new();
    for (code, _, project) in by_code.iter().filter(|(_, _, p)| !c.p(*p).is_zero()) {
        let section = &code[..5];
        let entry = item(code, *project, true);
        match project_sections.last_mut() {
            Some(s) if s.code == section => s.items.push(entry),
            _ => project_sections.push(Section {
                code: section.to_string(),
                class_name: c.function_name(&code[..3]),
                name: c.function_name(section),
                items: vec![entry],
            }),
        }
    }
    let classes = &c.facts.edition.economic_classes;
    Built::of(GeneralFacts {
        empty: c.p(t.general_spending).is_zero(),
        total: t.general_spending,
        current,
        opening: t.general_opening,
        change,
        basic: t.general_basic,
        personnel_classes: class_names(c, &classes.personnel),
        public_classes: class_names(c, &classes.public),
        basic_items,
        project: t.general_project,
        project_sections,
    })
}

#[derive(Serialize)]
struct Group {
    total: Money,
    /// Each 类 with money, and the names of its lines with money.
    classes: Vec<EconomicClass>,
}

#[derive(Serialize)]
struct EconomicClass {
    code: String,
    name: String,
    amount: Money,
    lines: Vec<String>,
}

fn group(c: &Ctx, classes: &[String], total: Money) -> Group {
    let mut out = Vec::new();
    for class in classes {
        let lines: Vec<(&String, &Money)> = c
            .facts
            .economic
            .iter()
            .filter(|(code, _)| code.starts_with(class.as_str()))
            .collect();
        let amount: Money = lines.iter().map(|(_, m)| **m).sum();
        if c.p(amount).is_zero() {
            continue;
        }
        out.push(EconomicClass {
            code: class.clone(),
            name: c
                .facts
                .economic_names
                .get(class)
                .cloned()
                .unwrap_or_default(),
            amount,
            lines: lines
                .iter()
                .filter(|(_, m)| !m.is_zero())
                .map(|(code, _)| {
                    c.facts
                        .economic_names
                        .get(*code)
                        .cloned()
                        .unwrap_or_default()
                })
                .collect(),
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Group {
        total,
        classes: out,
    }
}

/// 六: 一般公共预算基本支出 by 经济分类.
pub fn basic(c: &Ctx, _: &SectionSpec) -> Built {
    let classes = &c.facts.edition.economic_classes;
    super::general::basic_facts(
        c,
        group(c, &classes.personnel, c.economic.personnel_total),
        group(c, &classes.public, c.economic.public_total),
    )
}

#[derive(Serialize)]
struct SangongFacts {
    total: Money,
    abroad: Money,
    car_total: Money,
    car_purchase: Money,
    car_running: Money,
    reception: Money,
    /// Against last year's budget (`prior`), explained by `reason`.
    change: Option<ChangeFact>,
    /// The 二级预算单位 whose 三公 are budgeted with the department's.
    units: Vec<String>,
}

/// 九: the 三公 budget.
pub fn sangong(c: &Ctx, spec: &SectionSpec) -> Built {
    let b = &c.sangong.budget;
    let prior = c.prior(spec.prior());
    Built::of(SangongFacts {
        total: b.total,
        abroad: b.abroad,
        car_total: b.car_total,
        car_purchase: b.car_purchase,
        car_running: b.car_running,
        reception: b.reception,
        change: spec
            .prior
            .as_ref()
            .map(|_| c.change(b.total, prior, spec.reason())),
        units: c
            .facts
            .budget
            .units
            .iter()
            .filter(|u| !u.own)
            .map(|u| u.name.clone())
            .collect(),
    })
}

#[derive(Serialize)]
struct AmountFacts {
    empty: bool,
    amount: Money,
    note: Option<String>,
}

fn amount_note(c: &Ctx, x: &Option<crate::resolve::narrative::AmountNote>) -> Built {
    match x {
        Some(x) => Built::of(AmountFacts {
            empty: c.p(x.amount).is_zero() && x.note.is_none(),
            amount: x.amount,
            note: x.note.clone(),
        }),
        None => Built {
            given: false,
            ..Built::of(AmountFacts {
                empty: true,
                amount: Money::ZERO,
                note: None,
            })
        },
    }
}

/// 十（三）: 政府购买服务.
pub fn purchased_services(c: &Ctx, _: &SectionSpec) -> Built {
    amount_note(c, &c.n.purchased_services)
}

/// 十（六）: 非税收入.
pub fn nontax(c: &Ctx, _: &SectionSpec) -> Built {
    amount_note(c, &c.n.nontax)
}

#[derive(Serialize)]
struct PerformanceFacts {
    /// A 部门整体支出绩效目标 (表11) is set.
    overall: bool,
    /// 项目支出绩效目标 (表12 forms).
    projects: usize,
    /// The section's figure (`figure`): the budget the targets cover.
    total: Money,
    /// 优先保障的优秀项目 and their money.
    priority: usize,
    priority_amount: Money,
}

/// 十（五）: 预算绩效管理.
pub fn performance(c: &Ctx, spec: &SectionSpec) -> Built {
    let projects = &c.facts.budget.projects;
    let priority: Vec<&ProjectFact> = projects.iter().filter(|p| p.priority).collect();
    Built::of(PerformanceFacts {
        overall: c.facts.back_matter.evaluation.overall.is_some(),
        projects: projects.len(),
        total: c.figure(spec.figure().unwrap_or("spending_grand_total")),
        priority: priority.len(),
        priority_amount: priority.iter().map(|p| p.sources.total()).sum(),
    })
}
