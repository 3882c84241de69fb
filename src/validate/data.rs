//! Identities between tables that rest on separately entered data: 基本支出 by function
//! (公开05) vs the 经济分类 lines (公开06), the 三公 lines of 公开06 vs the 三公 table,
//! and balances that cannot go below zero.

use super::precision::slack;
use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::rules;

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let t = &s.booklet.totals;
    if t.income_total.is_zero() && t.spending_total.is_zero() {
        let mut d = diagnostic(&rules::NO_FIGURES, "收入和支出全部为零：各表将是空表")
            .field("items")
            .help("请按财务软件导出的决算数填写各项目（[[items]]）的金额");
        if let Some(span) = s.item_span("") {
            d = d.at(s.locate(span));
        }
        found.push(d);
        return found;
    }
    basic_vs_economic(s, &mut found);
    sangong_vs_economic(s, &mut found);
    closings(s, &mut found);
    found
}

fn economic_span(s: &Subject, code: Option<&str>) -> Option<std::ops::Range<usize>> {
    let lines = &s.loaded.input.basic_economic;
    code.and_then(|c| lines.get(c))
        .or_else(|| lines.values().next())
        .map(|v| v.span())
}

/// The item field a pair's function-table side is typed in.
type Typed<'a> = fn(&'a crate::input::ItemInput) -> Option<&'a toml::Spanned<crate::input::Amount>>;

/// What is compared: its name, the function table's figure, the 经济分类 parts, and
/// where the former is typed.
type Pair<'a> = (
    &'a str,
    crate::base::money::Money,
    Vec<(&'a str, crate::base::money::Money)>,
    Typed<'a>,
);

/// 公开05 基本支出 and 公开06 人员经费 + 公用经费 are the same money entered twice. Equal
/// exact amounts that print a cent apart are the unavoidable rounding tail (a note). A
/// gap that the rounding of the amounts as written can explain (amounts typed in 万元
/// with two decimals) is a warning; any other gap is an error, however small.
fn basic_vs_economic(s: &Subject, found: &mut Vec<Diagnostic>) {
    let t = &s.booklet.totals;
    let e = &s.booklet.economic;
    let input = &s.loaded.input;
    // Where the function table splits 基本支出 into 人员经费 and 公用经费 (budget 表5-1),
    // each must equal its 经济分类 lines; otherwise their sum must.
    let split = s.facts.edition.label_showing("general_personnel").is_some();
    let pairs: Vec<Pair> = if split {
        vec![
            (
                "人员经费",
                t.general_personnel,
                vec![("人员经费", e.personnel_total)],
                |i| i.general_personnel.as_ref(),
            ),
            (
                "公用经费",
                t.general_public,
                vec![("公用经费", e.public_total)],
                |i| i.general_public.as_ref(),
            ),
        ]
    } else {
        vec![(
            "基本支出",
            t.general_basic,
            vec![
                ("人员经费", e.personnel_total),
                ("公用经费", e.public_total),
            ],
            |i| i.general_basic.as_ref(),
        )]
    };
    for (name, basic, parts, typed) in pairs {
        let economic: crate::base::money::Money = parts.iter().map(|(_, m)| *m).sum();
        let gap = (basic - economic).abs();
        let printed = |m: crate::base::money::Money| s.facts.edition.format.printed(m);
        let printed_parts: rust_decimal::Decimal = parts.iter().map(|(_, m)| printed(*m)).sum();
        let printed_gap = (printed(basic) - printed_parts).abs();
        if gap.is_zero() && printed_gap.is_zero() {
            continue;
        }
        let slack = slack(
            &s.loaded.source,
            input
                .items
                .iter()
                .filter_map(typed)
                .chain(input.basic_economic.values()),
            s.facts.amount_unit,
        );
        let (rule, what) = if gap.is_zero() {
            (
                &rules::BASIC_VS_ECONOMIC_TAIL,
                "金额相等，印出的数因各自四舍五入相差 0.01（尾数误差）".to_string(),
            )
        } else if gap <= slack {
            (
                &rules::BASIC_VS_ECONOMIC_ROUNDING,
                format!(
                    "相差 {} 元，在录入金额四舍五入可能造成的 {} 元以内",
                    gap.yuan().normalize(),
                    slack.yuan().normalize()
                ),
            )
        } else {
            (
                &rules::BASIC_VS_ECONOMIC,
                format!("不相等（精确金额相差 {} 元）", gap.yuan().normalize()),
            )
        };
        let t05 = s.basic_table();
        let t06 = s.economic_table();
        let listed: Vec<String> = parts.iter().map(|(n, m)| format!("{n} {m} 万元")).collect();
        let mut d = diagnostic(
            rule,
            format!("{t05}{name} {basic} 万元与{t06}{}{what}", listed.join(" + ")),
        )
        .field("basic_economic")
        .help(if gap.is_zero() {
            "两表是同一笔钱，各自四舍五入后印出的数可能差一分；这是表注所说的尾数误差，如实印出".to_string()
        } else if split {
            format!("{t06}按经济分类列示的正是{t05}的{name}，两者应是同一笔钱：请核对 [basic_economic] 各行与各项目的 general_personnel、general_public")
        } else {
            format!("{t06}按经济分类列示的正是{t05}的基本支出，两者应是同一笔钱：请核对 [basic_economic] 各行与各项目的 general_basic")
        });
        if let Some(span) = economic_span(s, None) {
            d = d.at(s.locate(span));
        }
        found.push(d);
    }
}

