//! An amount as the user typed it: an integer, a decimal or a string such as
//! `"1,201.43"`. The unit (元 or 万元) is applied later, from `settings.amount_unit`.

use crate::money::{decimal_from_toml_float, parse_amount_text};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Amount(pub Decimal);

const EXPECTED: &str = "金额（整数、小数，或带千分位的字符串如 \"1,201.43\"）";

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                decimal_from_toml_float(v)
                    .map(Amount)
                    .ok_or_else(|| E::custom(format!("无法识别的金额 {v}，应为{EXPECTED}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                parse_amount_text(v)
                    .map(Amount)
                    .ok_or_else(|| E::custom(format!("无法识别的金额 \"{v}\"，应为{EXPECTED}")))
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}
