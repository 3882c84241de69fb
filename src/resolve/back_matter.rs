//! Parts 4–6 (重点工作, 名词解释, 附件) resolved with the rest of the facts.

use super::check::Checker;
use super::evaluation::{self, Evaluation, GeneralSpending};
use super::glossary::{self, Glossary};
use super::key_work::{self, KeyWork};
use super::Item;
use crate::base::diag::Diagnostic;
use crate::base::money::AmountUnit;
use crate::declare::catalog::Catalog;
use crate::declare::edition::Edition;
use crate::input::Loaded;

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
        basic: items.iter().map(|i| i.amounts.general_basic).sum(),
        project: items.iter().map(|i| i.amounts.general_project).sum(),
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
