//! 第三部分 决算情况说明: every sentence written from the same figures as the tables,
//! plus the user's reason texts. The edition decides which sections exist, their order,
//! headings and "no such item" sentences; this module decides what each one says.
//!
//! Arithmetic in the text works on the figures as printed (万元, two decimals,
//! half-up): a change is the difference of the two printed figures and a percentage
//! the ratio of printed figures, so every sentence checks out against itself and
//! against the tables.

mod change;
pub mod charts;
pub mod facts;
mod funds;
mod general;
mod other;
mod sangong;
mod totals;
mod write;

use super::figures::Figures;
use super::resolve::Facts;
use super::{chinese_numeral, named_totals, EconomicSpending, SangongTable};
use crate::edition::narrative::Precision;
use serde::Serialize;
use write::{Ctx, Writer};

pub use facts::NarrativeFacts;

#[derive(Debug, Clone, Serialize)]
pub struct Narrative {
    pub sections: Vec<Section>,
    /// Changes and deviations stated without the user's reason (rule R501).
    #[serde(skip)]
    pub unexplained: Vec<write::Unexplained>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub key: String,
    /// `一、收入支出决算总体情况说明`
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// One printed element of a section, in order.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// `（一）一般公共预算财政拨款支出决算总体情况`
    Subheading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    Bars(charts::BarChart),
    Pie(charts::PieChart),
}

impl Narrative {
    /// Every paragraph and sub-heading, in order (for tests and checks).
    pub fn texts(&self) -> Vec<&str> {
        self.sections
            .iter()
            .flat_map(|s| {
                std::iter::once(s.heading.as_str()).chain(s.blocks.iter().filter_map(Block::text))
            })
            .collect()
    }
}

impl Block {
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Subheading { text } | Block::Paragraph { text } => Some(text),
            _ => None,
        }
    }
}

pub fn narrative(
    facts: &Facts,
    totals: &Figures,
    economic: &EconomicSpending,
    sangong: &SangongTable,
) -> Narrative {
    let layout = &facts.edition.narrative;
    let o = facts.narrative.percent;
    let e = layout.percent;
    let ctx = Ctx {
        facts,
        n: &facts.narrative,
        layout,
        precision: Precision {
            change: o.change.unwrap_or(e.change),
            share: o.share.unwrap_or(e.share),
            class_share: o.class_share.unwrap_or(e.class_share),
            completion: o.completion.unwrap_or(e.completion),
            item_completion: o.item_completion.unwrap_or(e.item_completion),
        },
        share_method: facts.narrative.share_method.unwrap_or(layout.share_method),
        totals,
        named: named_totals(&facts.balances, totals),
        economic,
        sangong,
        unexplained: Default::default(),
    };
    let n = &facts.narrative;
    let mut sections = Vec::new();
    let mut figures = 0;
    for spec in &layout.sections {
        let given = match spec.key.as_str() {
            "operating_costs" => n.operating_costs.is_some(),
            "procurement" => n.procurement.is_some(),
            "assets" => n.assets.is_some(),
            "performance" => n.performance.is_some(),
            _ => true,
        };
        if spec.optional && !given {
            continue;
        }
        let mut w = Writer::new(spec);
        match spec.key.as_str() {
            "overall" => totals::overall(&ctx, &mut w),
            "income" => totals::income(&ctx, &mut w),
            "spending" => totals::spending(&ctx, &mut w),
            "fiscal" => totals::fiscal(&ctx, &mut w),
            "general" => general::general(&ctx, &mut w),
            "basic" => general::basic(&ctx, &mut w),
            "fund" => funds::fund(&ctx, &mut w),
            "capital" => funds::capital(&ctx, &mut w),
            "sangong" => sangong::sangong(&ctx, &mut w),
            "operating_costs" => other::operating_costs(&ctx, &mut w),
            "procurement" => other::procurement(&ctx, &mut w),
            "assets" => other::assets(&ctx, &mut w),
            "performance" => other::performance(&ctx, &mut w),
            // The edition tests reject unknown keys; a custom edition's stray key
            // prints its heading and empty sentence rather than failing the build.
            _ => w.empty(),
        }
        let mut blocks = w.blocks;
        for block in &mut blocks {
            if let Block::Bars(charts::BarChart { caption, alt, .. })
            | Block::Pie(charts::PieChart { caption, alt, .. }) = block
            {
                figures += 1;
                *caption = format!("图{figures}：{caption}");
                *alt = format!("图{figures}：{alt}");
            }
        }
        sections.push(Section {
            key: spec.key.clone(),
            heading: format!("{}、{}", chinese_numeral(sections.len() + 1), spec.heading),
            blocks,
        });
    }
    Narrative {
        sections,
        unexplained: ctx.unexplained.into_inner(),
    }
}

#[cfg(test)]
mod tests {
    use crate::edition::narrative::{SECTION_KEYS, VEHICLE_KEYS};
    use crate::edition::Edition;

    #[test]
    fn editions_name_only_known_sections_and_vehicle_categories() {
        for id in Edition::builtin_ids() {
            let e = Edition::builtin(id).unwrap();
            let n = &e.narrative;
            for s in &n.sections {
                assert!(SECTION_KEYS.contains(&s.key.as_str()), "{id}: {}", s.key);
            }
            let keys: Vec<&str> = n.sections.iter().map(|s| s.key.as_str()).collect();
            assert_eq!(keys, SECTION_KEYS, "{id}: every section once, in order");
            let vehicles: Vec<&str> = n
                .vehicle_categories
                .iter()
                .map(|v| v.key.as_str())
                .collect();
            assert_eq!(vehicles, VEHICLE_KEYS, "{id}");
        }
    }
}
