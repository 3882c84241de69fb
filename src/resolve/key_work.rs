//! 第四部分 重点工作完成情况 as the input gives it: sections with their numbered points
//! kept apart, and the summary table's rows.

use super::check::Checker;
use super::TextSection;
use crate::base::text::{cell_lines, paragraphs_with_points};
use crate::input::key_work::KeyWorkInput;

#[derive(Debug, Clone, Default)]
pub struct KeyWork {
    pub sections: Vec<TextSection>,
    pub rows: Vec<KeyWorkRow>,
}

#[derive(Debug, Clone)]
pub struct KeyWorkRow {
    pub matter: String,
    pub content: Vec<String>,
    pub status: Vec<String>,
}

pub fn resolve(c: &mut Checker, input: &KeyWorkInput) -> KeyWork {
    let sections = input
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| TextSection {
            title: c.text(&s.title, &format!("key_work.sections[{i}].title")),
            paragraphs: paragraphs_with_points(s.text.get_ref()),
        })
        .collect();
    let rows = input
        .table
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let field = |f: &str| format!("key_work.table[{i}].{f}");
            KeyWorkRow {
                matter: c.text(&r.matter, &field("matter")),
                content: cell_lines(&c.text(&r.content, &field("content"))),
                status: cell_lines(&c.text(&r.status, &field("status"))),
            }
        })
        .collect();
    KeyWork { sections, rows }
}
