//! The budget booklet's own facts (部门预算公开): the department's units, its staff,
//! its projects with their money by 项 and source, and the history years of 表11 —
//! resolved and checked like the rest of the input. Which input belongs to which kind
//! of booklet is checked here too, so a 决算 field in a budget file (or the reverse) is
//! an error naming the field, never silently ignored.

pub mod kind;
pub mod projects;

use super::check::Checker;
use crate::base::money::Money;
use crate::input::budget::{History, Staff, UnitEntry};
use crate::input::Input;
use std::collections::BTreeMap;

pub use projects::{ProjectFact, PurchaseKind, Sources};

#[derive(Debug, Clone, Default)]
pub struct BudgetFacts {
    /// 部门编码.
    pub code: String,
    /// 咨询电话.
    pub phone: Option<String>,
    pub units: Vec<UnitFact>,
    pub staff: Option<StaffFact>,
    pub projects: Vec<ProjectFact>,
    /// 表11 近两年收支情况, by year.
    pub history: BTreeMap<i32, HistoryYear>,
    /// 项目支出 typed on an item as a cross-check of its projects, by (unit, 项).
    pub typed_projects: Vec<TypedProject>,
}

#[derive(Debug, Clone)]
pub struct UnitFact {
    pub code: String,
    pub name: String,
    pub own: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub administrative: u32,
    pub institutional: u32,
    pub civil_servant_managed: u32,
}

