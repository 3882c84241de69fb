//! Parts 4–6 (重点工作, 名词解释, 附件): resolved with the rest of the facts, and laid
//! out after the tables, since 名词解释 lists the 功能分类 codes the tables print.

use super::check::Checker;
use super::evaluation::{self, Evaluation, GeneralSpending};
use super::glossary::{self, Glossary};
use super::key_work::{self, KeyWork};
use super::resolve::{Facts, Item};
use super::Booklet;
use crate::catalog::Catalog;
use crate::diag::Diagnostic;
use crate::edition::Edition;
use crate::input::Loaded;
use crate::money::AmountUnit;

#[derive(Debug, Clone, Default)]
pub struct BackMatter {
    pub key_work: KeyWork,
    pub glossary: Glossary,
    pub evaluation: Evaluation,
}

pub fn resolve(
    loaded: &Loaded,
    catalog: &Catalog,
    edition: Option<&Edition>,
    unit: AmountUnit,
    items: &[Item],
    problems: &mut Vec<Diagnostic>,
) -> BackMatter {
    let input = &loaded.input;
    let mut c = Checker::new(&loaded.source, unit);
    let codes = items.iter().map(|i| i.code.clone()).collect();
    let spent = GeneralSpending {
        basic: items.iter().map(|i| i.figures.general_basic).sum(),
        project: items.iter().map(|i| i.figures.general_project).sum(),
    };
    let back = BackMatter {
        key_work: key_work::resolve(&mut c, &input.key_work),
        glossary: glossary::resolve(
            &mut c,
            &input.settings.fiscal_level,
            &input.glossary,
            edition,
            &codes,
        ),
        evaluation: evaluation::resolve(
            &mut c,
            &input.evaluation,
            catalog,
            *input.unit.year.get_ref(),
            edition,
            input.unit.name.get_ref().trim(),
            spent,
        ),
    };
    problems.append(&mut c.problems);
    back
}

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
