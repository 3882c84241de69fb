//! The base layer: what every stage uses — money, diagnostics and their code registry,
//! Chinese numerals and text helpers. Nothing here knows a stage.

pub mod codes;
pub mod diag;
pub mod money;
pub mod numeral;
pub mod rules;
pub mod text;
pub mod toml_error;
