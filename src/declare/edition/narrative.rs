//! The edition's 第三部分 (the 情况说明): which sections exist, in which order
//! and nesting, their headings, sub-headings and "no such item" sentences, the rows and
//! charts a section lists, the template set that words them, and the precision its
//! percentages are printed with. gongkai computes the facts; everything printed in
//! words comes from here and from the edition's templates (`templates/narrative/`).

use crate::declare::template_sets;
use crate::vocab::{FACT_BUILDERS, PRIOR_FIGURES};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// A name the edition gives (a builder, template, figure, prior figure or reason),
/// kept with its place in the edition file for load-time errors.
pub type Name = Spanned<String>;

fn name(n: &Option<Name>) -> Option<&str> {
    n.as_ref().map(|n| n.get_ref().as_str())
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeLayout {
    /// The built-in template set that words the sections: `templates/narrative/<set>/`.
    pub templates: Name,
    /// Templates written in the edition itself, by name; each replaces (or adds to) the
    /// set's template of that name (`overall`, `macros`, …).
    #[serde(default)]
    pub inline_templates: BTreeMap<String, Name>,
    /// How headings are numbered, by nesting level, as templates of `n`:
    /// `["{{ n | chinese }}、", "（{{ n | chinese }}）"]`. A level without its own
    /// entry uses the last one.
    pub numbering: Vec<String>,
    /// Words the templates use that differ between editions sharing a template set
    /// (`we = "我单位"`, `item_grouping = "class"`); the templates read them as `words`.
    #[serde(default)]
    pub words: BTreeMap<String, String>,
    /// How shares of a breakdown are rounded (see [`ShareMethod`]).
    #[serde(default)]
    pub share_method: ShareMethod,
    pub percent: Precision,
    /// The vehicle categories of the assets section, in printed order, with labels.
    #[serde(default)]
    pub vehicle_categories: Vec<VehicleCategory>,
    /// How charts are captioned and labelled.
    pub charts: ChartWords,
    pub sections: Vec<SectionSpec>,
    /// Changes and deviations the text must explain (rule W501): keys of
    /// `[narrative.reasons]`, and `items` for a 项's 决算 differing from its 年初预算.
    #[serde(default)]
    pub reasons_required: Vec<String>,
}

/// Shares of a breakdown (收入结构, 支出结构, 类 structure) are each rounded half-up;
/// they may then add up to 99.9% or 100.1%. `LargestRemainder` rounds them so that they
/// add up to exactly 100% (Hamilton's method at the printed precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareMethod {
    #[default]
    HalfUp,
    LargestRemainder,
}

impl ShareMethod {
    pub fn parse(text: &str) -> Option<ShareMethod> {
        match text {
            "half_up" => Some(ShareMethod::HalfUp),
            "largest_remainder" => Some(ShareMethod::LargestRemainder),
            _ => None,
        }
    }
}

/// Decimals printed for each kind of percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Precision {
    /// 增长/下降 x% against last year.
    pub change: u32,
    /// 占本年收入/支出 x%, and the other shares of a whole.
    pub share: u32,
    /// Each 类's share of 一般公共预算财政拨款支出.
    pub class_share: u32,
    /// 完成年初预算/全年预算的 x% (totals, 三公, projects).
    pub completion: u32,
    /// Each 项's 完成年初预算的 x%.
    pub item_completion: u32,
}

impl Precision {
    /// These decimals with the ones `patch` gives instead.
    pub fn patched(self, patch: &PrecisionPatch) -> Precision {
        Precision {
            change: patch.change.unwrap_or(self.change),
            share: patch.share.unwrap_or(self.share),
            class_share: patch.class_share.unwrap_or(self.class_share),
            completion: patch.completion.unwrap_or(self.completion),
            item_completion: patch.item_completion.unwrap_or(self.item_completion),
        }
    }
}

/// Some kinds of percentage printed with other decimals (a section's own, or the
/// input's `[narrative.percent]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrecisionPatch {
    pub change: Option<u32>,
    pub share: Option<u32>,
    pub class_share: Option<u32>,
    pub completion: Option<u32>,
    pub item_completion: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleCategory {
    pub key: String,
    pub label: String,
}

