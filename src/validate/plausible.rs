//! Plausibility: data that parses and adds up but cannot be what the unit means —
//! dates outside the year they belong to, last year's figures in the wrong unit, more
//! spent than budgeted, and the same entry listed twice.

use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::money::Money;
use crate::base::rules;
use crate::input::narrative::Previous;
use crate::input::Amount;
use crate::input::BookletKind;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Last year's figure this many times this year's (or a fraction as small) is taken
/// for a unit slip: 元 for 万元 is ×10000, and no unit's budget grows fiftyfold.
const SCALE_LIMIT: i64 = 50;

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    dates(s, &mut found);
    prior_scale(s, &mut found);
    execution(s, &mut found);
    duplicates(s, &mut found);
    found
}

fn at(s: &Subject, d: Diagnostic, span: Option<Range<usize>>) -> Diagnostic {
    match span {
        Some(span) => d.at(s.locate(span)),
        None => d,
    }
}

/// The dates of a 决算 booklet, which reports a year that has ended. (A 预算 booklet is
/// published as its year begins; its dates follow other rules.)
fn dates(s: &Subject, found: &mut Vec<Diagnostic>) {
    if s.facts.edition.kind != BookletKind::Final {
        return;
    }
    let input = &s.loaded.input;
    let year = s.facts.unit.year;
    // A 决算 file without a date is refused at resolve (E0266).
    let (Some(published), Some(published_span)) = (
        s.facts.unit.published,
        input.unit.published.as_ref().map(|p| p.span()),
    ) else {
        return;
    };
    let published_span = Some(published_span);
    if let (Some(year_end), Some(year_start)) = (
        NaiveDate::from_ymd_opt(year, 12, 31),
        NaiveDate::from_ymd_opt(year, 1, 1),
    ) {
        if published <= year_end {
            found.push(at(
                s,
                diagnostic(
                    &rules::PUBLISHED_EARLY,
                    format!("公开日期 {published} 不在 {year} 年度结束之后：决算要在年度结束后才能编制和公开"),
                )
                .field("unit.published")
                .help(format!("请核对公开日期（通常在 {} 年）和决算年度 unit.year", year + 1)),
                published_span.clone(),
            ));
        } else if published.year() >= year + 2 {
            found.push(at(
                s,
                diagnostic(
                    &rules::PUBLISHED_LATE,
                    format!(
                        "公开日期 {published} 已是 {year} 年度之后第 {} 年：决算通常在次年公开",
                        published.year() - year
                    ),
                )
                .field("unit.published")
                .help("请核对公开日期的年份；重新发布旧年度的决算时可忽略此警告"),
                published_span,
            ));
        }
        let filled = &input.evaluation.filled;
        if let (Some(date), Some(span)) = (
            s.facts.back_matter.evaluation.filled,
            filled.as_ref().map(|f| f.span()),
        ) {
            if date < year_start || date > published {
                found.push(
                    diagnostic(
                        &rules::FILLED_DATE,
                        format!(
                            "绩效自评表的填报日期 {date} 不在 {year_start} 至公开日期 {published} 之间"
                        ),
                    )
                    .field("evaluation.filled")
                    .at(s.locate(span))
                    .help("自评的是本年度，填报应在年度开始之后、本决算公开之前：请核对年份"),
                );
            }
        }
    }
    for (i, p) in input.evaluation.projects.iter().enumerate() {
        let (start, end) = (*p.start_year.get_ref(), *p.end_year.get_ref());
        let field = format!("evaluation.projects[{i}]");
        // start > end is E0622, found when the form is read.
        if start <= end && (year < start || year > end) {
            found.push(
                diagnostic(
                    &rules::PROJECT_OUTSIDE_YEAR,
                    format!(
                        "项目 {} 的起止年份 {start}—{end} 不含决算年度 {year}",
                        p.name.get_ref().trim()
                    ),
                )
                .field(format!("{field}.start_year"))
                .at(s.locate(p.start_year.span()))
                .help("本年度决算中自评的项目应在本年度实施：请核对 start_year 和 end_year"),
            );
        }
    }
}

