//! 第四部分 重点工作完成情况: the user's sections, numbered as the edition numbers them,
//! and the summary table with its 序号 counted.

use super::check::Checker;
use super::chinese_numeral;
use super::resolve::{paragraphs, TextSection};
use crate::edition::KeyWorkLayout;
use crate::input::key_work::KeyWorkInput;
use serde::Serialize;

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

#[derive(Debug, Clone, Default, Serialize)]
pub struct KeyWorkView {
    /// `一、重点工作事项标题` and its list `（一）…；`, where the edition lists the titles.
    pub titles_heading: Option<String>,
    pub titles: Vec<String>,
    /// `二、重点工作事项内容`, where the edition lists the titles.
    pub contents_heading: Option<String>,
    pub sections: Vec<KeyWorkSection>,
    pub header: Vec<String>,
    pub rows: Vec<KeyWorkRowView>,
    /// Every 完成情况 is a word or two (`完成`): that column can be narrow.
    pub short_status: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyWorkSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyWorkRowView {
    pub number: usize,
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

pub fn view(facts: &KeyWork, layout: &KeyWorkLayout) -> KeyWorkView {
    let listed = layout.list_titles && !facts.sections.is_empty();
    let count = facts.sections.len();
    let sections = facts
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| KeyWorkSection {
            heading: if listed {
                format!("（{}）{}", chinese_numeral(i + 1), s.title)
            } else {
                format!("{}、{}", chinese_numeral(i + 1), s.title)
            },
            paragraphs: s.paragraphs.clone(),
        })
        .collect();
    let titles = if listed {
        facts
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let end = if i + 1 == count { "。" } else { "；" };
                let title = s.title.trim_end_matches(['；', '。', ';']);
                format!("（{}）{title}{end}", chinese_numeral(i + 1))
            })
            .collect()
    } else {
        Vec::new()
    };
    KeyWorkView {
        titles_heading: listed.then(|| format!("一、{}", layout.titles_heading)),
        titles,
        contents_heading: listed.then(|| format!("二、{}", layout.contents_heading)),
        sections,
        header: layout.table_header.to_vec(),
        rows: facts
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| KeyWorkRowView {
                number: i + 1,
                matter: r.matter.clone(),
                content: r.content.clone(),
                status: r.status.clone(),
            })
            .collect(),
        short_status: facts
            .rows
            .iter()
            .all(|r| r.status.iter().map(|l| l.chars().count()).sum::<usize>() <= 6),
    }
}

/// Paragraphs as in Part 1 (blank lines separate them, wrapped lines are joined), except
/// that a line opening a numbered point (`一是`, `1.`, `2、`, `（三）`, `④`) always starts a
/// new paragraph, so points typed on consecutive lines stay apart as written.
pub fn paragraphs_with_points(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        if opens_point(line.trim_start()) {
            spaced.push('\n');
        }
        spaced.push_str(line);
        spaced.push('\n');
    }
    paragraphs(&spaced)
}

/// The lines of a table cell: each input line stays a line, blank lines are dropped.
pub fn cell_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

const CHINESE_DIGITS: &str = "一二三四五六七八九十";

fn opens_point(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    if first == '（' || first == '(' {
        let inner: String = chars
            .by_ref()
            .take_while(|c| *c != '）' && *c != ')')
            .collect();
        return !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || CHINESE_DIGITS.contains(c));
    }
    if CHINESE_DIGITS.contains(first) {
        let rest: String = line
            .chars()
            .skip_while(|c| CHINESE_DIGITS.contains(*c))
            .collect();
        return rest.starts_with('是') || rest.starts_with('、');
    }
    if first.is_ascii_digit() {
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        // `1.` and `1、` open a point; `1.5万元` does not.
        let mut after = rest.chars();
        return match after.next() {
            Some('、') | Some('．') => true,
            Some('.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_points_start_paragraphs_even_without_blank_lines() {
        let text = "总述第一行\n续行。\n一是聚焦优化。\n二是聚焦安全，\n续写。\n1.第一点\n2、第二点\n（三）第三点\n④第四点\n2024年完成。";
        assert_eq!(
            paragraphs_with_points(text),
            vec![
                "总述第一行续行。",
                "一是聚焦优化。",
                "二是聚焦安全，续写。",
                "1.第一点",
                "2、第二点",
                "（三）第三点",
                "④第四点2024年完成。",
            ]
        );
    }

    #[test]
    fn decimals_and_years_do_not_open_points() {
        assert!(!opens_point("1.5万元"));
        assert!(!opens_point("2024年"));
        assert!(!opens_point("十分重要"));
        assert!(opens_point("十二是"));
        assert!(opens_point("(2)第二"));
    }

    #[test]
    fn cells_keep_their_lines() {
        assert_eq!(
            cell_lines("1.聚焦优化。\n\n 2.聚焦安全。 \n"),
            vec!["1.聚焦优化。", "2.聚焦安全。"]
        );
    }
}
