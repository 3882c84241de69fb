//! The arithmetic of the scored self-evaluation forms (reference 003 and the rules in
//! its 备注): 执行率 B/A and its points, indicator points, 总分. Exact decimals
//! throughout; rounding (half-up) happens only where a figure is printed.

use crate::base::money::{round_half_up, Money};
use crate::declare::edition::Rounding;
use rust_decimal::Decimal;

/// A target or actual value that is a quantity: `≥85%`, `≤ 3 天`, `4期`, `366`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// `≤X` / `<X`: a reverse indicator (less is better).
    pub at_most: bool,
    pub value: Decimal,
    /// What follows the number (`%`, `期`, `分钟`); may be empty.
    pub unit: String,
}

/// Reads a printed value as a quantity; `None` for qualitative values (`未发生`).
pub fn parse_quantity(text: &str) -> Option<Quantity> {
    let mut rest = text.trim();
    let mut at_most = false;
    for (prefix, reverse) in [
        (">=", false),
        ("<=", true),
        ("≥", false),
        ("≤", true),
        ("＞", false),
        ("＜", true),
        (">", false),
        ("<", true),
        ("＝", false),
        ("=", false),
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            at_most = reverse;
            rest = r.trim_start();
            break;
        }
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let (number, unit) = rest.split_at(end);
    let value: Decimal = number.parse().ok()?;
    let unit = unit.trim();
    // `3-5 天`, `1次/月` are not a single quantity.
    if unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Quantity {
        at_most,
        value,
        unit: unit.to_string(),
    })
}

/// 执行率 B/A, exact; `None` when there is no budget.
pub fn execution_rate(budget: Money, executed: Money) -> Option<Decimal> {
    (!budget.is_zero()).then(|| executed.yuan() / budget.yuan())
}

/// The points of the budget execution: `weight × 执行率`, never above the weight.
pub fn budget_points(weight: Decimal, rate: Decimal) -> Decimal {
    weight * rate.min(Decimal::ONE).max(Decimal::ZERO)
}

/// A percentage as printed: `0.888012…` → `88.8` at one decimal.
pub fn percent(rate: Decimal, decimals: u32) -> Decimal {
    round_half_up(rate * Decimal::ONE_HUNDRED, decimals)
}

/// Why an indicator cannot be scored by the formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scoring {
    /// Target and actual are quantities of the same unit: scored by the formula.
    Formula(Decimal),
    /// The score is a judgement the user must type: qualitative target or actual, or an
    /// indicator adjusted during the year.
    Judgement,
    /// Target and actual are in different units (`分钟` against `小时`).
    UnitsDiffer(String, String),
}

/// The score of an indicator from its target (A), actual (B) and weight:
/// positive indicators `weight × B/A`, reverse ones (`≤X`) `weight × A/B`, never above
/// the weight; a missing actual scores nothing.
pub fn indicator_points(
    weight: Decimal,
    target: Option<&str>,
    actual: Option<&str>,
    adjusted: bool,
) -> Scoring {
    if adjusted {
        return Scoring::Judgement;
    }
    let Some(target) = target.and_then(parse_quantity) else {
        return Scoring::Judgement;
    };
    let Some(actual) = actual else {
        return Scoring::Formula(Decimal::ZERO);
    };
    let Some(actual) = parse_quantity(actual) else {
        return Scoring::Judgement;
    };
    if !target.unit.is_empty() && !actual.unit.is_empty() && target.unit != actual.unit {
        return Scoring::UnitsDiffer(target.unit, actual.unit);
    }
    let (a, b) = (target.value, actual.value);
    let share = if target.at_most {
        if b <= a {
            Decimal::ONE
        } else if a <= Decimal::ZERO {
            Decimal::ZERO
        } else {
            a / b
        }
    } else if b >= a {
        Decimal::ONE
    } else if a <= Decimal::ZERO {
        Decimal::ZERO
    } else {
        (b / a).max(Decimal::ZERO)
    };
    Scoring::Formula(weight * share)
}

