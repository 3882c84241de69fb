//! 第四部分 重点工作完成情况: the user's sections, numbered as the edition numbers them,
//! and the summary table with its 序号 counted.

use crate::base::numeral::chinese_numeral;
use crate::declare::edition::KeyWorkLayout;
use crate::resolve::key_work::KeyWork;
use serde::Serialize;

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
