//! The typeset document read back as text runs that know what encloses them.
//!
//! Typst leaves introspection tags in the laid-out frames: a start tag where an element
//! begins and an end tag where it ends, for every locatable element (headings,
//! paragraphs, tables) and every labelled one; the grid layouter adds one per table
//! cell, carrying the resolved cell (its row and column, spans, whether it is a header
//! cell and whether it is a repetition on a later page). Walking the frames in order
//! while keeping the open elements on a stack tells, for each text run and each table
//! rule, which heading, paragraph, table, cell and role (see [`Role`]) it belongs to.
//! Elements that continue on later pages stay on the stack across page boundaries; the
//! frames of a cell broken across pages name the cell as their logical parent.

use std::collections::HashMap;
use typst::foundations::{Content, StyleChain};
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::model::{HeadingElem, ParElem, TableCell, TableElem};
use typst::pdf::TableCellKind;
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// What a block is for, from the label the library puts on it (templates/lib/*.typ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `<gk-furniture>`: running header, page number, watermark.
    Furniture,
    /// `<gk-note>`: the notes under a table, the 备注 block under a form.
    Note,
    /// `<gk-subheading>`: a heading set as a bold paragraph (（一）… in 第三部分).
    Subheading,
}

impl Role {
    fn from_label(name: &str) -> Option<Role> {
        match name {
            "gk-furniture" => Some(Role::Furniture),
            "gk-note" => Some(Role::Note),
            "gk-subheading" => Some(Role::Subheading),
            _ => None,
        }
    }
}

/// A table cell as the grid layouter resolved it.
#[derive(Debug, Clone, Copy)]
pub struct CellInfo {
    pub table: Option<Location>,
    pub x: usize,
    pub y: usize,
    pub rowspan: usize,
    /// In a `table.header`.
    pub header: bool,
    /// In a `table.footer`.
    pub footer: bool,
    /// A header laid out again at the top of a later page.
    pub repeated: bool,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Heading(usize),
    Par,
    Table,
    Cell(CellInfo),
    Role(Role),
}

/// A run of text on one baseline, in pt from the page's top-left corner, with its
/// enclosing elements.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub roles: Vec<Role>,
    /// The innermost heading and its level; subheadings have level 0.
    pub heading: Option<(Location, usize)>,
    pub par: Option<Location>,
    pub table: Option<Location>,
    pub cell: Option<Location>,
}

impl Run {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A vertical rule of a table, from `y0` down to `y1`.
#[derive(Debug, Clone, Copy)]
pub struct Vertical {
    pub table: Location,
    pub x: f64,
    pub y0: f64,
    pub y1: f64,
}

/// Where a cell starts on a page: the top-left corner of its area.
#[derive(Debug, Clone, Copy)]
pub struct CellBox {
    pub location: Location,
    pub info: CellInfo,
    pub top: f64,
    pub left: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// In pt.
    pub height: f64,
    /// Text runs, in the order they were laid out.
    pub runs: Vec<Run>,
    pub cells: Vec<CellBox>,
    /// Horizontal rules drawn by tables: (table, y).
    pub rules: Vec<(Location, f64)>,
    /// Vertical rules drawn by tables.
    pub verticals: Vec<Vertical>,
}

impl Page {
    /// The runs that are the page's content, not its furniture.
    pub fn content(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| !r.has(Role::Furniture))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub pages: Vec<Page>,
}

pub fn read(document: &PagedDocument) -> Layout {
    let mut walker = Walker::default();
    let pages = document
        .pages()
        .iter()
        .map(|page| {
            let mut out = Page {
                height: page.frame.height().to_pt(),
                ..Page::default()
            };
            walker.walk(&page.frame, Transform::identity(), &mut out);
            out
        })
        .collect();
    Layout { pages }
}

#[derive(Default)]
struct Walker {
    open: Vec<(Location, Kind)>,
    known: HashMap<Location, Kind>,
}

impl Walker {
    fn walk(&mut self, frame: &Frame, ts: Transform, out: &mut Page) {
        for (pos, item) in frame.items() {
            let at = |p: Point| p.transform(ts);
            match item {
                FrameItem::Group(group) => {
                    let inner = ts
                        .pre_concat(Transform::translate(pos.x, pos.y))
                        .pre_concat(group.transform);
                    let parent = group
                        .parent
                        .and_then(|p| self.known.get(&p.location).map(|k| (p.location, *k)));
                    if let Some(parent) = parent {
                        self.open.push(parent);
                    }
                    self.walk(&group.frame, inner, out);
                    // The parent's own end tag may have come inside the group already.
                    if let Some((location, _)) = parent {
                        if let Some(i) = self.open.iter().rposition(|(l, _)| *l == location) {
                            self.open.remove(i);
                        }
                    }
                }
                FrameItem::Text(text) => {
                    if text.text.trim().is_empty() {
                        continue;
                    }
                    let start = at(*pos);
                    let end = at(Point::new(pos.x + text.width(), pos.y));
                    out.runs.push(self.run(
                        text.text.to_string(),
                        start.x.to_pt(),
                        end.x.to_pt(),
                        start.y.to_pt(),
                        text.size.to_pt(),
                    ));
                }
                FrameItem::Shape(shape, _) => {
                    let Geometry::Line(to) = shape.geometry else {
                        continue;
                    };
                    let Some(table) = self.innermost(|k| matches!(k, Kind::Table)) else {
                        continue;
                    };
                    if self.in_furniture() {
                        continue;
                    }
                    let (start, end) = (at(*pos), at(*pos + to));
                    if (start.y - end.y).to_pt().abs() < 0.01 {
                        out.rules.push((table, start.y.to_pt()));
                    } else if (start.x - end.x).to_pt().abs() < 0.01 {
                        let (a, b) = (start.y.to_pt(), end.y.to_pt());
                        out.verticals.push(Vertical {
                            table,
                            x: start.x.to_pt(),
                            y0: a.min(b),
                            y1: a.max(b),
                        });
                    }
                }
                FrameItem::Tag(Tag::Start(content, _)) => {
                    let Some(location) = content.location() else {
                        continue;
                    };
                    let Some(kind) = self.classify(content) else {
                        continue;
                    };
                    if let Kind::Cell(info) = kind {
                        if !self.in_furniture() {
                            let p = at(*pos);
                            out.cells.push(CellBox {
                                location,
                                info,
                                top: p.y.to_pt(),
                                left: p.x.to_pt(),
                            });
                        }
                    }
                    self.known.insert(location, kind);
                    self.open.push((location, kind));
                }
                FrameItem::Tag(Tag::End(location, ..)) => {
                    if let Some(i) = self.open.iter().rposition(|(l, _)| l == location) {
                        self.open.remove(i);
                    }
                }
                _ => {}
            }
        }
    }

