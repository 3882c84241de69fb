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
    pub figures: BTreeMap<String, Spanned<Amount>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedRow {
    /// `02`, `03`, `05`, `07` or `08`.
    pub table: Spanned<String>,
    /// A 类/款/项 code, or `合计`.
    pub code: Spanned<String>,
    pub values: Vec<Spanned<Amount>>,
}
