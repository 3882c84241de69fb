//! 第六部分 附件 laid out: the self-evaluation forms with the edition's listing, labels
//! and titles.

pub mod scored;
pub mod targets;

use crate::base::money::Money;
use crate::base::numeral::chinese_numeral;
use crate::declare::edition::AttachmentsLayout;
use crate::resolve::evaluation::{Evaluation, GeneralSpending};
use serde::Serialize;

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
