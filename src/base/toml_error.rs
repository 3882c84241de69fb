//! TOML parse and shape errors in Chinese, located and naming the field: used for every
//! TOML file gongkai reads (inputs, editions, catalogs, import layouts).

use crate::base::diag::{Diagnostic, SourceFile};

/// A TOML parse or shape error of `source` in Chinese, located; used for every TOML
/// file gongkai reads (inputs, editions, catalogs).
pub fn toml_error(source: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    toml_message_error(source, err.message(), err.span().unwrap_or(0..0))
}

/// [`toml_error`] for a message and a span already placed in `source`.
pub fn toml_message_error(
    source: &SourceFile,
    message: &str,
    span: std::ops::Range<usize>,
) -> Diagnostic {
    let message = message.trim();
    let table = table_path_at(&source.text, span.start);
    let key = key_at(&source.text, span.start);
    let field_of = |name: &str| join_path(&table, name);

    let diagnostic = if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates = backticked(expected);
        let mut d = Diagnostic::error("E0101", format!("未知字段 `{name}`")).field(field_of(name));
        let suggestion = closest(name, &candidates);
        d = match suggestion {
            Some(s) => d.help(format!(
                "您是否想写 `{s}`？可用字段：{}",
                candidates.join("、")
            )),
            None if !candidates.is_empty() => {
                d.help(format!("可用字段：{}", candidates.join("、")))
            }
            None => d,
        };
        d
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        let place = if table.is_empty() {
            "文件顶层".to_string()
        } else {
            format!("[{table}]")
        };
        Diagnostic::error("E0102", format!("缺少必填字段 `{name}`（在 {place} 中）"))
            .field(field_of(name))
            .help(format!(
                "请在 {place} 中补上 `{name} = …`，字段说明见 docs/input-format.md"
            ))
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        Diagnostic::error(
            "E0103",
            format!(
                "字段类型错误：应为{}，实际写的是{}",
                expected_zh(expected),
                found_zh(found)
            ),
        )
        .field(key.as_deref().map_or(table.clone(), field_of))
    } else if message.contains("应为") {
        // Our own deserializers (amounts) already speak Chinese.
        Diagnostic::error("E0104", message.to_string())
            .field(key.as_deref().map_or(table.clone(), field_of))
    } else if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        Diagnostic::error("E0104", format!("不认识的取值“{value}”"))
            .field(key.as_deref().map_or(table.clone(), field_of))
            .help(format!("可用：{}", backticked(expected).join("、")))
    } else if let Some(rest) = message.strip_prefix("invalid value: ") {
        Diagnostic::error("E0104", format!("字段取值错误：{rest}"))
            .field(key.as_deref().map_or(table.clone(), field_of))
    } else if message.starts_with("duplicate key") {
        let what = key
            .as_deref()
            .map_or("同一个字段写了两次".to_string(), |k| {
                format!("字段 `{k}` 写了两次")
            });
        Diagnostic::error("E0105", what)
            .field(key.as_deref().map_or(table.clone(), field_of))
            .help("同一个表中每个字段只能写一次")
    } else {
        Diagnostic::error("E0100", format!("TOML 语法错误：{}", syntax_zh(message)))
            .help("检查这一行的引号、方括号和等号是否成对、完整；文本要用英文双引号括起来")
    };
    diagnostic.at_span(source, span)
}

/// The gist of a TOML syntax error in Chinese, with the parser's words kept after it.
fn syntax_zh(message: &str) -> String {
    let gist = if message.contains("string") && message.contains("expected `\"`") {
        "文本缺少结尾的英文双引号"
    } else if message.contains("expected `]`") {
        "方括号没有闭合"
    } else if message.contains("expected `=`") || message.contains("expected `.`, `=`") {
        "缺少等号（每行应写成 字段 = 值）"
    } else if message.contains("invalid key") {
        "字段名不合法（只能用英文字母、数字、下划线，或用引号括起来）"
    } else if message.contains("duplicate") {
        "重复定义"
    } else {
        "无法解析"
    };
    format!("{gist}（{message}）")
}

fn join_path(table: &str, name: &str) -> String {
    if table.is_empty() {
        name.to_string()
    } else {
        format!("{table}.{name}")
    }
}

/// The table a byte offset lies in, as a field path: `unit`, `items[2]`, `sangong.budget`.
fn table_path_at(text: &str, offset: usize) -> String {
    let mut current = String::new();
    let mut array_counts: std::collections::HashMap<String, usize> = Default::default();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if pos > offset {
            break;
        }
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix("[[")
            .and_then(|s| s.split("]]").next())
        {
            let name = name.trim().to_string();
            let n = array_counts.entry(name.clone()).or_insert(0);
            current = format!("{name}[{n}]");
            *n += 1;
        } else if let Some(name) = trimmed.strip_prefix('[').and_then(|s| s.split(']').next()) {
            current = name.trim().to_string();
            // A table header points at the table itself: report its own name.
            if pos + line.len() > offset && trimmed.starts_with('[') {
                return current;
            }
        }
        pos += line.len();
    }
    current
}

/// The key written at the start of the line holding `offset`, if any.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The candidate nearest to `name` in edit distance, if near enough to be a typo.
fn closest(name: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn expected_zh(expected: &str) -> String {
    let e = expected.trim();
    if e.contains("a string") || e == "string" {
        "文本（用英文双引号括起来）".into()
    } else if e.starts_with('i') || e.starts_with('u') || e.contains("integer") {
        "整数".into()
    } else if e.contains("bool") {
        "true 或 false".into()
    } else if e.contains("sequence") || e.contains("array") {
        "数组（如 [[items]] 表）".into()
    } else if e.contains("Datetime") || e.contains("date") {
        "日期（如 2025-09-26，不加引号）".into()
    } else if e.contains("struct") || e.contains("map") || e.contains("table") {
        "表（如 [unit]）".into()
    } else {
        e.to_string()
    }
}

fn found_zh(found: &str) -> String {
    let f = found.trim();
    for (en, zh) in [
        ("string", "文本"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("boolean", "布尔值"),
        ("sequence", "数组"),
        ("map", "表"),
    ] {
        if let Some(rest) = f.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    f.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_paths_count_array_entries() {
        let text = "[unit]\nname = \"a\"\n[[items]]\ncode = \"1\"\n[[items]]\ncode = \"2\"\n";
        let at = text.rfind("code").unwrap();
        assert_eq!(table_path_at(text, at), "items[1]");
        assert_eq!(table_path_at(text, 8), "unit");
    }

    #[test]
    fn typos_get_a_suggestion() {
        let c: Vec<String> = ["general_basic", "general_project", "code"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            closest("genral_basic", &c).as_deref(),
            Some("general_basic")
        );
        assert_eq!(closest("zzz", &c), None);
    }
}
