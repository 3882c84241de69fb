//! Escaping user text for Typst. Text from the input is data, never markup: every
//! character Typst markup gives a meaning to is backslash-escaped, so `#`, `$`, `*`,
//! `[`, `@`, `\` … print literally.

/// Escapes text for Typst *markup* (inside `[...]` or at top level). Used as tera's
/// autoescape function for `.typ` templates.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '\\' | '#' | '$' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '@' | '~' | '=' | '-'
            | '+' | '/' | '"' | '\'' | '.' => {
                out.push('\\');
                out.push(ch);
            }
            // A line break inside a value would end a heading or a list item early.
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// A complete Typst string literal, quotes included: for the few places where Typst
/// wants a `str` (document metadata).
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape_markup("a#b"), "a\\#b");
        assert_eq!(escape_markup("$x$"), "\\$x\\$");
        assert_eq!(escape_markup("\\n"), "\\\\n");
        assert_eq!(escape_markup("1. 第一"), "1\\. 第一");
        assert_eq!(escape_markup("中文"), "中文");
    }

    #[test]
    fn string_literals_escape_quotes_and_backslashes() {
        assert_eq!(string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(string_literal("x\ny"), "\"x\\ny\"");
    }
}
