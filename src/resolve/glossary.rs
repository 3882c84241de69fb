//! 第五部分 名词解释 as the input sets it: the fiscal level, numbering, terms omitted,
//! replaced or added, and explanations of codes, each checked against the edition.

use super::check::Checker;
use crate::declare::edition::{Edition, GlossaryLayout};
use crate::input::glossary::GlossaryInput;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// The user's choices, checked against the edition.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub fiscal_level: Option<String>,
    pub term_numbering: Option<String>,
    pub code_numbering: Option<String>,
    pub omit: Vec<String>,
    /// (term, text) replacing or adding terms.
    pub terms: Vec<(String, String)>,
    pub explanations: BTreeMap<String, String>,
}

pub fn resolve(
    c: &mut Checker,
    fiscal_level: &Option<Spanned<String>>,
    input: &GlossaryInput,
    edition: Option<&Edition>,
    item_codes: &BTreeSet<String>,
) -> Glossary {
    let layout = edition.and_then(|e| e.glossary.as_ref());
    let fiscal_level = fiscal_level.as_ref().map(|level| {
        let name = level.get_ref().trim().to_string();
        if let Some(layout) = layout {
            if !layout.fiscal_levels.iter().any(|l| l.name == name) {
                let known: Vec<&str> = layout
                    .fiscal_levels
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect();
                c.error(
                    "E0601",
                    format!("不认识的财政级次“{name}”，应为：{}", known.join("、")),
                    "settings.fiscal_level",
                    level.span(),
                );
            }
        }
        name
    });
    let mut numbering = |value: &Option<Spanned<String>>, field: &str| {
        value.as_ref().map(|v| {
            let pattern = v.get_ref().clone();
            if !pattern.contains("{n}") {
                c.error_help(
                    "E0604",
                    format!("编号格式“{pattern}”中没有 {{n}}"),
                    field,
                    v.span(),
                    "用 {n} 表示序号，如 \"（{n}）\"、\"{n}、\"、\"{n}.\"".into(),
                );
            }
            pattern
        })
    };
    let term_numbering = numbering(&input.term_numbering, "glossary.term_numbering");
    let code_numbering = numbering(&input.code_numbering, "glossary.code_numbering");

    let standard = |name: &str| layout.is_none_or(|l| l.terms.iter().any(|t| t.term == name));
    let mut omit = Vec::new();
    for (i, name) in input.omit.iter().enumerate() {
        let term = name.get_ref().trim().to_string();
        if !standard(&term) {
            c.error_help(
                "E0602",
                format!("本版式的名词解释中没有“{term}”，无法略去"),
                &format!("glossary.omit[{i}]"),
                name.span(),
                format!("可略去的名词：{}", standard_names(layout).join("、")),
            );
        }
        omit.push(term);
    }
    let terms = input
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let field = |f: &str| format!("glossary.terms[{i}].{f}");
            (
                c.text(&t.term, &field("term")),
                c.text(&t.text, &field("text")),
            )
        })
        .collect();
    let mut explanations = BTreeMap::new();
    for (code, text) in &input.explanations {
        let field = format!("glossary.explanations.\"{code}\"");
        if !item_codes.contains(code) {
            c.error(
                "E0603",
                format!("名词解释给出了科目 {code} 的说明，但 [[items]] 中没有这个科目"),
                &field,
                text.span(),
            );
        }
        explanations.insert(code.clone(), c.text(text, &field));
    }
    Glossary {
        fiscal_level,
        term_numbering,
        code_numbering,
        omit,
        terms,
        explanations,
    }
}

fn standard_names(layout: Option<&GlossaryLayout>) -> Vec<String> {
    layout
        .map(|l| l.terms.iter().map(|t| t.term.clone()).collect())
        .unwrap_or_default()
}
