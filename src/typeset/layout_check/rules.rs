//! The rules of the layout check, each over the model of `model.rs`.

use super::model::{lines, text_of, CellBox, Layout, Page, Role, Run};
use super::{Fault, Finding};
use std::collections::{BTreeMap, HashMap};
use typst::introspection::Location;

/// The tail of a table alone on a page must fill at least this share of the page.
const FRAGMENT_SHARE: f64 = 1.0 / 5.0;

/// The least room (in ems) between a figure and either side rule of its cell.
const FIGURE_SIDE_EM: f64 = 0.3;

/// Units an amount must stay with.
const UNITS: [&str; 5] = ["万元", "亿元", "元", "%", "％"];

fn finding(page: usize, fault: Fault, text: impl Into<String>) -> Finding {
    Finding {
        page: page + 1,
        fault,
        text: text.into(),
    }
}

/// The page on which each table has its first cell.
fn first_pages(layout: &Layout) -> HashMap<Location, usize> {
    let mut first = HashMap::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for cell in &page.cells {
            if let Some(table) = cell.info.table {
                first.entry(table).or_insert(p);
            }
        }
    }
    first
}

/// A page holding nothing but a note, or nothing but the tail of a table begun on an
/// earlier page (with its notes) that fills less than `FRAGMENT_SHARE` of the page
/// (repeated header rows not counted).
pub fn lonely_pages(layout: &Layout, out: &mut Vec<Finding>) {
    let first = first_pages(layout);
    for (p, page) in layout.pages.iter().enumerate() {
        let content: Vec<&Run> = page.content().collect();
        if content.is_empty() {
            continue;
        }
        if content.iter().all(|r| r.has(Role::Note)) {
            out.push(finding(p, Fault::LonelyNote, excerpt(&content)));
            continue;
        }
        let continued = |r: &&Run| {
            r.table
                .is_some_and(|t| first.get(&t).is_some_and(|f| *f < p))
        };
        if !content.iter().all(|r| continued(r) || r.has(Role::Note)) {
            continue;
        }
        let repeated = |r: &&Run| {
            r.cell.is_some_and(|c| {
                page.cells
                    .iter()
                    .any(|b| b.location == c && b.info.repeated)
            })
        };
        let own: Vec<&Run> = content.iter().copied().filter(|r| !repeated(r)).collect();
        let top = own
            .iter()
            .map(|r| r.y - r.size)
            .fold(f64::INFINITY, f64::min);
        let bottom = own.iter().map(|r| r.y).fold(f64::NEG_INFINITY, f64::max);
        let share = if own.is_empty() {
            0.0
        } else {
            (bottom - top) / page.height
        };
        if share < FRAGMENT_SHARE {
            out.push(finding(
                p,
                Fault::LonelyFragment,
                format!("{:.0}% of the page: {}", share * 100.0, excerpt(&own)),
            ));
        }
    }
}