fn sangong_vs_economic(s: &Subject, found: &mut Vec<Diagnostic>) {
    // The 三公 line the booklet prints: 决算数, or 预算数 where only that is printed.
    let edition = &s.facts.edition;
    let (line, what, figure, field) = if edition.label_showing("sangong_actual_total").is_some() {
        (
            &s.booklet.sangong.actual,
            "决算数",
            "sangong_actual_total",
            "sangong.actual",
        )
    } else {
        (
            &s.booklet.sangong.budget,
            "预算数",
            "sangong_budget_total",
            "sangong.budget",
        )
    };
    let pairs = [
        ("30212", "因公出国（境）费用", line.abroad),
        ("30217", "公务接待费", line.reception),
        ("30231", "公务用车运行维护费", line.car_running),
        ("31013", "公务用车购置", line.car_purchase),
    ];
    for (code, name, sangong) in pairs {
        let basic = s.facts.economic.get(code).copied().unwrap_or_default();
        if basic > sangong {
            let mut d = diagnostic(
                &rules::SANGONG_VS_ECONOMIC,
                format!(
                    "{}中 {code} {name} {basic} 万元（基本支出）大于{}“三公”经费{what} {sangong} 万元",
                    s.economic_table(),
                    edition.label_showing(figure).unwrap_or("“三公”经费表"),
                ),
            )
            .field(format!("basic_economic.\"{code}\""))
            .help(format!("“三公”经费{what}包括基本支出和项目支出中的全部此类开支，不会小于基本支出中的数：请核对 [{field}]"));
            if let Some(span) = economic_span(s, Some(code)) {
                d = d.at(s.locate(span));
            }
            found.push(d);
        }
    }
}

fn closings(s: &Subject, found: &mut Vec<Diagnostic>) {
    for (i, item) in s.computed.items.iter().enumerate() {
        let f = &item.figures;
        for (fund, closing, opening, income, spending) in [
            (
                "一般公共预算财政拨款",
                f.general_closing,
                f.general_opening,
                f.general_income,
                f.general_spending,
            ),
            (
                "政府性基金预算财政拨款",
                f.fund_closing,
                f.fund_opening,
                f.fund_income,
                f.fund_spending,
            ),
            (
                "国有资本经营预算财政拨款",
                f.capital_closing,
                f.capital_opening,
                f.capital_income,
                f.capital_spending,
            ),
        ] {
            if closing.is_negative() {
                let input_index = s
                    .loaded
                    .input
                    .items
                    .iter()
                    .position(|x| x.code.get_ref().trim() == item.code)
                    .unwrap_or(i);
                let mut d = diagnostic(
                    &rules::NEGATIVE_CLOSING,
                    format!(
                        "科目 {} 的{fund}：年初结转和结余 {opening} + 本年收入 {income} − 本年支出 {spending} = {} 万元，年末结转和结余不能为负",
                        item.code,
                        closing
                    ),
                )
                .field(format!("items[{input_index}]"))
                .help("请核对该科目的收入（*_income）、支出（*_basic/*_project）和年初结转（*_opening）");
                if let Some(x) = s.loaded.input.items.get(input_index) {
                    d = d.at(s.locate(x.code.span()));
                }
                found.push(d);
            }
        }
    }
}
