//! Reading fields of the input while collecting diagnostics: texts, amounts and numbers,
//! each problem recorded with its code, field and span. The one checker resolve, the
//! narrative and Parts 4–6 all use.

use crate::base::diag::{Diagnostic, SourceFile};
use crate::base::money::{AmountProblem, AmountUnit, Money};
use crate::input::Amount;
use rust_decimal::Decimal;
use std::ops::Range;
use toml::Spanned;

pub struct Checker<'a> {
    pub source: &'a SourceFile,
    pub unit: AmountUnit,
    pub problems: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(source: &'a SourceFile, unit: AmountUnit) -> Self {
        Checker {
            source,
            unit,
            problems: Vec::new(),
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        message: String,
        field: impl AsRef<str>,
        span: Range<usize>,
    ) {
        self.problems.push(
            Diagnostic::error(code, message)
                .field(field.as_ref())
                .at_span(self.source, span),
        );
    }

    pub fn error_help(
        &mut self,
        code: &'static str,
        message: String,
        field: &str,
        span: Range<usize>,
        help: String,
    ) {
        self.problems.push(
            Diagnostic::error(code, message)
                .field(field)
                .at_span(self.source, span)
                .help(help),
        );
    }

    /// A required text: trimmed, and not empty.
    pub fn text(&mut self, value: &Spanned<String>, field: &str) -> String {
        let text = value.get_ref().trim().to_string();
        if text.is_empty() {
            self.error("E0202", "文本不能为空".into(), field, value.span());
        }
        text
    }

    /// An optional text: empty when absent (an empty cell).
    pub fn opt_text(&self, value: &Option<Spanned<String>>) -> String {
        value
            .as_ref()
            .map(|v| v.get_ref().trim().to_string())
            .unwrap_or_default()
    }

    /// An optional text, kept optional: `None` when absent, an error when blank.
    pub fn maybe_text(&mut self, value: &Option<Spanned<String>>, field: &str) -> Option<String> {
        value.as_ref().map(|v| self.text(v, field))
    }

    /// An amount in the file's unit; negative amounts are errors.
    pub fn money(&mut self, value: &Spanned<Amount>, field: &str) -> Money {
        self.money_in(value, field, self.unit)
    }

    /// An amount in a given unit (a section may declare its own). Negative amounts,
    /// amounts of 10^13 元 or more and amounts finer than the 分 are errors; such an
    /// amount is read as zero, so nothing computed from it can overflow.
    pub fn money_in(&mut self, value: &Spanned<Amount>, field: &str, unit: AmountUnit) -> Money {
        let typed = value.get_ref().0;
        let money = Money::in_unit(typed, unit);
        let problem = match money.check_bounds() {
            Err(AmountProblem::TooLarge) => Some((
                "E0208",
                format!(
                    "金额 {} {} 超出范围：应小于 {}",
                    typed.normalize(),
                    unit.name(),
                    unit.max_text(),
                ),
                "没有单位的年度收支达到 10 万亿元：请核对金额单位（settings.amount_unit）和位数",
            )),
            Err(AmountProblem::TooPrecise) => Some((
                "E0209",
                format!(
                    "金额 {} {} 精确到了分以下：以{}为单位最多 {} 位小数",
                    typed.normalize(),
                    unit.name(),
                    unit.name(),
                    unit.max_decimals()
                ),
                "金额应照财务软件导出的数填写，精确到分；小数点后的多余位数多半是录入或复制时带进来的",
            )),
            Ok(()) => None,
        };
        if let Some((code, message, help)) = problem {
            self.error_help(code, message, field, value.span(), help.into());
            return Money::ZERO;
        }
        if money.is_negative() {
            self.error(
                "E0201",
                format!("金额不能为负数：{}", value.get_ref().0),
                field,
                value.span(),
            );
        }
        money
    }

    pub fn opt_money(&mut self, value: &Option<Spanned<Amount>>, field: &str) -> Money {
        value.as_ref().map_or(Money::ZERO, |v| self.money(v, field))
    }

    /// An optional amount, kept optional (absent is not zero).
    pub fn maybe_money(&mut self, value: &Option<Spanned<Amount>>, field: &str) -> Option<Money> {
        value.as_ref().map(|v| self.money(v, field))
    }

    /// A weight or a score: a plain non-negative number.
    pub fn points(&mut self, value: &Spanned<Amount>, field: &str) -> Decimal {
        let n = value.get_ref().0;
        if n.is_sign_negative() && !n.is_zero() {
            self.error("E0615", format!("分值不能为负数：{n}"), field, value.span());
        }
        n
    }
}
