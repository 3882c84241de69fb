//! The shape of a declared table: its columns left to right, each with its header path,
//! 栏次, width and alignment. Derived from the declaration alone, so the load-time checks,
//! the tables, the templates and the workbook export read one shape.

use super::{ColumnSpec, TableKind, TableSpec};
use serde::Serialize;

/// A column width, as Typst writes it. Parsed, so an edition cannot slip markup into
/// the generated source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Length {
    value: f64,
    unit: &'static str,
}

impl Length {
    pub fn parse(text: &str) -> Option<Length> {
        let text = text.trim();
        if text == "auto" {
            return Some(Length {
                value: 0.0,
                unit: "auto",
            });
        }
        let unit = ["em", "pt", "mm", "cm", "fr"]
            .into_iter()
            .find(|u| text.ends_with(u))?;
        let value: f64 = text[..text.len() - unit.len()].parse().ok()?;
        (value.is_finite() && value > 0.0 && value < 1000.0).then_some(Length { value, unit })
    }

    pub fn typst(&self) -> String {
        if self.unit == "auto" {
            "auto".into()
        } else {
            format!("{}{}", self.value, self.unit)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A column of the grid, as declared.
#[derive(Debug, Clone)]
pub struct GridColumn {
    pub path: Vec<String>,
    pub number: Option<String>,
    pub width: Length,
    /// How body cells of this column align.
    pub align: Align,
}

fn width_or(width: &Option<toml::Spanned<String>>, default: &str) -> Length {
    width
        .as_ref()
        .and_then(|w| Length::parse(w.get_ref()))
        .or_else(|| Length::parse(default))
        .expect("default widths parse")
}

fn value_column(prefix: &[String], c: &ColumnSpec) -> GridColumn {
    let mut path = prefix.to_vec();
    path.extend(c.header.iter().cloned());
    GridColumn {
        path,
        number: c.number.clone(),
        width: width_or(&c.width, "1fr"),
        align: Align::Right,
    }
}

/// Every column of the table, left to right, with its header path.
pub fn columns(t: &TableSpec) -> Vec<GridColumn> {
    let mut out = Vec::new();
    match t.kind.get_ref() {
        TableKind::Function | TableKind::ByUnit | TableKind::EconomicRows | TableKind::Projects => {
            for l in &t.labels {
                out.push(GridColumn {
                    path: l.header.clone(),
                    number: l.number.clone(),
                    width: width_or(&l.width, "1fr"),
                    align: Align::Left,
                });
            }
            out.extend(t.columns.iter().map(|c| value_column(&[], c)));
        }
        TableKind::Row => out.extend(t.columns.iter().map(|c| value_column(&[], c))),
        TableKind::OverallForm | TableKind::ProjectForm => {}
        TableKind::Summary => {
            for side in [&t.income, &t.spending].into_iter().flatten() {
                let top = vec![side.header.clone()];
                let numbered = side.columns.iter().any(|c| c.number.is_some());
                out.push(GridColumn {
                    path: vec![side.header.clone(), side.label_header.clone()],
                    number: side
                        .label_number
                        .clone()
                        .or_else(|| numbered.then(String::new)),
                    width: width_or(&side.label_width, "1fr"),
                    align: Align::Left,
                });
                if t.line_numbers {
                    out.push(GridColumn {
                        path: vec![side.header.clone(), "行次".into()],
                        number: numbered.then(String::new),
                        width: width_or(&side.line_width, "3em"),
                        align: Align::Center,
                    });
                }
                out.extend(side.columns.iter().map(|c| value_column(&top, c)));
            }
        }
        TableKind::EconomicGroups => {
            if let Some(gc) = &t.group_columns {
                for g in &t.groups {
                    for (i, (header, align)) in [
                        (&gc.code, Align::Left),
                        (&gc.name, Align::Left),
                        (&gc.amount, Align::Right),
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        out.push(GridColumn {
                            path: vec![g.header.clone(), header.clone()],
                            number: None,
                            width: width_or(&Some(gc.widths[i].clone()), "1fr"),
                            align,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The header path of every column (what the load-time checks inspect).
pub fn header_paths(t: &TableSpec) -> Vec<Vec<String>> {
    columns(t).into_iter().map(|c| c.path).collect()
}
