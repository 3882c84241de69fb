//! Reading the typeset pages back as positioned words, the way a reader sees them.
//! The tests use it to check that each figure stands in its table, row and column of
//! the laid-out booklet, not merely somewhere in the generated source.

use typst::layout::{Frame, FrameItem, Point, Transform};
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
/// Baselines closer than this (in pt) are one line.
const SAME_LINE: f64 = 1.0;

pub fn pages(document: &PagedDocument) -> Vec<PageText> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut runs = Vec::new();
            collect(&page.frame, Transform::identity(), &mut runs);
            PageText {
                lines: into_lines(runs),
            }
        })
        .collect()
}

fn collect(frame: &Frame, ts: Transform, out: &mut Vec<Word>) {
    for (pos, item) in frame.items() {
        let at = |p: Point| p.transform(ts);
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                collect(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let start = at(*pos);
                let end = at(Point::new(pos.x + text.width(), pos.y));
                let word = text.text.trim();
                if !word.is_empty() {
                    out.push(Word {
                        text: text.text.to_string(),
                        x0: start.x.to_pt(),
                        x1: end.x.to_pt(),
                        y: start.y.to_pt(),
                        size: text.size.to_pt(),
                    });
                }
            }
            _ => {}
        }
    }
}

fn into_lines(mut runs: Vec<Word>) -> Vec<Vec<Word>> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() < SAME_LINE => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
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
