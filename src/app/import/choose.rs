//! Which built-in edition a workbook was laid out by: of the booklet's kind and
//! covering its year, or a variant without years of its own (青山区's 2024 layout),
//! the one whose table heads match the sheets' 编制单位 and 金额单位 lines best; the
//! edition covering the year wins a tie.

use super::locate::Located;
use super::text::{cell_text, key};
use crate::declare::edition::Edition;
use crate::input::BookletKind;

pub fn edition(kind: BookletKind, year: i32, located: &[Located]) -> Option<Edition> {
    let candidates: Vec<Edition> = Edition::builtin_ids()
        .filter_map(Edition::builtin)
        .filter(|e| e.kind == kind && (e.years.contains(&year) || e.years.is_empty()))
        .collect();
    // A variant without years of its own is only a candidate beside an edition that
    // covers the year.
    if !candidates.iter().any(|e| e.years.contains(&year)) {
        return None;
    }
    candidates
        .into_iter()
        .map(|e| (score(&e, located), e.years.contains(&year), e))
        .max_by_key(|(score, covers, _)| (*score, *covers))
        .map(|(_, _, e)| e)
}

/// One point for each table whose 金额单位 line, and one for each whose 编制单位 label,
/// is the edition's; a table the edition does not have costs one.
fn score(e: &Edition, located: &[Located]) -> i32 {
    located
        .iter()
        .map(|l| {
            let title = key(&l.title_text);
            let Some(spec) = e
                .tables
                .iter()
                .filter(|t| title.contains(&key(&t.title)))
                .max_by_key(|t| t.title.len())
            else {
                return -1;
            };
            let head = e.head_of(spec);
            let money = i32::from(key(&l.money_line) == key(&head.money));
            let org = l.org.as_ref().is_some_and(|(_, pos)| {
                !head.org.is_empty()
                    && key(&cell_text(l.sheet.get(*pos)))
                        .starts_with(&format!("{}:", key(&head.org)))
            });
            money + i32::from(org)
        })
        .sum()
}
