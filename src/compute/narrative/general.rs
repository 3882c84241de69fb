//! 五 一般公共预算财政拨款支出 (total, structure by 类, 年初预算 against 决算 by 项) and
//! 六 基本支出 (人员经费 and 公用经费 with the 经济分类 lines actually used).

use super::write::{join_and, Ctx, Writer};
use crate::compute::resolve::Item;
use crate::edition::narrative::ItemGrouping;
use crate::money::Money;
use std::cmp::Ordering;

/// 五、一般公共预算财政拨款支出决算情况说明.
pub fn general(c: &Ctx, w: &mut Writer) {
    let t = c.totals;
    let spent = t.general_spending;
    let budget: Money = c.facts.items.iter().map(|i| i.figures.budget).sum();
    let prior_zero = c.n.prior.general_spending.is_none_or(|m| c.p(m).is_zero());
    if c.p(spent).is_zero() && c.p(budget).is_zero() && prior_zero {
        w.empty();
        return;
    }

    w.part();
    let change = c.change(spent, c.n.prior.general_spending);
    let share = c
        .pct(spent, t.spending_total, c.precision.share)
        .map(|p| format!("，占本年支出合计的{p}"))
        .unwrap_or_default();
    w.par(format!(
        "{}一般公共预算财政拨款支出{}万元{share}。{}{}。",
        c.this_year(),
        c.wan(spent),
        change.compared("一般公共预算财政拨款支出", &c.last_year(), c.sep()),
        c.because(
            &change,
            "general_spending",
            &change.compared("一般公共预算财政拨款支出", &c.last_year(), c.sep())
        ),
    ));

    w.part();
    structure(c, w);

    w.part();
    budget_against_accounts(c, w, budget);
}

/// （二）: each 类's amount, share and what it was used for.
fn structure(c: &Ctx, w: &mut Writer) {
    let items = general_items(c);
    let mut classes: Vec<(&str, Money)> = Vec::new();
    for item in &items {
        let class = &item.code[..3];
        match classes.last_mut() {
            Some((code, sum)) if *code == class => *sum += item.figures.general_spending,
            _ => classes.push((class, item.figures.general_spending)),
        }
    }
    classes.retain(|(_, m)| !c.p(*m).is_zero());
    w.par(format!(
        "{}一般公共预算财政拨款支出{}万元，主要用于以下方面：",
        c.this_year(),
        c.wan(c.totals.general_spending)
    ));
    let amounts: Vec<Money> = classes.iter().map(|(_, m)| *m).collect();
    let shares = c.shares(&amounts, c.precision.class_share);
    for (i, ((code, amount), share)) in classes.iter().zip(shares).enumerate() {
        let share = share.map(|s| format!("，占{s}")).unwrap_or_default();
        let uses =
            c.n.class_uses
                .get(*code)
                .cloned()
                .unwrap_or_else(|| derived_uses(c, code, &items));
        w.par(format!(
            "{}.{}类支出{}万元{share}。主要是用于{uses}。",
            i + 1,
            name(c, code),
            c.wan(*amount),
        ));
    }
}

/// Without the user's words: the class's 款 and the 项 under them that spent money —
/// `网信事务，包括信息安全事务、事业运行和其他网信事务支出`.
fn derived_uses(c: &Ctx, class: &str, items: &[&Item]) -> String {
    let mut sections: Vec<String> = Vec::new();
    let mut leaves: Vec<String> = Vec::new();
    for item in items.iter().filter(|i| i.code.starts_with(class)) {
        let section = name(c, &item.code[..5]);
        if !sections.contains(&section) {
            sections.push(section);
        }
        leaves.push(name(c, &item.code));
    }
    format!("{}，包括{}", sections.join("、"), join_and(&leaves))
}

