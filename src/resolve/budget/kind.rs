//! Which input belongs to which booklet: a field the other kind's booklet prints is an
//! error (E0260) naming the field and what to write instead, so a 决算 figure typed in
//! a budget file (or the reverse) is never silently dropped.

use crate::input::BookletKind;
use crate::input::Input;
use crate::resolve::check::Checker;
use std::ops::Range;

/// A field present in the input, where it is written, and what to do instead.
struct Found {
    field: String,
    span: Range<usize>,
    help: &'static str,
}

fn opt<T>(out: &mut Vec<Found>, field: String, v: &Option<toml::Spanned<T>>, help: &'static str) {
    if let Some(v) = v {
        out.push(Found {
            field,
            span: v.span(),
            help,
        });
    }
}

/// Fields only a budget booklet prints.
fn budget_only(input: &Input) -> Vec<Found> {
    let mut out = Vec::new();
    let help = "这是部门预算的字段：预算文件在 [unit] 中写 kind = \"budget\"；决算文件请删去";
    opt(&mut out, "unit.code".into(), &input.unit.code, help);
    opt(&mut out, "unit.phone".into(), &input.unit.phone, help);
    if let Some(u) = input.units.first() {
        out.push(Found {
            field: "units".into(),
            span: u.code.span(),
            help,
        });
    }
    if let Some(p) = input.projects.first() {
        out.push(Found {
            field: "projects".into(),
            span: p.name.span(),
            help: "这是部门预算的项目（表10、表12）：决算的项目绩效自评表写在 [[evaluation.projects]] 中",
        });
    }
    if let Some(h) = input.history.first() {
        out.push(Found {
            field: "history".into(),
            span: h.year.span(),
            help,
        });
    }
    opt(
        &mut out,
        "overview.staff".into(),
        &input.overview.staff,
        help,
    );
    for (i, item) in input.items.iter().enumerate() {
        for (name, v) in [
            ("general_personnel", &item.general_personnel),
            ("general_public", &item.general_public),
            ("special_account_income", &item.special_account_income),
        ] {
            opt(
                &mut out,
                format!("items[{i}].{name}"),
                v,
                "这是部门预算的字段；决算的一般公共预算基本支出写 general_basic",
            );
        }
        opt(&mut out, format!("items[{i}].unit"), &item.unit, help);
    }
    out
}

/// Fields only a 决算 booklet prints.
fn final_only(input: &Input) -> Vec<Found> {
    let mut out = Vec::new();
    let help =
        "这是部门决算的字段，预算文件不用；若本文件是决算，请在 [unit] 中删去 kind = \"budget\"";
    for (i, item) in input.items.iter().enumerate() {
        let f = |n: &str| format!("items[{i}].{n}");
        opt(
            &mut out,
            f("general_basic"),
            &item.general_basic,
            "预算的一般公共预算基本支出分人员经费（general_personnel）和公用经费（general_public）填写，小计自动计算",
        );
        for (name, v) in [
            ("general_income", &item.general_income),
            ("fund_income", &item.fund_income),
            ("capital_income", &item.capital_income),
        ] {
            opt(
                &mut out,
                f(name),
                v,
                "预算的财政拨款本年收入按支出减去上年结转（*_opening）自动计算，不用填写",
            );
        }
        opt(&mut out, f("budget"), &item.budget, help);
        opt(&mut out, f("budget_reason"), &item.budget_reason, help);
    }
    let b = &input.balances;
    for (name, v) in [
        ("nonfiscal_surplus_used", &b.nonfiscal_surplus_used),
        ("business_fund_used", &b.business_fund_used),
        ("surplus_distribution", &b.surplus_distribution),
    ] {
        opt(&mut out, format!("balances.{name}"), v, help);
    }
    let a = &input.sangong.actual;
    for (name, v) in [
        ("abroad", &a.abroad),
        ("car_purchase", &a.car_purchase),
        ("car_running", &a.car_running),
        ("reception", &a.reception),
    ] {
        opt(
            &mut out,
            format!("sangong.actual.{name}"),
            v,
            "预算只印“三公”经费预算数：请写在 [sangong.budget] 中",
        );
    }
    let n = &input.narrative;
    for (key, given) in [
        (
            "narrative.class_uses",
            n.class_uses.values().next().map(|v| v.span()),
        ),
        (
            "narrative.projects",
            n.projects.first().map(|p| p.name.span()),
        ),
        (
            "narrative.performance",
            n.performance.as_ref().and_then(|p| {
                p.summary
                    .as_ref()
                    .or(p.not_evaluated.as_ref())
                    .map(|v| v.span())
            }),
        ),
    ] {
        if let Some(span) = given {
            out.push(Found {
                field: key.into(),
                span,
                help,
            });
        }
    }
    let e = &input.evaluation;
    opt(&mut out, "evaluation.filled".into(), &e.filled, help);
    if let Some(p) = e.projects.first() {
        out.push(Found {
            field: "evaluation.projects".into(),
            span: p.name.span(),
            help: "预算的项目支出绩效目标表（表12）随项目写在 [[projects]] 中",
        });
    }
    if let Some(p) = e.scored_projects.first() {
        out.push(Found {
            field: "evaluation.scored_projects".into(),
            span: p.name.span(),
            help,
        });
    }
    if let Some(o) = &e.scored_overall {
        out.push(Found {
            field: "evaluation.scored_overall".into(),
            span: o.budget.span(),
            help,
        });
    }
    out
}

