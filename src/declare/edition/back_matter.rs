//! The edition's wording and layout choices for Parts 4–6: key-work headings, the
//! standard terms of 名词解释, and how the self-evaluation forms are listed and noted.

use crate::base::money::round_half_up;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyWorkLayout {
    /// Reference 001: the section titles are first listed under `titles_heading`, then
    /// the sections follow under `contents_heading`.
    pub list_titles: bool,
    pub titles_heading: String,
    pub contents_heading: String,
    /// 序号, 重要事项, 工作内容及目标, 完成情况
    pub table_header: [String; 4],
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryLayout {
    /// `（{n}）` or `{n}、`, `{n}` being the Chinese numeral.
    pub term_numbering: String,
    /// `{n}.` or `{n}、`, `{n}` being the Arabic number.
    pub code_numbering: String,
    /// Between a code's 类/款/项 path and its explanation: `。` or `：`.
    #[serde(default = "full_stop")]
    pub code_separator: String,
    /// A line closing the part, `{phone}` being the unit's 咨询电话
    /// (`咨询电话：{phone}`).
    pub closing: Option<String>,
    pub default_fiscal_level: String,
    pub fiscal_levels: Vec<FiscalLevel>,
    /// The standard terms in printed order; the entry with `functions = true` is the
    /// list of the 功能分类 codes the booklet uses.
    pub terms: Vec<TermSpec>,
}

/// A fiscal level and the words its terms use: `{fiscal}` and `{departments}`.
fn full_stop() -> String {
    "。".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiscalLevel {
    pub name: String,
    pub departments: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    pub term: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub functions: bool,
}

/// 第一部分's sections written from the input's facts (budget: 单位构成, 人员构成),
/// after the user's own sections. `{unit}`, `{year}` and the counts are filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverviewLayout {
    pub composition: Option<CompositionSpec>,
    pub staff: Option<StaffSpec>,
}

/// The budget units: `alone` when the department has no 二级预算单位, else `with_units`
/// (`{count}` of them, named in `{units}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompositionSpec {
    pub title: String,
    pub alone: String,
    pub with_units: String,
}

/// The staff counts, one paragraph per text: `{authorized}`, `{actual}`, `{retirees}`
/// (totals), `{authorized_administrative}` … `{actual_civil_servant_managed}`,
/// `{veteran}`, `{retired}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffSpec {
    pub title: String,
    pub text: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentsLayout {
    /// What Part 6 says when there is no form; absent: Part 6 is left out.
    pub when_empty: Option<String>,
    /// Reference 001: a list of the kinds of forms, and a label on each form, `{n}`
    /// being `1` for the overall form and `2-1`, `2-2`… for the project forms.
    pub listing: bool,
    pub overall_listing: String,
    pub project_listing: String,
    pub label: String,
    /// Titles, with `{year}` and `{name}`.
    pub overall_title: String,
    pub project_title: String,
    pub filled_line: String,
    pub money_line: String,
    pub scored: ScoredLayout,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredLayout {
    /// 执行率 printed with this many decimals of a percent.
    pub overall_rate_decimals: u32,
    pub project_rate_decimals: u32,
    /// Scores and 总分 printed with this many decimals.
    pub score_decimals: u32,
    /// How a score or 总分 is brought to `score_decimals`, on the overall form and on the
    /// project forms. Reference 003 rounds the overall form half-up (10 × 88.80% = 8.88
    /// prints 9) and cuts the project forms' decimals off (20 × 97.76% = 19.55 prints
    /// 19, 总分 99).
    pub overall_score_rounding: Rounding,
    pub project_score_rounding: Rounding,
    /// The points a whole form is worth.
    pub full_marks: u32,
    /// The tick boxes of 项目类别, 项目属性, 项目类型.
    pub categories: Vec<String>,
    pub attributes: Vec<String>,
    pub kinds: Vec<String>,
    /// The 备注 block under each scored form.
    pub notes_heading: String,
    pub notes: Vec<String>,
}

impl ScoredLayout {
    pub fn score_rounding(&self, project: bool) -> Rounding {
        if project {
            self.project_score_rounding
        } else {
            self.overall_score_rounding
        }
    }
}

/// How a figure is brought to its printed precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Half-up, ties away from zero: 8.88 → 9, 19.5 → 20.
    HalfUp,
    /// The decimals beyond the precision cut off: 19.55 → 19.
    Truncate,
}

impl Rounding {
    pub fn apply(self, value: Decimal, decimals: u32) -> Decimal {
        match self {
            Rounding::HalfUp => round_half_up(value, decimals),
            Rounding::Truncate => {
                let mut cut = value.round_dp_with_strategy(decimals, RoundingStrategy::ToZero);
                cut.rescale(decimals);
                cut
            }
        }
    }

    /// The rule in the words of a diagnostic.
    pub fn describe(self) -> &'static str {
        match self {
            Rounding::HalfUp => "四舍五入",
            Rounding::Truncate => "舍去尾数",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::declare::edition::Edition;

    #[test]
    fn every_edition_can_number_and_fill_its_terms() {
        for id in Edition::builtin_ids() {
            let e = Edition::builtin(id).unwrap();
            let Some(g) = &e.glossary else { continue };
            assert_eq!(g.terms.iter().filter(|t| t.functions).count(), 1, "{id}");
            assert!(
                g.terms.iter().all(|t| t.functions == t.text.is_empty()),
                "{id}"
            );
            assert!(g.term_numbering.contains("{n}") && g.code_numbering.contains("{n}"));
            assert!(
                g.fiscal_levels
                    .iter()
                    .any(|l| l.name == g.default_fiscal_level),
                "{id}"
            );
            let Some(a) = &e.attachments else { continue };
            for pattern in [&a.overall_title, &a.project_title] {
                assert!(
                    pattern.contains("{year}") && pattern.contains("{name}"),
                    "{id}"
                );
            }
            assert!(
                a.label.contains("{n}") && a.filled_line.contains("{date}"),
                "{id}"
            );
        }
    }

    #[test]
    fn scores_are_rounded_by_the_editions_rule() {
        use super::Rounding;
        use rust_decimal::Decimal;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Rounding::HalfUp.apply(d("8.88"), 0), d("9"));
        assert_eq!(Rounding::HalfUp.apply(d("19.5"), 0), d("20"));
        assert_eq!(Rounding::Truncate.apply(d("19.555"), 0), d("19"));
        assert_eq!(Rounding::Truncate.apply(d("19.555"), 1), d("19.5"));
        assert_eq!(Rounding::Truncate.apply(d("20"), 0), d("20"));
        // Reference 003's rules, as the 2024 edition declares them.
        let e = crate::declare::edition::Edition::builtin("wuhan-2024").unwrap();
        let scored = &e.attachments.as_ref().expect("wuhan-2024 has 附件").scored;
        assert_eq!(scored.score_rounding(false), Rounding::HalfUp);
        assert_eq!(scored.score_rounding(true), Rounding::Truncate);
    }
}
