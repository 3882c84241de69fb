//! 第六部分 附件: the performance self-evaluation forms, resolved from the input and laid
//! out for the templates, with the edition's listing and labels.

pub mod score;
pub mod scored;
pub mod targets;

use super::check::Checker;
use super::chinese_numeral;
use crate::catalog::Catalog;
use crate::edition::{AttachmentsLayout, Edition};
use crate::input::evaluation::EvaluationInput;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub filled: Option<NaiveDate>,
    pub overall: Option<targets::OverallForm>,
    pub projects: Vec<targets::ProjectForm>,
    pub scored_overall: Option<scored::Form>,
    pub scored_projects: Vec<scored::Form>,
}

impl Evaluation {
    fn is_empty(&self) -> bool {
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
        let date = super::resolve::toml_date(d.get_ref());
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

#[derive(Debug, Clone, Default, Serialize)]
pub struct AttachmentsView {
    /// Whether Part 6 is printed at all.
    pub present: bool,
    /// What Part 6 says when there is no form.
    pub empty_note: Option<String>,
    /// `一、2022年度…整体绩效自评表` (edition 2022).
    pub listing: Vec<String>,
    pub forms: Vec<FormView>,
}

/// One form with its heading lines; exactly one of the four bodies is set.
#[derive(Debug, Clone, Serialize)]
pub struct FormView {
    /// `附件1：`, `附件2-1：`
    pub label: Option<String>,
    pub title: String,
    pub filled: Option<String>,
    /// `单位：万元` above a target form (the scored forms say it in their cells).
    pub money_line: Option<String>,
    pub overall: Option<targets::OverallView>,
    pub project: Option<targets::ProjectView>,
    pub scored: Option<scored::FormView>,
    pub notes_heading: String,
    pub notes: Vec<String>,
}

pub fn view(
    facts: &Evaluation,
    layout: &AttachmentsLayout,
    unit_name: &str,
    year: i32,
    spent: GeneralSpending,
) -> AttachmentsView {
    if facts.is_empty() {
        return AttachmentsView {
            present: layout.when_empty.is_some(),
            empty_note: layout.when_empty.clone(),
            ..Default::default()
        };
    }
    let filled = facts.filled.map(|d| {
        layout
            .filled_line
            .replace("{date}", &d.format("%Y年%-m月%-d日").to_string())
    });
    let overall_title = |name: &str| {
        layout
            .overall_title
            .replace("{year}", &year.to_string())
            .replace("{name}", name)
    };
    let project_title = |name: &str| {
        layout
            .project_title
            .replace("{year}", &year.to_string())
            .replace("{name}", name)
    };
    let form = |title: String| FormView {
        label: None,
        title,
        filled: None,
        money_line: None,
        overall: None,
        project: None,
        scored: None,
        notes_heading: String::new(),
        notes: Vec::new(),
    };

    let mut overall_forms = Vec::new();
    if let Some(o) = &facts.overall {
        overall_forms.push(FormView {
            filled: filled.clone(),
            money_line: Some(layout.money_line.clone()),
            overall: Some(targets::overall_view(o)),
            ..form(overall_title(o.title_name.as_deref().unwrap_or(unit_name)))
        });
    }
    let scored_notes = |mut f: FormView| {
        f.notes_heading = layout.scored.notes_heading.clone();
        f.notes = layout.scored.notes.clone();
        f
    };
    if let Some(o) = &facts.scored_overall {
        overall_forms.push(scored_notes(FormView {
            scored: Some(scored::view(o, &layout.scored, spent.basic, spent.project)),
            ..form(overall_title(&o.title_name))
        }));
    }
    let mut project_forms: Vec<FormView> = facts
        .projects
        .iter()
        .map(|p| FormView {
            filled: filled.clone(),
            money_line: Some(layout.money_line.clone()),
            project: Some(targets::project_view(p)),
            ..form(project_title(&p.title_name))
        })
        .collect();
    project_forms.extend(facts.scored_projects.iter().map(|p| {
        scored_notes(FormView {
            scored: Some(scored::view(p, &layout.scored, Money::ZERO, Money::ZERO)),
            ..form(project_title(&p.title_name))
        })
    }));

    let mut listing = Vec::new();
    if layout.listing {
        let mut group = 0;
        for (forms, pattern, is_project) in [
            (&mut overall_forms, &layout.overall_listing, false),
            (&mut project_forms, &layout.project_listing, true),
        ] {
            if forms.is_empty() {
                continue;
            }
            group += 1;
            listing.push(format!(
                "{}、{}",
                chinese_numeral(group),
                pattern
                    .replace("{year}", &year.to_string())
                    .replace("{unit}", unit_name)
            ));
            let numbered = is_project || forms.len() > 1;
            for (i, f) in forms.iter_mut().enumerate() {
                let n = if numbered {
                    format!("{group}-{}", i + 1)
                } else {
                    group.to_string()
                };
                f.label = Some(layout.label.replace("{n}", &n));
            }
        }
    }
    overall_forms.extend(project_forms);
    AttachmentsView {
        present: true,
        empty_note: None,
        listing,
        forms: overall_forms,
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
