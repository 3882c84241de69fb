//! The edition's 第三部分 (the 情况说明): which sections exist, in which order
//! and nesting, their headings, sub-headings and "no such item" sentences, the rows and
//! charts a section lists, the template set that words them, and the precision its
//! percentages are printed with. gongkai computes the facts; everything printed in
//! words comes from here and from the edition's templates (`templates/narrative/`).

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeLayout {
    /// The built-in template set that words the sections: `templates/narrative/<set>/`.
    pub templates: String,
    /// Templates written in the edition itself, by name; each replaces (or adds to) the
    /// set's template of that name (`overall`, `macros`, …).
    #[serde(default)]
    pub inline_templates: BTreeMap<String, String>,
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
    pub key: String,
    /// The fact builder (one of [`FACT_BUILDERS`]); default: `key`.
    pub facts: Option<String>,
    /// The template that words it; default: `key` (a `group` has none).
    pub template: Option<String>,
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
    /// `totals`: the named figure the section states (`income_grand_total`).
    pub figure: Option<String>,
    /// Last year's figure it is compared with (a field of `[previous]`: `total`).
    pub prior: Option<String>,
    /// The `[narrative.reasons]` key that explains the change (`total`).
    pub reason: Option<String>,
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
    pub fn builder(&self) -> &str {
        self.facts.as_deref().unwrap_or(&self.key)
    }

    pub fn template_name(&self) -> Option<&str> {
        match (&self.template, self.builder()) {
            (Some(t), _) => Some(t),
            (None, "group") => None,
            (None, _) => Some(&self.key),
        }
    }
}

/// A listed figure: its label, its named figure, and optionally last year's figure and
/// the reason key its change is explained by.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureRow {
    pub label: String,
    pub figure: String,
    pub prior: Option<String>,
    pub reason: Option<String>,
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

/// The fact builders gongkai has: what a section's template can be told.
pub const FACT_BUILDERS: &[&str] = &[
    "totals",
    "general",
    "basic",
    "fund",
    "capital",
    "sangong",
    "operating_costs",
    "procurement",
    "assets",
    "performance",
    "group",
];

/// Last year's figures a section may compare with (the fields of `[previous]`).
pub const PRIOR_FIGURES: &[&str] = &[
    "total",
    "income",
    "spending",
    "fiscal_total",
    "general_income",
    "fund_income",
    "capital_income",
    "general_spending",
    "operating_costs",
];

/// The vehicle categories the input may count (`[narrative.assets.vehicles]`).
pub const VEHICLE_KEYS: &[&str] = &[
    "leaders",
    "heads",
    "confidential",
    "emergency",
    "enforcement",
    "special",
    "retirees",
    "other",
];

impl NarrativeLayout {
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

    /// What in the layout names something gongkai does not know: a fact builder, a
    /// figure (`is_figure` says which names the unit's figures have), a prior figure or
    /// a reason key (`is_reason`). Empty when the layout is sound.
    pub fn unknown_names(
        &self,
        is_figure: impl Fn(&str) -> bool,
        is_reason: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        let figure = |name: &str, what: &str, problems: &mut Vec<String>| {
            if !is_figure(name) {
                problems.push(format!("{what}：不认识的数“{name}”"));
            }
        };
        for s in self.all_sections() {
            let at = format!("第三部分“{}”", s.heading);
            if !FACT_BUILDERS.contains(&s.builder()) {
                problems.push(format!("{at}：不认识的事实“{}”", s.builder()));
            }
            let rows = s
                .rows
                .iter()
                .chain(s.chart.iter().flat_map(|c| c.series.iter()));
            for name in s.figure.iter().chain(rows.clone().map(|r| &r.figure)) {
                figure(name, &at, &mut problems);
            }
            let priors = s
                .prior
                .iter()
                .chain(rows.clone().filter_map(|r| r.prior.as_ref()));
            for p in priors {
                if !PRIOR_FIGURES.contains(&p.as_str()) {
                    problems.push(format!("{at}：不认识的上年数“{p}”"));
                }
            }
            let reasons = s
                .reason
                .iter()
                .chain(rows.filter_map(|r| r.reason.as_ref()));
            for r in reasons {
                if !is_reason(r) {
                    problems.push(format!("{at}：不认识的原因“{r}”"));
                }
            }
        }
        problems
    }
}
