//! The identities of every table, checked on the figures as printed (rounded to 0.01
//! 万元). Which identities a table has comes from its declaration: its `checks`, the
//! 类 = Σ款 = Σ项 hierarchy of a 功能分类 table, the class rows of a summary side and the
//! groups of an economic table. Each is checked on the exact amounts too. Totals are
//! computed from exact amounts, so an identity holds exactly and its printed figures
//! can be off only by rounding: reported as a note that names the rounding tail. An
//! identity that fails on the exact amounts means the computation is wrong: an error.

use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::money::Money;
use crate::base::rules;
use crate::declare::edition::NumberFormat;
use crate::declare::edition::{CheckSpec, ColumnSpec, SideSpec, TableSpec};
use crate::figures::Figures;
use crate::tables::format::Formatter;
use crate::tables::rows::RowsData;
use crate::tables::{EconomicData, FunctionData, RowData, Table, TableData};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One side of an identity: a figure with its sign.
struct Term(Money, i8);

/// An identity `total = Σ ±parts` that fails on printed figures on some rows.
struct Failing {
    table: String,
    identity: String,
    rows: Vec<String>,
    worst: Decimal,
    first_code: String,
    /// The identity fails on the exact amounts too: not a rounding tail.
    exact_mismatch: bool,
}

struct Checker {
    failing: Vec<Failing>,
    /// How the table being checked prints its figures.
    format: Formatter,
}

impl Default for Checker {
    fn default() -> Self {
        Checker {
            failing: Vec::new(),
            format: Formatter::new(NumberFormat::default(), false),
        }
    }
}

impl Checker {
    fn printed(&self, m: Money) -> Decimal {
        self.format.printed(m)
    }

    fn check(
        &mut self,
        table: &str,
        identity: &str,
        row: &str,
        code: &str,
        total: Money,
        parts: &[Term],
    ) {
        let sum: Decimal = parts
            .iter()
            .map(|Term(m, sign)| self.printed(*m) * Decimal::from(*sign))
            .sum();
        let gap = (self.printed(total) - sum).abs();
        let exact: Money = parts
            .iter()
            .map(|Term(m, sign)| if *sign < 0 { -*m } else { *m })
            .sum();
        let exact_mismatch = exact != total;
        if gap.is_zero() && !exact_mismatch {
            return;
        }
        let entry = match self
            .failing
            .iter_mut()
            .find(|f| f.table == table && f.identity == identity)
        {
            Some(f) => f,
            None => {
                self.failing.push(Failing {
                    table: table.into(),
                    identity: identity.into(),
                    rows: Vec::new(),
                    worst: Decimal::ZERO,
                    first_code: code.into(),
                    exact_mismatch: false,
                });
                self.failing.last_mut().expect("just pushed")
            }
        };
        entry.rows.push(row.to_string());
        entry.exact_mismatch |= exact_mismatch;
        if gap > entry.worst {
            entry.worst = gap;
        }
    }
}

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let mut c = Checker::default();
    for t in &s.booklet.tables {
        let Some(spec) = s.facts.edition.table(&t.id) else {
            continue;
        };
        let label = t.label.as_str();
        c.format = Formatter::new(s.facts.edition.format_of(spec), false);
        match &t.data {
            TableData::Function(f) => function(&mut c, label, spec, f),
            TableData::Summary(_) => summary(&mut c, label, spec, t, &s.booklet.figures),
            TableData::Row(r) => row(&mut c, label, spec, r),
            TableData::Economic(e) => economic(&mut c, label, e),
            TableData::Rows(r) => listed(&mut c, label, spec, r),
            TableData::Form => {}
        }
    }

    c.failing
        .into_iter()
        .map(|f| {
            let (rule, what) = if f.exact_mismatch {
                (&rules::PRINTED_IDENTITY, "精确金额也不相等")
            } else {
                (&rules::ROUNDING_TAIL, "尾数误差")
            };
            let mut d = diagnostic(
                rule,
                format!(
                    "{}“{}”按印出的数计算相差 {}（{what}），涉及：{}",
                    f.table,
                    f.identity,
                    f.worst,
                    f.rows.join("、")
                ),
            )
            .field(format!("{} {}", f.table, f.identity))
            .help(if rule.code == rules::ROUNDING_TAIL.code {
                "各数由精确金额分别四舍五入到0.01万元，印出的加数之和与合计可能相差几分；这是表注所说的尾数误差，gongkai 如实印出，不作调整"
            } else {
                "合计由明细精确计算，精确金额不相等说明计算有缺陷，请报告"
            });
            if let Some(span) = s.item_span(&f.first_code) {
                d = d.at(s.locate(span));
            }
            d
        })
        .collect()
}

