//! 第三部分's text: each section's facts (computed by the parts stage) worded by the
//! edition's template set (`templates/narrative/<set>/`), its headings numbered and its
//! chart captioned.

use super::templates::{TextBlock, TextTemplates};
use crate::base::diag::Diagnostic;
use crate::declare::edition::narrative::{NarrativeLayout, SectionSpec};
use crate::parts::narrative::{charts, ChartData, Part3Facts, SectionFacts};
use crate::resolve::Facts;
use serde::Serialize;
use serde_json::{json, Value};

pub use super::templates::Unexplained;

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

/// 第三部分 worded: every section the facts hold, in order.
pub fn narrative(facts: &Facts, part3: &Part3Facts) -> Narrative {
    let layout = &facts.edition.narrative;
    let templates = match TextTemplates::new(
        layout.templates.get_ref(),
        layout.inline(),
        facts.edition.format,
        facts.thousands_separator,
    ) {
        Ok(t) => t,
        Err(problem) => {
            let mut problems = part3.problems.clone();
            problems.push(*problem);
            return Narrative {
                sections: Vec::new(),
                unexplained: Vec::new(),
                problems,
            };
        }
    };
    let mut w = Writer {
        layout,
        thousands_separator: facts.thousands_separator,
        global: json!({
            "unit": {
                "name": facts.unit.name,
                "name_on_tables": facts.unit.name_on_tables,
            },
            "year": facts.unit.year,
            "last_year": facts.unit.year - 1,
            "words": layout.words,
        }),
        templates,
        problems: part3.problems.clone(),
        charts: 0,
    };
    let mut sections = Vec::new();
    for section in &part3.sections {
        let number = w.number(0, sections.len() + 1);
        let heading = w.line(&section.spec.heading, &w.global.clone());
        let blocks = w.blocks(section, &heading, 0);
        sections.push(Section {
            key: section.spec.key().to_string(),
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
    layout: &'a NarrativeLayout,
    thousands_separator: bool,
    templates: TextTemplates,
    /// `unit`, `year`, `last_year` and `words`: what every template sees.
    global: Value,
    problems: Vec<Diagnostic>,
    charts: usize,
}

impl Writer<'_> {
    fn problem(&mut self, spec: &SectionSpec, what: &str) {
        self.problems
            .push(crate::parts::narrative::problem(spec, what));
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
        let numbering = &self.layout.numbering;
        match numbering.get(level).or(numbering.last()) {
            Some(format) => self.line(&format.clone(), &json!({ "n": n })),
            None => String::new(),
        }
    }

    /// The blocks of a section at nesting `level`: its template's text, its chart, and
    /// its nested sections, sub-headings numbered one level down.
    fn blocks(&mut self, section: &SectionFacts, heading: &str, level: usize) -> Vec<Block> {
        let spec = &section.spec;
        let mut blocks = Vec::new();
        let mut subheadings = 0;
        let template = spec.template_name().filter(|name| {
            let found = self.templates.has(name);
            if !found {
                let set = self.layout.templates.get_ref();
                self.problem(spec, &format!("模板集“{set}”中没有模板“{name}”"));
            }
            found
        });
        if let Some(name) = template {
            // The edition's sentences for a section with nothing to report are one-line
            // templates like its headings (`{{ year }}年…`).
            let global = self.global.clone();
            let empty = spec.empty.as_ref().map(|e| self.line(e, &global));
            let empty_details: Vec<String> = spec
                .empty_details
                .iter()
                .map(|e| self.line(e, &global))
                .collect();
            let mut context = section.facts.clone();
            if let (Value::Object(map), Value::Object(global)) = (&mut context, &global) {
                map.extend(global.clone());
                map.insert(
                    "section".into(),
                    json!({
                        "key": spec.key(),
                        "heading": heading,
                        "subheadings": spec.subheadings,
                        "empty": empty,
                        "empty_details": empty_details,
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
        if let Some(chart) = &section.chart {
            blocks.push(self.chart(chart.clone()));
        }
        for child in &section.sections {
            subheadings += 1;
            let number = self.number(level + 1, subheadings);
            let heading = self.line(&child.spec.heading, &self.global.clone());
            blocks.push(Block::Subheading {
                text: format!("{number}{heading}"),
                level: level + 1,
            });
            blocks.extend(self.blocks(child, &heading, level + 1));
        }
        blocks
    }

    /// The chart, numbered across the part, with the edition's caption, unit, year
    /// labels and alt text (the set's `chart_alt` template).
    fn chart(&mut self, chart: ChartData) -> Block {
        self.charts += 1;
        let n = self.charts;
        let words = self.layout.charts.clone();
        let unit = self.line(&words.unit, &self.global.clone());
        let sep = self.thousands_separator;
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
