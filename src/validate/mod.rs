//! Validate: coded rules over the input, the resolved facts and the computed booklet,
//! like a linter's. Errors stop `gongkai build` (unless `--draft`); warnings do not.

mod budget;
mod completeness;
mod data;
mod plausible;
mod precision;
mod printed;
pub mod rules;
mod text;
mod typed;

use crate::compute::resolve::Facts;
use crate::compute::Booklet;
use crate::diag::{Diagnostic, Location};
use crate::input::Loaded;
use rules::Rule;
use std::ops::Range;

/// What the rules see: every stage's output, and the source for locations.
pub struct Subject<'a> {
    pub loaded: &'a Loaded,
    pub facts: &'a Facts,
    pub booklet: &'a Booklet,
    pub catalog: &'a crate::catalog::Catalog,
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
        e.label_of_kind(crate::edition::TableKind::EconomicGroups)
            .or_else(|| e.label_of_kind(crate::edition::TableKind::EconomicRows))
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
    Diagnostic {
        code: rule.code,
        severity: rule.severity,
        message: message.into(),
        field: None,
        location: None,
        help: None,
    }
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
    found.extend(subject.booklet.narrative.problems.iter().cloned());
    found.sort_by_key(|d| std::cmp::Reverse(d.severity));
    found
}