/// How a column is called in an identity: its 栏次, or its header's last words.
fn column_name(col: &ColumnSpec) -> String {
    match &col.number {
        Some(n) if !n.is_empty() => n.clone(),
        _ => col.header.last().cloned().unwrap_or_default(),
    }
}

/// `6栏 = (1+2−3)栏` when the columns are numbered, else `小计 = 基本支出 + 项目支出`.
fn identity_text(
    total: &str,
    plus: &[String],
    minus: &[String],
    numbered: bool,
    unit: &str,
) -> String {
    let mut parts = plus.join("+");
    for m in minus {
        parts.push('−');
        parts.push_str(m);
    }
    if numbered {
        format!("{total}{unit} = ({parts}){unit}")
    } else {
        format!(
            "{total} = {}",
            parts.replace('+', " + ").replace('−', " − ")
        )
    }
}

fn function(c: &mut Checker, label: &str, spec: &TableSpec, t: &FunctionData) {
    let numbered = spec.columns.iter().all(|col| col.number.is_some());
    let index = |name: &str| t.columns.iter().position(|c| c == name);
    let value = |f: &Figures, name: &str| f.get(name).unwrap_or_default();
    let named = |n: &toml::Spanned<String>| {
        index(n.get_ref()).map_or_else(|| n.get_ref().clone(), |i| column_name(&spec.columns[i]))
    };
    for check in &spec.checks {
        let plus: Vec<String> = check.plus.iter().map(named).collect();
        let minus: Vec<String> = check.minus.iter().map(named).collect();
        let identity = identity_text(&named(&check.total), &plus, &minus, numbered, "栏");
        let mut rows: Vec<(&str, &Figures)> = vec![("合计", &t.total)];
        rows.extend(t.rows.iter().map(|r| (r.code.as_str(), &r.f)));
        for (row, f) in rows {
            let terms = terms_of(check, |name| value(f, name));
            let code = if row == "合计" { "" } else { row };
            c.check(
                label,
                &identity,
                row,
                code,
                value(f, check.total.get_ref()),
                &terms,
            );
        }
    }
    // 类 = Σ款 = Σ项 in every column, and 合计 = Σ类.
    for (i, column) in t.columns.iter().enumerate() {
        let col = |f: &Figures| value(f, column);
        let identity = format!(
            "{}栏：合计 = Σ类 = Σ款 = Σ项",
            column_name(&spec.columns[i])
        );
        let classes: Vec<Term> = t
            .rows
            .iter()
            .filter(|r| r.level == 1)
            .map(|r| Term(col(&r.f), 1))
            .collect();
        if !classes.is_empty() {
            c.check(label, &identity, "合计", "", col(&t.total), &classes);
        }
        for parent in t.rows.iter().filter(|r| r.level < 3) {
            let children: Vec<Term> = t
                .rows
                .iter()
                .filter(|ch| ch.level == parent.level + 1 && ch.code.starts_with(&parent.code))
                .map(|ch| Term(col(&ch.f), 1))
                .collect();
            if children.is_empty() {
                continue;
            }
            c.check(
                label,
                &identity,
                &parent.code,
                &parent.code,
                col(&parent.f),
                &children,
            );
        }
    }
}

fn terms_of(check: &CheckSpec, value: impl Fn(&str) -> Money) -> Vec<Term> {
    check
        .plus
        .iter()
        .map(|n| Term(value(n.get_ref()), 1))
        .chain(check.minus.iter().map(|n| Term(value(n.get_ref()), -1)))
        .collect()
}

fn row(c: &mut Checker, label: &str, spec: &TableSpec, r: &RowData) {
    let numbered = spec.columns.iter().all(|col| col.number.is_some());
    let value = |name: &str| {
        r.columns
            .iter()
            .find(|(n, _)| n == name)
            .map_or(Money::ZERO, |(_, m)| *m)
    };
    let named = |n: &toml::Spanned<String>| {
        spec.columns
            .iter()
            .find(|col| {
                col.figure
                    .as_ref()
                    .is_some_and(|f| f.get_ref() == n.get_ref())
            })
            .map_or_else(|| n.get_ref().clone(), column_name)
    };
    for check in &spec.checks {
        let plus: Vec<String> = check.plus.iter().map(named).collect();
        let minus: Vec<String> = check.minus.iter().map(named).collect();
        let identity = identity_text(&named(&check.total), &plus, &minus, numbered, "栏");
        let terms = terms_of(check, value);
        c.check(
            label,
            &identity,
            &identity,
            "",
            value(check.total.get_ref()),
            &terms,
        );
    }
}