/// The words around the charts, each a template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartWords {
    /// The numbered caption, of `n` and `caption`: `图{{ n }}：{{ caption }}`.
    pub caption: String,
    /// The unit line: `单位：万元`.
    pub unit: String,
    /// A bar group's label, of `year`: `{{ year }}年度`.
    pub year: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// The section's name: which facts it states unless `facts` says otherwise, and its
    /// template unless `template` does.
    pub key: Name,
    /// The fact builder (one of [`FACT_BUILDERS`]); default: `key`.
    pub facts: Option<Name>,
    /// The template that words it; default: `key` (a `group` has none).
    pub template: Option<Name>,
    /// Without its number, a template: `收入支出决算总体情况说明`.
    pub heading: String,
    /// Sub-headings the template places, without their numbers.
    #[serde(default)]
    pub subheadings: Vec<String>,
    /// The sentence printed when the unit has nothing to report here.
    pub empty: Option<String>,
    /// Further sentences of an empty section (三公: one per item).
    #[serde(default)]
    pub empty_details: Vec<String>,
    /// Left out entirely (numbering closes up) when the input does not give its data.
    #[serde(default)]
    pub optional: bool,
    /// This section's percentages with other decimals than the layout's `percent`
    /// (the input's `[narrative.percent]` still wins).
    #[serde(default)]
    pub percent: PrecisionPatch,
    /// `totals`: the named figure the section states (`income_grand_total`).
    pub figure: Option<Name>,
    /// Last year's figure it is compared with (a field of `[previous]`: `total`).
    pub prior: Option<Name>,
    /// The `[narrative.reasons]` key that explains the change (`total`).
    pub reason: Option<Name>,
    /// `totals`: the 功能分类 figure whose 类 are listed (each 类 printing as not zero,
    /// with its name): `spending_total`, `fiscal_spending`.
    pub class_figure: Option<Name>,
    /// `totals`: the rows listed under the figure, each printed when not zero (or when
    /// last year's was not).
    #[serde(default)]
    pub rows: Vec<FigureRow>,
    /// The chart that follows the section's text.
    pub chart: Option<ChartSpec>,
    /// Sections nested in this one, numbered one level down.
    #[serde(default)]
    pub sections: Vec<SectionSpec>,
}

impl SectionSpec {
    pub fn key(&self) -> &str {
        self.key.get_ref()
    }

    /// The fact builder's name, and where it is written.
    pub fn builder(&self) -> &str {
        name(&self.facts).unwrap_or(self.key())
    }

    fn builder_span(&self) -> Range<usize> {
        self.facts.as_ref().unwrap_or(&self.key).span()
    }

    pub fn template_name(&self) -> Option<&str> {
        match (&self.template, self.builder()) {
            (Some(t), _) => Some(t.get_ref()),
            (None, "group") => None,
            (None, _) => Some(self.key()),
        }
    }

    pub fn figure(&self) -> Option<&str> {
        name(&self.figure)
    }

    pub fn prior(&self) -> Option<&str> {
        name(&self.prior)
    }

    pub fn reason(&self) -> Option<&str> {
        name(&self.reason)
    }
}

/// A listed figure: its label, its named figure, and optionally last year's figure and
/// the reason key its change is explained by.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureRow {
    pub label: String,
    pub figure: Name,
    pub prior: Option<Name>,
    pub reason: Option<Name>,
}

impl FigureRow {
    pub fn figure(&self) -> &str {
        self.figure.get_ref()
    }

    pub fn prior(&self) -> Option<&str> {
        name(&self.prior)
    }

    pub fn reason(&self) -> Option<&str> {
        name(&self.reason)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// Without its number: `收入决算结构`.
    pub caption: String,
    /// Bars: one series per row (last year's bar is the row's `prior`).
    #[serde(default)]
    pub series: Vec<FigureRow>,
    /// Pie: shown instead of the pie when the section lists no rows.
    pub empty: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Last year against this year, one bar per series.
    Bars,
    /// The section's rows as parts of a whole.
    Pie,
}

impl NarrativeLayout {
    /// The templates written in the edition: (name, source).
    pub fn inline(&self) -> impl Iterator<Item = (&str, &str)> {
        self.inline_templates
            .iter()
            .map(|(name, text)| (name.as_str(), text.get_ref().as_str()))
    }