impl Counts {
    pub fn total(&self) -> u64 {
        u64::from(self.administrative) + u64::from(self.institutional)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct StaffFact {
    pub authorized: Counts,
    pub actual: Counts,
    pub veteran: u32,
    pub retired: u32,
}

impl StaffFact {
    /// Whether the unit has staff whose 公用经费 count as 机关运行经费 (行政 or 参公).
    pub fn has_administrative(&self) -> bool {
        let c = |x: &Counts| x.administrative + x.civil_servant_managed > 0;
        c(&self.authorized) || c(&self.actual)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct HistoryYear {
    pub fiscal: Money,
    pub other: Money,
    pub basic: Money,
    pub project: Money,
}

#[derive(Debug, Clone)]
pub struct TypedProject {
    pub item: usize,
    pub field: &'static str,
    pub unit: Option<String>,
    pub code: String,
    pub typed: Money,
}

/// The budget facts of `input`; `c` collects every problem.
pub fn resolve(c: &mut Checker, input: &Input, catalog_has: &dyn Fn(&str) -> bool) -> BudgetFacts {
    let units = units(c, &input.units);
    let staff = input.overview.staff.as_ref().map(|s| staff(c, s.get_ref()));
    let history = history(c, &input.history, *input.unit.year.get_ref());
    let projects = input
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| projects::resolve(c, p, i, &units, input, catalog_has))
        .collect();
    BudgetFacts {
        code: input
            .unit
            .code
            .as_ref()
            .map(|v| c.text(v, "unit.code"))
            .unwrap_or_default(),
        phone: input.unit.phone.as_ref().map(|v| c.text(v, "unit.phone")),
        units,
        staff,
        projects,
        history,
        typed_projects: Vec::new(),
    }
}

fn units(c: &mut Checker, list: &[UnitEntry]) -> Vec<UnitFact> {
    let mut out: Vec<UnitFact> = Vec::new();
    for (i, u) in list.iter().enumerate() {
        let code = c.text(&u.code, &format!("units[{i}].code"));
        let name = c.text(&u.name, &format!("units[{i}].name"));
        if out.iter().any(|x| x.code == code) {
            c.error(
                "E0282",
                format!("单位编码 {code} 重复：每个预算单位只能写一次"),
                format!("units[{i}].code"),
                u.code.span(),
            );
        }
        out.push(UnitFact {
            code,
            name,
            own: u.own,
        });
    }
    let own = list.iter().filter(|u| u.own).count();
    if !list.is_empty() && own != 1 {
        let span = list
            .iter()
            .filter(|u| u.own)
            .nth(1)
            .unwrap_or(&list[0])
            .code
            .span();
        c.error_help(
            "E0282",
            format!("[[units]] 中有 {own} 个单位写了 own = true，应恰好一个（部门本级）"),
            "units",
            span,
            "部门本级写 own = true，其余为二级预算单位".into(),
        );
    }
    out
}

/// The unit an item or project belongs to: the one it names, or the only unit.
pub fn unit_of(
    c: &mut Checker,
    units: &[UnitFact],
    named: &Option<toml::Spanned<String>>,
    field: &str,
    owner_span: std::ops::Range<usize>,
) -> Option<String> {
    match named {
        Some(v) => {
            let code = v.get_ref().trim().to_string();
            if !units.iter().any(|u| u.code == code) {
                let known: Vec<&str> = units.iter().map(|u| u.code.as_str()).collect();
                c.error_help(
                    "E0282",
                    format!("[[units]] 中没有编码为“{code}”的单位"),
                    field,
                    v.span(),
                    if known.is_empty() {
                        "先在 [[units]] 中列出部门的预算单位（code、name，本级写 own = true）"
                            .into()
                    } else {
                        format!("可用：{}", known.join("、"))
                    },
                );
            }
            Some(code)
        }
        None if units.len() > 1 => {
            c.error_help(
                "E0282",
                "部门有多个预算单位，须写明属于哪个单位（unit = \"单位编码\"）".into(),
                field,
                owner_span,
                format!(
                    "可用：{}",
                    units
                        .iter()
                        .map(|u| u.code.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            );
            None
        }
        None => units.first().map(|u| u.code.clone()),
    }
}

fn staff(c: &mut Checker, s: &Staff) -> StaffFact {
    let count = |v: &Option<toml::Spanned<u32>>| v.as_ref().map_or(0, |v| *v.get_ref());
    let mut counts =
        |x: &crate::input::budget::StaffCounts, name: &str| {
            let out = Counts {
                administrative: count(&x.administrative),
                institutional: count(&x.institutional),
                civil_servant_managed: count(&x.civil_servant_managed),
            };
            if out.civil_servant_managed > out.institutional {
                if let Some(v) = &x.civil_servant_managed {
                    c.error_help(
                    "E0283",
                    format!(
                        "参照公务员法管理 {} 人多于事业{} {} 人",
                        out.civil_servant_managed,
                        if name == "authorized" { "编制" } else { "人员" },
                        out.institutional
                    ),
                    &format!("overview.staff.{name}.civil_servant_managed"),
                    v.span(),
                    "参照公务员法管理的人员是事业编制（事业人员）的一部分，已计入 institutional"
                        .into(),
                );
                }
            }
            out
        };
    StaffFact {
        authorized: counts(&s.authorized, "authorized"),
        actual: counts(&s.actual, "actual"),
        veteran: count(&s.retirees.veteran),
        retired: count(&s.retirees.retired),
    }
}

fn history(c: &mut Checker, list: &[History], year: i32) -> BTreeMap<i32, HistoryYear> {
    let mut out = BTreeMap::new();
    for (i, h) in list.iter().enumerate() {
        let y = *h.year.get_ref();
        let f = |n: &str| format!("history[{i}].{n}");
        if y != year - 1 && y != year - 2 {
            c.error(
                "E0284",
                format!(
                    "[[history]] 只列前两年（{} 年、{} 年），不能是 {y} 年",
                    year - 2,
                    year - 1
                ),
                f("year"),
                h.year.span(),
            );
        }
        let entry = HistoryYear {
            fiscal: c.opt_money(&h.fiscal, &f("fiscal")),
            other: c.opt_money(&h.other, &f("other")),
            basic: c.opt_money(&h.basic, &f("basic")),
            project: c.opt_money(&h.project, &f("project")),
        };
        if out.insert(y, entry).is_some() {
            c.error(
                "E0284",
                format!("[[history]] 中 {y} 年写了两次"),
                f("year"),
                h.year.span(),
            );
        }
    }
    out
}

/// Adds each project's money to the 项 it is budgeted under (the item of the same
/// code and unit), then sets each fund's 本年收入: what the 项 spends of it beyond the
/// 上年结转 it uses.
pub fn add_projects(items: &mut [crate::resolve::Item], projects: &[ProjectFact]) {
    for p in projects {
        let Some(item) = items
            .iter_mut()
            .find(|i| i.code == p.code && (p.unit.is_none() || i.unit == p.unit))
        else {
            continue; // reported: the project's 项 is not in [[items]]
        };
        let a = &mut item.amounts;
        let s = &p.sources;
        a.general_project += s.general_total();
        a.general_opening += s.general_opening;
        a.fund_project += s.fund_total();
        a.fund_opening += s.fund_opening;
        a.capital_project += s.capital_total();
        a.capital_opening += s.capital_opening;
        a.nonfiscal_project += s.nonfiscal();
    }
    // A budget's 本年收入 of each fund is what the 项 spends of it beyond its 上年结转.
    for item in items {
        let a = &mut item.amounts;
        a.general_income = a.general_basic + a.general_project - a.general_opening;
        a.fund_income = a.fund_basic + a.fund_project - a.fund_opening;
        a.capital_income = a.capital_basic + a.capital_project - a.capital_opening;
    }
}