/// Where a unit figure stands in a summary table: the side, the line and the column.
struct Place<'a> {
    side: &'a SideSpec,
    line: &'a crate::tables::summary::Line,
    column: usize,
}

fn summary(
    c: &mut Checker,
    label: &str,
    spec: &TableSpec,
    t: &Table,
    figures: &BTreeMap<&'static str, Money>,
) {
    let (Some(income), Some(spending)) = (&spec.income, &spec.spending) else {
        return;
    };
    let TableData::Summary(data) = &t.data else {
        return;
    };
    let place = |name: &str| -> Option<Place> {
        for (side, lines) in [(income, &data.left), (spending, &data.right)] {
            for line in lines.iter().filter(|l| !l.class) {
                if let Some(column) = line.values.iter().position(|v| v.figure == name) {
                    return Some(Place { side, line, column });
                }
            }
        }
        None
    };
    let value = |name: &str| figures.get(name).copied().unwrap_or_default();
    for check in &spec.checks {
        let names: Vec<&str> = std::iter::once(&check.total)
            .chain(&check.plus)
            .chain(&check.minus)
            .map(|n| n.get_ref().as_str())
            .collect();
        let places: Vec<Option<Place>> = names.iter().map(|n| place(n)).collect();
        let Some(total) = &places[0] else { continue };
        let one_line = places
            .iter()
            .flatten()
            .all(|p| std::ptr::eq(p.line, total.line));
        let numbers: Option<Vec<String>> = places
            .iter()
            .map(|p| {
                p.as_ref().and_then(|p| {
                    if one_line {
                        p.side.columns[p.column]
                            .number
                            .clone()
                            .filter(|n| !n.is_empty())
                    } else {
                        p.line.number.map(|n| n.to_string())
                    }
                })
            })
            .collect();
        let (plus_n, minus_n) = (check.plus.len(), check.minus.len());
        let identity = match numbers {
            Some(n) => identity_text(
                &n[0],
                &n[1..1 + plus_n],
                &n[1 + plus_n..1 + plus_n + minus_n],
                true,
                if one_line { "栏" } else { "行" },
            ),
            None => {
                let labels: Vec<String> = places
                    .iter()
                    .zip(&names)
                    .map(|(p, n)| p.as_ref().map_or(n.to_string(), |p| p.line.label.clone()))
                    .collect();
                identity_text(
                    &labels[0],
                    &labels[1..1 + plus_n],
                    &labels[1 + plus_n..],
                    false,
                    "",
                )
            }
        };
        let terms = terms_of(check, value);
        c.check(
            label,
            &identity,
            &total.line.label,
            "",
            value(check.total.get_ref()),
            &terms,
        );
    }
    // A tail row showing a column's class figure is the sum of the class rows.
    for (side, lines) in [(income, &data.left), (spending, &data.right)] {
        if side.classes.is_none() {
            continue;
        }
        for (i, col) in side.columns.iter().enumerate() {
            let Some(figure) = &col.figure else { continue };
            let classes: Vec<Term> = lines
                .iter()
                .filter(|l| l.class)
                .filter_map(|l| l.values.get(i))
                .map(|v| Term(v.money, 1))
                .collect();
            for line in lines.iter().filter(|l| !l.class) {
                if line
                    .values
                    .get(i)
                    .is_some_and(|v| &v.figure == figure.get_ref())
                {
                    let identity = if side.columns.len() > 1 {
                        format!("{}栏：{} = 各类支出之和", column_name(col), line.label)
                    } else {
                        format!("{} = 各类支出之和", line.label)
                    };
                    c.check(
                        label,
                        &identity,
                        &line.label,
                        "",
                        value(figure.get_ref()),
                        &classes,
                    );
                }
            }
        }
    }
}

