//! Cell text as exports write it, made comparable: full-width forms, CJK radicals from
//! PDF-born templates, stray spaces and line breaks; amounts and 功能分类/经济分类 codes
//! read exactly from whatever cell type they arrive in.

use crate::base::money::{decimal_from_toml_float, parse_amount_text};
use calamine::Data;
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// CJK Radicals Supplement code points that PDF-born templates put where the ordinary
/// character belongs. NFKC maps the Kangxi radicals (U+2F00…) but not these.
const RADICALS: &[(char, char)] = &[
    ('⺊', '卜'),
    ('⺠', '民'),
    ('⺝', '月'),
    ('⺼', '月'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻈', '讠'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻑', '長'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
];

/// Radicals replaced by their characters; everything else as written (names keep their
/// full-width brackets, as the catalog writes them).
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            RADICALS
                .iter()
                .find(|(r, _)| *r == c)
                .map_or(c, |(_, ch)| *ch)
        })
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace())
        .to_string()
}

/// The form two texts are compared in: NFKC (full-width → ASCII, compatibility
/// ideographs → unified), radicals mapped, and no whitespace, line breaks or quotes.
pub fn key(text: &str) -> String {
    clean(text)
        .nfkc()
        .filter(|c| !c.is_whitespace() && !QUOTES.contains(c))
        .collect()
}

const QUOTES: &[char] = &[
    '"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', '〝', '〞',
];

/// A label's key without a leading enumeration (`一、`, `（一）`, `廿一、`, `1.`, `(1)`):
/// exports number the rows of the summary tables differently.
pub fn label_key(text: &str) -> String {
    let k = key(text);
    let numerals = |c: char| "一二三四五六七八九十廿卅".contains(c) || c.is_ascii_digit();
    let rest = k.trim_start_matches(numerals);
    if rest.len() < k.len() {
        if let Some(r) = rest.strip_prefix(['、', '.', ',']) {
            return r.to_string();
        }
    }
    if let Some(inner) = k.strip_prefix('(') {
        let after = inner.trim_start_matches(numerals);
        if after.len() < inner.len() {
            if let Some(r) = after.strip_prefix(')') {
                return r.to_string();
            }
        }
    }
    k
}

/// A cell's text for matching and messages; numbers as their shortest text.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => decimal_from_toml_float(*f).map_or_else(String::new, |d| d.to_string()),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("{e}"),
        Data::Empty => String::new(),
    }
}

/// Why a cell is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Text that is not a number: the text, normalised.
    NotANumber(String),
    /// The cell holds an error value such as `#REF!`.
    CellError(String),
}

/// An amount exactly as the cell holds it: numbers through their shortest round-trip
/// text (never f64 arithmetic), text with separators, `-`/`—`/blank for zero,
/// parentheses for negatives.
pub fn amount(cell: &Data) -> Result<Decimal, AmountError> {
    match cell {
        Data::Empty => Ok(Decimal::ZERO),
        Data::Int(i) => Ok(Decimal::from(*i)),
        Data::Float(f) => {
            decimal_from_toml_float(*f).ok_or_else(|| AmountError::NotANumber(f.to_string()))
        }
        Data::String(s) => amount_text(s),
        Data::Error(e) => Err(AmountError::CellError(format!("{e}"))),
        other => Err(AmountError::NotANumber(cell_text(other))),
    }
}

fn amount_text(text: &str) -> Result<Decimal, AmountError> {
    let t: String = clean(text).nfkc().filter(|c| !c.is_whitespace()).collect();
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '―' | '‐' | '－');
    if t.is_empty() || t.chars().all(dashes) {
        return Ok(Decimal::ZERO);
    }
    let (negative, body) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, t.as_str()),
    };
    let value =
        parse_amount_text(body).ok_or_else(|| AmountError::NotANumber(text.trim().to_string()))?;
    Ok(if negative { -value } else { value })
}

/// What a code cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeCell {
    Empty,
    /// Digits, with the name that followed them in the same cell (`[2010350]事业运行`).
    Code {
        digits: String,
        name: String,
    },
    /// Text without a leading code: a name or a label such as `合计`.
    Text(String),
}

/// Reads a code cell. A number keeps its digits (`2` stays `2`; padding is the caller's,
/// who knows the width of the part).
pub fn code(cell: &Data) -> CodeCell {
    let text = match cell {
        Data::Empty => return CodeCell::Empty,
        Data::Int(i) if *i >= 0 => {
            return CodeCell::Code {
                digits: i.to_string(),
                name: String::new(),
            }
        }
        Data::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f < 1e12 => {
            return CodeCell::Code {
                digits: format!("{}", *f as u64),
                name: String::new(),
            }
        }
        other => cell_text(other),
    };
    let t: String = clean(&text).nfkc().collect::<String>().trim().to_string();
    if t.is_empty() {
        return CodeCell::Empty;
    }
    let opened = t.trim_start_matches(['[', '【', '(', '〔']);
    let digits: String = opened.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return CodeCell::Text(clean(&text));
    }
    let rest = opened[digits.len()..].trim_start_matches([']', '】', ')', '〕']);
    CodeCell::Code {
        digits,
        name: clean(rest),
    }
}

