//! A figure against last year's: the direction, the amount and the rate, and the ways
//! the booklet words them. Works on printed figures (万元, two decimals), so the reader
//! can check 150.79 − 123.55 = 27.24 from the text itself.

use super::write::amount_text;
use crate::compute::percent::Percent;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Up {
        amount: Decimal,
        rate: Percent,
    },
    Down {
        amount: Decimal,
        rate: Percent,
    },
    Equal,
    /// Last year was zero: the increase is known, a growth rate is not.
    ZeroBase {
        amount: Decimal,
    },
    /// Zero in both years.
    BothZero,
    /// Last year's figure is not known.
    Unknown,
}

impl Change {
    /// `current` and `prior` are printed figures in 万元; `dp` the rate's decimals.
    pub fn between(current: Decimal, prior: Option<Decimal>, dp: u32) -> Change {
        let Some(prior) = prior else {
            return Change::Unknown;
        };
        let amount = (current - prior).abs();
        if current == prior {
            if current.is_zero() {
                Change::BothZero
            } else {
                Change::Equal
            }
        } else if prior.is_zero() {
            Change::ZeroBase { amount }
        } else {
            let rate = Percent::of(amount, prior, dp).expect("prior is not zero");
            if current > prior {
                Change::Up { amount, rate }
            } else {
                Change::Down { amount, rate }
            }
        }
    }

    /// `增加` or `减少`, for a change that has a direction.
    pub fn direction(&self) -> Option<&'static str> {
        match self {
            Change::Up { .. } | Change::ZeroBase { .. } => Some("增加"),
            Change::Down { .. } => Some("减少"),
            _ => None,
        }
    }

    /// Whether the sentence goes on to give the 主要原因 (not for 持平 or no data).
    pub fn has_reason(&self) -> bool {
        self.direction().is_some()
    }

    /// `与2023年度相比，收、支总计增加27.24万元，增长22.0%`.
    pub fn compared(&self, subject: &str, last_year: &str, sep: bool) -> String {
        let a = |amount: &Decimal| amount_text(*amount, sep);
        match self {
            Change::Up { amount, rate } => {
                format!(
                    "与{last_year}相比，{subject}增加{}万元，增长{rate}",
                    a(amount)
                )
            }
            Change::Down { amount, rate } => {
                format!(
                    "与{last_year}相比，{subject}减少{}万元，下降{rate}",
                    a(amount)
                )
            }
            Change::Equal => format!("与{last_year}相比，{subject}持平"),
            Change::ZeroBase { amount } => format!(
                "与{last_year}相比，{subject}增加{}万元（{last_year}为0，无可比增长率）",
                a(amount)
            ),
            Change::BothZero => format!("与{last_year}相比，{subject}持平，均为0万元"),
            Change::Unknown => "无上年可比数据".to_string(),
        }
    }

    /// `比2023年度决算数增加27.24万元` (each fund's income in 四).
    pub fn against_accounts(&self, last_year: &str, sep: bool) -> String {
        match self {
            Change::Up { amount, .. } | Change::ZeroBase { amount } => {
                format!("比{last_year}决算数增加{}万元", amount_text(*amount, sep))
            }
            Change::Down { amount, .. } => {
                format!("比{last_year}决算数减少{}万元", amount_text(*amount, sep))
            }
            Change::Equal | Change::BothZero => format!("与{last_year}决算数持平"),
            Change::Unknown => "无上年可比数据".to_string(),
        }
    }

    /// `较上年增加0.35万元` (三公, which states amounts only).
    pub fn against_last_year(&self, sep: bool) -> String {
        match self {
            Change::Up { amount, .. } | Change::ZeroBase { amount } => {
                format!("较上年增加{}万元", amount_text(*amount, sep))
            }
            Change::Down { amount, .. } => {
                format!("较上年减少{}万元", amount_text(*amount, sep))
            }
            Change::Equal | Change::BothZero => "与上年相比无增减变化".to_string(),
            Change::Unknown => "无上年可比数据".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn words(current: &str, prior: Option<&str>) -> String {
        Change::between(d(current), prior.map(d), 1).compared("收、支总计", "2023年度", true)
    }

    #[test]
    fn up() {
        assert_eq!(
            words("150.79", Some("123.55")),
            "与2023年度相比，收、支总计增加27.24万元，增长22.0%"
        );
    }

    #[test]
    fn down_with_thousands_separators() {
        assert_eq!(
            words("1463.06", Some("4345.99")),
            "与2023年度相比，收、支总计减少2,882.93万元，下降66.3%"
        );
        // Down to nothing is a 100% fall.
        assert_eq!(
            words("0", Some("12.00")),
            "与2023年度相比，收、支总计减少12.00万元，下降100%"
        );
    }

    #[test]
    fn equal() {
        assert_eq!(
            words("12.40", Some("12.40")),
            "与2023年度相比，收、支总计持平"
        );
        assert_eq!(
            Change::between(d("12.40"), Some(d("12.40")), 1).against_last_year(false),
            "与上年相比无增减变化"
        );
        assert!(!Change::Equal.has_reason());
    }

    #[test]
    fn zero_base_states_no_rate() {
        let c = Change::between(d("0.35"), Some(d("0")), 1);
        assert_eq!(c, Change::ZeroBase { amount: d("0.35") });
        let text = c.compared("收、支总计", "2023年度", false);
        assert_eq!(
            text,
            "与2023年度相比，收、支总计增加0.35万元（2023年度为0，无可比增长率）"
        );
        assert!(!text.contains('%'));
        assert_eq!(c.against_last_year(false), "较上年增加0.35万元");
        assert!(c.has_reason());
    }

    #[test]
    fn both_zero() {
        let c = Change::between(d("0"), Some(d("0.00")), 1);
        assert_eq!(c, Change::BothZero);
        assert_eq!(
            c.compared("收、支总计", "2023年度", false),
            "与2023年度相比，收、支总计持平，均为0万元"
        );
        assert!(!c.has_reason());
    }

    #[test]
    fn unknown_prior() {
        assert_eq!(words("150.79", None), "无上年可比数据");
        assert_eq!(
            Change::between(d("1"), None, 1).against_accounts("2023年度", false),
            "无上年可比数据"
        );
    }

    #[test]
    fn rate_rounds_half_up_at_x5() {
        // 100.25 vs 100: +0.25% → 0.3% at one decimal (a tie, rounded up).
        assert_eq!(
            words("100.25", Some("100")),
            "与2023年度相比，收、支总计增加0.25万元，增长0.3%"
        );
        // 99.75 vs 100: −0.25% → 下降0.3%.
        assert_eq!(
            words("99.75", Some("100")),
            "与2023年度相比，收、支总计减少0.25万元，下降0.3%"
        );
    }
}