/// A listing table: every row that others sum into is their sum, in every column; and
/// the declared checks on every row.
fn listed(c: &mut Checker, label: &str, spec: &TableSpec, t: &RowsData) {
    let name = |i: usize| {
        spec.columns
            .get(i)
            .map_or_else(|| t.columns[i].clone(), column_name)
    };
    for (i, _) in t.columns.iter().enumerate() {
        let identity = format!("{}栏：合计 = Σ所列各行", name(i));
        for (p, parent) in t.rows.iter().enumerate() {
            let children: Vec<Term> = t
                .rows
                .iter()
                .filter(|r| r.parent == Some(p))
                .map(|r| Term(r.values[i], 1))
                .collect();
            if !children.is_empty() {
                c.check(
                    label,
                    &identity,
                    &parent.key,
                    "",
                    parent.values[i],
                    &children,
                );
            }
        }
    }
    let index = |name: &str| t.columns.iter().position(|c| c == name);
    for check in &spec.checks {
        let named = |n: &toml::Spanned<String>| {
            index(n.get_ref()).map_or_else(|| n.get_ref().clone(), name)
        };
        let plus: Vec<String> = check.plus.iter().map(named).collect();
        let minus: Vec<String> = check.minus.iter().map(named).collect();
        let identity = identity_text(&named(&check.total), &plus, &minus, false, "");
        for r in &t.rows {
            let value = |n: &str| index(n).map_or(Money::ZERO, |i| r.values[i]);
            let terms = terms_of(check, value);
            c.check(
                label,
                &identity,
                &r.key,
                "",
                value(check.total.get_ref()),
                &terms,
            );
        }
    }
}

fn economic(c: &mut Checker, label: &str, e: &EconomicData) {
    let amount = |code: &str| {
        e.lines
            .iter()
            .find(|l| l.code == code)
            .map_or(Money::ZERO, |l| l.amount)
    };
    for class in e.lines.iter().filter(|l| l.code.len() == 3) {
        let parts: Vec<Term> = e
            .lines
            .iter()
            .filter(|l| l.code.len() == 5 && l.code.starts_with(&class.code))
            .map(|l| Term(l.amount, 1))
            .collect();
        c.check(label, "类 = Σ款", &class.code, "", class.amount, &parts);
    }
    for total in &e.totals {
        let identity = format!("{} = {}", total.label, total.classes.join(" + "));
        let parts: Vec<Term> = total
            .classes
            .iter()
            .map(|code| Term(amount(code), 1))
            .collect();
        c.check(label, &identity, &total.label, "", total.amount, &parts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        Money::from_wan(s.parse().unwrap())
    }

    /// Checks `total = Σ parts` on `row`, in 万元; a part written `-x` is subtracted.
    fn sum(c: &mut Checker, identity: &str, row: &str, total: &str, parts: &[&str]) {
        let terms: Vec<Term> = parts
            .iter()
            .map(|p| match p.strip_prefix('-') {
                Some(p) => Term(wan(p), -1),
                None => Term(wan(p), 1),
            })
            .collect();
        c.check("t", identity, row, "", wan(total), &terms);
    }

    #[test]
    fn exact_sums_that_round_apart_are_a_tail() {
        let mut c = Checker::default();
        // 000 公开03: 150.6465 + 0.1455 = 150.792 → 150.65 + 0.15 printed, 150.79 total.
        sum(
            &mut c,
            "1栏 = (2+3)栏",
            "合计",
            "150.792",
            &["150.6465", "0.1455"],
        );
        assert_eq!(c.failing.len(), 1);
        assert_eq!(c.failing[0].worst.to_string(), "0.01");
        assert!(!c.failing[0].exact_mismatch, "a note, not R101");
    }

    #[test]
    fn a_gap_beyond_a_cent_per_addend_is_an_error_and_equal_sums_pass() {
        let mut c = Checker::default();
        sum(&mut c, "a = b + c", "合计", "10.00", &["4.00", "6.00"]);
        sum(
            &mut c,
            "6 = 1 + 2 − 3",
            "合计",
            "1.00",
            &["3.00", "1.00", "-3.00"],
        );
        assert!(c.failing.is_empty());
        sum(&mut c, "a = b + c", "x", "10.05", &["4.00", "6.00"]);
        let f = &c.failing[0];
        assert_eq!(f.worst.to_string(), "0.05");
        assert!(f.exact_mismatch, "R101, not a tail");
    }

    #[test]
    fn an_exact_gap_too_small_to_print_is_still_an_error() {
        let mut c = Checker::default();
        // 10.0001 万元 = 4 + 6 万元 + 1 元: the printed figures agree.
        sum(&mut c, "a = b + c", "合计", "10.0001", &["4", "6"]);
        assert_eq!(c.failing.len(), 1);
        assert!(c.failing[0].worst.is_zero() && c.failing[0].exact_mismatch);
    }
}