/// 元 or 万元 after a `金额单位：` label, if this cell is such a line.
pub fn unit_after(text: &str, label: &str) -> Option<crate::base::money::AmountUnit> {
    let k = key(text);
    let label = key(label);
    let at = k.find(&label)?;
    let rest = k[at + label.len()..].trim_start_matches(':');
    match rest {
        "元" => Some(crate::base::money::AmountUnit::Yuan),
        "万元" => Some(crate::base::money::AmountUnit::Wan),
        _ => None,
    }
}

/// The text after `label：` in a cell (`单位：武汉市…` → `武汉市…`), if it starts so.
pub fn value_after(text: &str, label: &str) -> Option<String> {
    let t = clean(text);
    let rest = t.strip_prefix(label)?;
    let rest = rest.trim_start().strip_prefix(['：', ':'])?;
    let v = clean(rest);
    (!v.is_empty()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn keys_ignore_width_radicals_spaces_and_line_breaks() {
        assert_eq!(key("事业单位\n经营收入"), key("事业单位经营收入"));
        assert_eq!(key("因公出国（境）费"), key("因公出国(境)费"));
        assert_eq!(key("⻔诊"), "门诊");
        assert_eq!(key("公务用⻋运⾏维护费"), "公务用车运行维护费");
        assert_eq!(key("　合　计 "), "合计");
        assert_eq!(key("财政拨款“三公”经费"), key("财政拨款\"三公\"经费"));
    }

    #[test]
    fn labels_compare_without_their_enumeration() {
        assert_eq!(
            label_key("一、一般公共预算财政拨款收入"),
            "一般公共预算财政拨款收入"
        );
        assert_eq!(label_key("（三）国有资本经营"), "国有资本经营");
        assert_eq!(label_key("二十六、其他支出"), "其他支出");
        assert_eq!(label_key("廿一、其他支出"), "其他支出");
        assert_eq!(label_key("（廿四）债务发行费用支出"), "债务发行费用支出");
        assert_eq!(label_key("本年收入合计"), "本年收入合计");
        assert_eq!(label_key("十分"), "十分");
    }

    #[test]
    fn amounts_in_every_form_exports_write() {
        assert_eq!(amount(&Data::Float(119.17)).unwrap(), d("119.17"));
        assert_eq!(amount(&Data::Float(0.1)).unwrap(), d("0.1"));
        assert_eq!(amount(&Data::Int(1455)).unwrap(), d("1455"));
        let text = |s: &str| amount(&Data::String(s.into()));
        assert_eq!(text("189,767,551").unwrap(), d("189767551"));
        assert_eq!(text("１，２０１．４３").unwrap(), d("1201.43"));
        assert_eq!(text("-").unwrap(), Decimal::ZERO);
        assert_eq!(text("—").unwrap(), Decimal::ZERO);
        assert_eq!(text("——").unwrap(), Decimal::ZERO);
        assert_eq!(text("  ").unwrap(), Decimal::ZERO);
        assert_eq!(amount(&Data::Empty).unwrap(), Decimal::ZERO);
        assert_eq!(text("(1,234.50)").unwrap(), d("-1234.50"));
        assert_eq!(text("（12）").unwrap(), d("-12"));
        assert_eq!(text("约5万"), Err(AmountError::NotANumber("约5万".into())));
        assert_eq!(text("1,23").ok(), None);
    }

    #[test]
    fn codes_as_numbers_text_or_with_their_name() {
        assert_eq!(
            code(&Data::Float(2.0)),
            CodeCell::Code {
                digits: "2".into(),
                name: String::new()
            }
        );
        assert_eq!(
            code(&Data::String("[2010350]事业运行".into())),
            CodeCell::Code {
                digits: "2010350".into(),
                name: "事业运行".into()
            }
        );
        assert_eq!(
            code(&Data::String("【2010350】事业运行".into())),
            CodeCell::Code {
                digits: "2010350".into(),
                name: "事业运行".into()
            }
        );
        assert_eq!(
            code(&Data::String("２０１".into())),
            CodeCell::Code {
                digits: "201".into(),
                name: String::new()
            }
        );
        assert_eq!(
            code(&Data::String(" 合计 ".into())),
            CodeCell::Text("合计".into())
        );
        assert_eq!(code(&Data::String("".into())), CodeCell::Empty);
    }

    #[test]
    fn unit_lines() {
        use crate::base::money::AmountUnit;
        assert_eq!(
            unit_after("金额单位：万元", "金额单位"),
            Some(AmountUnit::Wan)
        );
        assert_eq!(unit_after("单位:元", "单位"), Some(AmountUnit::Yuan));
        assert_eq!(unit_after("单位：武汉市某中心", "单位"), None);
        assert_eq!(
            value_after("单位：武汉市某中心", "单位").as_deref(),
            Some("武汉市某中心")
        );
        assert_eq!(value_after("金额单位：万元", "单位"), None);
    }
}
