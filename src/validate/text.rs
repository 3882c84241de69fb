//! Rules on the user's text: placeholders left in, names that contradict the catalog,
//! and the unit's name written in a variant spelling.

use super::{diagnostic, Subject};
use crate::base::diag::Diagnostic;
use crate::base::rules;

/// Markers of unfinished text. `XX`/`××` as in "XX万元", "待补充" etc.
const PLACEHOLDERS: &[&str] = &[
    "XX",
    "xx",
    "××",
    "**",
    "……",
    "待补充",
    "待填写",
    "待定",
    "TODO",
    "TBD",
    "（空）",
];

pub fn check(s: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let source = &s.loaded.source.text;
    for (field, value) in s.loaded.text_fields() {
        let text = value.get_ref();
        if let Some((at, marker)) = PLACEHOLDERS
            .iter()
            .filter_map(|p| text.find(p).map(|i| (i, *p)))
            .min()
        {
            let span = value.span();
            let raw = &source[span.clone()];
            let start = raw.find(marker).map_or(span.start, |i| span.start + i);
            let _ = at;
            found.push(
                diagnostic(&rules::PLACEHOLDER, format!("文字中留有占位符“{marker}”"))
                    .field(field.clone())
                    .at(s.locate(start..start + marker.len()))
                    .help("请填写实际内容后再印制；草稿可用 gongkai build --draft"),
            );
        }
        found.extend(name_variants(s, &field, value));
    }
    found.extend(duplicate_project_codes(s));
    for (i, item) in s.loaded.input.items.iter().enumerate() {
        let (Some(name), Some(entry)) = (&item.name, s.booklet_catalog_name(item.code.get_ref()))
        else {
            continue;
        };
        if name.get_ref().trim() != entry {
            found.push(
                diagnostic(
                    &rules::NAME_VS_CATALOG,
                    format!(
                        "科目 {} 的名称“{}”与分类目录中的“{entry}”不一致",
                        item.code.get_ref(),
                        name.get_ref()
                    ),
                )
                .field(format!("items[{i}].name"))
                .at(s.locate(name.span()))
                .help("如目录名称已过时可保留此写法；否则删去 name，使用目录名称"),
            );
        }
    }
    found
}

/// Spellings of the unit's name that differ from it by one character (added, dropped or
/// replaced), other than the declared `name_on_tables`.
fn name_variants(s: &Subject, field: &str, value: &toml::Spanned<String>) -> Option<Diagnostic> {
    let name: Vec<char> = s.facts.unit.name.chars().collect();
    let allowed = [
        s.facts.unit.name.as_str(),
        s.facts.unit.name_on_tables.as_str(),
    ];
    if name.len() < 6 || field.starts_with("unit.") {
        return None;
    }
    let text: Vec<char> = value.get_ref().chars().collect();
    // Characters covered by an exact (allowed) mention are not candidates.
    let mut covered = vec![false; text.len()];
    for allowed_name in allowed {
        let a: Vec<char> = allowed_name.chars().collect();
        for start in 0..text.len().saturating_sub(a.len() - 1) {
            if text[start..start + a.len()] == a[..] {
                covered[start..start + a.len()]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
    }
    // One character off for short names, two for longer ones ("…网络运维中心" for
    // "…网络运维服务中心").
    let reach = if name.len() >= 8 { 2 } else { 1 };
    for len in name.len() - reach..=name.len() + reach {
        for start in 0..text.len().saturating_sub(len.saturating_sub(1)) {
            if start + len > text.len() || covered[start..start + len].iter().any(|c| *c) {
                continue;
            }
            let window = &text[start..start + len];
            if window[0] == name[0] && (1..=reach).contains(&edit_distance(window, &name)) {
                let variant: String = window.iter().collect();
                let span = value.span();
                let raw = &s.loaded.source.text[span.clone()];
                let at = raw.find(&variant).map_or(span.clone(), |i| {
                    span.start + i..span.start + i + variant.len()
                });
                return Some(
                    diagnostic(
                        &rules::UNIT_NAME_VARIANT,
                        format!("“{variant}”与单位名称“{}”相近但不相同", s.facts.unit.name),
                    )
                    .field(field.to_string())
                    .at(s.locate(at))
                    .help("同一单位在全书中应写法一致；如确为另一单位，可忽略此警告"),
                );
            }
        }
    }
    None
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A 项目编码 identifies one project: two forms with the same code are a slip.
fn duplicate_project_codes(s: &Subject) -> Vec<Diagnostic> {
    let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut found = Vec::new();
    for (i, project) in s.loaded.input.evaluation.projects.iter().enumerate() {
        let Some(code) = &project.code else { continue };
        let key = code.get_ref().trim();
        if key.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(key, i) {
            found.push(
                diagnostic(
                    &rules::DUPLICATE_PROJECT_CODE,
                    format!(
                        "项目 {} 的项目编码 {key} 与 evaluation.projects[{first}] 相同",
                        project.name.get_ref()
                    ),
                )
                .field(format!("evaluation.projects[{i}].code"))
                .at(s.locate(code.span()))
                .help("请核对预算系统中的项目编码；不知道时可删去该行，表中留空"),
            );
        }
    }
    found
}
