//! 九 财政拨款“三公”经费: budget against actual, against last year, and per item with
//! the counts the table cannot show (groups, vehicles, receptions).

use super::write::{Ctx, Writer};
use crate::compute::resolve::SangongLine;
use crate::money::Money;

/// 九、财政拨款“三公”经费支出决算情况说明.
pub fn sangong(c: &Ctx, w: &mut Writer) {
    let budget = c.sangong.budget;
    let actual = c.sangong.actual;
    let prior = c.n.prior.sangong;
    let prior_total = prior.map(|p| p.abroad + p.car_purchase + p.car_running + p.reception);
    let details = &c.n.sangong;
    let nothing = [Some(budget.total), Some(actual.total), prior_total]
        .iter()
        .flatten()
        .all(|m| c.p(*m).is_zero());
    if nothing && !details.has_counts() {
        w.part();
        w.empty();
        w.part();
        w.empty_details();
        return;
    }

    w.part();
    let mut s = format!(
        "{}“三公”经费财政拨款支出{}",
        c.this_year(),
        budget_and_actual(c, budget.total, actual.total)
    );
    let change = c.change(actual.total, prior_total);
    s.push_str(&format!("。{}。", change.against_last_year(c.sep())));
    s.push_str(&reason(
        c,
        &change,
        "sangong",
        "“三公”经费财政拨款支出决算数",
    ));
    w.par(s);

    w.part();
    let prior_of = |f: fn(&SangongLine) -> Money| prior.as_ref().map(f);

    let mut abroad = format!(
        "1.{}",
        item_line(
            c,
            "因公出国（境）费",
            budget.abroad,
            actual.abroad,
            prior_of(|p| p.abroad),
            "abroad"
        )
    );
    if let (Some(g), Some(p)) = (details.abroad_groups, details.abroad_persons) {
        abroad.push_str(&format!("全年安排因公出国（境）团组{g}个、累计{p}人次。"));
    }
    if let Some(u) = &details.abroad_uses {
        abroad.push_str(&format!("开支内容包括：{u}。"));
    }
    w.par(abroad);

    let car_prior = prior_of(|p| p.car_purchase + p.car_running);
    let car_line = item_line(
        c,
        "公务用车购置及运行维护费",
        budget.car_total,
        actual.car_total,
        car_prior,
        "car",
    );
    let car_data = !c.p(actual.car_total).is_zero()
        || details.cars_bought.is_some()
        || details.cars_held.is_some();
    if car_data {
        w.par(format!("2.{car_line}其中："));
        let mut purchase = format!("（1）公务用车购置费支出{}万元", c.wan(actual.car_purchase));
        if let Some(u) = &details.car_purchase_uses {
            purchase.push_str(&format!("，主要用于{u}"));
        }
        purchase.push('。');
        if let Some(n) = details.cars_bought {
            purchase.push_str(&format!("本年度购置（更新）公务用车{n}辆。"));
        }
        w.par(purchase);
        let mut running = format!(
            "（2）公务用车运行维护费支出{}万元",
            c.wan(actual.car_running)
        );
        if let Some(u) = &details.car_running_uses {
            running.push_str(&format!("，主要用于{u}"));
        }
        running.push('。');
        if let Some(n) = details.cars_held {
            running.push_str(&format!(
                "截至{}年12月31日，开支财政拨款的公务用车保有量为{n}辆。",
                c.year()
            ));
        }
        w.par(running);
    } else {
        w.par(format!("2.{car_line}"));
    }

    let mut reception = format!(
        "3.{}",
        item_line(
            c,
            "公务接待费",
            budget.reception,
            actual.reception,
            prior_of(|p| p.reception),
            "reception"
        )
    );
    let visits = |batches: Option<u32>, persons: Option<u32>| match (batches, persons) {
        (Some(b), Some(p)) => format!("，共接待{b}批次、{p}人次"),
        (Some(b), None) => format!("，共接待{b}批次"),
        (None, Some(p)) => format!("，共接待{p}人次"),
        (None, None) => String::new(),
    };
    let has_reception = !c.p(actual.reception).is_zero()
        || details.reception_batches.is_some()
        || details.foreign_batches.is_some();
    if has_reception {
        let foreign = details.foreign_reception.unwrap_or_default();
        reception.push_str(&format!(
            "其中：外宾接待支出{}万元{}；国内公务接待支出{}万元{}。",
            c.wan(foreign),
            visits(details.foreign_batches, details.foreign_persons),
            c.wan(actual.reception - foreign),
            visits(details.reception_batches, details.reception_persons),
        ));
        if let Some(u) = &details.reception_uses {
            reception.push_str(&format!("主要用于{u}。"));
        }
    }
    w.par(reception);
}

/// `全年预算为0.35万元，支出决算为0.35万元，完成全年预算的100%`
fn budget_and_actual(c: &Ctx, budget: Money, actual: Money) -> String {
    let mut s = format!(
        "全年预算为{}万元，支出决算为{}万元",
        c.wan(budget),
        c.wan(actual)
    );
    if let Some(p) = c.pct(actual, budget, c.precision.completion) {
        s.push_str(&format!("，完成全年预算的{p}"));
    }
    s
}

/// One item of （二）: budget, actual, completion, against last year and why. An item
/// with nothing in any year states its zeros only.
fn item_line(
    c: &Ctx,
    label: &str,
    budget: Money,
    actual: Money,
    prior: Option<Money>,
    reason_key: &str,
) -> String {
    let mut s = format!("{label}{}", budget_and_actual(c, budget, actual));
    let quiet = [Some(budget), Some(actual), prior]
        .iter()
        .flatten()
        .all(|m| c.p(*m).is_zero());
    if quiet {
        s.push('。');
        return s;
    }
    let change = c.change(actual, prior);
    s.push_str(&format!("；{}。", change.against_last_year(c.sep())));
    s.push_str(&reason(c, &change, reason_key, label));
    s
}

/// `决算数较上年增加的主要原因是…。` (`key`: the reason's field in `[narrative.reasons]`).
fn reason(c: &Ctx, change: &super::change::Change, key: &str, subject: &str) -> String {
    match (change.direction(), c.reason(key)) {
        (Some(dir), Some(r)) => format!("决算数较上年{dir}的主要原因是{r}。"),
        (Some(_), None) => {
            c.unexplained(
                key,
                &format!("{subject}{}", change.against_last_year(c.sep())),
            );
            String::new()
        }
        _ => String::new(),
    }
}
