//! `totals`: a named figure against last year, the rows listed under it with their
//! shares (and, where the edition gives last year's, their own changes), and the chart
//! that follows. The 决算's sections 一 to 四 are of this kind.

use super::ctx::Ctx;
use super::{Built, ChartData};
use crate::base::money::Money;
use crate::declare::edition::narrative::{ChartKind, SectionSpec};
use crate::figures::change::ChangeFact;
use serde::Serialize;

#[derive(Serialize)]
struct TotalsFacts {
    /// The section's figure (`figure`).
    total: Money,
    /// Against last year's `prior`, explained by `reason`; null when the edition
    /// compares with nothing.
    change: Option<ChangeFact>,
    /// The edition's rows that print as not zero (or whose last year's figure did), in
    /// the edition's order.
    rows: Vec<Row>,
    /// The 类 whose `class_figure` prints as not zero, in code order.
    classes: Vec<Class>,
}

#[derive(Serialize)]
struct Class {
    code: String,
    name: String,
    amount: Money,
}

#[derive(Serialize)]
struct Row {
    label: String,
    amount: Money,
    /// Share of the listed rows' sum (`占本年收入99.9%`), at the `share` precision.
    share: Option<String>,
    /// Against the row's `prior`, when the edition gives one.
    change: Option<ChangeFact>,
}

pub fn totals(c: &Ctx, spec: &SectionSpec) -> Built {
    let total = c.figure(spec.figure().unwrap_or_default());
    let change = spec
        .prior()
        .map(|p| c.change(total, c.prior(Some(p)), spec.reason()));
    let mut listed: Vec<(String, Money, Option<ChangeFact>)> = Vec::new();
    for row in &spec.rows {
        let amount = c.figure(row.figure());
        let prior = c.prior(row.prior());
        let shown = !c.p(amount).is_zero() || prior.is_some_and(|b| !c.p(b).is_zero());
        if shown {
            let change = row
                .prior
                .as_ref()
                .map(|_| c.change(amount, prior, row.reason()));
            listed.push((row.label.clone(), amount, change));
        }
    }
    let amounts: Vec<Money> = listed.iter().map(|(_, m, _)| *m).collect();
    let shares = c.shares(&amounts, c.precision.share);
    let rows: Vec<Row> = listed
        .into_iter()
        .zip(shares)
        .map(|((label, amount, change), share)| Row {
            label,
            amount,
            share: share.map(|s| s.to_string()),
            change,
        })
        .collect();
    let chart = spec.chart.as_ref().map(|chart| match chart.kind {
        ChartKind::Bars => {
            let now = chart
                .series
                .iter()
                .map(|s| c.p(c.figure(s.figure())))
                .collect();
            let before: Option<Vec<_>> = chart
                .series
                .iter()
                .map(|s| c.prior(s.prior()).map(|m| c.p(m)))
                .collect();
            let mut groups = Vec::new();
            if let Some(before) = before {
                groups.push((c.year() - 1, before));
            }
            groups.push((c.year(), now));
            ChartData::Bars {
                caption: chart.caption.clone(),
                series: chart.series.iter().map(|s| s.label.clone()).collect(),
                groups,
            }
        }
        ChartKind::Pie => ChartData::Pie {
            caption: chart.caption.clone(),
            slices: rows
                .iter()
                .map(|r| (r.label.clone(), c.p(r.amount), r.share.clone()))
                .collect(),
            empty: chart.empty.clone().unwrap_or_default(),
        },
    });
    let classes = spec
        .class_figure
        .as_ref()
        .map(|f| classes(c, f.get_ref()))
        .unwrap_or_default();
    Built {
        chart,
        ..Built::of(TotalsFacts {
            total,
            change,
            rows,
            classes,
        })
    }
}

/// Each 类 of the items with `figure` printing as not zero.
fn classes(c: &Ctx, figure: &str) -> Vec<Class> {
    let mut out: Vec<Class> = Vec::new();
    for item in c.items {
        let amount = item.figures.get(figure).unwrap_or_default();
        let code = &item.code[..3];
        match out.last_mut() {
            Some(class) if class.code == code => class.amount += amount,
            _ => out.push(Class {
                code: code.to_string(),
                name: c.function_name(code),
                amount,
            }),
        }
    }
    out.retain(|class| !c.p(class.amount).is_zero());
    out
}
