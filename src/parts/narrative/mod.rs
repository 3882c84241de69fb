//! 第三部分 (决算情况说明)'s facts: gongkai computes the facts of each section from the
//! same figures as the tables, and the wording stage words them. The edition's
//! `[narrative]` says which sections exist, in which order and nesting, with which
//! headings, rows and charts; this module runs each section's fact builder (the
//! vocabulary's `FACT_BUILDERS`) and keeps its facts and chart data for the wording.
//!
//! Arithmetic works on the figures as printed (万元, two decimals, half-up): a change is
//! the difference of the two printed figures and a percentage the ratio of printed
//! figures, so every sentence checks out against itself and against the tables.

mod budget;
pub mod charts;
mod ctx;
mod funds;
mod general;
mod other;
mod sangong;
mod totals;

use crate::base::diag::Diagnostic;
use crate::declare::edition::narrative::SectionSpec;
use crate::figures::Computed;
use crate::resolve::Facts;
use ctx::Ctx;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

/// What a fact builder found for one section.
pub struct Built {
    /// Whether the input gives this section's data (an `optional` section without it is
    /// left out).
    pub given: bool,
    /// The facts its template reads, as a map.
    pub facts: Value,
    pub chart: Option<ChartData>,
}

impl Built {
    fn of(facts: impl Serialize) -> Built {
        Built {
            given: true,
            facts: serde_json::to_value(facts).unwrap_or_default(),
            chart: None,
        }
    }
}

/// A chart's figures, before the edition's words are put around them.
#[derive(Debug, Clone)]
pub enum ChartData {
    /// One group per year (last year's only when known), one printed figure per series.
    Bars {
        caption: String,
        series: Vec<String>,
        groups: Vec<(i32, Vec<Decimal>)>,
    },
    /// (label, printed figure, share as printed) of each part.
    Pie {
        caption: String,
        slices: Vec<(String, Decimal, Option<String>)>,
        empty: String,
    },
}

type Builder = fn(&Ctx, &SectionSpec) -> Built;

/// The fact builders by name: the vocabulary's `FACT_BUILDERS`, each implemented here
/// (a test checks the two lists agree).
const BUILDERS: &[(&str, Builder)] = &[
    ("totals", totals::totals),
    ("general", general::general),
    ("basic", general::basic),
    ("fund", funds::fund),
    ("capital", funds::capital),
    ("sangong", sangong::sangong),
    ("operating_costs", other::operating_costs),
    ("procurement", other::procurement),
    ("assets", other::assets),
    ("performance", other::performance),
    ("group", |_, _| Built::of(json!({}))),
    ("budget_general", budget::general),
    ("budget_basic", budget::basic),
    ("budget_sangong", budget::sangong),
    ("budget_performance", budget::performance),
    ("purchased_services", budget::purchased_services),
    ("nontax", budget::nontax),
];

fn build(c: &Ctx, spec: &SectionSpec) -> Option<Built> {
    let (_, builder) = BUILDERS.iter().find(|(name, _)| *name == spec.builder())?;
    Some(builder(c, spec))
}

/// A section whose facts are known, with its nested sections: what the wording stage
/// words. Sections left out (optional and not given) are not here.
#[derive(Debug, Clone)]
pub struct SectionFacts {
    pub spec: SectionSpec,
    /// The facts its template reads, as a map.
    pub facts: Value,
    pub chart: Option<ChartData>,
    pub sections: Vec<SectionFacts>,
}

/// The facts of 第三部分, section by section, and the edition's names gongkai did not
/// know (reported by `check` as errors).
#[derive(Debug, Clone, Default)]
pub struct Part3Facts {
    pub sections: Vec<SectionFacts>,
    pub problems: Vec<Diagnostic>,
}

/// The facts of every section the edition lays out.
pub fn facts(facts: &Facts, computed: &Computed) -> Part3Facts {
    let layout = &facts.edition.narrative;
    let mut ctx = Ctx {
        facts,
        n: &facts.narrative,
        layout,
        precision: layout.percent,
        share_method: facts.narrative.share_method.unwrap_or(layout.share_method),
        items: &computed.items,
        totals: &computed.totals,
        named: &computed.named,
        economic: &computed.economic,
        sangong: &computed.sangong,
        prior: &computed.prior,
        unknown: Default::default(),
    };
    let mut problems = Vec::new();
    let sections = walk(&mut ctx, &layout.sections, &mut problems);
    Part3Facts { sections, problems }
}

fn walk(c: &mut Ctx, specs: &[SectionSpec], problems: &mut Vec<Diagnostic>) -> Vec<SectionFacts> {
    let mut out = Vec::new();
    for spec in specs {
        let Some(built) = section(c, spec, problems) else {
            continue;
        };
        out.push(SectionFacts {
            spec: spec.clone(),
            facts: built.facts,
            chart: built.chart,
            sections: walk(c, &spec.sections, problems),
        });
    }
    out
}

/// The section's facts, or `None` when it is left out (optional and not given).
fn section(c: &mut Ctx, spec: &SectionSpec, problems: &mut Vec<Diagnostic>) -> Option<Built> {
    // The edition's decimals, the section's own, then the input's.
    c.precision = (c.layout.percent)
        .patched(&spec.percent)
        .patched(&c.n.percent);
    let built = build(c, spec);
    let unknown = std::mem::take(&mut *c.unknown.borrow_mut());
    for what in unknown {
        problems.push(problem(spec, &what));
    }
    match built {
        Some(b) if spec.optional && !b.given => None,
        Some(b) => Some(b),
        None => {
            problems.push(problem(spec, &format!("不认识的事实“{}”", spec.builder())));
            Some(Built::of(json!({})))
        }
    }
}

/// A defect of the edition's 第三部分 at a section.
pub fn problem(spec: &SectionSpec, what: &str) -> Diagnostic {
    Diagnostic::error("E0504", format!("版式的第三部分“{}”：{what}", spec.heading))
        .help("请检查版式文件 [narrative] 中这一节的 facts、figure、prior、reason 和 rows")
}

#[cfg(test)]
mod tests {
    use crate::declare::edition::Edition;
    use crate::vocab::VEHICLE_KEYS;

    #[test]
    fn every_fact_builder_of_the_vocabulary_is_implemented() {
        let implemented: Vec<&str> = super::BUILDERS.iter().map(|(name, _)| *name).collect();
        assert_eq!(implemented, crate::vocab::FACT_BUILDERS);
    }

    #[test]
    fn editions_name_only_known_names_and_vehicle_categories() {
        for id in Edition::builtin_ids() {
            let e = Edition::builtin(id).unwrap();
            let n = &e.narrative;
            assert_eq!(n.check(), [], "{id}");
            for v in &n.vehicle_categories {
                assert!(VEHICLE_KEYS.contains(&v.key.as_str()), "{id}: {}", v.key);
            }
        }
    }
}