    /// Every section, nested ones after their parent, in printed order.
    pub fn all_sections(&self) -> Vec<&SectionSpec> {
        fn walk<'a>(specs: &'a [SectionSpec], out: &mut Vec<&'a SectionSpec>) {
            for s in specs {
                out.push(s);
                walk(&s.sections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// Load-time check: the template set exists and the edition's own templates parse,
    /// and every name is known (see [`NarrativeLayout::problems`]).
    pub fn check(&self) -> Vec<LayoutProblem> {
        let templates = match template_sets::names(self.templates.get_ref(), self.inline()) {
            Ok(names) => names,
            Err(d) => {
                // Point at the edition's template the message names, else at the set.
                let span = self
                    .inline_templates
                    .iter()
                    .find(|(name, _)| d.message.contains(&format!("'{name}'")))
                    .map_or_else(|| self.templates.span(), |(_, t)| t.span());
                return vec![LayoutProblem {
                    code: d.code,
                    message: d.message,
                    span,
                }];
            }
        };
        let figures: Vec<&str> = crate::vocab::unit_figures().collect();
        self.problems(&templates, &figures, |r| crate::vocab::REASONS.contains(&r))
    }

    /// What in the layout names something gongkai does not know — a template set or
    /// template, a fact builder, a figure (`figures`: the unit's figure names), a prior
    /// figure or a reason — each with its place. `templates` are the set's and the
    /// edition's template names. Empty when the layout is sound.
    pub fn problems(
        &self,
        templates: &[String],
        figures: &[&str],
        is_reason: impl Fn(&str) -> bool,
    ) -> Vec<LayoutProblem> {
        let mut found = Vec::new();
        let mut problem = |code: &'static str, message: String, span: Range<usize>| {
            found.push(LayoutProblem {
                code,
                message,
                span,
            })
        };
        for s in self.all_sections() {
            let at = format!("第三部分“{}”", s.heading);
            if !FACT_BUILDERS.contains(&s.builder()) {
                problem(
                    "E0504",
                    format!(
                        "{at}：不认识的事实“{}”，应为 {} 之一",
                        s.builder(),
                        FACT_BUILDERS.join("、")
                    ),
                    s.builder_span(),
                );
            }
            if let Some(t) = s.template_name() {
                if !templates.iter().any(|n| n == t) {
                    let set = self.templates.get_ref();
                    let span = s.template.as_ref().unwrap_or(&s.key).span();
                    problem("E0504", format!("{at}：模板集“{set}”中没有模板“{t}”"), span);
                }
            }
            let rows: Vec<&FigureRow> = s
                .rows
                .iter()
                .chain(s.chart.iter().flat_map(|c| c.series.iter()))
                .collect();
            let named = s.figure.iter().chain(rows.iter().map(|r| &r.figure));
            for f in named {
                if !figures.contains(&f.get_ref().as_str()) {
                    problem(
                        "E0244",
                        format!("{at}：不认识的数“{}”", f.get_ref()),
                        f.span(),
                    );
                }
            }
            if let Some(f) = &s.class_figure {
                if !crate::vocab::row_figures().any(|n| n == f.get_ref()) {
                    problem(
                        "E0244",
                        format!("{at}：不认识的功能分类数“{}”", f.get_ref()),
                        f.span(),
                    );
                }
            }
            let priors = s
                .prior
                .iter()
                .chain(rows.iter().filter_map(|r| r.prior.as_ref()));
            for p in priors {
                if !PRIOR_FIGURES.contains(&p.get_ref().as_str()) {
                    problem(
                        "E0504",
                        format!(
                            "{at}：不认识的上年数“{}”，应为 {} 之一",
                            p.get_ref(),
                            PRIOR_FIGURES.join("、")
                        ),
                        p.span(),
                    );
                }
            }
            let reasons = s
                .reason
                .iter()
                .chain(rows.iter().filter_map(|r| r.reason.as_ref()));
            for r in reasons {
                if !is_reason(r.get_ref()) {
                    problem(
                        "E0504",
                        format!(
                            "{at}：不认识的原因“{}”（[narrative.reasons] 中没有这一项）",
                            r.get_ref()
                        ),
                        r.span(),
                    );
                }
            }
        }
        found
    }
}

/// A defect of the layout, found when the edition is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutProblem {
    pub code: &'static str,
    pub message: String,
    pub span: Range<usize>,
}
