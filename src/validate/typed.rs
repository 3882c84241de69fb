//! Typed cross-checks (`[typed]`): totals copied from the accounting system, compared
//! with what gongkai computes from the detail. Never printed, never trusted.

use super::precision::{half_step, slack};
use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::money::{AmountUnit, Money};
use crate::base::rules;
use crate::input::typed::TypedValue;
use toml::Spanned;

struct Comparer<'a, 'b> {
    s: &'a Subject<'b>,
    unit: AmountUnit,
    found: Vec<Diagnostic>,
}

impl Comparer<'_, '_> {
    /// Compares a typed figure with the exact one computed from the detail. The typed
    /// figure stands for any amount its written digits round from (`112.00` 万元: from
    /// 111.995 to 112.005); a gap within that is no gap. Beyond it, a gap that the
    /// rounding of the amounts the computed figure sums (`slack`) can explain is a
    /// warning, since only the user can tell; any larger gap is an error.
    fn compare(
        &mut self,
        typed: &Spanned<TypedValue>,
        computed: Money,
        slack: Money,
        what: &str,
        field: String,
    ) {
        let value = typed.get_ref().amount.0;
        // A figure imported from a sheet in another unit says so itself.
        let own_unit = match typed.get_ref().unit.as_deref() {
            None => self.unit,
            Some(u) => match AmountUnit::parse(u) {
                Some(u) => u,
                None => {
                    let d = crate::base::diag::Diagnostic::error(
                        "E0203",
                        format!("不认识的金额单位“{u}”，应为“元”或“万元”"),
                    );
                    self.found
                        .push(d.field(field).at(self.s.locate(typed.span())));
                    return;
                }
            },
        };
        let typed_money = Money::in_unit(value, own_unit);
        let gap = (typed_money - computed).abs();
        let amount = Spanned::new(typed.span(), typed.get_ref().amount);
        let own = half_step(&self.s.loaded.source, &amount, own_unit);
        if gap <= own {
            return;
        }
        let unit = own_unit.name();
        let computed_shown = match own_unit {
            AmountUnit::Wan => computed.wan_rounded(2),
            AmountUnit::Yuan => computed.yuan().normalize(),
        };
        let closing = field.ends_with("closing") || field.ends_with("closing_total");
        let within_slack = gap <= own + slack;
        let rule = if closing {
            &rules::TYPED_CLOSING
        } else if within_slack {
            &rules::TYPED_ROUNDING
        } else {
            &rules::TYPED_MISMATCH
        };
        // Figures as the user wrote them (`121.00`), the gap in the same unit.
        let typed_shown = self
            .s
            .loaded
            .source
            .text
            .get(typed.span())
            // `{ value = …, source = … }`: the value alone.
            .filter(|t| !t.starts_with('{'))
            .map_or_else(|| value.to_string(), |t| t.trim_matches('"').to_string());
        let in_unit = |m: Money| match own_unit {
            AmountUnit::Wan => m.wan_exact().normalize(),
            AmountUnit::Yuan => m.yuan().normalize(),
        };
        let gap_shown = in_unit(gap);
        let message = if closing {
            format!("{what}：录入 {typed_shown} {unit}，按年初结转和结余 + 本年收入 − 本年支出计算应为 {computed_shown} {unit}")
        } else if within_slack {
            format!(
                "{what}：录入 {typed_shown} {unit}，按明细计算为 {computed_shown} {unit}（相差 {gap_shown} {unit}，在录入的数四舍五入可能造成的 {} {unit}以内）",
                in_unit(own + slack)
            )
        } else {
            format!("{what}：录入 {typed_shown} {unit}，按明细计算为 {computed_shown} {unit}（相差 {gap_shown} {unit}）")
        };
        let message = match &typed.get_ref().source {
            Some(source) => format!("{message}（来源：{source}）"),
            None => message,
        };
        let mut d = diagnostic(rule, message)
            .field(field)
            .at(self.s.locate(typed.span()));
        if within_slack && !closing {
            d = d.help("明细金额是按较粗的精度录入的（如以万元录入两位小数），合计的差异可能来自四舍五入，也可能是真的不符：请用财务软件导出的精确金额核对");
        }
        self.found.push(d);
    }
}

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let Some(typed) = &s.loaded.input.typed else {
        return Vec::new();
    };
    let file_unit = s.facts.amount_unit;
    let mut c = Comparer {
        s,
        unit: typed
            .unit
            .as_ref()
            .and_then(|u| AmountUnit::parse(u.get_ref()))
            .unwrap_or(file_unit),
        found: Vec::new(),
    };
    if let Some(u) = &typed.unit {
        if AmountUnit::parse(u.get_ref()).is_none() {
            c.found.push(
                crate::base::diag::Diagnostic::error(
                    "E0203",
                    format!("不认识的金额单位“{}”，应为“元”或“万元”", u.get_ref()),
                )
                .field("typed.unit")
                .at(s.locate(u.span())),
            );
        }
    }
    let source = &s.loaded.source;
    let input = &s.loaded.input;
    // The amounts under a 功能分类 code (every item for 合计), and every amount that
    // reaches the tables (for the named figures).
    let under = |c: &str, code: &str| code == "合计" || c.trim().starts_with(code);
    let item_slack = |code: &str| {
        // A budget's 项目支出 is the money of the projects under the 项.
        let projects = input
            .projects
            .iter()
            .filter(|p| under(p.code.get_ref(), code))
            .flat_map(|p| p.sources.amounts())
            .flatten();
        slack(
            source,
            input
                .items
                .iter()
                .filter(|i| under(i.code.get_ref(), code))
                .flat_map(|i| i.table_amounts().map(|(_, a)| a))
                .flatten()
                .chain(projects),
            file_unit,
        )
    };
    // A named figure sums the 三公 lines, the 公开06 lines, or the items and balances.
    let named_slack = |name: &str| {
        if name.starts_with("sangong_") {
            let lines = input.sangong.budget.amounts();
            let lines = lines.into_iter().chain(input.sangong.actual.amounts());
            slack(source, lines.flatten(), file_unit)
        } else if name == "personnel_total" || name == "public_total" {
            slack(source, input.basic_economic.values(), file_unit)
        } else {
            let balances = input.balances.amounts();
            item_slack("合计") + slack(source, balances.into_iter().flatten(), file_unit)
        }
    };
    for (i, row) in typed.rows.iter().enumerate() {
        let id = row.table.get_ref().trim();
        let table = s.booklet.table(id);
        let Some(t) = table.and_then(|t| t.function()) else {
            let ids: Vec<&str> = s
                .booklet
                .tables
                .iter()
                .filter(|t| t.function().is_some())
                .map(|t| t.id.as_str())
                .collect();
            c.found.push(
                crate::base::diag::Diagnostic::error(
                    "E0231",
                    format!(
                        "typed.rows 只能核对按功能分类列示的表（{}），不能是“{id}”",
                        ids.join("、")
                    ),
                )
                .field(format!("typed.rows[{i}].table"))
                .at(s.locate(row.table.span())),
            );
            continue;
        };
        let code = row.code.get_ref().trim();
        let figures = if code == "合计" {
            Some(&t.total)
        } else {
            t.rows.iter().find(|r| r.code == code).map(|r| &r.f)
        };
        let label = table.map_or(id, |t| t.label.as_str());
        let Some(figures) = figures else {
            c.found.push(
                diagnostic(
                    &rules::TYPED_MISMATCH,
                    format!("{label}中没有科目 {code} 的行：录入了它的合计，但明细中没有这个科目"),
                )
                .field(format!("typed.rows[{i}].code"))
                .at(s.locate(row.code.span())),
            );
            continue;
        };
        let columns = &t.columns;
        if row.values.len() > columns.len() {
            c.found.push(
                crate::base::diag::Diagnostic::error(
                    "E0232",
                    format!(
                        "{label}只有 {} 栏，录入了 {} 个数",
                        columns.len(),
                        row.values.len()
                    ),
                )
                .field(format!("typed.rows[{i}].values"))
                .at(s.locate(row.values[columns.len()].span())),
            );
        }
        let row_slack = item_slack(code);
        for (j, (value, column)) in row.values.iter().zip(columns).enumerate() {
            let what = format!("{label} {code} 行 {} 栏", j + 1);
            c.compare(
                value,
                figures.get(column).unwrap_or_default(),
                row_slack,
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
                    named_slack(name),
                    &what,
                    format!("typed.figures.{name}"),
                );
            }
            None => {
                let known: Vec<&str> = s.booklet.figures.keys().copied().collect();
                c.found.push(
                    crate::base::diag::Diagnostic::error(
                        "E0233",
                        format!("没有名为“{name}”的合计数"),
                    )
                    .field(format!("typed.figures.{name}"))
                    .at(s.locate(value.span()))
                    .help(format!("可用：{}", known.join("、"))),
                );
            }
        }
    }
    c.found
}
