//! 第六部分 附件: the performance self-evaluation forms, resolved from the input and laid
//! out for the templates, with the edition's listing and labels.

pub mod score;
pub mod scored;
pub mod targets;

use crate::base::money::Money;
use crate::declare::catalog::Catalog;
use crate::declare::edition::Edition;
use crate::input::evaluation::EvaluationInput;
use crate::resolve::check::Checker;
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub filled: Option<NaiveDate>,
    pub overall: Option<targets::OverallForm>,
    pub projects: Vec<targets::ProjectForm>,
    pub scored_overall: Option<scored::Form>,
    pub scored_projects: Vec<scored::Form>,
}

impl Evaluation {
    pub fn is_empty(&self) -> bool {
        self.overall.is_none()
            && self.projects.is_empty()
            && self.scored_overall.is_none()
            && self.scored_projects.is_empty()
    }
}

/// The unit's 一般公共预算财政拨款 spending: what the scored overall form executed.
#[derive(Debug, Clone, Copy, Default)]
pub struct GeneralSpending {
    pub basic: Money,
    pub project: Money,
}

pub fn resolve(
    c: &mut Checker,
    input: &EvaluationInput,
    catalog: &Catalog,
    year: i32,
    edition: Option<&Edition>,
    unit_name: &str,
    spent: GeneralSpending,
) -> Evaluation {
    let filled = input.filled.as_ref().and_then(|d| {
        let date = crate::resolve::toml_date(d.get_ref());
        if date.is_none() {
            c.error(
                "E0206",
                "填报日期应为年月日，如 2023-10-15（不加引号，不带时间）".into(),
                "evaluation.filled",
                d.span(),
            );
        }
        date
    });
    let layout = edition
        .and_then(|e| e.attachments.as_ref())
        .map(|a| &a.scored);
    Evaluation {
        filled,
        overall: input
            .overall
            .as_ref()
            .map(|o| targets::resolve_overall(c, o)),
        projects: input
            .projects
            .iter()
            .enumerate()
            .map(|(i, f)| targets::resolve_project(c, catalog, year, f, i))
            .collect(),
        scored_overall: input
            .scored_overall
            .as_ref()
            .map(|o| scored::resolve_overall(c, layout, o, unit_name, spent.basic + spent.project)),
        scored_projects: input
            .scored_projects
            .iter()
            .enumerate()
            .map(|(i, f)| scored::resolve_project(c, layout, f, i, unit_name))
            .collect(),
    }
}

/// A form's money: 万元 rounded half-up to two decimals, trailing zeros dropped as the
/// forms print them (`60`, `341.6`, `72.83`); zero is an empty cell.
pub fn wan(m: Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        m.wan_rounded(2).normalize().to_string()
    }
}

/// A weight or score without trailing zeros: `30`, `2.5`.
pub fn decimal_text(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn form_money_drops_trailing_zeros() {
        let w = |s: &str| wan(Money::from_wan(Decimal::from_str(s).unwrap()));
        assert_eq!(w("60"), "60");
        assert_eq!(w("341.60"), "341.6");
        assert_eq!(w("44.65"), "44.65");
        assert_eq!(w("44.655"), "44.66");
        assert_eq!(w("0"), "");
    }
}
