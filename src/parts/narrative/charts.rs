//! The geometry of the charts 图1–图4, ready to draw: values as printed text, bar
//! heights and slice angles computed here in Decimal. Captions, labels and the alt text
//! are the edition's words (see `narrative::chart_block`); the Typst side
//! (`templates/lib/charts.typ`) only draws what it is given.

use crate::base::money::{group_thousands, round_half_up};
use rust_decimal::Decimal;
use serde::Serialize;

/// A printed 万元 figure on a chart: `150.79`, `1,463.06`; zero is `0`.
fn amount_text(printed: Decimal, sep: bool) -> String {
    if printed.is_zero() {
        "0".to_string()
    } else {
        group_thousands(printed, sep)
    }
}

/// Grouped bars: one group per year, one bar per series.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub caption: String,
    /// The chart in words, for readers who cannot see it (PDF alt text).
    pub alt: String,
    pub unit: String,
    pub series: Vec<String>,
    pub groups: Vec<BarGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarGroup {
    pub label: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Printed on top of the bar: `150.79`.
    pub value: String,
    /// Height relative to the tallest bar, 0–1, four decimals.
    pub ratio: String,
}

/// A pie: the parts of a whole, each with its printed value and share.
#[derive(Debug, Clone, Serialize)]
pub struct PieChart {
    pub caption: String,
    /// The chart in words, for readers who cannot see it (PDF alt text).
    pub alt: String,
    pub unit: String,
    pub slices: Vec<Slice>,
    /// Shown instead of the pie when there is nothing to divide.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Slice {
    pub label: String,
    pub value: String,
    pub percent: String,
    /// Degrees clockwise from twelve o'clock, two decimals.
    pub start: String,
    pub end: String,
}

/// `groups`: (label, one printed figure per series). The alt text is left to fill.
pub fn bars(
    caption: String,
    unit: String,
    series: Vec<String>,
    groups: Vec<(String, Vec<Decimal>)>,
    sep: bool,
) -> BarChart {
    let max = groups
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or_default();
    BarChart {
        alt: String::new(),
        caption,
        unit,
        series,
        groups: groups
            .into_iter()
            .map(|(label, values)| BarGroup {
                label,
                bars: values
                    .into_iter()
                    .map(|v| Bar {
                        value: amount_text(v, sep),
                        ratio: if max.is_zero() {
                            "0".to_string()
                        } else {
                            round_half_up(v / max, 4).to_string()
                        },
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `parts`: (label, printed figure, its share as printed in the text). Parts of zero
/// are left out; when nothing is left, the chart carries `empty_note`. The alt text is
/// left to fill.
pub fn pie(
    caption: String,
    unit: String,
    parts: Vec<(String, Decimal, Option<String>)>,
    sep: bool,
    empty_note: String,
) -> PieChart {
    let parts: Vec<_> = parts.into_iter().filter(|(_, v, _)| !v.is_zero()).collect();
    let sum: Decimal = parts.iter().map(|(_, v, _)| *v).sum();
    let mut slices = Vec::new();
    let mut before = Decimal::ZERO;
    for (label, value, share) in parts {
        let angle = |upto: Decimal| round_half_up(upto * Decimal::from(360) / sum, 2).to_string();
        let start = angle(before);
        before += value;
        slices.push(Slice {
            label,
            value: amount_text(value, sep),
            percent: share.unwrap_or_default(),
            start,
            end: angle(before),
        });
    }
    PieChart {
        alt: String::new(),
        caption,
        unit,
        note: slices.is_empty().then_some(empty_note),
        slices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn bars_scale_to_the_tallest_and_survive_a_zero_year() {
        let c = bars(
            "x".into(),
            "单位：万元".into(),
            vec!["收入总计".into(), "支出总计".into()],
            vec![
                ("2023年度".into(), vec![d("0"), d("0")]),
                ("2024年度".into(), vec![d("150.79"), d("75.395")]),
            ],
            false,
        );
        let ratios: Vec<&str> = c
            .groups
            .iter()
            .flat_map(|g| g.bars.iter().map(|b| b.ratio.as_str()))
            .collect();
        assert_eq!(ratios, ["0.0000", "0.0000", "1.0000", "0.5000"]);
        assert_eq!(c.groups[0].bars[0].value, "0");
        let all_zero = bars(
            "x".into(),
            String::new(),
            vec!["a".into()],
            vec![("2024年度".into(), vec![d("0")])],
            false,
        );
        assert_eq!(all_zero.groups[0].bars[0].ratio, "0");
    }

    #[test]
    fn pie_angles_follow_the_printed_parts() {
        let share = |s: &str| Some(s.to_string());
        let c = pie(
            "x".into(),
            String::new(),
            vec![
                ("基本支出".into(), d("150.65"), share("99.9%")),
                ("项目支出".into(), d("0.15"), share("0.1%")),
                ("经营支出".into(), d("0"), None),
            ],
            false,
            "无".into(),
        );
        assert_eq!(c.slices.len(), 2);
        assert_eq!(
            (c.slices[0].start.as_str(), c.slices[0].end.as_str()),
            ("0.00", "359.64")
        );
        assert_eq!(c.slices[1].end, "360.00");
        assert_eq!(c.slices[1].percent, "0.1%");
        assert!(c.note.is_none());
        let single = pie(
            "x".into(),
            String::new(),
            vec![("财政拨款收入".into(), d("852.68"), share("100%"))],
            false,
            "无".into(),
        );
        assert_eq!(
            (
                single.slices[0].start.as_str(),
                single.slices[0].end.as_str()
            ),
            ("0.00", "360.00")
        );
        let none = pie(
            "x".into(),
            String::new(),
            vec![("a".into(), d("0"), None)],
            false,
            "本年无收入".into(),
        );
        assert_eq!(none.note.as_deref(), Some("本年无收入"));
    }
}
