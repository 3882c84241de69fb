//! The budget's tables (表1–表10) into the facts of a budget input: each 项's leaves
//! (人员经费 and 公用经费 from 表5-1, the other funds and 单位资金 from 表2/表3/表8/表9),
//! the department and its units (表5-2), the 经济分类 lines with their zeros (表6), the
//! 三公 budget (表7) and the projects with their money by source (表10). What the tables
//! cannot tell apart is given a documented default and a warning: a 项's 上年结转 goes on
//! the 项 itself (表12 alone would show a project's), a project's 单位资金 is `other`,
//! and with several units each 项 goes to the department's own unit.

use super::assemble::{
    class_sum_differs, collect, finish, half_step, half_step_of, leaf, warning, Collected, Draft,
    Leaf, TableBody, SHARED_ITEM_LEAVES,
};
use super::extract::{Body, ListedRow, Value};
use super::forms::{EstimateLine, Form, OverallForm};
use crate::declare::edition::Edition;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The leaves of a budget item a column holds directly, beside the shared ones.
const ITEM_LEAVES: &[&str] = &[
    "general_personnel",
    "general_public",
    "special_account_income",
    "fund_basic",
    "capital_basic",
];

/// A budget unit of 表5-2.
#[derive(Debug, Clone)]
pub struct UnitDraft {
    pub code: String,
    pub name: String,
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct BudgetItem {
    pub fields: BTreeMap<&'static str, Leaf>,
    /// The unit the 项 is written under, when the department has several.
    pub unit: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProjectDraft {
    pub name: String,
    pub code: String,
    /// The unit's code, when the department has several.
    pub unit: Option<String>,
    /// The unit's name as 表10 prints it.
    pub unit_name: String,
    pub source: String,
    /// `[projects.sources]` field → value.
    pub sources: BTreeMap<&'static str, Leaf>,
    pub total: Leaf,
    /// From its 表12 form, when the workbook has it: 项目总预算, the two years before
    /// (year, 预算数, 执行数) and the 测算 lines.
    pub total_budget: Option<Leaf>,
    pub history: Vec<(i32, Leaf, Leaf)>,
    pub estimates: Vec<EstimateLine>,
    /// The sheet of its form.
    pub form: Option<String>,
}

#[derive(Debug, Default)]
pub struct BudgetDraft {
    /// 表5-2's department row: code and name.
    pub department: Option<UnitDraft>,
    /// The units under it, the department's own unit (本级) first.
    pub units: Vec<UnitDraft>,
    pub items: BTreeMap<String, BudgetItem>,
    pub projects: Vec<ProjectDraft>,
    /// 经济分类 款 lines as printed, zeros included (表6 prints the lines entered).
    pub economic: BTreeMap<String, Leaf>,
    /// 表11's history years, when the workbook has the form.
    pub overall: Option<OverallForm>,
    /// Everything the 决算 shares: 三公 lines, `[typed]`, warnings.
    pub common: Draft,
}

/// `表10!F7` → its leaf, when the amount is not zero.
fn some(v: Option<&Value>) -> Option<Leaf> {
    v.filter(|v| !v.amount.is_zero()).map(leaf)
}

pub fn assemble(tables: &[TableBody], forms: Vec<Form>, edition: &Edition) -> BudgetDraft {
    let mut b = BudgetDraft::default();
    let Collected { per_item, .. } = collect(tables, edition, &mut b.common);
    for t in tables {
        let Body::Listed(rows) = &t.body else {
            continue;
        };
        // A listed table is known by its figures: 表6 by its 人员经费, 表10 by its sources.
        if t.figures.iter().any(|f| f == "personnel") {
            economic(&mut b, rows);
        } else if t
            .figures
            .iter()
            .any(|f| f == "unit_funds" || f == "special_account")
        {
            projects(&mut b, rows);
        } else {
            units(&mut b, rows);
        }
    }
    for p in &mut b.projects {
        p.unit = unit_code(&b.units, &p.unit_name);
    }
    attach_forms(&mut b, forms);
    let mut warnings = Vec::new();
    for (code, figures) in &per_item {
        let i = item(code, figures, &b, &mut warnings);
        if !i.fields.is_empty() {
            b.items.insert(code.clone(), i);
        }
    }
    b.common.warnings.extend(warnings);
    // Every 项 a project is under is an item, even without money of its own.
    for p in &b.projects {
        b.items.entry(p.code.clone()).or_default();
    }
    if b.units.len() > 1 {
        let own = b.units[0].code.clone();
        for i in b.items.values_mut() {
            i.unit = Some(own.clone());
        }
        b.common.warnings.push(warning(
            "W0807",
            format!(
                "部门有 {} 个预算单位，表中看不出各功能分类项属于哪个单位：已都记在本级（{own}），请按单位分开（表5-2 的各单位合计可用来核对）",
                b.units.len()
            ),
        ));
    }
    finish(&mut b.common);
    b
}

/// The leaves of one 项. 非财政拨款 基本支出 = 表3 基本支出 − the funds' 基本支出; each
/// fund's 上年结转 = its spending on the 项 − its 本年收入 (表2), written on the 项.
fn item(
    code: &str,
    figures: &BTreeMap<String, Value>,
    b: &BudgetDraft,
    warnings: &mut Vec<crate::base::diag::Diagnostic>,
) -> BudgetItem {
    let get = |f: &str| figures.get(f);
    let yuan = |f: &str| get(f).map_or(Decimal::ZERO, Value::yuan);
    let mut item = BudgetItem::default();
    for f in ITEM_LEAVES.iter().chain(SHARED_ITEM_LEAVES) {
        if let Some(l) = some(get(f)) {
            item.fields.insert(f, l);
        }
    }
    let cells = |names: &[&str]| -> String {
        names
            .iter()
            .filter_map(|n| get(n).filter(|v| !v.amount.is_zero()))
            .map(|v| v.cell.to_string())
            .collect::<Vec<_>>()
            .join(" − ")
    };
    let mut derived = |field: &'static str, whole: &str, parts: &[&str]| {
        if get(whole).is_none() {
            return;
        }
        let value = yuan(whole) - parts.iter().map(|p| yuan(p)).sum::<Decimal>();
        if value.is_zero() {
            return;
        }
        let mut names = vec![whole];
        names.extend(parts);
        let from = names.iter().filter_map(|n| get(n));
        item.fields
            .insert(field, Leaf::derived(value, cells(&names), from));
    };
    derived(
        "nonfiscal_basic",
        "basic",
        &["general_basic", "fund_basic", "capital_basic"],
    );
    // Only where 表2 gave the fund's income: without it nothing says there is any.
    for (field, spending, income) in [
        ("general_opening", "general_spending", "general_income"),
        ("fund_opening", "fund_spending", "fund_income"),
        ("capital_opening", "capital_spending", "capital_income"),
    ] {
        if get(income).is_some() {
            derived(field, spending, &[income]);
        }
    }
    let opening: Decimal = ["general_opening", "fund_opening", "capital_opening"]
        .iter()
        .filter_map(|f| item.fields.get(f))
        .map(|l| l.yuan)
        .sum();
    if !opening.is_zero() && b.projects.iter().any(|p| p.code == code) {
        warnings.push(warning(
            "W0806",
            format!(
                "项 {code} 有上年结转 {} 元，表中看不出它属于基本支出还是项目：已记在该项上；如属项目，请移到该项目 [projects.sources] 的 general_opening（或 fund_opening、capital_opening），表12 才会印出“其中：使用上年度财政拨款结转”",
                opening.normalize()
            ),
        ));
    }
    item
}

/// 表5-2: the 合计, the department, then its units.
fn units(b: &mut BudgetDraft, rows: &[ListedRow]) {
    let mut listed = rows.iter().filter(|r| !r.total).map(|r| UnitDraft {
        code: r.labels.get("code").cloned().unwrap_or_default(),
        name: r.labels.get("name").cloned().unwrap_or_default(),
        source: r.cell.to_string(),
    });
    b.department = listed.next();
    b.units = listed.collect();
}

/// The code of the unit 表10 names, when the department has several.
fn unit_code(units: &[UnitDraft], name: &str) -> Option<String> {
    if units.len() < 2 {
        return None;
    }
    let key = super::text::key(name);
    units
        .iter()
        .find(|u| super::text::key(&u.name) == key)
        .or_else(|| units.first())
        .map(|u| u.code.clone())
}

/// 表6: the 款 lines (five digits), zeros included; the 类 lines are checked against
/// them and the 合计 row's 人员经费/公用经费 typed.
fn economic(b: &mut BudgetDraft, rows: &[ListedRow]) {
    let code = |r: &ListedRow| r.labels.get("code").cloned().unwrap_or_default();
    for r in rows.iter().filter(|r| !r.total && code(r).len() == 5) {
        if let Some(v) = r.values.get("total") {
            b.economic.insert(code(r), leaf(v));
        }
    }
    for r in rows.iter().filter(|r| !r.total && code(r).len() == 3) {
        let class = code(r);
        let Some(v) = r.values.get("total") else {
            continue;
        };
        let under = || b.economic.iter().filter(|(c, _)| c.starts_with(&class));
        let sum: Decimal = under().map(|(_, l)| l.yuan).sum();
        let rounding = half_step(v)
            + under()
                .map(|(_, l)| half_step_of(l.wan_decimals))
                .sum::<Decimal>();
        let name = r.labels.get("name").cloned().unwrap_or_default();
        class_sum_differs(&mut b.common, (v, &class, &name), sum, rounding);
    }
    if let Some(total) = rows.iter().find(|r| r.total) {
        for (column, figure) in [("personnel", "personnel_total"), ("public", "public_total")] {
            if let Some(v) = total.values.get(column) {
                b.common.typed_figures.push((figure.into(), v.clone()));
            }
        }
    }
}

/// 表10: one project a line, its money by source; 一般公共预算 etc. as this year's
/// money (a carry-over is on the 项, see `item`), 单位资金 as `other`.
fn projects(b: &mut BudgetDraft, rows: &[ListedRow]) {
    for r in rows.iter().filter(|r| !r.total) {
        let label = |k: &str| r.labels.get(k).cloned().unwrap_or_default();
        let mut sources = BTreeMap::new();
        for (column, field) in [
            ("general", "general"),
            ("fund", "fund"),
            ("capital", "capital"),
            ("special_account", "special_account"),
            ("unit_funds", "other"),
        ] {
            if let Some(l) = some(r.values.get(column)) {
                sources.insert(field, l);
            }
        }
        let total = r.values.get("total").map(leaf).unwrap_or_else(|| {
            let from = r.values.values();
            Leaf::derived(
                sources.values().map(|l| l.yuan).sum(),
                r.cell.to_string(),
                from,
            )
        });
        b.projects.push(ProjectDraft {
            name: label("name"),
            code: label("code"),
            unit: None,
            unit_name: label("unit"),
            source: r.cell.to_string(),
            sources,
            total,
            total_budget: None,
            history: Vec::new(),
            estimates: Vec::new(),
            form: None,
        });
    }
}

/// Each 表12 form's money goes to the project of its name; 表11's history years to the
/// department.
fn attach_forms(b: &mut BudgetDraft, forms: Vec<Form>) {
    for form in forms {
        match form {
            Form::Overall(o) => b.overall = Some(o),
            Form::Project(f) => {
                let name = super::text::key(&f.name);
                let project = b
                    .projects
                    .iter_mut()
                    .find(|p| p.form.is_none() && super::text::key(&p.name) == name);
                match project {
                    Some(p) => {
                        p.total_budget = f.total_budget;
                        p.history = f.history;
                        p.estimates = f.estimates;
                        p.form = Some(f.sheet);
                    }
                    None => b.common.warnings.push(warning(
                        "W0808",
                        format!(
                            "工作表“{}”是项目“{}”的绩效目标表，但项目支出表（表10）中没有这个项目，已跳过",
                            f.sheet, f.name
                        ),
                    )),
                }
            }
        }
    }
}
