//! Reading tables without 栏次 (the budget booklet's): columns are found by their
//! header text on the page, figures by the column whose centre is nearest.

use gongkai::typeset::text::{PageText, Word};
use std::collections::BTreeMap;

/// Text as compared: every kind of space removed (`收　入` is `收入`).
pub fn plain(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A number as a table or form prints it: `1,757.51`, `0.00`, `1757.5`, `100`, `0`,
/// `82.43%`.
pub fn is_figure(text: &str) -> bool {
    let t = text.strip_suffix('%').unwrap_or(text);
    let t = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit() || c == ',')
        && frac.chars().all(|c| c.is_ascii_digit())
        && !(t.contains('.') && frac.is_empty())
}

/// A header cell: words stacked at one centre (a centred cell's wrapped lines).
#[derive(Debug, Clone)]
struct HeaderCell {
    text: String,
    center: f64,
    y: f64,
}

/// Every way the header words between `top` and `bottom` (y) stack into a cell:
/// starting at each word, the words below it centred at the same x, joined.
fn header_cells(page: &PageText, top: f64, bottom: f64) -> Vec<HeaderCell> {
    let words: Vec<&Word> = page
        .lines
        .iter()
        .flatten()
        .filter(|w| w.y > top && w.y < bottom)
        .collect();
    let mut cells = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let mut text = plain(&w.text);
        cells.push(HeaderCell {
            text: text.clone(),
            center: w.center(),
            y: w.y,
        });
        let mut last_y = w.y;
        for v in &words[i + 1..] {
            if v.y > last_y + 0.5
                && v.y - last_y < 2.2 * v.size
                && (v.center() - w.center()).abs() < 2.0
            {
                text.push_str(&plain(&v.text));
                last_y = v.y;
                cells.push(HeaderCell {
                    text: text.clone(),
                    center: w.center(),
                    y: w.y,
                });
            }
        }
    }
    cells
}

/// The x centre of each column named by its header path (`基本支出/人员经费`), read
/// from the header between `top` and `bottom`. A leaf printed under several parents
/// goes to the parent whose centre is nearest above it.
pub fn column_centres(
    page: &PageText,
    top: f64,
    bottom: f64,
    paths: &[String],
) -> Result<BTreeMap<String, f64>, String> {
    let cells = header_cells(page, top, bottom);
    let mut out = BTreeMap::new();
    for path in paths {
        let parts: Vec<String> = path.split('/').map(plain).collect();
        let leaf = parts.last().expect("a path has a leaf");
        let mut candidates: Vec<&HeaderCell> = cells.iter().filter(|c| &c.text == leaf).collect();
        candidates.dedup_by(|a, b| (a.center - b.center).abs() < 1.0 && (a.y - b.y).abs() < 1.0);
        if candidates.len() > 1 && parts.len() > 1 {
            let parent = &parts[parts.len() - 2];
            // The cell above each candidate that heads some column group, nearest in x.
            let heads: Vec<String> = paths
                .iter()
                .filter_map(|p| {
                    let v: Vec<&str> = p.split('/').collect();
                    (v.len() > 1).then(|| plain(v[v.len() - 2]))
                })
                .collect();
            candidates.retain(|c| {
                cells
                    .iter()
                    .filter(|q| q.y < c.y - 0.5 && heads.contains(&q.text))
                    .min_by(|a, b| {
                        (a.center - c.center)
                            .abs()
                            .total_cmp(&(b.center - c.center).abs())
                    })
                    .is_some_and(|nearest| &nearest.text == parent)
            });
        }
        match candidates.as_slice() {
            [one] => {
                out.insert(path.clone(), one.center);
            }
            [] => return Err(format!("no header cell reads {path}")),
            many => return Err(format!("header {path} is ambiguous: {} cells", many.len())),
        }
    }
    Ok(out)
}

/// The figures of `line`, each under the column whose centre is nearest, if it is
/// nearer to that centre than half the distance to the next column's.
pub fn figures_by_column(
    line: &[Word],
    centres: &BTreeMap<String, f64>,
) -> BTreeMap<String, String> {
    let mut sorted: Vec<(&String, f64)> = centres.iter().map(|(k, v)| (k, *v)).collect();
    sorted.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out = BTreeMap::new();
    for w in line.iter().filter(|w| is_figure(&w.text)) {
        let x = w.center();
        let Some((i, (name, c))) = sorted
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 .1 - x).abs().total_cmp(&(b.1 .1 - x).abs()))
        else {
            continue;
        };
        let gap = |j: Option<usize>| j.and_then(|j| sorted.get(j)).map(|(_, d)| (d - c).abs());
        let half = [gap(i.checked_sub(1)), gap(Some(i + 1))]
            .into_iter()
            .flatten()
            .fold(f64::INFINITY, f64::min)
            / 2.0;
        let half = if half.is_finite() { half } else { 40.0 };
        if (x - c).abs() <= half {
            out.insert((*name).clone(), w.text.clone());
        }
    }
    out
}
