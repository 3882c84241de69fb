//! 第五部分 名词解释: the edition's standard terms in the unit's fiscal level, with the
//! user's changes, and the list of the 支出功能分类 项 the booklet's tables use, each
//! with its 类/款/项 path and its explanation from the catalog.

use super::check::Checker;
use super::{chinese_numeral, DetailTable};
use crate::catalog::{function_ancestors, Catalog};
use crate::edition::{Edition, GlossaryLayout};
use crate::input::glossary::GlossaryInput;
use serde::Serialize;
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

#[derive(Debug, Clone, Default, Serialize)]
pub struct GlossaryView {
    pub entries: Vec<TermView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    /// `（一）一般公共预算财政拨款收入`
    pub heading: String,
    /// The definition; empty for the list of codes.
    pub text: String,
    /// `1.一般公共服务支出（类）网信事务（款）事业运行（项）。反映…`
    pub functions: Vec<String>,
}

pub fn resolve(
    c: &mut Checker,
    fiscal_level: &Option<Spanned<String>>,
    input: &GlossaryInput,
    edition: Option<&Edition>,
    item_codes: &BTreeSet<String>,
) -> Glossary {
    let layout = edition.map(|e| &e.glossary);
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

/// The 项 codes that appear in the booklet's detail tables, in code order.
pub fn used_codes(tables: &[&DetailTable]) -> Vec<String> {
    let codes: BTreeSet<&String> = tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .filter(|r| r.level == 3)
        .map(|r| &r.code)
        .collect();
    codes.into_iter().cloned().collect()
}

pub fn view(
    facts: &Glossary,
    layout: &GlossaryLayout,
    catalog: &Catalog,
    names: &BTreeMap<String, String>,
    codes: &[String],
) -> GlossaryView {
    let level_name = facts
        .fiscal_level
        .as_deref()
        .unwrap_or(&layout.default_fiscal_level);
    let departments = layout
        .fiscal_levels
        .iter()
        .find(|l| l.name == level_name)
        .map_or("", |l| l.departments.as_str());
    let fill = |text: &str| {
        text.replace("{fiscal}", level_name)
            .replace("{departments}", departments)
    };
    let term_numbering = facts
        .term_numbering
        .as_deref()
        .unwrap_or(&layout.term_numbering);
    let code_numbering = facts
        .code_numbering
        .as_deref()
        .unwrap_or(&layout.code_numbering);
    let user_text = |term: &str| {
        facts
            .terms
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, text)| text.clone())
    };

    // (term, text, is the code list)
    let mut terms: Vec<(String, String, bool)> = layout
        .terms
        .iter()
        .filter(|t| !facts.omit.contains(&t.term))
        .map(|t| {
            let text = user_text(&t.term).unwrap_or_else(|| fill(&t.text));
            (t.term.clone(), text, t.functions)
        })
        .collect();
    for (term, text) in &facts.terms {
        if !layout.terms.iter().any(|t| &t.term == term) {
            terms.push((term.clone(), text.clone(), false));
        }
    }

    let name = |code: &str| names.get(code).cloned().unwrap_or_default();
    let functions: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let [class, section] = function_ancestors(code);
            let explanation = facts.explanations.get(code).cloned().or_else(|| {
                catalog
                    .function(code)
                    .and_then(|e| e.explanation.clone())
                    .filter(|_| !names_overridden(catalog, names, code))
            });
            format!(
                "{}{}（类）{}（款）{}（项）。{}",
                code_numbering.replace("{n}", &(i + 1).to_string()),
                name(class),
                name(section),
                name(code),
                explanation.unwrap_or_default()
            )
        })
        .collect();

    GlossaryView {
        entries: terms
            .into_iter()
            .enumerate()
            .map(|(i, (term, text, is_list))| TermView {
                heading: format!(
                    "{}{term}",
                    term_numbering.replace("{n}", &chinese_numeral(i + 1))
                ),
                text: if is_list { String::new() } else { text },
                functions: if is_list {
                    functions.clone()
                } else {
                    Vec::new()
                },
            })
            .collect(),
    }
}

/// A 项 the user renamed is not the catalog's 项: its explanation would not fit.
fn names_overridden(catalog: &Catalog, names: &BTreeMap<String, String>, code: &str) -> bool {
    match (catalog.function(code), names.get(code)) {
        (Some(entry), Some(name)) => &entry.name != name,
        _ => false,
    }
}
