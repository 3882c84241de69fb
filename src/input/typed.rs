//! Figures the user copies from the accounting system as a cross-check. They are never
//! printed: gongkai computes every total itself and reports where a typed one differs.

use super::Amount;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedInput {
    /// Unit of the typed figures: "万元" (as the accounting system prints them) or
    /// "元"; default: `settings.amount_unit`.
    pub unit: Option<Spanned<String>>,
    /// Rows of the 功能分类 tables as printed: 栏次 1, 2, … in order.
    #[serde(default)]
    pub rows: Vec<TypedRow>,
    /// Named figures: `income_total`, `closing_total`, `personnel_total`, …
    #[serde(default)]
    pub figures: BTreeMap<String, Spanned<TypedValue>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedRow {
    /// `02`, `03`, `05`, `07` or `08`.
    pub table: Spanned<String>,
    /// A 类/款/项 code, or `合计`.
    pub code: Spanned<String>,
    pub values: Vec<Spanned<TypedValue>>,
}

/// A typed figure: an amount, or `{ value = …, unit = "万元", source = "公开03表!F12" }`
/// when it was copied (or imported) from a report, so a mismatch names where it stands.
#[derive(Debug, Clone, Default)]
pub struct TypedValue {
    pub amount: Amount,
    /// Unit of this figure, where it differs from `[typed] unit`.
    pub unit: Option<String>,
    /// Where the figure was taken from, e.g. a workbook cell.
    pub source: Option<String>,
}

impl<'de> Deserialize<'de> for TypedValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{value, IntoDeserializer, MapAccess, Visitor};
        struct V;
        fn plain<E: serde::de::Error>(amount: Result<Amount, E>) -> Result<TypedValue, E> {
            amount.map(|amount| TypedValue {
                amount,
                ..Default::default()
            })
        }
        impl<'de> Visitor<'de> for V {
            type Value = TypedValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("金额，或 { value = 金额, source = \"来源\" }")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<TypedValue, E> {
                plain(Amount::deserialize(v.into_deserializer()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<TypedValue, E> {
                plain(Amount::deserialize(v.into_deserializer()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<TypedValue, E> {
                plain(Amount::deserialize(v.into_deserializer()))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TypedValue, E> {
                plain(Amount::deserialize(v.into_deserializer()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TypedValue, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Sourced {
                    value: Amount,
                    unit: Option<String>,
                    source: Option<String>,
                }
                let s = Sourced::deserialize(value::MapAccessDeserializer::new(map))?;
                Ok(TypedValue {
                    amount: s.value,
                    unit: s.unit,
                    source: s.source,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}
