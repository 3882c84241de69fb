//! From the figures read off the tables to the input file's facts: the leaves (项 rows,
//! 经济分类 款 lines, 三公, balances), each with the cells it came from, and every total
//! the tables print into `[typed]`, so `gongkai check` proves the import.

use super::extract::{Body, Value};
use crate::base::diag::{Diagnostic, Severity};
use crate::declare::edition::{Edition, TableKind};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A leaf of the input in 元, with where it came from (for the comment beside it).
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub yuan: Decimal,
    pub source: String,
    /// Read from a sheet in 万元 as printed: exact only to this many decimals of 万元,
    /// which the file keeps so `check` knows the rounding it carries.
    pub wan_decimals: Option<u32>,
}

impl Leaf {
    /// A leaf computed from cells: as coarse as the coarsest of them.
    pub fn derived<'a>(
        yuan: Decimal,
        source: String,
        from: impl IntoIterator<Item = &'a Value>,
    ) -> Leaf {
        Leaf {
            yuan,
            source,
            wan_decimals: from.into_iter().filter_map(wan_decimals).min(),
        }
    }
}

/// The decimals of 万元 a value is exact to, when its sheet is in 万元: as written, and
/// at least the two the tables print (a number cell drops its trailing zeros).
fn wan_decimals(v: &Value) -> Option<u32> {
    (v.unit == crate::base::money::AmountUnit::Wan).then(|| v.amount.normalize().scale().max(2))
}

/// Half the last digit a 万元 sheet printed a value with, in 元; nothing for 元.
pub fn half_step(v: &Value) -> Decimal {
    half_step_of(wan_decimals(v))
}

/// Half the last digit of a value exact to `wan_decimals` of 万元, in 元.
pub fn half_step_of(wan_decimals: Option<u32>) -> Decimal {
    wan_decimals.map_or(Decimal::ZERO, |d| {
        Decimal::new(5, d + 1) * Decimal::from(10_000)
    })
}

/// Whether any leaf is coarser than the 元: read from a 万元 sheet with fewer than four
/// decimals (as printed), so that written in 元 it would look more exact than it is.
pub fn any_coarse<'a>(leaves: impl IntoIterator<Item = &'a Leaf>) -> bool {
    leaves
        .into_iter()
        .any(|l| l.wan_decimals.is_some_and(|d| d < 4))
}

#[derive(Debug, Clone, Default)]
pub struct ItemDraft {
    /// Written only when the catalog does not know the code.
    pub name: Option<String>,
    /// Input field (`general_basic`, …) → value.
    pub fields: BTreeMap<&'static str, Leaf>,
    pub has_general_spending: bool,
}

/// A total as the workbook prints it, for `[typed]`.
#[derive(Debug, Clone)]
pub struct TypedRowDraft {
    pub table: String,
    pub code: String,
    pub values: Vec<Value>,
}

#[derive(Debug, Default)]
pub struct Draft {
    pub items: BTreeMap<String, ItemDraft>,
    pub economic: BTreeMap<String, Leaf>,
    /// `sangong.budget.abroad` → value.
    pub sangong: BTreeMap<String, Leaf>,
    /// `nonfiscal_opening`, … → value.
    pub balances: BTreeMap<&'static str, Leaf>,
    pub typed_rows: Vec<TypedRowDraft>,
    pub typed_figures: Vec<(String, Value)>,
    pub warnings: Vec<Diagnostic>,
}

/// The fields of `[[items]]` a column can hold directly.
const ITEM_LEAVES: &[&str] = &[
    "general_basic",
    "general_project",
    "general_income",
    "general_opening",
    "fund_basic",
    "fund_project",
    "fund_income",
    "fund_opening",
    "capital_basic",
    "capital_project",
    "capital_income",
    "capital_opening",
    "nonfiscal_basic",
    "nonfiscal_project",
    "budget",
];

/// The fields of `[[items]]` both kinds of workbook hold in columns of their own: the
/// other spending (上缴上级, 经营, 对附属单位补助) and the income beside 财政拨款.
pub(super) const SHARED_ITEM_LEAVES: &[&str] = &[
    "to_superior",
    "operating_spending",
    "to_affiliated",
    "superior_income",
    "business_income",
    "operating_income",
    "affiliated_income",
    "other_income",
];

/// Summary figures that are leaves of `[balances]`, not totals.
const BALANCE_LEAVES: &[&str] = &[
    "nonfiscal_surplus_used",
    "business_fund_used",
    "surplus_distribution",
];