/// A score or 总分 as printed, by the edition's rounding rule.
pub fn printed_points(points: Decimal, decimals: u32, rounding: Rounding) -> Decimal {
    rounding.apply(points, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn formula(weight: &str, target: &str, actual: Option<&str>) -> Decimal {
        match indicator_points(d(weight), Some(target), actual, false) {
            Scoring::Formula(p) => p,
            other => panic!("{target} / {actual:?}: {other:?}"),
        }
    }

    #[test]
    fn quantities_as_the_forms_print_them() {
        let q = parse_quantity("≥ 240 次").unwrap();
        assert_eq!(
            (q.at_most, q.value, q.unit.as_str()),
            (false, d("240"), "次")
        );
        let q = parse_quantity("≤3天").unwrap();
        assert_eq!((q.at_most, q.value, q.unit.as_str()), (true, d("3"), "天"));
        assert_eq!(parse_quantity("97.6%").unwrap().value, d("97.6"));
        assert_eq!(parse_quantity("366").unwrap().unit, "");
        assert_eq!(parse_quantity("0 元").unwrap().value, Decimal::ZERO);
        assert_eq!(parse_quantity("未发生"), None);
        assert_eq!(parse_quantity("1次/2月"), None);
    }

    #[test]
    fn execution_rate_of_reference_003() {
        // 整体: 1201.43 / 1352.94 = 88.80…%; the reference printed 88.9%.
        let rate =
            execution_rate(Money::from_wan(d("1352.94")), Money::from_wan(d("1201.43"))).unwrap();
        assert_eq!(percent(rate, 1), d("88.8"));
        // 得分（10分*执行率）= 8.88 → 9 (the overall form rounds half-up).
        assert_eq!(
            printed_points(budget_points(d("10"), rate), 0, Rounding::HalfUp),
            d("9")
        );
        // 网上群众工作部年度费用: 333.96 / 341.6 = 97.76…% → 98%, 20 × 0.9776 = 19.55 → 19
        // (the project forms cut the decimals off).
        let rate =
            execution_rate(Money::from_wan(d("341.6")), Money::from_wan(d("333.96"))).unwrap();
        assert_eq!(percent(rate, 0), d("98"));
        assert_eq!(
            printed_points(budget_points(d("20"), rate), 0, Rounding::Truncate),
            d("19")
        );
    }

    #[test]
    fn budget_points_are_capped_at_the_weight() {
        let rate = execution_rate(Money::from_wan(d("100")), Money::from_wan(d("120"))).unwrap();
        assert_eq!(percent(rate, 1), d("120.0"));
        assert_eq!(budget_points(d("10"), rate), d("10"));
        assert_eq!(execution_rate(Money::ZERO, Money::from_wan(d("5"))), None);
    }

    #[test]
    fn indicator_points_are_capped_at_the_weight() {
        assert_eq!(formula("5", "≥85%", Some("97.6%")), d("5"));
        assert_eq!(formula("10", "≥ 240 次", Some("366")), d("10"));
        assert_eq!(formula("10", "100%", Some("100%")), d("10"));
    }

    #[test]
    fn shortfalls_score_in_proportion() {
        assert_eq!(formula("10", "≥30 条", Some("15 条")), d("5"));
        assert_eq!(formula("20", "4期", Some("0期")), Decimal::ZERO);
        // Reverse indicator: weight × A/B.
        assert_eq!(formula("10", "≤2天", Some("4天")), d("5"));
        assert_eq!(formula("10", "≤2天", Some("1天")), d("10"));
        assert_eq!(formula("10", "≤0 件", Some("3 件")), Decimal::ZERO);
    }

    #[test]
    fn zero_targets_and_zero_weights() {
        // 网内本地短号互拨通话费 0 元 against 0 元: met.
        assert_eq!(formula("5", "0 元", Some("0 元")), d("5"));
        assert_eq!(formula("0", "≥30 条", Some("100 条")), Decimal::ZERO);
        assert_eq!(formula("0", "≥30 条", Some("10 条")), Decimal::ZERO);
    }

    #[test]
    fn missing_actuals_score_nothing() {
        assert_eq!(formula("10", "≥ 10 次", None), Decimal::ZERO);
    }

    #[test]
    fn qualitative_and_adjusted_indicators_need_a_judgement() {
        let w = d("5");
        assert_eq!(
            indicator_points(w, Some("未发生"), Some("未发生"), false),
            Scoring::Judgement
        );
        assert_eq!(
            indicator_points(w, Some("≥95%"), Some("基本达到"), false),
            Scoring::Judgement
        );
        assert_eq!(
            indicator_points(w, None, Some("1"), false),
            Scoring::Judgement
        );
        assert_eq!(
            indicator_points(w, Some("4期"), Some("0期"), true),
            Scoring::Judgement
        );
    }

    #[test]
    fn different_units_are_reported() {
        assert_eq!(
            indicator_points(d("5"), Some("≥500 分钟"), Some("10 小时"), false),
            Scoring::UnitsDiffer("分钟".into(), "小时".into())
        );
    }
}