    fn classify(&self, content: &Content) -> Option<Kind> {
        if let Some(role) = content
            .label()
            .and_then(|l| Role::from_label(l.resolve().as_str()))
        {
            return Some(Kind::Role(role));
        }
        if let Some(heading) = content.to_packed::<HeadingElem>() {
            return Some(Kind::Heading(
                heading.resolve_level(StyleChain::default()).get(),
            ));
        }
        if content.to_packed::<ParElem>().is_some() {
            return Some(Kind::Par);
        }
        if content.to_packed::<TableElem>().is_some() {
            return Some(Kind::Table);
        }
        let cell = content.to_packed::<TableCell>()?;
        let kind = cell.kind.get(StyleChain::default()).custom();
        Some(Kind::Cell(CellInfo {
            table: self.innermost(|k| matches!(k, Kind::Table)),
            x: cell.x.get(StyleChain::default()).custom().unwrap_or(0),
            y: cell.y.get(StyleChain::default()).custom().unwrap_or(0),
            rowspan: cell.rowspan.get(StyleChain::default()).get(),
            header: matches!(kind, Some(TableCellKind::Header(..))),
            footer: matches!(kind, Some(TableCellKind::Footer)),
            repeated: cell.is_repeated.get(StyleChain::default()),
        }))
    }

    fn innermost(&self, pick: impl Fn(&Kind) -> bool) -> Option<Location> {
        self.open
            .iter()
            .rev()
            .find(|(_, k)| pick(k))
            .map(|(l, _)| *l)
    }

    fn in_furniture(&self) -> bool {
        self.open
            .iter()
            .any(|(_, k)| matches!(k, Kind::Role(Role::Furniture)))
    }

    fn run(&self, text: String, x0: f64, x1: f64, y: f64, size: f64) -> Run {
        let mut roles = Vec::new();
        let mut heading = None;
        for (location, kind) in self.open.iter().rev() {
            match kind {
                Kind::Role(Role::Subheading) if heading.is_none() => {
                    heading = Some((*location, 0));
                    roles.push(Role::Subheading);
                }
                Kind::Role(role) => roles.push(*role),
                Kind::Heading(level) if heading.is_none() => heading = Some((*location, *level)),
                _ => {}
            }
        }
        Run {
            text,
            x0,
            x1,
            y,
            size,
            roles,
            heading,
            par: self.innermost(|k| matches!(k, Kind::Par)),
            table: self.innermost(|k| matches!(k, Kind::Table)),
            cell: self.innermost(|k| matches!(k, Kind::Cell(_))),
        }
    }
}

/// Baselines closer than this (in pt) are one line.
const SAME_LINE: f64 = 1.0;

/// Items grouped into lines by their baseline `y` (top to bottom), each line left to
/// right by its left edge `x0`.
pub fn by_line<T>(mut items: Vec<T>, y: impl Fn(&T) -> f64, x0: impl Fn(&T) -> f64) -> Vec<Vec<T>> {
    items.sort_by(|a, b| y(a).total_cmp(&y(b)).then(x0(a).total_cmp(&x0(b))));
    let mut lines: Vec<Vec<T>> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if (y(&line[0]) - y(&item)).abs() < SAME_LINE => line.push(item),
            _ => lines.push(vec![item]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| x0(a).total_cmp(&x0(b)));
    }
    lines
}

/// Runs grouped into lines (top to bottom), each left to right.
pub fn lines<'a>(runs: impl IntoIterator<Item = &'a Run>) -> Vec<Vec<&'a Run>> {
    by_line(runs.into_iter().collect(), |r| r.y, |r| r.x0)
}

pub fn text_of(line: &[&Run]) -> String {
    line.iter().map(|r| r.text.as_str()).collect::<String>()
}
