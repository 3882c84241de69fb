//! Every text of the input that reaches the booklet, with its field path: what the
//! checks that read every text (glyphs, placeholders, paragraph length) walk.

use super::Loaded;
use toml::Spanned;

impl Loaded {
    /// Every text field of the input that reaches the booklet, with its field path.
    pub fn text_fields(&self) -> Vec<(String, &Spanned<String>)> {
        let input = &self.input;
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
        fields.extend(super::narrative::text_fields(input));
        fields.extend(input.key_work.text_fields());
        fields.extend(input.glossary.text_fields());
        fields.extend(input.evaluation.text_fields());
        fields.extend(super::budget::text_fields(input));
        fields
    }
}
