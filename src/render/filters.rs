//! tera filters of the Typst templates only: Typst string literals and dates.

use crate::render::escape::string_literal;
use std::collections::HashMap;
use tera::{Filter, Result, Value};

/// `{{ text | typst_string | safe }}`: a Typst string literal.
pub struct TypstString;

impl Filter for TypstString {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Ok(Value::String(string_literal(&text)))
    }
}

/// `{{ "2025-09-26" | typst_date | safe }}` → `year: 2025, month: 9, day: 26`.
pub struct TypstDate;

impl Filter for TypstDate {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        let text = value.as_str().unwrap_or_default();
        let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|e| tera::Error::msg(format!("typst_date: {text}: {e}")))?;
        use chrono::Datelike;
        Ok(Value::String(format!(
            "year: {}, month: {}, day: {}",
            date.year(),
            date.month(),
            date.day()
        )))
    }
}
