//! Validate: coded rules over the input, the resolved facts and the computed booklet,
//! like a linter's. Errors stop `gongkai build` (unless `--draft`); warnings do not.

mod budget;
mod completeness;
mod data;
pub mod glyphs;
mod plausible;
mod precision;
mod printed;
mod text;
mod typed;

use crate::base::diag::{Diagnostic, Location};
use crate::base::rules::Rule;
use crate::figures::Computed;
use crate::input::Loaded;
use crate::parts::Booklet;
use crate::resolve::Facts;
use crate::wording::Narrative;
use std::ops::Range;

/// What the rules see: every stage's output, and the source for locations.
pub struct Subject<'a> {
    pub loaded: &'a Loaded,
    pub facts: &'a Facts,
    pub computed: &'a Computed,
    pub booklet: &'a Booklet,
    pub narrative: &'a Narrative,
    pub catalog: &'a crate::declare::catalog::Catalog,
}

impl Subject<'_> {
    pub fn locate(&self, span: Range<usize>) -> Location {
        self.loaded.source.locate(span)
    }

    /// The catalog's name of a 功能分类 code, if the catalog has it.
    pub fn booklet_catalog_name(&self, code: &str) -> Option<String> {
        self.catalog
            .function(self.facts.unit.year, code.trim())
            .map(|e| e.name.clone())
    }

    /// The label of the table of 一般公共预算 基本支出 by function (公开05).
    pub fn basic_table(&self) -> &str {
        self.facts
            .edition
            .label_showing("general_basic")
            .unwrap_or("基本支出表")
    }

    /// The label of the table of 基本支出 by 经济分类 (公开06).
    pub fn economic_table(&self) -> &str {
        let e = &self.facts.edition;
        e.label_of_kind(crate::declare::edition::TableKind::EconomicGroups)
            .or_else(|| e.label_of_kind(crate::declare::edition::TableKind::EconomicRows))
            .unwrap_or("基本支出经济分类表")
    }

    /// Where the item with this code (or the first item under a 类/款 code) is written.
    pub fn item_span(&self, code: &str) -> Option<Range<usize>> {
        let items = &self.loaded.input.items;
        items
            .iter()
            .find(|i| i.code.get_ref().trim().starts_with(code))
            .or(items.first())
            .map(|i| i.code.span())
    }
}

pub fn diagnostic(rule: &Rule, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&rule.into(), message)
}

/// Runs every rule; errors first, then warnings, then notes, each in the order found.
pub fn validate(subject: &Subject) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    found.extend(printed::check(subject));
    found.extend(data::check(subject));
    found.extend(typed::check(subject));
    found.extend(text::check(subject));
    found.extend(completeness::check(subject));
    found.extend(plausible::check(subject));
    found.extend(budget::check(subject));
    found.extend(subject.narrative.problems.iter().cloned());
    found.sort_by_key(|d| std::cmp::Reverse(d.severity));
    found
}
