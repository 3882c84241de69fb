//! An amount as the user typed it: an integer, a decimal or a string such as
//! `"1,201.43"`. The unit (元 or 万元) is applied later, from `settings.amount_unit`.
//!
//! Every amount is bounded here, before any arithmetic: its absolute value must be
//! below [`MAX_AMOUNT`] (10^13) whatever the unit, and a decimal must keep its value
//! exactly (no `1e-30` that a `Decimal` would round to nothing). The bound in 元 and
//! the precision to the 分 depend on the unit and are checked where the unit is known
//! (`compute::check::Checker::money_in`).

use crate::base::money::{decimal_from_toml_float, parse_amount_text, MAX_AMOUNT};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Amount(pub Decimal);

const EXPECTED: &str = "金额（整数、小数，或带千分位的字符串如 \"1,201.43\"）";

/// The message of an amount beyond [`MAX_AMOUNT`]; it contains “应为”, which marks it
/// as one of gongkai's own messages (E0104).
fn too_large(shown: &str) -> String {
    format!(
        "金额 {shown} 超出范围：绝对值应为小于 10000000000000（10^13）的数，请核对金额单位和位数"
    )
}

fn bounded<E: de::Error>(value: Decimal, shown: &str) -> Result<Amount, E> {
    if value.abs() >= MAX_AMOUNT {
        Err(E::custom(too_large(shown)))
    } else {
        Ok(Amount(value))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                bounded(Decimal::from(v), &v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                bounded(Decimal::from(v), &v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if v.is_finite() && v.abs() >= 1e13 {
                    return Err(E::custom(too_large(&format!("{v:e}"))));
                }
                match decimal_from_toml_float(v) {
                    Some(d) => bounded(d, &v.to_string()),
                    None if v.is_finite() => Err(E::custom(format!(
                        "金额 {v:e} 的小数位太多，无法精确表示：应为{EXPECTED}，精确到分"
                    ))),
                    None => Err(E::custom(format!("无法识别的金额 {v}，应为{EXPECTED}"))),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                match parse_amount_text(v) {
                    Some(d) => bounded(d, &format!("\"{v}\"")),
                    None => Err(E::custom(format!("无法识别的金额 \"{v}\"，应为{EXPECTED}"))),
                }
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}
