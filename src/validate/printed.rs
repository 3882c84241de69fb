//! The identities printed under the tables, checked on the exact amounts and on the
//! figures as printed (rounded to 0.01 万元). Totals are computed from exact amounts, so
//! an identity holds exactly and its printed figures can be off only by rounding:
//! reported as a note that names the rounding tail. An identity that fails on the exact
//! amounts means the computation is wrong and is an error.

use super::{diagnostic, rules, Subject};
use crate::compute::figures::Figures;
use crate::compute::{DetailTable, FunctionRow, SangongColumns};
use crate::diag::Diagnostic;
use crate::money::Money;
use rust_decimal::Decimal;

/// A column identity of a 功能分类 table: (table, as printed, total 栏, ±parts 栏).
type ColumnIdentity = (&'static str, &'static str, usize, &'static [(usize, i8)]);

/// One side of an identity: a figure with its sign.
struct Term(Money, i8);

fn printed(m: Money) -> Decimal {
    m.wan_rounded(2)
}

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

#[derive(Default)]
struct Checker {
    failing: Vec<Failing>,
}

impl Checker {
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
            .map(|Term(m, sign)| printed(*m) * Decimal::from(*sign))
            .sum();
        let gap = (printed(total) - sum).abs();
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

    fn hierarchy(&mut self, table: &str, t: &DetailTable) {
        for (i, column) in t.columns.iter().enumerate() {
            let col = |f: &Figures| f.get(column).unwrap_or_default();
            let identity = format!("{}栏：合计 = Σ类 = Σ款 = Σ项", i + 1);
            let classes: Vec<&FunctionRow> = t.rows.iter().filter(|r| r.level == 1).collect();
            let parts: Vec<Term> = classes.iter().map(|r| Term(col(&r.f), 1)).collect();
            self.check(table, &identity, "合计", "", col(&t.total), &parts);
            for parent in t.rows.iter().filter(|r| r.level < 3) {
                let children: Vec<Term> = t
                    .rows
                    .iter()
                    .filter(|c| c.level == parent.level + 1 && c.code.starts_with(&parent.code))
                    .map(|c| Term(col(&c.f), 1))
                    .collect();
                self.check(
                    table,
                    &identity,
                    &parent.code,
                    &parent.code,
                    col(&parent.f),
                    &children,
                );
            }
        }
    }

    /// 栏 `total` = Σ ±栏 `parts` (1-based) on the 合计 row and every row.
    fn across(
        &mut self,
        table: &str,
        identity: &str,
        t: &DetailTable,
        total: usize,
        parts: &[(usize, i8)],
    ) {
        let column = |f: &Figures, n: usize| f.get(t.columns[n - 1]).unwrap_or_default();
        let mut rows: Vec<(&str, &Figures)> = vec![("合计", &t.total)];
        rows.extend(t.rows.iter().map(|r| (r.code.as_str(), &r.f)));
        for (label, f) in rows {
            let terms: Vec<Term> = parts.iter().map(|(n, s)| Term(column(f, *n), *s)).collect();
            let code = if label == "合计" { "" } else { label };
            self.check(table, identity, label, code, column(f, total), &terms);
        }
    }
}

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let b = s.booklet;
    let label = |id: &str| s.facts.edition.table_label(id);
    let mut c = Checker::default();

    // Column identities of the 功能分类 tables, by 栏次 (1-based): total = Σ ±parts.
    const ACROSS: &[ColumnIdentity] = &[
        (
            "02",
            "1栏 = (2+3+4+5+6+7)栏",
            1,
            &[(2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1)],
        ),
        (
            "03",
            "1栏 = (2+3+4+5+6)栏",
            1,
            &[(2, 1), (3, 1), (4, 1), (5, 1), (6, 1)],
        ),
        ("05", "1栏 = (2+3)栏", 1, &[(2, 1), (3, 1)]),
        ("07", "3栏 = (4+5)栏", 3, &[(4, 1), (5, 1)]),
        ("07", "6栏 = (1+2−3)栏", 6, &[(1, 1), (2, 1), (3, -1)]),
        ("08", "1栏 = (2+3)栏", 1, &[(2, 1), (3, 1)]),
    ];
    for (id, identity, total, parts) in ACROSS {
        if let Some(t) = b.detail_table(id) {
            c.across(&label(id), identity, t, *total, parts);
        }
    }
    for id in ["02", "03", "05", "07", "08"] {
        if let Some(t) = b.detail_table(id) {
            c.hierarchy(&label(id), t);
        }
    }

    summary_identities(&mut c, s, &label("01"), &label("04"));
    economic_identities(&mut c, s, &label("06"));
    for (name, cols) in [("预算数", &b.sangong.budget), ("决算数", &b.sangong.actual)] {
        sangong_identities(&mut c, &label("09"), name, cols);
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

fn summary_identities(c: &mut Checker, s: &Subject, t01: &str, t04: &str) {
    let f = |name: &str| s.booklet.figures.get(name).copied().unwrap_or_default();
    let terms = |names: &[&str]| -> Vec<Term> { names.iter().map(|n| Term(f(n), 1)).collect() };
    let b = s.booklet;
    c.check(
        t01,
        "本年收入合计 = 各项收入之和",
        "本年收入合计",
        "",
        f("income_total"),
        &terms(&[
            "general_income",
            "fund_income",
            "capital_income",
            "superior_income",
            "business_income",
            "operating_income",
            "affiliated_income",
            "other_income",
        ]),
    );
    c.check(
        t01,
        "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
        "总计",
        "",
        f("income_grand_total"),
        &terms(&["income_total", "nonfiscal_surplus_used", "opening_total"]),
    );
    let classes: Vec<Term> = b
        .summary
        .rows
        .iter()
        .filter_map(|r| {
            r.right
                .values
                .first()
                .copied()
                .filter(|_| r.right.label.contains('、'))
        })
        .map(|m| Term(m, 1))
        .collect();
    c.check(
        t01,
        "本年支出合计 = 各类支出之和",
        "本年支出合计",
        "",
        f("spending_total"),
        &classes,
    );
    c.check(
        t01,
        "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
        "总计",
        "",
        f("spending_grand_total"),
        &terms(&["spending_total", "surplus_distribution", "closing_total"]),
    );
    c.check(
        t04,
        "本年收入合计 = (1+2+3)行",
        "本年收入合计",
        "",
        f("fiscal_income"),
        &terms(&["general_income", "fund_income", "capital_income"]),
    );
    c.check(
        t04,
        "年初财政拨款结转和结余 = (29+30+31)行",
        "年初财政拨款结转和结余",
        "",
        f("fiscal_opening"),
        &terms(&["general_opening", "fund_opening", "capital_opening"]),
    );
    c.check(
        t04,
        "收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
        "总计",
        "",
        f("fiscal_income_grand_total"),
        &terms(&["fiscal_income", "fiscal_opening"]),
    );
    for (row, total, parts) in [
        (
            "本年支出合计",
            "fiscal_spending",
            ["general_spending", "fund_spending", "capital_spending"],
        ),
        (
            "年末财政拨款结转和结余",
            "fiscal_closing",
            ["general_closing", "fund_closing", "capital_closing"],
        ),
    ] {
        c.check(t04, "2栏 = (3+4+5)栏", row, "", f(total), &terms(&parts));
    }
    for (i, name) in ["2栏", "3栏", "4栏", "5栏"].iter().enumerate() {
        let classes: Vec<Term> = b
            .fiscal_summary
            .rows
            .iter()
            .filter(|r| r.right.label.contains('、'))
            .filter_map(|r| r.right.values.get(i).copied())
            .map(|m| Term(m, 1))
            .collect();
        let total = [
            "fiscal_spending",
            "general_spending",
            "fund_spending",
            "capital_spending",
        ][i];
        c.check(
            t04,
            &format!("{name}：本年支出合计 = 各类支出之和"),
            "本年支出合计",
            "",
            f(total),
            &classes,
        );
    }
}

fn economic_identities(c: &mut Checker, s: &Subject, t06: &str) {
    let e = &s.booklet.economic;
    let lines: Vec<_> = e.rows.iter().flatten().flatten().collect();
    for class in lines.iter().filter(|l| l.is_class) {
        let parts: Vec<Term> = lines
            .iter()
            .filter(|l| !l.is_class && l.code.starts_with(&class.code))
            .map(|l| Term(l.amount, 1))
            .collect();
        c.check(t06, "类 = Σ款", &class.code, "", class.amount, &parts);
    }
    let class_amount = |code: &str| {
        lines
            .iter()
            .find(|l| l.code == code)
            .map_or(Money::ZERO, |l| l.amount)
    };
    c.check(
        t06,
        "人员经费合计 = 301 + 303",
        "人员经费合计",
        "",
        e.personnel_total,
        &[Term(class_amount("301"), 1), Term(class_amount("303"), 1)],
    );
    c.check(
        t06,
        "公用经费合计 = 302 + 310",
        "公用经费合计",
        "",
        e.public_total,
        &[Term(class_amount("302"), 1), Term(class_amount("310"), 1)],
    );
}

fn sangong_identities(c: &mut Checker, t09: &str, side: &str, s: &SangongColumns) {
    c.check(
        t09,
        &format!("{side}：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费"),
        side,
        "",
        s.total,
        &[
            Term(s.abroad, 1),
            Term(s.car_total, 1),
            Term(s.reception, 1),
        ],
    );
    c.check(
        t09,
        &format!("{side}：公务用车购置及运行维护费 = 购置费 + 运行维护费"),
        side,
        "",
        s.car_total,
        &[Term(s.car_purchase, 1), Term(s.car_running, 1)],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        Money::from_wan(s.parse().unwrap())
    }

    #[test]
    fn exact_sums_that_round_apart_are_a_tail() {
        let mut c = Checker::default();
        // 000 公开03: 150.6465 + 0.1455 = 150.792 → 150.65 + 0.15 printed, 150.79 total.
        c.check(
            "公开03表",
            "1栏 = (2+3)栏",
            "合计",
            "",
            wan("150.792"),
            &[Term(wan("150.6465"), 1), Term(wan("0.1455"), 1)],
        );
        assert_eq!(c.failing.len(), 1);
        assert_eq!(c.failing[0].worst.to_string(), "0.01");
        assert!(!c.failing[0].exact_mismatch, "a note, not R101");
    }

    #[test]
    fn a_gap_beyond_a_cent_per_addend_is_an_error_and_equal_sums_pass() {
        let mut c = Checker::default();
        c.check(
            "t",
            "a = b + c",
            "合计",
            "",
            wan("10.00"),
            &[Term(wan("4.00"), 1), Term(wan("6.00"), 1)],
        );
        c.check(
            "t",
            "6 = 1 + 2 − 3",
            "合计",
            "",
            wan("1.00"),
            &[
                Term(wan("3.00"), 1),
                Term(wan("1.00"), 1),
                Term(wan("3.00"), -1),
            ],
        );
        assert!(c.failing.is_empty());
        c.check(
            "t",
            "a = b + c",
            "x",
            "",
            wan("10.05"),
            &[Term(wan("4.00"), 1), Term(wan("6.00"), 1)],
        );
        let f = &c.failing[0];
        assert_eq!(f.worst.to_string(), "0.05");
        assert!(f.exact_mismatch, "R101, not a tail");
    }

    #[test]
    fn an_exact_gap_too_small_to_print_is_still_an_error() {
        let mut c = Checker::default();
        // 10.0001 万元 = 4 + 6.0000 万元 + 1 元: the printed figures agree.
        c.check(
            "t",
            "a = b + c",
            "合计",
            "",
            wan("10.0001"),
            &[Term(wan("4"), 1), Term(wan("6"), 1)],
        );
        assert_eq!(c.failing.len(), 1);
        assert!(c.failing[0].worst.is_zero() && c.failing[0].exact_mismatch);
    }
}