/// The edition's 功能分类 tables: id and the figure of each column, in 栏次 order.
fn function_tables(edition: &Edition) -> Vec<(String, Vec<String>)> {
    edition
        .tables
        .iter()
        .filter(|t| *t.kind.get_ref() == TableKind::Function)
        .map(|t| {
            let figures = t
                .columns
                .iter()
                .filter_map(|c| c.figure.as_ref().map(|f| f.get_ref().clone()))
                .collect();
            (t.id.get_ref().clone(), figures)
        })
        .collect()
}

/// The edition's table a layout's 功能分类 table is: the one sharing most figures.
fn home<'a>(
    tables: &'a [(String, Vec<String>)],
    figures: &[String],
) -> Option<&'a (String, Vec<String>)> {
    tables
        .iter()
        .map(|t| (t, t.1.iter().filter(|f| figures.contains(f)).count()))
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map(|(t, _)| t)
}

/// `sangong_budget_abroad` → `sangong.budget.abroad`: a 三公 line is a leaf.
fn sangong_leaf(figure: &str) -> Option<String> {
    let rest = figure.strip_prefix("sangong_")?;
    let (part, line) = rest.split_once('_')?;
    (matches!(part, "budget" | "actual")
        && matches!(
            line,
            "abroad" | "car_purchase" | "car_running" | "reception"
        ))
    .then(|| format!("sangong.{part}.{line}"))
}

pub fn warning(code: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        code,
        severity: Severity::Warning,
        ..Diagnostic::error(code, message)
    }
}

pub fn leaf(v: &Value) -> Leaf {
    Leaf {
        yuan: v.yuan(),
        source: v.cell.to_string(),
        wan_decimals: wan_decimals(v),
    }
}

/// One table's body with the figures its columns hold.
pub struct TableBody {
    pub figures: Vec<String>,
    pub body: Body,
}

/// What every kind of booklet takes from the tables alike: per 项 the figures of every
/// table that lists it, the summary tables' figures, and every printed total for
/// `[typed]`. The 经济分类 and 三公 lines go into `d`.
pub struct Collected {
    pub per_item: BTreeMap<String, BTreeMap<String, Value>>,
    /// The name each 项 is printed with.
    pub names: BTreeMap<String, String>,
    /// The figures of the summary tables, the first cell of each.
    pub summary: BTreeMap<String, Value>,
}

pub fn collect(tables: &[TableBody], edition: &Edition, d: &mut Draft) -> Collected {
    let function_tables = function_tables(edition);
    // Per 项: the figures of every table that lists it.
    let mut per_item: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut summary: BTreeMap<String, Value> = BTreeMap::new();
    for t in tables {
        match &t.body {
            Body::Function(rows) => {
                let Some((table_id, columns)) = home(&function_tables, &t.figures) else {
                    continue;
                };
                for row in rows {
                    if let Some(code) = row.code.as_ref().filter(|c| c.len() == 7) {
                        let figures = per_item.entry(code.clone()).or_default();
                        for (f, v) in &row.values {
                            figures.entry(f.clone()).or_insert_with(|| v.clone());
                        }
                        if !row.name.is_empty() {
                            names
                                .entry(code.clone())
                                .or_insert_with(|| row.name.clone());
                        }
                    }
                    let values: Vec<Value> = columns
                        .iter()
                        .map_while(|c| row.values.get(c).cloned())
                        .collect();
                    if !values.is_empty() {
                        d.typed_rows.push(TypedRowDraft {
                            table: table_id.clone(),
                            code: row.code.clone().unwrap_or_else(|| "合计".into()),
                            values,
                        });
                    }
                }
            }
            Body::Economic { lines, totals } => {
                for line in lines.iter().filter(|l| l.code.len() == 5) {
                    if !line.value.amount.is_zero() {
                        d.economic.insert(line.code.clone(), leaf(&line.value));
                    }
                }
                for class in lines.iter().filter(|l| l.code.len() == 3) {
                    let under: Vec<&Value> = lines
                        .iter()
                        .filter(|l| l.code.len() == 5 && l.code.starts_with(&class.code))
                        .map(|l| &l.value)
                        .collect();
                    let sum: Decimal = under.iter().map(|v| v.yuan()).sum();
                    let rounding = half_step(&class.value)
                        + under.iter().map(|v| half_step(v)).sum::<Decimal>();
                    let class_line = (&class.value, class.code.as_str(), class.name.as_str());
                    class_sum_differs(d, class_line, sum, rounding);
                }
                d.typed_figures.extend(totals.iter().cloned());
            }
            Body::Labelled { figures, classes } => {
                for (f, v) in figures {
                    summary.entry(f.clone()).or_insert_with(|| v.clone());
                    if !BALANCE_LEAVES.contains(&f.as_str()) {
                        d.typed_figures.push((f.clone(), v.clone()));
                    }
                }
                for (code, values) in classes {
                    for (figure, v) in values {
                        if v.amount.is_zero() {
                            continue;
                        }
                        // A 类 row's figure checks as column 1 of the detail table that
                        // starts with it.
                        let home = function_tables
                            .iter()
                            .find(|(_, columns)| columns.first() == Some(figure));
                        if let Some((table, _)) = home {
                            d.typed_rows.push(TypedRowDraft {
                                table: table.clone(),
                                code: code.clone(),
                                values: vec![v.clone()],
                            });
                        }
                    }
                }
            }
            Body::Single(figures) => {
                for (f, v) in figures {
                    if let Some(leaf_name) = sangong_leaf(f) {
                        d.sangong.insert(leaf_name, leaf(v));
                    } else {
                        d.typed_figures.push((f.clone(), v.clone()));
                    }
                }
            }
            // The budget's own tables: read by `super::budget`.
            Body::Listed(_) => {}
        }
    }
    Collected {
        per_item,
        names,
        summary,
    }
}

