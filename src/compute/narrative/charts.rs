//! The data of the charts 图1–图4, ready to draw: labels and values as printed text,
//! bar heights and slice angles computed here in Decimal. The Typst side
//! (`templates/lib/charts.typ`) only draws what it is given.

use super::write::amount_text;
use crate::compute::percent::Percent;
use crate::money::round_half_up;
use rust_decimal::Decimal;
use serde::Serialize;

const UNIT: &str = "单位：万元";

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

/// `groups`: (label, one printed figure per series).
pub fn bars(
    caption: &str,
    series: &[&str],
    groups: Vec<(String, Vec<Decimal>)>,
    sep: bool,
) -> BarChart {
    let max = groups
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or_default();
    let alt = groups
        .iter()
        .map(|(label, values)| {
            let bars: Vec<String> = series
                .iter()
                .zip(values)
                .map(|(name, v)| format!("{name}{}万元", amount_text(*v, sep)))
                .collect();
            format!("{label}{}", bars.join("，"))
        })
        .collect::<Vec<_>>()
        .join("；");
    BarChart {
        alt: format!("{caption}：{alt}。"),
        caption: caption.to_string(),
        unit: UNIT.to_string(),
        series: series.iter().map(|s| s.to_string()).collect(),
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
/// are left out; when nothing is left, the chart carries `empty_note`.
pub fn pie(
    caption: &str,
    parts: Vec<(String, Decimal, Option<Percent>)>,
    sep: bool,
    empty_note: &str,
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
            percent: share.map(|p| p.to_string()).unwrap_or_default(),
            start,
            end: angle(before),
        });
    }
    let alt = if slices.is_empty() {
        empty_note.to_string()
    } else {
        slices
            .iter()
            .map(|s| format!("{}{}万元，占{}", s.label, s.value, s.percent))
            .collect::<Vec<_>>()
            .join("；")
    };
    PieChart {
        alt: format!("{caption}：{alt}。"),
        caption: caption.to_string(),
        unit: UNIT.to_string(),
        note: slices.is_empty().then(|| empty_note.to_string()),
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
            "x",
            &["收入总计", "支出总计"],
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
        let all_zero = bars("x", &["a"], vec![("2024年度".into(), vec![d("0")])], false);
        assert_eq!(all_zero.groups[0].bars[0].ratio, "0");
    }

    #[test]
    fn pie_angles_follow_the_printed_parts() {
        let share = |s: &str| Percent::of(d(s), d("100"), 1);
        let c = pie(
            "x",
            vec![
                ("基本支出".into(), d("150.65"), share("99.9")),
                ("项目支出".into(), d("0.15"), share("0.1")),
                ("经营支出".into(), d("0"), None),
            ],
            false,
            "无",
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
            "x",
            vec![("财政拨款收入".into(), d("852.68"), share("100"))],
            false,
            "无",
        );
        assert_eq!(
            (
                single.slices[0].start.as_str(),
                single.slices[0].end.as_str()
            ),
            ("0.00", "360.00")
        );
        let none = pie("x", vec![("a".into(), d("0"), None)], false, "本年无收入");
        assert_eq!(none.note.as_deref(), Some("本年无收入"));
    }
}