fn excerpt(runs: &[&Run]) -> String {
    let text = text_of(runs);
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// The last line of a page is a heading, or a line of running text ending in "：".
pub fn stranded_lines(layout: &Layout, out: &mut Vec<Finding>) {
    for (p, page) in layout.pages.iter().enumerate() {
        let all = lines(page.content());
        let Some(last) = all.last() else {
            continue;
        };
        if let Some(heading) = last.iter().find_map(|r| r.heading) {
            let text: Vec<&Run> = page
                .content()
                .filter(|r| r.heading == Some(heading))
                .collect();
            out.push(finding(p, Fault::StrandedHeading, text_of(&text)));
        } else if last.iter().all(|r| r.cell.is_none()) {
            let text = text_of(last);
            if text.trim_end().ends_with(['：', ':']) {
                out.push(finding(p, Fault::StrandedLeadIn, text));
            }
        }
    }
}

/// A part title (level-1 heading) set on more than one line.
pub fn split_part_titles(layout: &Layout, out: &mut Vec<Finding>) {
    for (p, page) in layout.pages.iter().enumerate() {
        let mut titles: Vec<(Location, Vec<&Run>)> = Vec::new();
        for run in page.content() {
            if let Some((location, 1)) = run.heading {
                match titles.iter_mut().find(|(l, _)| *l == location) {
                    Some((_, runs)) => runs.push(run),
                    None => titles.push((location, vec![run])),
                }
            }
        }
        for (_, runs) in &titles {
            let title = lines(runs.iter().copied());
            if title.len() > 1 {
                let text: Vec<String> = title.iter().map(|l| text_of(l)).collect();
                out.push(finding(p, Fault::SplitPartTitle, text.join(" / ")));
            }
        }
    }
}

/// The rows of a table on a page: grid row → top, from the cells starting there.
fn row_tops(page: &Page, table: Location) -> BTreeMap<usize, f64> {
    let mut tops: BTreeMap<usize, f64> = BTreeMap::new();
    for c in page.cells.iter().filter(|c| c.info.table == Some(table)) {
        let top = tops.entry(c.info.y).or_insert(c.top);
        *top = top.min(c.top);
    }
    tops
}

fn tables_on(page: &Page) -> Vec<Location> {
    let mut seen = Vec::new();
    for t in page.cells.iter().filter_map(|c| c.info.table) {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen
}

/// A table going on from an earlier page whose first row there is not a header row.
pub fn headerless_continuations(layout: &Layout, out: &mut Vec<Finding>) {
    let first = first_pages(layout);
    for (p, page) in layout.pages.iter().enumerate() {
        for table in tables_on(page) {
            if first.get(&table).is_none_or(|f| *f == p) {
                continue;
            }
            let cells: Vec<&CellBox> = page
                .cells
                .iter()
                .filter(|c| c.info.table == Some(table))
                .collect();
            let top = cells.iter().map(|c| c.top).fold(f64::INFINITY, f64::min);
            let first_row: Vec<&&CellBox> =
                cells.iter().filter(|c| (c.top - top).abs() < 0.5).collect();
            // A closing footer (a form's last section, a last row with its notes) is a
            // group the template keeps whole: it may start a page.
            if !first_row.iter().any(|c| c.info.header || c.info.footer) {
                let row = first_row[0].info.y;
                let text: Vec<&Run> = page
                    .content()
                    .filter(|r| {
                        r.cell
                            .is_some_and(|c| first_row.iter().any(|b| b.location == c))
                    })
                    .collect();
                out.push(finding(
                    p,
                    Fault::HeaderlessContinuation,
                    format!("row {row}: {}", text_of(&text)),
                ));
            }
        }
    }
}

/// A cell whose text wraps and leaves one character on its last line.
pub fn one_character_wraps(layout: &Layout, out: &mut Vec<Finding>) {
    let mut cells: Vec<(Location, usize, Vec<&Run>)> = Vec::new();
    let mut index: HashMap<Location, usize> = HashMap::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for run in page.content() {
            let Some(cell) = run.cell else { continue };
            let i = *index.entry(cell).or_insert_with(|| {
                cells.push((cell, p, Vec::new()));
                cells.len() - 1
            });
            // A cell broken across pages: only its lines on the last page matter.
            if cells[i].1 != p {
                cells[i].1 = p;
                cells[i].2.clear();
            }
            cells[i].2.push(run);
        }
    }
    for (_, p, runs) in cells {
        let all = lines(runs.iter().copied());
        if all.len() < 2 {
            continue;
        }
        let last = text_of(all.last().unwrap());
        if last.trim().chars().count() == 1 {
            let text: Vec<String> = all.iter().map(|l| text_of(l)).collect();
            out.push(finding(p, Fault::OneCharacterWrap, text.join(" / ")));
        }
    }
}

/// A table row without text less tall than one em of the table's text: an empty row
/// collapsed to its padding.
pub fn short_rows(layout: &Layout, out: &mut Vec<Finding>) {
    for (p, page) in layout.pages.iter().enumerate() {
        for table in tables_on(page) {
            let sizes: Vec<f64> = page
                .content()
                .filter(|r| r.table == Some(table))
                .map(|r| r.size)
                .collect();
            let Some(em) = most_common(&sizes) else {
                continue;
            };
            let mut rows: Vec<(usize, f64)> = row_tops(page, table).into_iter().collect();
            rows.sort_by(|a, b| a.1.total_cmp(&b.1));
            let bottom = page
                .rules
                .iter()
                .filter(|(t, _)| *t == table)
                .map(|(_, y)| *y)
                .fold(f64::NEG_INFINITY, f64::max);
            // Rows with text hold at least their line; an empty row holds only padding
            // unless something gives it a line's height.
            let with_text: Vec<usize> = page
                .cells
                .iter()
                .filter(|c| c.info.table == Some(table) && c.info.rowspan == 1)
                .filter(|c| page.content().any(|r| r.cell == Some(c.location)))
                .map(|c| c.info.y)
                .collect();
            for (i, (row, top)) in rows.iter().enumerate() {
                let next = rows.get(i + 1).map_or(bottom, |r| r.1);
                let height = next - top;
                // The last row's foot is only known from a rule drawn below it.
                if !with_text.contains(row) && height > 0.1 && height < em {
                    out.push(finding(
                        p,
                        Fault::ShortRow,
                        format!("row {row}: {height:.1} pt, text {em:.1} pt"),
                    ));
                }
            }
        }
    }
}

fn most_common(sizes: &[f64]) -> Option<f64> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for s in sizes {
        *counts.entry((s * 10.0).round() as i64).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s as f64 / 10.0)
}