/// Last year's figures that are fifty times this year's or more (or as small), which
/// the narrative would print as a change of thousands of percent.
fn prior_scale(s: &Subject, found: &mut Vec<Diagnostic>) {
    let prior = &s.computed.prior;
    let Some(previous) = &s.loaded.input.previous else {
        return;
    };
    let figures = &s.booklet.figures;
    let table = match previous.get_ref() {
        Previous::Figures(f) => Some(f),
        Previous::File(_) => None,
    };
    let span_of = |a: Option<&Option<Spanned<Amount>>>| {
        a.and_then(|a| a.as_ref().map(|v| v.span()))
            .unwrap_or_else(|| previous.span())
    };
    let pairs = [
        (
            "total",
            "收支总计",
            prior.total,
            "income_grand_total",
            table.map(|t| &t.total),
        ),
        (
            "income",
            "本年收入合计",
            prior.income,
            "income_total",
            table.map(|t| &t.income),
        ),
        (
            "spending",
            "本年支出合计",
            prior.spending,
            "spending_total",
            table.map(|t| &t.spending),
        ),
        (
            "fiscal_total",
            "财政拨款收支总计",
            prior.fiscal_total,
            "fiscal_income_grand_total",
            table.map(|t| &t.fiscal_total),
        ),
        (
            "general_income",
            "一般公共预算财政拨款收入",
            prior.general_income,
            "general_income",
            table.map(|t| &t.general_income),
        ),
        (
            "general_spending",
            "一般公共预算财政拨款支出",
            prior.general_spending,
            "general_spending",
            table.map(|t| &t.general_spending),
        ),
    ];
    let limit = Decimal::from(SCALE_LIMIT);
    let mut odd = Vec::new();
    let mut first: Option<(&str, Range<usize>)> = None;
    for (key, name, last, current, written) in pairs {
        let (Some(last), Some(now)) = (last, figures.get(current).copied()) else {
            continue;
        };
        if last.is_zero() || now.is_zero() {
            continue;
        }
        let (big, small) = if last > now { (last, now) } else { (now, last) };
        if big.yuan() < small.yuan() * limit {
            continue;
        }
        let times = (big.yuan() / small.yuan()).round();
        odd.push(format!(
            "{name}上年 {last} 万元、本年 {now} 万元（约 {times} 倍）"
        ));
        first.get_or_insert((key, span_of(written)));
    }
    if let Some((key, span)) = first {
        let field = match table {
            Some(_) => format!("previous.{key}"),
            None => "previous".to_string(),
        };
        found.push(
            diagnostic(
                &rules::PRIOR_SCALE,
                format!("上年数与本年数相差 {SCALE_LIMIT} 倍以上：{}", odd.join("；")),
            )
            .field(field)
            .at(s.locate(span))
            .help("上年数多半是用另一种金额单位录入的（元与万元相差一万倍）：请核对 previous.amount_unit 和 settings.amount_unit；如变化属实，请在 [narrative.reasons] 中说明原因"),
        );
    }
}