/// （三）: 年初预算 against 决算, overall and for every 项, with the main projects.
fn budget_against_accounts(c: &Ctx, w: &mut Writer, budget: Money) {
    let t = c.totals;
    let spent = t.general_spending;
    let mut first = format!(
        "{}一般公共预算财政拨款支出年初预算为{}万元，支出决算为{}万元",
        c.this_year(),
        c.wan(budget),
        c.wan(spent)
    );
    if let Some(p) = c.pct(spent, budget, c.precision.completion) {
        first.push_str(&format!("，完成年初预算的{p}"));
    }
    if let Some(word) = comparison(c, spent, budget).filter(|w| *w != "等于") {
        match c.reason("budget") {
            Some(reason) => {
                first.push_str(&format!("，支出决算数{word}年初预算数的主要原因是{reason}"))
            }
            None => c.unexplained(
                "budget",
                &format!("一般公共预算财政拨款支出决算数{word}年初预算数"),
            ),
        }
    }
    first.push_str(&format!(
        "。其中：基本支出{}万元，项目支出{}万元。",
        c.wan(t.general_basic),
        c.wan(t.general_project)
    ));
    if !c.n.projects.is_empty() {
        let listed: Vec<String> =
            c.n.projects
                .iter()
                .map(|p| {
                    let outcome = p
                        .outcome
                        .as_ref()
                        .map(|o| format!("，主要成效是{o}"))
                        .unwrap_or_default();
                    format!("{}{}万元{outcome}", p.name, c.wan(p.amount))
                })
                .collect();
        first.push_str(&format!("项目支出主要用于{}。", listed.join("；")));
    }
    w.par(first);

    let items: Vec<&Item> = c
        .facts
        .items
        .iter()
        .filter(|i| !c.p(i.figures.budget).is_zero() || !c.p(i.figures.general_spending).is_zero())
        .collect();
    match c.layout.item_grouping {
        ItemGrouping::Flat => {
            for (i, item) in items.iter().enumerate() {
                w.par(format!("{}.{}", i + 1, item_text(c, item)));
            }
        }
        ItemGrouping::Class => {
            let mut class = "";
            let (mut ci, mut k) = (0, 0);
            for item in &items {
                if &item.code[..3] != class {
                    class = &item.code[..3];
                    ci += 1;
                    k = 0;
                    w.par(format!("{ci}.{}具体包括：", name(c, class)));
                }
                k += 1;
                w.par(format!("（{k}）{}", item_text(c, item)));
            }
        }
    }
}

/// `一般公共服务支出（类）网信事务（款）事业运行（项）。年初预算为…`
fn item_text(c: &Ctx, item: &Item) -> String {
    let code = &item.code;
    let budget = item.figures.budget;
    let spent = item.figures.general_spending;
    let mut s = format!(
        "{}（类）{}（款）{}（项）。年初预算为{}万元，支出决算为{}万元",
        name(c, &code[..3]),
        name(c, &code[..5]),
        name(c, code),
        c.wan(budget),
        c.wan(spent)
    );
    if let Some(p) = c.pct(spent, budget, c.precision.item_completion) {
        s.push_str(&format!("，完成年初预算的{p}"));
    }
    if let Some(word) = comparison(c, spent, budget) {
        s.push_str(&format!("，支出决算数{word}年初预算数"));
        let reason =
            c.n.item_notes
                .get(code)
                .and_then(|n| n.budget_reason.as_ref());
        match (word == "等于", reason) {
            (false, Some(r)) => s.push_str(&format!("的主要原因是{r}")),
            (false, None) => c.unexplained(
                code,
                &format!("{}（项）支出决算数{word}年初预算数", name(c, code)),
            ),
            _ => {}
        }
    }
    s.push('。');
    s
}

/// `大于`, `小于` or `等于`, comparing the printed figures; `None` when both are zero.
fn comparison(c: &Ctx, spent: Money, budget: Money) -> Option<&'static str> {
    let (s, b) = (c.p(spent), c.p(budget));
    if s.is_zero() && b.is_zero() {
        return None;
    }
    Some(match s.cmp(&b) {
        Ordering::Greater => "大于",
        Ordering::Less => "小于",
        Ordering::Equal => "等于",
    })
}

/// 六、一般公共预算财政拨款基本支出决算情况说明.
pub fn basic(c: &Ctx, w: &mut Writer) {
    let basic = c.totals.general_basic;
    if c.p(basic).is_zero() {
        w.empty();
        return;
    }
    w.par(format!(
        "{}一般公共预算财政拨款基本支出{}万元，其中：",
        c.this_year(),
        c.wan(basic)
    ));
    let used = |lines: &[crate::tables::EconomicLine]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| !l.amount.is_zero())
            .map(|l| l.name.clone())
            .collect()
    };
    for (label, total, names) in [
        (
            "人员经费",
            c.economic.personnel_total,
            used(&c.economic.personnel),
        ),
        (
            "公用经费",
            c.economic.public_total,
            used(&c.economic.public),
        ),
    ] {
        let listed = if names.is_empty() {
            String::new()
        } else {
            format!("，主要包括：{}", names.join("、"))
        };
        w.par(format!("{label}{}万元{listed}。", c.wan(total)));
    }
}

/// The items that spent 一般公共预算 money, in code order.
fn general_items<'a>(c: &Ctx<'a>) -> Vec<&'a Item> {
    c.facts
        .items
        .iter()
        .filter(|i| !i.figures.general_spending.is_zero())
        .collect()
}

fn name(c: &Ctx, code: &str) -> String {
    c.facts
        .function_names
        .get(code)
        .cloned()
        .unwrap_or_default()
}