/// Reports every field of the other kind.
pub fn check(c: &mut Checker, input: &Input, kind: BookletKind) {
    let (found, this) = match kind {
        BookletKind::Final => (budget_only(input), "部门决算"),
        BookletKind::Budget => (final_only(input), "部门预算"),
    };
    for f in found {
        let field = f.field.clone();
        c.error_help(
            "E0280",
            format!(
                "`{field}` 不用于{this}（本文件 [unit] kind = \"{}\"）",
                kind.key()
            ),
            &field,
            f.span,
            f.help.into(),
        );
    }
}

/// Input the edition prints and the file lacks (E0266): 人员构成, 咨询电话, 部门编码,
/// the overall target form.
pub fn required(c: &mut Checker, input: &Input, edition: &crate::declare::edition::Edition) {
    let at = input.unit.name.span();
    let mut missing = |what: String, field: &str, help: &str| {
        c.error_help("E0286", what, field, at.clone(), help.into());
    };
    let prints_staff = edition.overview.as_ref().is_some_and(|o| o.staff.is_some());
    if prints_staff && input.overview.staff.is_none() {
        missing(
            "缺少 [overview.staff]：本版式在第一部分印人员构成".into(),
            "overview.staff",
            "写 [overview.staff]，如 authorized = { administrative = 0, institutional = 18, civil_servant_managed = 0 }，actual、retirees 同理",
        );
    }
    let closing_phone = edition
        .glossary
        .as_ref()
        .and_then(|g| g.closing.as_ref())
        .is_some_and(|c| c.contains("{phone}"));
    if closing_phone && input.unit.phone.is_none() {
        missing(
            "缺少 unit.phone：本版式在名词解释之后印咨询电话".into(),
            "unit.phone",
            "在 [unit] 中写 phone = \"83426338\"",
        );
    }
    let kinds = |k: crate::declare::edition::TableKind| {
        edition.tables.iter().any(|t| *t.kind.get_ref() == k)
    };
    if kinds(crate::declare::edition::TableKind::ByUnit) && input.unit.code.is_none() {
        missing(
            "缺少 unit.code：本版式的分单位表印部门编码".into(),
            "unit.code",
            "在 [unit] 中写 code = \"136\"（部门编码）",
        );
    }
    if kinds(crate::declare::edition::TableKind::OverallForm) && input.evaluation.overall.is_none()
    {
        missing(
            "缺少 [evaluation.overall]：本版式印部门整体支出绩效目标表".into(),
            "evaluation.overall",
            "写 [evaluation.overall]（department、reporter、phone、tasks 和各项目标），见 docs/input-format.md",
        );
    }
}
