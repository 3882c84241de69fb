//! `{{ x | num | safe }}`: a number gongkai computed (a bar's height ratio, a slice's
//! angle) as a Typst number literal. Only plain decimals pass, so `safe` can never let
//! text through.

use std::collections::HashMap;
use tera::{Filter, Result, Value};

pub struct Num;

impl Filter for Num {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => return Err(format!("num: expected a number, got {other}").into()),
        };
        if is_plain_decimal(&text) {
            Ok(Value::String(text))
        } else {
            Err(format!("num: not a plain decimal: {text:?}").into())
        }
    }
}

fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_decimals_pass() {
        let f = |s: &str| Num.filter(&Value::String(s.into()), &HashMap::new());
        assert_eq!(f("0.8234").unwrap(), Value::String("0.8234".into()));
        assert_eq!(f("360").unwrap(), Value::String("360".into()));
        assert!(f("1.0) + [x]").is_err());
        assert!(f("").is_err());
        assert!(f("1e5").is_err());
        assert!(f(".5").is_err());
    }
}