/// A 经济分类 类 line whose amount is not the sum of its 款 lines, beyond the rounding
/// of the cells: the 款 are imported, and the difference is reported.
pub fn class_sum_differs(
    d: &mut Draft,
    (value, code, name): (&Value, &str, &str),
    sum: Decimal,
    rounding: Decimal,
) {
    if (sum - value.yuan()).abs() > rounding {
        d.warnings.push(warning(
            "W0802",
            format!(
                "{}：经济分类 {code} {name} 为 {}，其下各款之和为 {}（元）；导入的是各款，合计由程序计算",
                value.cell,
                value.yuan().normalize(),
                sum.normalize()
            ),
        ));
    }
}

pub fn assemble(tables: &[TableBody], edition: &Edition) -> Draft {
    let mut d = Draft::default();
    let Collected {
        per_item,
        names,
        summary,
    } = collect(tables, edition, &mut d);
    for (code, figures) in &per_item {
        let item = item_leaves(figures, &mut d.warnings, code);
        let has_money = item.fields.values().any(|l| !l.yuan.is_zero());
        if has_money {
            let mut item = item;
            item.name = names.get(code).cloned();
            d.items.insert(code.clone(), item);
        }
    }
    balances(&mut d, &summary);
    finish(&mut d);
    d
}

/// Typed rows in table order, and each named total typed once.
pub fn finish(d: &mut Draft) {
    d.typed_rows.sort_by(|a, b| a.table.cmp(&b.table));
    dedupe_figures(d);
}

/// A total two tables print (公开01 and 公开04 both show 一般公共预算财政拨款收入) is
/// typed once, naming both cells; where they disagree the other cell is reported here,
/// since `[typed]` holds one figure per name.
fn dedupe_figures(d: &mut Draft) {
    let mut kept: Vec<(String, Value)> = Vec::new();
    for (name, v) in std::mem::take(&mut d.typed_figures) {
        match kept.iter_mut().find(|(n, _)| *n == name) {
            Some((_, first)) if first.yuan() == v.yuan() => first.also.push(v.cell),
            Some((_, first)) => d.warnings.push(warning(
                "W0805",
                format!(
                    "{} 与 {} 都是 {name}，但数不同（{} 与 {} 元）；[typed] 中核对的是前者",
                    first.cell,
                    v.cell,
                    first.yuan().normalize(),
                    v.yuan().normalize()
                ),
            )),
            None => kept.push((name, v)),
        }
    }
    d.typed_figures = kept;
}

fn sum_source(parts: &[(&str, Option<&Value>)]) -> String {
    let mut text = String::new();
    for (i, (_, v)) in parts.iter().enumerate() {
        let Some(v) = v else { continue };
        if i > 0 && v.amount.is_zero() {
            continue;
        }
        if !text.is_empty() {
            text.push_str(" − ");
        }
        text.push_str(&v.cell.to_string());
    }
    text
}

