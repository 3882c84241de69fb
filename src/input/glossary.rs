//! 第五部分 名词解释, as the user adjusts it: the edition supplies the standard terms
//! and the list of 功能分类 codes is derived from the booklet; the user may number them
//! differently, drop terms, override or add terms, and explain codes.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryInput {
    /// Numbering of the terms, with `{n}` for the Chinese numeral: `"（{n}）"`, `"{n}、"`.
    pub term_numbering: Option<Spanned<String>>,
    /// Numbering of the codes, with `{n}` for the Arabic number: `"{n}."`, `"{n}、"`.
    pub code_numbering: Option<Spanned<String>>,
    /// Standard terms left out, by name.
    #[serde(default)]
    pub omit: Vec<Spanned<String>>,
    /// Terms replacing the edition's text of the same name, or added at the end.
    #[serde(default)]
    pub terms: Vec<TermInput>,
    /// Explanations of 项 codes, replacing or supplying the catalog's.
    #[serde(default)]
    pub explanations: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermInput {
    pub term: Spanned<String>,
    pub text: Spanned<String>,
}

impl GlossaryInput {
    pub fn text_fields(&self) -> Vec<(String, &Spanned<String>)> {
        let mut fields = Vec::new();
        for (i, t) in self.terms.iter().enumerate() {
            fields.push((format!("glossary.terms[{i}].term"), &t.term));
            fields.push((format!("glossary.terms[{i}].text"), &t.text));
        }
        for (code, text) in &self.explanations {
            fields.push((format!("glossary.explanations.\"{code}\""), text));
        }
        fields
    }
}
