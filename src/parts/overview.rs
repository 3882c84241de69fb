//! 第一部分 概况: the user's sections as written, then the sections the edition writes
//! from the input's facts (budget: 单位构成 from `[[units]]`, 人员构成 from
//! `[overview.staff]` with every total computed).

use super::SectionView;
use crate::base::numeral::chinese_numeral;
use crate::resolve::Facts;

pub fn sections(facts: &Facts) -> Vec<SectionView> {
    let mut out: Vec<(String, Vec<String>)> = facts
        .overview
        .iter()
        .map(|s| (s.title.clone(), s.paragraphs.clone()))
        .collect();
    let year = facts.unit.year.to_string();
    let fill = |text: &str, pairs: &[(&str, String)]| {
        let mut text = text
            .replace("{unit}", &facts.unit.name)
            .replace("{year}", &year);
        for (key, value) in pairs {
            text = text.replace(&format!("{{{key}}}"), value);
        }
        text
    };
    if let Some(layout) = &facts.edition.overview {
        if let Some(c) = &layout.composition {
            let secondary: Vec<&str> = facts
                .budget
                .units
                .iter()
                .filter(|u| !u.own)
                .map(|u| u.name.as_str())
                .collect();
            let text = if secondary.is_empty() {
                fill(&c.alone, &[])
            } else {
                fill(
                    &c.with_units,
                    &[
                        ("count", secondary.len().to_string()),
                        ("units", secondary.join("、")),
                    ],
                )
            };
            out.push((c.title.clone(), vec![text]));
        }
        if let (Some(spec), Some(s)) = (&layout.staff, &facts.budget.staff) {
            let pairs = [
                ("authorized", s.authorized.total().to_string()),
                ("actual", s.actual.total().to_string()),
                (
                    "retirees",
                    (u64::from(s.veteran) + u64::from(s.retired)).to_string(),
                ),
                (
                    "authorized_administrative",
                    s.authorized.administrative.to_string(),
                ),
                (
                    "authorized_institutional",
                    s.authorized.institutional.to_string(),
                ),
                (
                    "authorized_civil_servant_managed",
                    s.authorized.civil_servant_managed.to_string(),
                ),
                ("actual_administrative", s.actual.administrative.to_string()),
                ("actual_institutional", s.actual.institutional.to_string()),
                (
                    "actual_civil_servant_managed",
                    s.actual.civil_servant_managed.to_string(),
                ),
                ("veteran", s.veteran.to_string()),
                ("retired", s.retired.to_string()),
            ];
            out.push((
                spec.title.clone(),
                spec.text.iter().map(|t| fill(t, &pairs)).collect(),
            ));
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (title, paragraphs))| SectionView {
            heading: format!("{}、{title}", chinese_numeral(i + 1)),
            paragraphs,
        })
        .collect()
}
