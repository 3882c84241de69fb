//! Completeness: every change or budget deviation that the edition says must be
//! explained has its reason text.

use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::rules;

/// Where a missing reason belongs: the `[narrative.reasons]` table when the file has
/// one, else, for a change on last year, `previous`, the figures it is measured
/// against.
fn reasons_span(s: &Subject, key: &str) -> Option<std::ops::Range<usize>> {
    let text = &s.loaded.source.text;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let squeezed: String = line
            .split('#')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if squeezed == "[narrative.reasons]" {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    let on_last_year = key != "budget";
    s.loaded
        .input
        .previous
        .as_ref()
        .filter(|_| on_last_year)
        .map(|p| p.span())
}

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let required = &s.facts.edition.narrative.reasons_required;
    let items = &s.loaded.input.items;
    s.narrative
        .unexplained
        .iter()
        .filter_map(|u| {
            let is_item = u.reason.chars().all(|c| c.is_ascii_digit());
            // A 项 without a typed 年初预算 has no deviation to explain.
            let budget_given = || {
                items
                    .iter()
                    .any(|x| x.code.get_ref().trim() == u.reason && x.budget.is_some())
            };
            let needed = if is_item {
                required.iter().any(|r| r == "items") && budget_given()
            } else {
                required.contains(&u.reason)
            };
            if !needed {
                return None;
            }
            let (field, help, span) = if is_item {
                let i = items
                    .iter()
                    .position(|x| x.code.get_ref().trim() == u.reason);
                (
                    format!("items[{}].budget_reason", i.unwrap_or(0)),
                    "请在该项目下写 budget_reason = \"…\"（决算数与年初预算数不同的主要原因）"
                        .to_string(),
                    i.map(|i| items[i].code.span()),
                )
            } else {
                (
                    format!("narrative.reasons.{}", u.reason),
                    format!(
                        "请在 [narrative.reasons] 中写 {} = \"…\"（变动的主要原因）",
                        u.reason
                    ),
                    reasons_span(s, &u.reason),
                )
            };
            let mut d = diagnostic(
                &rules::REASON_MISSING,
                format!("“{}”，但没有说明主要原因", u.statement),
            )
            .field(field)
            .help(help);
            if let Some(span) = span {
                d = d.at(s.locate(span));
            }
            Some(d)
        })
        .collect()
}
