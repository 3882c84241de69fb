//! Parts 4–6 (重点工作, 名词解释, 附件) laid out after the tables, since 名词解释 lists
//! the 功能分类 codes the tables print.

use super::{evaluation, glossary, key_work, Booklet};
use crate::declare::catalog::Catalog;
use crate::resolve::evaluation::GeneralSpending;
use crate::resolve::Facts;

/// The views of Parts 4–6, for a booklet whose tables are computed.
pub fn fill(booklet: &mut Booklet, facts: &Facts, catalog: &Catalog) {
    let edition = &facts.edition;
    let back = &facts.back_matter;
    if let Some(layout) = &edition.key_work {
        booklet.key_work = key_work::view(&back.key_work, layout);
    }
    if let Some(layout) = &edition.glossary {
        let function_tables: Vec<_> = booklet.tables.iter().filter_map(|t| t.function()).collect();
        let codes = glossary::used_codes(&function_tables);
        booklet.glossary = glossary::view(
            &back.glossary,
            layout,
            catalog,
            facts.unit.year,
            &facts.function_names,
            &codes,
            facts.budget.phone.as_deref(),
        );
    }
    if let Some(layout) = &edition.attachments {
        let spent = GeneralSpending {
            basic: booklet.totals.general_basic,
            project: booklet.totals.general_project,
        };
        booklet.attachments = evaluation::view(
            &back.evaluation,
            layout,
            &facts.unit.name,
            facts.unit.year,
            spent,
        );
        // 部门职能概述 left out: the text of 第一部分's first section.
        for form in &mut booklet.attachments.forms {
            if let Some(o) = form.overall.as_mut().filter(|o| o.functions.is_empty()) {
                o.functions = facts
                    .overview
                    .first()
                    .map(|s| s.paragraphs.clone())
                    .unwrap_or_default();
            }
        }
    }
}
