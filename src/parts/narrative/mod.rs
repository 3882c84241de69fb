//! 第三部分 (决算情况说明): gongkai computes the facts of each section from the same
//! figures as the tables, and the edition words them. The edition's `[narrative]` says
//! which sections exist, in which order and nesting, with which headings, rows and
//! charts; its template set (`templates/narrative/<set>/`) turns each section's facts
//! into sentences (see `render::text`). This module runs a section's fact builder,
//! renders its template, numbers its headings and draws its chart.
//!
//! Arithmetic works on the figures as printed (万元, two decimals, half-up): a change is
//! the difference of the two printed figures and a percentage the ratio of printed
//! figures, so every sentence checks out against itself and against the tables.

mod budget;
mod change;
pub mod charts;
mod ctx;
pub mod facts;
mod funds;
mod general;
mod other;
mod sangong;
mod totals;

use super::figures::Figures;
use super::resolve::Facts;
use super::{EconomicSpending, SangongTable};
use crate::diag::Diagnostic;
use crate::edition::narrative::SectionSpec;
use crate::money::Money;
use crate::render::text::{TextBlock, TextTemplates};
use ctx::Ctx;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub use crate::render::text::Unexplained;
pub use facts::NarrativeFacts;

#[derive(Debug, Clone, Serialize)]
pub struct Narrative {
    pub sections: Vec<Section>,
    /// Changes and deviations stated without the user's reason (rule W501).
    #[serde(skip)]
    pub unexplained: Vec<Unexplained>,
    /// The edition's templates or names failing (reported by `check` as errors).
    #[serde(skip)]
    pub problems: Vec<Diagnostic>,
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
    /// `（一）一般公共预算财政拨款支出决算总体情况`: a template's sub-heading or a
    /// nested section's heading; `level` 1 is the first level below the section.
    Subheading {
        text: String,
        level: usize,
    },
    Paragraph {
        text: String,
    },
    Bars(charts::BarChart),
    Pie(charts::PieChart),
}

impl Narrative {
    /// Every heading, paragraph and sub-heading, in order (for tests and checks).
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
            Block::Subheading { text, .. } | Block::Paragraph { text } => Some(text),
            _ => None,
        }
    }
}

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

fn build(c: &Ctx, spec: &SectionSpec) -> Option<Built> {
    Some(match spec.builder() {
        "totals" => totals::totals(c, spec),
        "general" => general::general(c, spec),
        "basic" => general::basic(c, spec),
        "fund" => funds::fund(c, spec),
        "capital" => funds::capital(c, spec),
        "sangong" => sangong::sangong(c, spec),
        "operating_costs" => other::operating_costs(c, spec),
        "procurement" => other::procurement(c, spec),
        "assets" => other::assets(c, spec),
        "performance" => other::performance(c, spec),
        "group" => Built::of(json!({})),
        "budget_general" => budget::general(c, spec),
        "budget_basic" => budget::basic(c, spec),
        "budget_sangong" => budget::sangong(c, spec),
        "budget_performance" => budget::performance(c, spec),
        "purchased_services" => budget::purchased_services(c, spec),
        "nontax" => budget::nontax(c, spec),
        _ => return None,
    })
}

pub fn narrative(
    facts: &Facts,
    totals: &Figures,
    named: &BTreeMap<&'static str, Money>,
    economic: &EconomicSpending,
    sangong: &SangongTable,
) -> Narrative {
    let layout = &facts.edition.narrative;
    let ctx = Ctx {
        facts,
        n: &facts.narrative,
        layout,
        precision: layout.percent,
        share_method: facts.narrative.share_method.unwrap_or(layout.share_method),
        totals,
        named,
        economic,
        sangong,
        unknown: Default::default(),
    };
    let templates = match TextTemplates::new(
        layout.templates.get_ref(),
        layout.inline(),
        facts.thousands_separator,
    ) {
        Ok(t) => t,
        Err(problem) => {
            return Narrative {
                sections: Vec::new(),
                unexplained: Vec::new(),
                problems: vec![*problem],
            }
        }
    };
    let mut w = Writer {
        global: json!({
            "unit": {
                "name": facts.unit.name,
                "name_on_tables": facts.unit.name_on_tables,
            },
            "year": facts.unit.year,
            "last_year": facts.unit.year - 1,
            "words": layout.words,
        }),
        ctx,
        templates,
        problems: Vec::new(),
        charts: 0,
    };
    let mut sections = Vec::new();
    for spec in &layout.sections {
        let Some(built) = w.facts(spec) else {
            continue;
        };
        let number = w.number(0, sections.len() + 1);
        let heading = w.line(&spec.heading, &w.global.clone());
        let blocks = w.blocks(spec, built, &heading, 0);
        sections.push(Section {
            key: spec.key().to_string(),
            heading: format!("{number}{heading}"),
            blocks,
        });
    }
    let mut problems: Vec<Diagnostic> = Vec::new();
    for p in w.problems {
        if !problems.iter().any(|q| q.message == p.message) {
            problems.push(p);
        }
    }
    Narrative {
        sections,
        unexplained: w.templates.take_unexplained(),
        problems,
    }
}

/// Renders sections in order, keeping the chart count and the problems found.
struct Writer<'a> {
    ctx: Ctx<'a>,
    templates: TextTemplates,
    /// `unit`, `year`, `last_year` and `words`: what every template sees.
    global: Value,
    problems: Vec<Diagnostic>,
    charts: usize,
}

