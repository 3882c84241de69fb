//! Glyph coverage: every character of the user's text must be in the embedded fonts.
//! Checked before typesetting, so a rare character is an error naming its field, never
//! a blank box in print.

use crate::diag::Diagnostic;
use crate::input::Loaded;
use crate::typeset::Fonts;
use toml::Spanned;

/// Every text field of the input that reaches the booklet, with its field path.
pub(crate) fn text_fields(loaded: &Loaded) -> Vec<(String, &Spanned<String>)> {
    let input = &loaded.input;
    let mut fields = vec![("unit.name".to_string(), &input.unit.name)];
    if let Some(n) = &input.unit.name_on_tables {
        fields.push(("unit.name_on_tables".into(), n));
    }
    for (i, s) in input.overview.sections.iter().enumerate() {
        fields.push((format!("overview.sections[{i}].title"), &s.title));
        fields.push((format!("overview.sections[{i}].text"), &s.text));
    }
    for (i, item) in input.items.iter().enumerate() {
        if let Some(n) = &item.name {
            fields.push((format!("items[{i}].name"), n));
        }
    }
    for (id, note) in &input.table_notes {
        fields.push((format!("table_notes.\"{id}\""), note));
    }
    fields.extend(crate::input::narrative::text_fields(input));
    fields.extend(input.key_work.text_fields());
    fields.extend(input.glossary.text_fields());
    fields.extend(input.evaluation.text_fields());
    fields.extend(crate::input::budget::text_fields(input));
    fields
}

/// The code of a missing-glyph error: unlike other errors, a draft cannot print it.
pub const MISSING_GLYPH: &str = "E0401";

pub fn check_glyphs(loaded: &Loaded, fonts: &Fonts) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (field, value) in text_fields(loaded) {
        let text = value.get_ref();
        let missing: Vec<char> = {
            let mut seen = Vec::new();
            for c in text
                .chars()
                .filter(|c| !c.is_control() && !fonts.covers(*c))
            {
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