/// 执行率 over 100%, and spending on a project without a budget.
fn execution(s: &Subject, found: &mut Vec<Diagnostic>) {
    let input = &s.loaded.input;
    let over = |what: &str, budget: Money, spent: Money, field: String, span| {
        diagnostic(
            &rules::OVER_EXECUTED,
            format!("{what}的执行数 {spent} 万元大于预算数 {budget} 万元（执行率超过100%）"),
        )
        .field(field)
        .at(s.locate(span))
        .help("预算数应为全年预算数（含年中调整）：请核对预算数和执行数；如确实超支，请在偏差原因中说明")
    };
    let evaluation = &s.facts.back_matter.evaluation;
    if let (Some(form), Some(typed)) =
        (&evaluation.scored_overall, &input.evaluation.scored_overall)
    {
        let b = &form.budget;
        if !b.budget.is_zero() && b.executed > b.budget {
            found.push(over(
                "整体绩效自评表",
                b.budget,
                b.executed,
                "evaluation.scored_overall.budget".into(),
                typed.budget.span(),
            ));
        }
    }
    for (i, (form, typed)) in evaluation
        .scored_projects
        .iter()
        .zip(&input.evaluation.scored_projects)
        .enumerate()
    {
        let b = &form.budget;
        if !b.budget.is_zero() && b.executed > b.budget {
            found.push(over(
                &format!("项目 {} ", typed.name.get_ref().trim()),
                b.budget,
                b.executed,
                format!("evaluation.scored_projects[{i}].executed"),
                typed.executed.span(),
            ));
        }
    }
    let (Some(performance), Some(typed)) =
        (&s.facts.narrative.performance, &input.narrative.performance)
    else {
        return;
    };
    for (i, (p, t)) in performance.projects.iter().zip(&typed.projects).enumerate() {
        let name = p.name.clone().unwrap_or_else(|| format!("第 {} 个", i + 1));
        let field = format!("narrative.performance.projects[{i}]");
        if p.budget.is_zero() && !p.spent.is_zero() {
            found.push(
                diagnostic(
                    &rules::BUDGET_ZERO_SPENT,
                    format!(
                        "绩效自评项目 {name} 的全年预算数为 0，执行数却是 {} 万元",
                        p.spent
                    ),
                )
                .field(format!("{field}.budget"))
                .at(s.locate(t.budget.span()))
                .help("没有预算就不能支出，也无法计算完成预算的比例：请补上全年预算数"),
            );
        } else if p.spent > p.budget {
            found.push(over(
                &format!("绩效自评项目 {name} "),
                p.budget,
                p.spent,
                format!("{field}.spent"),
                t.spent.span(),
            ));
        }
    }
}

/// The names of a list's entries, where they are written.
type Names = Vec<(String, Range<usize>)>;

fn names<'a>(entries: impl Iterator<Item = &'a Spanned<String>>) -> Names {
    entries
        .map(|n| (n.get_ref().trim().to_string(), n.span()))
        .collect()
}

/// The same 重要事项 or the same project name twice in one list.
fn duplicates(s: &Subject, found: &mut Vec<Diagnostic>) {
    let input = &s.loaded.input;
    let e = &input.evaluation;
    let mut lists: Vec<(&str, &str, Names)> = vec![
        (
            "重点工作完成情况表",
            "key_work.table",
            names(input.key_work.table.iter().map(|r| &r.matter)),
        ),
        (
            "主要项目",
            "narrative.projects",
            names(input.narrative.projects.iter().map(|p| &p.name)),
        ),
        (
            "项目绩效自评表",
            "evaluation.projects",
            names(e.projects.iter().map(|p| &p.name)),
        ),
        (
            "项目绩效自评表",
            "evaluation.scored_projects",
            names(e.scored_projects.iter().map(|p| &p.name)),
        ),
    ];
    if let Some(p) = &input.narrative.performance {
        lists.push((
            "绩效自评综述",
            "narrative.performance.projects",
            names(p.projects.iter().filter_map(|q| q.name.as_ref())),
        ));
    }
    for (what, path, entries) in lists {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (name, span)) in entries.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            let first = *seen.entry(name).or_insert(i);
            if first != i {
                let noun = if path == "key_work.table" {
                    "重要事项"
                } else {
                    "项目"
                };
                found.push(
                    diagnostic(
                        &rules::DUPLICATE_ENTRY,
                        format!("{what}中{noun}“{name}”列了两次（第一次在 {path}[{first}]）"),
                    )
                    .field(format!("{path}[{i}]"))
                    .at(s.locate(span.clone()))
                    .help("多半是复制时重复了：请删去一处，或把两处合并"),
                );
            }
        }
    }
}
