//! The 说明 line under an empty table, when the workbook words it otherwise than the
//! edition would (`说明：原武汉市青山区大数据中心本级当年无…`): kept as `[table_notes]`.

use super::locate::Located;
use super::text::{cell_text, key};
use super::workbook::Pos;
use crate::base::numeral::chinese_numeral;
use crate::declare::edition::Edition;

/// A table's own 说明 line: the edition's table id, the text and its cell.
pub struct Note {
    pub id: String,
    pub text: String,
    pub source: String,
}

pub fn notes(located: &[Located], edition: &Edition, year: i32, unit: &str) -> Vec<Note> {
    let mut out = Vec::new();
    for l in located {
        let title = key(&l.title_text);
        let Some((position, spec)) = edition
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| title.contains(&key(&t.title)))
            .max_by_key(|(_, t)| t.title.len())
        else {
            continue;
        };
        let found = (l.body_start..l.sheet.height()).find_map(|row| {
            (0..l.sheet.width()).find_map(|col| {
                let pos = Pos { row, col };
                let text = cell_text(l.sheet.get(pos));
                key(&text)
                    .starts_with("说明")
                    .then(|| (text, l.sheet.cell_ref(pos).to_string()))
            })
        });
        let Some((text, source)) = found else {
            continue;
        };
        let head = edition.head_of(spec);
        let default = spec.empty_note.as_deref().map(|p| {
            p.replace("{year}", &year.to_string())
                .replace("{title}", &spec.title)
                .replace("{label}", spec.label.get_ref())
                .replace("{unit}", unit)
                .replace("{n}", &chinese_numeral(position + 1))
                .replace("{subject}", &head.empty_subject)
        });
        if default.is_some_and(|d| key(&d) == key(&text)) {
            continue;
        }
        out.push(Note {
            id: spec.id.get_ref().clone(),
            text,
            source,
        });
    }
    out
}
