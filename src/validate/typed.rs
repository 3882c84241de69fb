//! Typed cross-checks (`[typed]`): totals copied from the accounting system, compared
//! with what gongkai computes from the detail. Never printed, never trusted.

use super::{diagnostic, rules, Subject};
use crate::diag::Diagnostic;
use crate::input::typed::TypedValue;
use crate::money::{round_half_up, AmountUnit, Money};
use rust_decimal::Decimal;
use toml::Spanned;

struct Comparer<'a, 'b> {
    s: &'a Subject<'b>,
    unit: AmountUnit,
    found: Vec<Diagnostic>,
}

impl Comparer<'_, '_> {
    /// Compares a typed figure with the computed one. In 万元 the typed figure is taken
    /// as printed (two decimals); a gap within a cent per addend is a rounding tail.
    fn compare(
        &mut self,
        typed: &Spanned<TypedValue>,
        computed: Money,
        addends: usize,
        what: &str,
        field: String,
    ) {
        let value = typed.get_ref().amount.0;
        // A figure imported from a sheet in another unit says so itself.
        let own_unit = match typed.get_ref().unit.as_deref() {
            Some("万元") => AmountUnit::Wan,
            Some("元") => AmountUnit::Yuan,
            None => self.unit,
            Some(other) => {
                let d = crate::diag::Diagnostic::error(
                    "E0203",
                    format!("不认识的金额单位“{other}”，应为“元”或“万元”"),
                );
                self.found
                    .push(d.field(field).at(self.s.locate(typed.span())));
                return;
            }
        };
        // Gap in 万元; figures shown as the user wrote them (万元 to the cent, or 元).
        let (typed_shown, computed_shown, gap, unit) = match own_unit {
            AmountUnit::Wan => {
                let c = computed.wan_rounded(2);
                (round_half_up(value, 2), c, (value - c).abs(), "万元")
            }
            AmountUnit::Yuan => {
                let gap_yuan = (value - computed.yuan()).abs();
                (
                    value.normalize(),
                    computed.yuan().normalize(),
                    gap_yuan / Decimal::from(10_000),
                    "元",
                )
            }
        };
        if gap.is_zero() {
            return;
        }
        let tail = Decimal::new(1, 2) * Decimal::from(addends.max(1));
        let closing = field.ends_with("closing") || field.ends_with("closing_total");
        let rule = if closing {
            &rules::TYPED_CLOSING
        } else if gap <= tail {
            &rules::TYPED_ROUNDING
        } else {
            &rules::TYPED_MISMATCH
        };
        let message = if closing {
            format!("{what}：录入 {typed_shown} {unit}，按年初结转和结余 + 本年收入 − 本年支出计算应为 {computed_shown} {unit}")
        } else {
            format!("{what}：录入 {typed_shown} {unit}，按明细计算为 {computed_shown} {unit}（相差 {} 万元）", gap.normalize())
        };
        let message = match &typed.get_ref().source {
            Some(source) => format!("{message}（来源：{source}）"),
            None => message,
        };
        let d = diagnostic(rule, message)
            .field(field)
            .at(self.s.locate(typed.span()));
        self.found.push(d);
    }
}

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let Some(typed) = &s.loaded.input.typed else {
        return Vec::new();
    };
    let file_unit = match s
        .loaded
        .input
        .settings
        .amount_unit
        .as_ref()
        .map(|u| u.get_ref().as_str())
    {
        Some("万元") => AmountUnit::Wan,
        _ => AmountUnit::Yuan,
    };
    let mut c = Comparer {
        s,
        unit: match typed.unit.as_ref().map(|u| u.get_ref().as_str()) {
            Some("万元") => AmountUnit::Wan,
            Some("元") => AmountUnit::Yuan,
            _ => file_unit,
        },
        found: Vec::new(),
    };
    if let Some(u) = &typed.unit {
        if !matches!(u.get_ref().as_str(), "元" | "万元") {
            c.found.push(
                crate::diag::Diagnostic::error(
                    "E0203",
                    format!("不认识的金额单位“{}”，应为“元”或“万元”", u.get_ref()),
                )
                .field("typed.unit")
                .at(s.locate(u.span())),
            );
        }
    }
    for (i, row) in typed.rows.iter().enumerate() {
        let id = row.table.get_ref().trim();
        let Some(t) = s.booklet.detail_table(id) else {
            c.found.push(
                crate::diag::Diagnostic::error(
                    "E0231",
                    format!("typed.rows 只能核对 02、03、05、07、08 表，不能是“{id}”"),
                )
                .field(format!("typed.rows[{i}].table"))
                .at(s.locate(row.table.span())),
            );
            continue;
        };
        let code = row.code.get_ref().trim();
        let (figures, addends) = if code == "合计" {
            (Some(&t.total), s.facts.items.len())
        } else {
            let found = t.rows.iter().find(|r| r.code == code).map(|r| &r.f);
            let leaves = s
                .facts
                .items
                .iter()
                .filter(|x| x.code.starts_with(code))
                .count();
            (found, leaves)
        };
        let Some(figures) = figures else {
            c.found.push(
                diagnostic(
                    &rules::TYPED_MISMATCH,
                    format!(
                        "{}中没有科目 {code} 的行：录入了它的合计，但明细中没有这个科目",
                        s.facts.edition.table_label(id)
                    ),
                )
                .field(format!("typed.rows[{i}].code"))
                .at(s.locate(row.code.span())),
            );
            continue;
        };
        let columns = t.columns;
        if row.values.len() > columns.len() {
            c.found.push(
                crate::diag::Diagnostic::error(
                    "E0232",
                    format!(
                        "{}只有 {} 栏，录入了 {} 个数",
                        s.facts.edition.table_label(id),
                        columns.len(),
                        row.values.len()
                    ),
                )
                .field(format!("typed.rows[{i}].values"))
                .at(s.locate(row.values[columns.len()].span())),
            );
        }
        for (j, (value, column)) in row.values.iter().zip(columns).enumerate() {
            let what = format!("{} {code} 行 {} 栏", s.facts.edition.table_label(id), j + 1);
            c.compare(
                value,
                figures.get(column).unwrap_or_default(),
                addends.max(2),
                &what,
                format!("typed.rows[{i}].values[{j}]"),
            );
        }
    }
    for (name, value) in &typed.figures {
        match s.booklet.figures.get(name.as_str()) {
            Some(computed) => {
                let what = format!("合计数 {name}");
                c.compare(
                    value,
                    *computed,
                    s.facts.items.len().max(2),
                    &what,
                    format!("typed.figures.{name}"),
                );
            }
            None => {
                let known: Vec<&str> = s.booklet.figures.keys().copied().collect();
                c.found.push(
                    crate::diag::Diagnostic::error("E0233", format!("没有名为“{name}”的合计数"))
                        .field(format!("typed.figures.{name}"))
                        .at(s.locate(value.span()))
                        .help(format!("可用：{}", known.join("、"))),
                );
            }
        }
    }
    c.found
}