/// A line break inside an amount and its unit ("852.68万" / "元", "79.03" / "%").
pub fn split_amounts(layout: &Layout, out: &mut Vec<Finding>) {
    // Lines of each paragraph, cell or heading, in reading order across pages.
    let mut blocks: Vec<Vec<(usize, String)>> = Vec::new();
    let mut index: HashMap<Location, usize> = HashMap::new();
    for (p, page) in layout.pages.iter().enumerate() {
        let mut by_block: Vec<(Location, Vec<&Run>)> = Vec::new();
        for run in page.content() {
            let Some(block) = run.cell.or(run.heading.map(|h| h.0)).or(run.par) else {
                continue;
            };
            match by_block.iter_mut().find(|(b, _)| *b == block) {
                Some((_, runs)) => runs.push(run),
                None => by_block.push((block, vec![run])),
            }
        }
        for (block, runs) in by_block {
            let i = *index.entry(block).or_insert_with(|| {
                blocks.push(Vec::new());
                blocks.len() - 1
            });
            for line in lines(runs) {
                blocks[i].push((p, text_of(&line)));
            }
        }
    }
    for block in blocks {
        for pair in block.windows(2) {
            let (a, b) = (&pair[0].1, &pair[1].1);
            if let Some(amount) = amount_across(a.trim_end(), b.trim_start()) {
                out.push(finding(pair[0].0, Fault::SplitAmount, amount));
            }
        }
    }
}

/// The amount with its unit that a break between `before` and `after` cuts, if any.
fn amount_across(before: &str, after: &str) -> Option<String> {
    let tail: Vec<char> = before.chars().rev().take(24).collect::<Vec<_>>();
    let mut joined: Vec<char> = tail.into_iter().rev().collect();
    let cut = joined.len();
    joined.extend(after.chars().take(12));
    let is_number_char = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    for unit in UNITS {
        let unit: Vec<char> = unit.chars().collect();
        for u in 0..joined.len() {
            if !joined[u..].starts_with(&unit) {
                continue;
            }
            let mut s = u;
            while s > 0 && is_number_char(joined[s - 1]) {
                s -= 1;
            }
            let number = &joined[s..u];
            let is_amount = number.first().is_some_and(char::is_ascii_digit)
                && number.last().is_some_and(char::is_ascii_digit);
            let end = u + unit.len();
            if is_amount && s < cut && cut < end {
                let mut text: String = joined[s..cut].iter().collect();
                text.push('|');
                text.extend(&joined[cut..end]);
                return Some(text);
            }
        }
    }
    None
}

/// A figure closer than `FIGURE_SIDE_EM` of its size to a side rule of its cell: a
/// column too narrow for its amounts (thousands separators make them longer), or a
/// padding too thin, the figure pressed against the border.
pub fn crowded_figures(layout: &Layout, out: &mut Vec<Finding>) {
    for (p, page) in layout.pages.iter().enumerate() {
        for cell in &page.cells {
            let Some(table) = cell.info.table else {
                continue;
            };
            // The cell's side rules are those crossing the band just below its top.
            let probe = cell.top + 2.0;
            let sides: Vec<f64> = page
                .verticals
                .iter()
                .filter(|v| v.table == table && v.y0 <= probe && probe <= v.y1)
                .map(|v| v.x)
                .collect();
            let Some(left) = sides.iter().copied().find(|x| (x - cell.left).abs() < 1.0) else {
                continue;
            };
            let right = sides
                .iter()
                .copied()
                .filter(|x| *x > cell.left + 1.0)
                .fold(f64::INFINITY, f64::min);
            let runs = page.content().filter(|r| r.cell == Some(cell.location));
            for run in runs.filter(|r| is_figure(&r.text)) {
                let (gap_left, gap_right) = (run.x0 - left, right - run.x1);
                if gap_left.min(gap_right) < FIGURE_SIDE_EM * run.size {
                    out.push(finding(
                        p,
                        Fault::CrowdedFigure,
                        format!("{} ({gap_left:.1} pt | {gap_right:.1} pt free)", run.text),
                    ));
                }
            }
        }
    }
}

/// An amount or a rate as tables print them (`1,463.06`, `88.8%`), not a 行次 number.
fn is_figure(text: &str) -> bool {
    let text = text.trim();
    text.chars().any(|c| c.is_ascii_digit())
        && text.contains(['.', ','])
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '-'))
}

#[cfg(test)]
mod tests {
    use super::amount_across;

    #[test]
    fn breaks_inside_an_amount_and_its_unit() {
        assert_eq!(
            amount_across("支出852.68万", "元，").as_deref(),
            Some("852.68万|元")
        );
        assert_eq!(
            amount_across("合计852.68", "万元").as_deref(),
            Some("852.68|万元")
        );
        assert_eq!(amount_across("增长22.0", "%。").as_deref(), Some("22.0|%"));
        assert_eq!(
            amount_across("合计1,4", "63.06万元").as_deref(),
            Some("1,4|63.06万元")
        );
        assert_eq!(amount_across("支出852.68万元，", "其中").as_deref(), None);
        assert_eq!(amount_across("第2", "条").as_deref(), None);
        assert_eq!(amount_across("单位：", "万元").as_deref(), None);
    }
}
