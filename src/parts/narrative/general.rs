//! `general`: 一般公共预算财政拨款支出 — the total against last year, its structure by
//! 类, and 年初预算 against 决算 overall and for every 项; `basic`: 基本支出 split into
//! 人员经费 and 公用经费 with the 经济分类 lines actually used.

use super::ctx::Ctx;
use super::Built;
use crate::base::money::Money;
use crate::declare::edition::narrative::SectionSpec;
use crate::figures::change::ChangeFact;
use crate::figures::EconomicSpending;
use crate::figures::Item;
use serde::Serialize;
use std::cmp::Ordering;

#[derive(Serialize)]
struct GeneralFacts {
    /// Nothing spent, nothing budgeted, nothing last year: the edition's `empty`.
    empty: bool,
    /// 一般公共预算财政拨款支出.
    spent: Money,
    /// Its share of 本年支出合计 (`share` precision); null when that is zero.
    share: Option<String>,
    /// Against last year's (`prior`, explained by `reason`).
    change: Option<ChangeFact>,
    /// The 类 that spent, in code order.
    classes: Vec<Class>,
    /// Σ 年初预算 of the items.
    budget: Money,
    /// 决算 against 年初预算, explained by the reason `budget`.
    against_budget: Deviation,
    /// 基本支出 and 项目支出 of 一般公共预算.
    basic: Money,
    project: Money,
    /// The user's main projects (`[[narrative.projects]]`).
    projects: Vec<Project>,
    /// Every 项 with a budget or spending, in code order, and the same grouped by 类.
    items: Vec<ItemFact>,
    item_classes: Vec<ItemClass>,
}

#[derive(Serialize)]
struct Class {
    code: String,
    name: String,
    amount: Money,
    /// Share of the classes' sum (`class_share` precision, the edition's rounding).
    share: Option<String>,
    /// The user's words for what it was used for (`[narrative.class_uses]`).
    uses: Option<String>,
    /// Without them: the 款 and the 项 under it that spent money.
    sections: Vec<String>,
    leaves: Vec<String>,
}

/// 决算 against 年初预算, on the printed figures.
#[derive(Clone, Serialize)]
struct Deviation {
    /// `more`, `less` or `equal`; null when both print as zero.
    versus: Option<&'static str>,
    /// 完成年初预算的 x%; null when the budget prints as zero.
    completion: Option<String>,
    /// The user's reason for a difference, and where it is written (rule W501).
    reason: Option<String>,
    reason_key: String,
}

#[derive(Serialize)]
struct Project {
    name: String,
    amount: Money,
    outcome: Option<String>,
}

#[derive(Clone, Serialize)]
struct ItemFact {
    code: String,
    /// The names of its 类, 款 and 项.
    class: String,
    section: String,
    name: String,
    budget: Money,
    spent: Money,
    against_budget: Deviation,
}

#[derive(Serialize)]
struct ItemClass {
    code: String,
    name: String,
    items: Vec<ItemFact>,
}

pub fn general(c: &Ctx, spec: &SectionSpec) -> Built {
    let t = c.totals;
    let spent = t.general_spending;
    let budget: Money = c.items.iter().map(|i| i.figures.budget).sum();
    let prior = c.prior(spec.prior());
    let prior_zero = prior.is_none_or(|m| c.p(m).is_zero());
    let empty = c.p(spent).is_zero() && c.p(budget).is_zero() && prior_zero;
    let change = spec
        .prior
        .as_ref()
        .map(|_| c.change(spent, prior, spec.reason()));
    let items: Vec<ItemFact> = c
        .items
        .iter()
        .filter(|i| !c.p(i.figures.budget).is_zero() || !c.p(i.figures.general_spending).is_zero())
        .map(|i| item(c, i))
        .collect();
    let mut item_classes: Vec<ItemClass> = Vec::new();
    for i in &items {
        let code = &i.code[..3];
        match item_classes.last_mut() {
            Some(class) if class.code == code => class.items.push(i.clone()),
            _ => item_classes.push(ItemClass {
                code: code.to_string(),
                name: c.function_name(code),
                items: vec![i.clone()],
            }),
        }
    }
    Built::of(GeneralFacts {
        empty,
        spent,
        share: c.pct(spent, t.spending_total, c.precision.share),
        change,
        classes: classes(c),
        budget,
        against_budget: deviation(c, spent, budget, c.precision.completion, "budget"),
        basic: t.general_basic,
        project: t.general_project,
        projects: c
            .n
            .projects
            .iter()
            .map(|p| Project {
                name: p.name.clone(),
                amount: p.amount,
                outcome: p.outcome.clone(),
            })
            .collect(),
        items,
        item_classes,
    })
}

