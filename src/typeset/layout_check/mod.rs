//! The layout check: faults a publishing office would send a booklet back for, found in
//! the typeset document (Typst's laid-out pages), not in the PDF text.
//!
//! # How the check knows what it is looking at
//!
//! It never guesses from wording or position what a piece of text is. Typst marks
//! elements in the laid-out frames with introspection tags, and the check reads those
//! (`model.rs`):
//! - headings (part titles are level 1), paragraphs and tables are Typst elements
//!   that are always tagged;
//! - every table cell is tagged by the grid layouter with its resolved row and column,
//!   its row span, whether it belongs to a `table.header`, and whether it is a header
//!   repeated on a later page; its start tag sits at the top-left corner of its area,
//!   which gives the rows' tops;
//! - what Typst has no element for, the library (templates/lib/*.typ) labels: the
//!   running header and page number `<gk-furniture>`, the notes under a table and the
//!   备注 block `<gk-note>`, and the bold-paragraph headings of 第三部分
//!   `<gk-subheading>`. Labelled elements are tagged like locatable ones.
//!
//! So a new template, edition or sample is covered as long as it uses the library's
//! functions, and a table's header is whatever the template declared with
//! `table.header` — the same declaration that makes Typst repeat it.
//!
//! # The rules
//!
//! See [`Fault`]. Each is tested on a small document built to break it
//! (tests/it/layout.rs), and the test suite runs the check on every sample booklet.

pub(crate) mod model;
mod rules;

pub use model::{read, CellBox, CellInfo, Layout, Page, Role, Run, Vertical};
use std::fmt;
use typst_layout::PagedDocument;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fault {
    /// A page whose only content is a table note or a 备注 block.
    LonelyNote,
    /// A page whose only content is the tail of a table or form begun on an earlier
    /// page, filling less than a fifth of the page.
    LonelyFragment,
    /// A heading (or subheading) as the last line of a page.
    StrandedHeading,
    /// A lead-in line ending with "：" as the last line of a page.
    StrandedLeadIn,
    /// A part title set on more than one line.
    SplitPartTitle,
    /// A table or form going on from an earlier page without header rows on top (or
    /// its closing footer, a group the template keeps whole).
    HeaderlessContinuation,
    /// A cell whose text wraps leaving a single character on its last line.
    OneCharacterWrap,
    /// A table row less tall than one em of the table's text.
    ShortRow,
    /// A line break inside an amount and its unit.
    SplitAmount,
    /// A figure closer than 0.3 em to a side rule of its cell: pressed against the border.
    CrowdedFigure,
}

impl Fault {
    pub fn describe(self) -> &'static str {
        match self {
            Fault::LonelyNote => "page holds nothing but a note",
            Fault::LonelyFragment => "page holds nothing but a fragment of a table or form",
            Fault::StrandedHeading => "heading is the last line of the page",
            Fault::StrandedLeadIn => "lead-in ending with ： is the last line of the page",
            Fault::SplitPartTitle => "part title split across lines",
            Fault::HeaderlessContinuation => "table continues without its header rows",
            Fault::OneCharacterWrap => "cell wraps leaving one character on its last line",
            Fault::ShortRow => "table row shorter than a line of its text",
            Fault::SplitAmount => "amount separated from its unit by a line break",
            Fault::CrowdedFigure => "figure fills its cell up to the borders",
        }
    }
}

/// One fault, on a page (counted from 1, physical pages including cover and contents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub page: usize,
    pub fault: Fault,
    /// The text concerned, as laid out (`/` marks line breaks).
    pub text: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "page {}: {}: {}",
            self.page,
            self.fault.describe(),
            self.text
        )
    }
}

/// Every fault of the document, by page.
pub fn check(document: &PagedDocument) -> Vec<Finding> {
    check_layout(&read(document))
}

pub fn check_layout(layout: &Layout) -> Vec<Finding> {
    let mut out = Vec::new();
    rules::lonely_pages(layout, &mut out);
    rules::stranded_lines(layout, &mut out);
    rules::split_part_titles(layout, &mut out);
    rules::headerless_continuations(layout, &mut out);
    rules::one_character_wraps(layout, &mut out);
    rules::short_rows(layout, &mut out);
    rules::split_amounts(layout, &mut out);
    rules::crowded_figures(layout, &mut out);
    out.sort_by_key(|f| (f.page, f.fault));
    out
}
