//! tera filters for figures: small structs holding the booklet's print settings.

use crate::base::money::{group_thousands, Money, YUAN_FIELD};
use crate::declare::edition::NumberFormat;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use tera::{Filter, Result, Value};

/// `{{ money | wan }}`: an exact 元 amount printed as the edition's `[format]` prints
/// money (万元 with two decimals), half-up. Zero as `zero` says; `wan(zero="…")` prints
/// another text for it.
pub struct Wan {
    pub format: NumberFormat,
    pub thousands_separator: bool,
    pub zero: Zero,
}

/// How `wan` prints nothing.
#[derive(Clone, Copy)]
pub enum Zero {
    /// Tables: an amount of exactly zero is an empty cell (a few 元 print `0.00`).
    EmptyCell,
    /// Running text: an amount that prints as zero is `0`.
    Text,
}

impl Filter for Wan {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
        let money = money_arg(value)?;
        let printed = self.format.printed(money);
        let (zero, shown) = match self.zero {
            Zero::EmptyCell => (money.is_zero(), ""),
            Zero::Text => (printed.is_zero(), "0"),
        };
        if zero {
            let shown = args.get("zero").and_then(Value::as_str).unwrap_or(shown);
            return Ok(Value::String(shown.to_string()));
        }
        Ok(Value::String(group_thousands(
            printed,
            self.thousands_separator,
        )))
    }
}

/// A `Money` as serialized into the template context; a bare number or string is
/// refused, so a template cannot print as money what is not money.
fn money_arg(value: &Value) -> Result<Money> {
    let yuan = value
        .as_object()
        .filter(|o| o.len() == 1)
        .and_then(|o| o.get(YUAN_FIELD))
        .and_then(Value::as_str)
        .ok_or_else(|| format!("wan: expected money, got {value}"))?;
    Decimal::from_str(yuan)
        .map(Money::from_yuan)
        .map_err(|e| format!("wan: {yuan}: {e}").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wan_prints_two_decimals_and_blanks_zero() {
        let f = Wan {
            format: NumberFormat::default(),
            thousands_separator: true,
            zero: Zero::EmptyCell,
        };
        let none = HashMap::new();
        let v = |s: &str| Value::String(s.into());
        let money = |s: &str| serde_json::to_value(Money::from_yuan(s.parse().unwrap())).unwrap();
        assert_eq!(f.filter(&money("14630560"), &none).unwrap(), v("1,463.06"));
        assert_eq!(f.filter(&money("1455"), &none).unwrap(), v("0.15"));
        assert_eq!(f.filter(&money("0"), &none).unwrap(), v(""));
        let zero = HashMap::from([("zero".to_string(), v("0"))]);
        assert_eq!(f.filter(&money("0"), &zero).unwrap(), v("0"));
    }

    #[test]
    fn wan_takes_money_only() {
        let f = Wan {
            format: NumberFormat::default(),
            thousands_separator: false,
            zero: Zero::EmptyCell,
        };
        let none = HashMap::new();
        assert!(f.filter(&Value::String("1455".into()), &none).is_err());
        assert!(f.filter(&serde_json::json!(1455), &none).is_err());
        assert!(f.filter(&serde_json::json!({"yuan": 1455}), &none).is_err());
        let exact = serde_json::json!({"yuan": "1190268.40"});
        assert_eq!(
            f.filter(&exact, &none).unwrap(),
            Value::String("119.03".into())
        );
    }
}