/// The leaves of one 项 from the figures of its rows. A derived column gives the leaf
/// the tables do not print: 非财政拨款 = 公开03 − 财政拨款 (公开05/07/08), and
/// 一般公共预算收入 = 财政拨款收入 − 政府性基金 − 国有资本经营.
fn item_leaves(
    figures: &BTreeMap<String, Value>,
    warnings: &mut Vec<Diagnostic>,
    code: &str,
) -> ItemDraft {
    let mut item = ItemDraft::default();
    let get = |f: &str| figures.get(f);
    let yuan = |f: &str| get(f).map_or(Decimal::ZERO, Value::yuan);
    for f in ITEM_LEAVES.iter().chain(SHARED_ITEM_LEAVES) {
        if let Some(v) = get(f) {
            if !v.amount.is_zero() {
                item.fields.insert(f, leaf(v));
            }
        }
    }
    let mut derive = |field: &'static str, whole: &str, parts: &[&str], default_capital: bool| {
        if get(field).is_some() {
            return;
        }
        let Some(w) = get(whole) else { return };
        let mut value = w.yuan();
        for p in parts {
            value -= yuan(p);
        }
        if default_capital && get("capital_income").is_none() {
            value -= yuan("capital_basic") + yuan("capital_project");
        }
        let mut cells: Vec<(&str, Option<&Value>)> = vec![(whole, Some(w))];
        cells.extend(parts.iter().map(|p| (*p, get(p))));
        if value.is_sign_negative() && !value.is_zero() {
            warnings.push(warning(
                "W0803",
                format!(
                    "项 {code}：{} 小于其中各财政拨款之和，推出的 {field} 为负数（{}）",
                    w.cell,
                    sum_source(&cells)
                ),
            ));
        }
        if !value.is_zero() {
            let from = cells.iter().filter_map(|(_, v)| *v);
            item.fields
                .insert(field, Leaf::derived(value, sum_source(&cells), from));
        }
    };
    derive(
        "nonfiscal_basic",
        "basic",
        &["general_basic", "fund_basic", "capital_basic"],
        false,
    );
    derive(
        "nonfiscal_project",
        "project",
        &["general_project", "fund_project", "capital_project"],
        false,
    );
    derive(
        "general_income",
        "fiscal_income",
        &["fund_income", "capital_income"],
        true,
    );
    // general_income only where it differs from its default (基本 + 项目) by more
    // than the rounding of the 万元 cells it comes from: a rounding tail is not income
    // left unspent (the typed totals still show it).
    if let Some(l) = item.fields.get("general_income") {
        let rounding: Decimal = [
            "fiscal_income",
            "fund_income",
            "capital_income",
            "general_basic",
            "general_project",
        ]
        .iter()
        .filter_map(|f| get(f))
        .map(half_step)
        .sum();
        let gap = (l.yuan - yuan("general_basic") - yuan("general_project")).abs();
        if get("general_income").is_none() && gap <= rounding {
            item.fields.remove("general_income");
        }
    }
    item.has_general_spending = !(yuan("general_basic") + yuan("general_project")).is_zero();
    item
}

/// `[balances]` and the unit-level openings of 公开04, which the tables print for the
/// unit only: they go on the first item with money of that kind (no table prints them
/// per 项, so the booklet is the same whichever item carries them).
fn balances(d: &mut Draft, summary: &BTreeMap<String, Value>) {
    for f in BALANCE_LEAVES {
        if let Some(v) = summary.get(*f).filter(|v| !v.amount.is_zero()) {
            d.balances.insert(f, leaf(v));
        }
    }
    let mut fiscal_opening = Decimal::ZERO;
    for (field, spent) in [
        ("general_opening", ["general_basic", "general_project"]),
        ("capital_opening", ["capital_basic", "capital_project"]),
    ] {
        let Some(v) = summary.get(field).filter(|v| !v.amount.is_zero()) else {
            continue;
        };
        fiscal_opening += v.yuan();
        let code = d
            .items
            .iter()
            .find(|(_, i)| spent.iter().any(|s| i.fields.contains_key(s)))
            .or_else(|| d.items.iter().next())
            .map(|(c, _)| c.clone());
        match code {
            Some(code) => {
                let item = d.items.get_mut(&code).expect("present");
                item.fields.insert(
                    field,
                    Leaf {
                        source: format!("{}（表中只有单位合计，记在此项）", v.cell),
                        ..leaf(v)
                    },
                );
            }
            None => d.warnings.push(warning(
                "W0804",
                format!("{}：有年初结转和结余，但没有可记入的功能分类项", v.cell),
            )),
        }
    }
    fiscal_opening += d
        .items
        .values()
        .filter_map(|i| i.fields.get("fund_opening"))
        .map(|l| l.yuan)
        .sum::<Decimal>();
    if let Some(total) = summary.get("opening_total") {
        let nonfiscal = total.yuan() - fiscal_opening;
        if !nonfiscal.is_zero() {
            d.balances.insert(
                "nonfiscal_opening",
                Leaf::derived(
                    nonfiscal,
                    format!("{} − 财政拨款年初结转和结余", total.cell),
                    [total],
                ),
            );
        }
    }
}
