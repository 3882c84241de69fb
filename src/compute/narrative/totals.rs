//! 一 to 四: the totals, income and spending structure, and 财政拨款 against last year,
//! each followed by its chart.

use super::charts::{bars, pie};
use super::write::{Ctx, Writer};
use super::Block;
use crate::money::Money;
use rust_decimal::Decimal;

/// 一、收入支出决算总体情况说明 + 图 收、支决算总计变动情况.
pub fn overall(c: &Ctx, w: &mut Writer) {
    let income = c.named("income_grand_total");
    let spending = c.named("spending_grand_total");
    let change = c.change(income, c.n.prior.total);
    w.par(format!(
        "{}收、支总计{}万元。{}{}。",
        c.this_year(),
        c.wan(income),
        change.compared("收、支总计", &c.last_year(), c.sep()),
        c.because(
            &change,
            "total",
            &change.compared("收、支总计", &c.last_year(), c.sep())
        ),
    ));
    two_year_bars(
        c,
        w,
        ["收入总计", "支出总计"],
        [income, spending],
        c.n.prior.total,
    );
}

/// 二、收入决算情况说明 + 图 收入决算结构.
pub fn income(c: &Ctx, w: &mut Writer) {
    let t = c.totals;
    let total = t.income_total;
    let change = c.change(total, c.n.prior.income);
    let sources = [
        ("财政拨款收入", t.fiscal_income),
        ("上级补助收入", t.superior_income),
        ("事业收入", t.business_income),
        ("经营收入", t.operating_income),
        ("附属单位上缴收入", t.affiliated_income),
        ("其他收入", t.other_income),
    ];
    let breakdown = breakdown(c, &sources, "占本年收入");
    w.par(format!(
        "{}收入合计{}万元，{}{}。{breakdown}",
        c.this_year(),
        c.wan(total),
        change.compared("收入合计", &c.last_year(), c.sep()),
        c.because(
            &change,
            "income",
            &change.compared("收入合计", &c.last_year(), c.sep())
        ),
    ));
    structure_pie(c, w, &sources, "本年无收入");
}

/// 三、支出决算情况说明 + 图 支出决算结构.
pub fn spending(c: &Ctx, w: &mut Writer) {
    let t = c.totals;
    let total = t.spending_total;
    let change = c.change(total, c.n.prior.spending);
    let parts = [
        ("基本支出", t.basic),
        ("项目支出", t.project),
        ("上缴上级支出", t.to_superior),
        ("经营支出", t.operating_spending),
        ("对附属单位补助支出", t.to_affiliated),
    ];
    let breakdown = breakdown(c, &parts, "占本年支出");
    w.par(format!(
        "{}支出合计{}万元，{}{}。{breakdown}",
        c.this_year(),
        c.wan(total),
        change.compared("支出合计", &c.last_year(), c.sep()),
        c.because(
            &change,
            "spending",
            &change.compared("支出合计", &c.last_year(), c.sep())
        ),
    ));
    structure_pie(c, w, &parts, "本年无支出");
}

/// 四、财政拨款收入支出决算总体情况说明 + 图 财政拨款收、支决算总计变动情况.
pub fn fiscal(c: &Ctx, w: &mut Writer) {
    let income = c.named("fiscal_income_grand_total");
    let spending = c.named("fiscal_spending_grand_total");
    let prior = &c.n.prior;
    let change = c.change(income, prior.fiscal_total);
    w.par(format!(
        "{}财政拨款收、支总计{}万元。{}{}。",
        c.this_year(),
        c.wan(income),
        change.compared("财政拨款收、支总计", &c.last_year(), c.sep()),
        c.because(
            &change,
            "fiscal",
            &change.compared("财政拨款收、支总计", &c.last_year(), c.sep())
        ),
    ));
    let funds = [
        (
            "一般公共预算财政拨款收入",
            c.totals.general_income,
            prior.general_income,
            "general_income",
        ),
        (
            "政府性基金预算财政拨款收入",
            c.totals.fund_income,
            prior.fund_income,
            "fund_income",
        ),
        (
            "国有资本经营预算财政拨款收入",
            c.totals.capital_income,
            prior.capital_income,
            "capital_income",
        ),
    ];
    let sentences: Vec<String> = funds
        .iter()
        .filter(|(_, now, before, _)| {
            !c.p(*now).is_zero() || before.is_some_and(|b| !c.p(b).is_zero())
        })
        .map(|(label, now, before, key)| {
            let change = c.change(*now, *before);
            let against = change.against_accounts(&c.last_year(), c.sep());
            let why = match (change.direction(), c.reason(key)) {
                (Some(dir), Some(r)) => format!("，{dir}主要原因是{r}"),
                (Some(_), None) => {
                    c.unexplained(key, &format!("{label}{against}"));
                    String::new()
                }
                _ => String::new(),
            };
            format!("{label}{}万元，{against}{why}。", c.wan(*now))
        })
        .collect();
    if !sentences.is_empty() {
        w.par(format!(
            "{}财政拨款收入中，{}",
            c.this_year(),
            sentences.concat()
        ));
    }
    two_year_bars(
        c,
        w,
        ["财政拨款收入总计", "财政拨款支出总计"],
        [income, spending],
        prior.fiscal_total,
    );
}

/// `其中：基本支出150.65万元，占本年支出99.9%；项目支出0.15万元，占本年支出0.1%。`
/// Parts that print as zero are left out ("不涉及的不列").
fn breakdown(c: &Ctx, parts: &[(&str, Money)], share_of: &str) -> String {
    let listed: Vec<&(&str, Money)> = parts.iter().filter(|(_, m)| !c.p(*m).is_zero()).collect();
    if listed.is_empty() {
        return String::new();
    }
    let amounts: Vec<Money> = listed.iter().map(|(_, m)| *m).collect();
    let shares = c.shares(&amounts, c.precision.share);
    let items: Vec<String> = listed
        .iter()
        .zip(shares)
        .map(|((label, m), share)| match share {
            Some(s) => format!("{label}{}万元，{share_of}{s}", c.wan(*m)),
            None => format!("{label}{}万元", c.wan(*m)),
        })
        .collect();
    format!("其中：{}。", items.join("；"))
}

fn structure_pie(c: &Ctx, w: &mut Writer, parts: &[(&str, Money)], empty: &str) {
    let Some(caption) = &w.spec().chart else {
        return;
    };
    let listed: Vec<&(&str, Money)> = parts.iter().filter(|(_, m)| !c.p(*m).is_zero()).collect();
    let amounts: Vec<Money> = listed.iter().map(|(_, m)| *m).collect();
    let shares = c.shares(&amounts, c.precision.share);
    let slices = listed
        .iter()
        .zip(shares)
        .map(|((label, m), share)| (label.to_string(), c.p(*m), share))
        .collect();
    let chart = pie(caption, slices, c.sep(), empty);
    w.blocks.push(Block::Pie(chart));
}

/// Last year (when known) and this year, one bar per series.
fn two_year_bars(
    c: &Ctx,
    w: &mut Writer,
    series: [&str; 2],
    now: [Money; 2],
    prior: Option<Money>,
) {
    let Some(caption) = &w.spec().chart else {
        return;
    };
    let mut groups: Vec<(String, Vec<Decimal>)> = Vec::new();
    if let Some(before) = prior {
        groups.push((c.last_year(), vec![c.p(before); 2]));
    }
    groups.push((c.this_year(), now.iter().map(|m| c.p(*m)).collect()));
    let chart = bars(caption, &series, groups, c.sep());
    w.blocks.push(Block::Bars(chart));
}