fn item(c: &Ctx, i: &Item) -> ItemFact {
    let code = &i.code;
    let (budget, spent) = (i.figures.budget, i.figures.general_spending);
    ItemFact {
        code: code.clone(),
        class: c.function_name(&code[..3]),
        section: c.function_name(&code[..5]),
        name: c.function_name(code),
        budget,
        spent,
        against_budget: deviation(c, spent, budget, c.precision.item_completion, code),
    }
}

fn deviation(c: &Ctx, spent: Money, budget: Money, dp: u32, key: &str) -> Deviation {
    let (s, b) = (c.p(spent), c.p(budget));
    let versus = (!s.is_zero() || !b.is_zero()).then(|| match s.cmp(&b) {
        Ordering::Greater => "more",
        Ordering::Less => "less",
        Ordering::Equal => "equal",
    });
    let reason = if key.chars().all(|ch| ch.is_ascii_digit()) {
        c.n.item_notes
            .get(key)
            .and_then(|n| n.budget_reason.clone())
    } else {
        c.reason(key).cloned()
    };
    Deviation {
        versus,
        completion: c.pct(spent, budget, dp),
        reason,
        reason_key: key.to_string(),
    }
}

/// Each 类 that spent (printed), with its share and what it was used for.
fn classes(c: &Ctx) -> Vec<Class> {
    let items: Vec<&Item> = c
        .items
        .iter()
        .filter(|i| !i.figures.general_spending.is_zero())
        .collect();
    let mut sums: Vec<(&str, Money)> = Vec::new();
    for item in &items {
        let class = &item.code[..3];
        match sums.last_mut() {
            Some((code, sum)) if *code == class => *sum += item.figures.general_spending,
            _ => sums.push((class, item.figures.general_spending)),
        }
    }
    sums.retain(|(_, m)| !c.p(*m).is_zero());
    let amounts: Vec<Money> = sums.iter().map(|(_, m)| *m).collect();
    let shares = c.shares(&amounts, c.precision.class_share);
    sums.iter()
        .zip(shares)
        .map(|((code, amount), share)| {
            let mut sections: Vec<String> = Vec::new();
            let mut leaves = Vec::new();
            for item in items.iter().filter(|i| i.code.starts_with(code)) {
                let section = c.function_name(&item.code[..5]);
                if !sections.contains(&section) {
                    sections.push(section);
                }
                leaves.push(c.function_name(&item.code));
            }
            Class {
                code: code.to_string(),
                name: c.function_name(code),
                amount: *amount,
                share: share.map(|s| s.to_string()),
                uses: c.n.class_uses.get(*code).cloned(),
                sections,
                leaves,
            }
        })
        .collect()
}

/// 基本支出 and its 人员经费 and 公用经费, each group as the booklet lists it (the
/// budget booklet's by 类, with their amounts).
#[derive(Serialize)]
struct BasicFacts<G> {
    /// 一般公共预算财政拨款基本支出 prints as zero: the edition's `empty`.
    empty: bool,
    basic: Money,
    personnel: G,
    public: G,
}

pub(super) fn basic_facts<G: Serialize>(c: &Ctx, personnel: G, public: G) -> Built {
    let basic = c.totals.general_basic;
    Built::of(BasicFacts {
        empty: c.p(basic).is_zero(),
        basic,
        personnel,
        public,
    })
}

/// 人员经费 or 公用经费 with the 经济分类 lines that spent, in table order.
#[derive(Serialize)]
struct Group {
    total: Money,
    names: Vec<String>,
}

pub fn basic(c: &Ctx, _: &SectionSpec) -> Built {
    let (personnel, public) = economic_groups(c.economic);
    basic_facts(c, personnel, public)
}

/// 人员经费 and 公用经费: their totals and the 款 lines with money.
fn economic_groups(e: &EconomicSpending) -> (Group, Group) {
    let used = |lines: &[crate::figures::EconomicLine]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| !l.amount.is_zero())
            .map(|l| l.name.clone())
            .collect()
    };
    (
        Group {
            total: e.personnel_total,
            names: used(&e.personnel),
        },
        Group {
            total: e.public_total,
            names: used(&e.public),
        },
    )
}
