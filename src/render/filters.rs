//! tera filters for figures: small structs holding the booklet's print settings.

use crate::money::{group_thousands, Money};
use crate::render::escape::string_literal;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use tera::{Filter, Result, Value};

/// `{{ money | wan }}`: an exact 元 amount printed in 万元 with two decimals, half-up;
/// zero prints as an empty cell. `wan(zero="0")` prints zeros for narrative text.
pub struct Wan {
    pub thousands_separator: bool,
}

impl Filter for Wan {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
        let yuan = decimal_arg(value, "wan")?;
        let money = Money::from_yuan(yuan);
        if money.is_zero() {
            let zero = args.get("zero").and_then(Value::as_str).unwrap_or("");
            return Ok(Value::String(zero.to_string()));
        }
        Ok(Value::String(group_thousands(
            money.wan_rounded(2),
            self.thousands_separator,
        )))
    }
}

fn decimal_arg(value: &Value, filter: &str) -> Result<Decimal> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => return Err(format!("{filter}: expected an amount, got {other}").into()),
    };
    Decimal::from_str(&text).map_err(|e| format!("{filter}: {text}: {e}").into())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wan_prints_two_decimals_and_blanks_zero() {
        let f = Wan {
            thousands_separator: true,
        };
        let none = HashMap::new();
        let v = |s: &str| Value::String(s.into());
        assert_eq!(f.filter(&v("14630560"), &none).unwrap(), v("1,463.06"));
        assert_eq!(f.filter(&v("1455"), &none).unwrap(), v("0.15"));
        assert_eq!(f.filter(&v("0"), &none).unwrap(), v(""));
        let zero = HashMap::from([("zero".to_string(), v("0"))]);
        assert_eq!(f.filter(&v("0"), &zero).unwrap(), v("0"));
    }
}
