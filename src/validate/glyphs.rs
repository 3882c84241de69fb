//! Glyph coverage: every character of the user's text must be in the embedded fonts.
//! Checked before typesetting, so a rare character is an error naming its field, never
//! a blank box in print.

use crate::base::diag::Diagnostic;
use crate::input::Loaded;

/// The code of a missing-glyph error: unlike other errors, a draft cannot print it.
pub const MISSING_GLYPH: &str = "E0401";

/// `covers` tells whether the fonts can draw a character (every face: body text is
/// serif, headings sans, bold in places).
pub fn check_glyphs(loaded: &Loaded, covers: &dyn Fn(char) -> bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (field, value) in loaded.text_fields() {
        let text = value.get_ref();
        let missing: Vec<char> = {
            let mut seen = Vec::new();
            for c in text.chars().filter(|c| !c.is_control() && !covers(*c)) {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
            seen
        };
        if missing.is_empty() {
            continue;
        }
        let listed: Vec<String> = missing
            .iter()
            .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
            .collect();
        // Point at the first missing character itself where the field is a plain string.
        let span = value.span();
        let raw = &loaded.source.text[span.clone()];
        let at = raw.find(missing[0]).map_or(span.clone(), |i| {
            span.start + i..span.start + i + missing[0].len_utf8()
        });
        problems.push(
            Diagnostic::error(
                MISSING_GLYPH,
                format!("内置字体中没有这些字符，无法印出：{}", listed.join("、")),
            )
            .field(field)
            .at_span(&loaded.source, at)
            .help("请改用常用字或同义写法；生僻地名用字可联系维护者补充字体"),
        );
    }
    problems
}