impl Writer<'_> {
    /// The section's facts, or `None` when it is left out (optional and not given).
    fn facts(&mut self, spec: &SectionSpec) -> Option<Built> {
        // The edition's decimals, the section's own, then the input's.
        self.ctx.precision = (self.ctx.layout.percent)
            .patched(&spec.percent)
            .patched(&self.ctx.n.percent);
        let built = build(&self.ctx, spec);
        let unknown = std::mem::take(&mut *self.ctx.unknown.borrow_mut());
        for what in unknown {
            self.problem(spec, &what);
        }
        match built {
            Some(b) if spec.optional && !b.given => None,
            Some(b) => Some(b),
            None => {
                self.problem(spec, &format!("不认识的事实“{}”", spec.builder()));
                Some(Built::of(json!({})))
            }
        }
    }

    fn problem(&mut self, spec: &SectionSpec, what: &str) {
        self.problems.push(
            Diagnostic::error("E0504", format!("版式的第三部分“{}”：{what}", spec.heading))
                .help("请检查版式文件 [narrative] 中这一节的 facts、figure、prior、reason 和 rows"),
        );
    }

    /// A one-line template of the edition (a heading, a number, a caption).
    fn line(&mut self, source: &str, facts: &Value) -> String {
        match self.templates.render_line(source, facts) {
            Ok(text) => text,
            Err(problem) => {
                self.problems.push(*problem);
                String::new()
            }
        }
    }

    /// `一、`, `（二）`: the number of the `n`th heading at nesting `level`.
    fn number(&mut self, level: usize, n: usize) -> String {
        let numbering = &self.ctx.layout.numbering;
        match numbering.get(level).or(numbering.last()) {
            Some(format) => self.line(&format.clone(), &json!({ "n": n })),
            None => String::new(),
        }
    }

    /// The blocks of a section at nesting `level`: its template's text, its chart, and
    /// its nested sections, sub-headings numbered one level down.
    fn blocks(
        &mut self,
        spec: &SectionSpec,
        built: Built,
        heading: &str,
        level: usize,
    ) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut subheadings = 0;
        let template = spec.template_name().filter(|name| {
            let found = self.templates.has(name);
            if !found {
                let set = self.ctx.layout.templates.get_ref();
                self.problem(spec, &format!("模板集“{set}”中没有模板“{name}”"));
            }
            found
        });
        if let Some(name) = template {
            let mut context = built.facts;
            if let (Value::Object(map), Value::Object(global)) = (&mut context, &self.global) {
                map.extend(global.clone());
                map.insert(
                    "section".into(),
                    json!({
                        "key": spec.key(),
                        "heading": heading,
                        "subheadings": spec.subheadings,
                        "empty": spec.empty,
                        "empty_details": spec.empty_details,
                    }),
                );
            }
            let rendered = self.templates.render(name, &context);
            for block in rendered.unwrap_or_else(|p| {
                self.problems.push(*p);
                Vec::new()
            }) {
                blocks.push(match block {
                    TextBlock::Paragraph(text) => Block::Paragraph { text },
                    TextBlock::Subheading(text) => {
                        subheadings += 1;
                        let number = self.number(level + 1, subheadings);
                        Block::Subheading {
                            text: format!("{number}{text}"),
                            level: level + 1,
                        }
                    }
                });
            }
        }
        if let Some(chart) = built.chart {
            blocks.push(self.chart(chart));
        }
        for child in &spec.sections {
            let Some(built) = self.facts(child) else {
                continue;
            };
            subheadings += 1;
            let number = self.number(level + 1, subheadings);
            let heading = self.line(&child.heading, &self.global.clone());
            blocks.push(Block::Subheading {
                text: format!("{number}{heading}"),
                level: level + 1,
            });
            blocks.extend(self.blocks(child, built, &heading, level + 1));
        }
        blocks
    }

    /// The chart, numbered across the part, with the edition's caption, unit, year
    /// labels and alt text (the set's `chart_alt` template).
    fn chart(&mut self, chart: ChartData) -> Block {
        self.charts += 1;
        let n = self.charts;
        let words = self.ctx.layout.charts.clone();
        let unit = self.line(&words.unit, &self.global.clone());
        let sep = self.ctx.facts.thousands_separator;
        let caption_of = |w: &mut Self, caption: &str| {
            w.line(&words.caption, &json!({ "n": n, "caption": caption }))
        };
        let mut block = match chart {
            ChartData::Bars {
                caption,
                series,
                groups,
            } => {
                let caption = caption_of(self, &caption);
                let groups = groups
                    .into_iter()
                    .map(|(year, values)| {
                        (self.line(&words.year, &json!({ "year": year })), values)
                    })
                    .collect();
                Block::Bars(charts::bars(caption, unit, series, groups, sep))
            }
            ChartData::Pie {
                caption,
                slices,
                empty,
            } => {
                let caption = caption_of(self, &caption);
                Block::Pie(charts::pie(caption, unit, slices, sep, empty))
            }
        };
        let alt = if self.templates.has("chart_alt") {
            match self
                .templates
                .render("chart_alt", &json!({ "chart": &block }))
            {
                Ok(blocks) => blocks
                    .iter()
                    .map(|b| match b {
                        TextBlock::Paragraph(t) | TextBlock::Subheading(t) => t.as_str(),
                    })
                    .collect(),
                Err(p) => {
                    self.problems.push(*p);
                    String::new()
                }
            }
        } else {
            String::new()
        };
        match &mut block {
            Block::Bars(c) => {
                c.alt = if alt.is_empty() {
                    c.caption.clone()
                } else {
                    alt
                }
            }
            Block::Pie(c) => {
                c.alt = if alt.is_empty() {
                    c.caption.clone()
                } else {
                    alt
                }
            }
            _ => {}
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use crate::edition::narrative::VEHICLE_KEYS;
    use crate::edition::Edition;

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
