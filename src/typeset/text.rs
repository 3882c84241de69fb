//! Reading the typeset pages back as positioned words, the way a reader sees them.
//! The tests use it to check that each figure stands in its table, row and column of
//! the laid-out booklet, not merely somewhere in the generated source.

use crate::typeset::layout_check::model::by_line;
use typst_layout::PagedDocument;

/// A run of text on one baseline, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    /// Font size in pt.
    pub size: f64,
}

impl Word {
    pub fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The words of one page, grouped into lines (top to bottom), each left to right.
#[derive(Debug, Clone)]
pub struct PageText {
    pub lines: Vec<Vec<Word>>,
}

impl PageText {
    pub fn contains(&self, text: &str) -> bool {
        self.lines.iter().flatten().any(|w| w.text == text)
    }

    pub fn joined(&self) -> String {
        self.lines
            .iter()
            .map(|l| {
                l.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Text runs closer than this many ems on one baseline belong to the same word: Typst
/// puts a quarter em between CJK and Latin runs, while neighbouring table cells are at
/// least two insets (4 pt at 8 pt type, i.e. half an em) apart.
const JOIN_GAP_EM: f64 = 0.3;

/// The pages' text runs (as the layout check reads them), merged into words and lines.
pub fn pages(document: &PagedDocument) -> Vec<PageText> {
    crate::typeset::layout_check::model::read(document)
        .pages
        .into_iter()
        .map(|page| {
            let words = page.runs.into_iter().map(|r| Word {
                text: r.text,
                x0: r.x0,
                x1: r.x1,
                y: r.y,
                size: r.size,
            });
            PageText {
                lines: into_lines(words.collect()),
            }
        })
        .collect()
}

fn into_lines(runs: Vec<Word>) -> Vec<Vec<Word>> {
    let mut lines = by_line(runs, |w| w.y, |w| w.x0);
    for line in &mut lines {
        let mut merged: Vec<Word> = Vec::new();
        for w in line.drain(..) {
            match merged.last_mut() {
                Some(prev) if w.x0 - prev.x1 < JOIN_GAP_EM * w.size.max(prev.size) => {
                    prev.text.push_str(&w.text);
                    prev.x1 = w.x1;
                }
                _ => merged.push(w),
            }
        }
        for w in &mut merged {
            w.text = w.text.trim().to_string();
        }
        *line = merged;
    }
    lines
}
