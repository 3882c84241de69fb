//! Shared helpers for the integration tests: building a sample and reading its tables
//! back from the typeset pages.

#![allow(dead_code)]

pub mod columns;
pub mod samples;

use gongkai::load::load_file;
use gongkai::typeset::text::{PageText, Word};
use gongkai::{Built, Toolkit};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A command line's words (none of the tests' arguments holds a space).
pub fn args(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// Runs the `gongkai` binary in `cwd`.
pub fn gongkai(args: &[&str], cwd: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gongkai")
}

/// Runs the `gongkai` binary in `cwd` and fails the test, showing its stderr, unless it
/// succeeds.
pub fn succeed(args: &[&str], cwd: &Path) -> std::process::Output {
    let out = gongkai(args, cwd);
    assert!(
        out.status.success(),
        "gongkai {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A fresh, empty directory for one test. The suites run in one process, so `suite`
/// keeps their directories apart.
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn toolkit() -> &'static Toolkit {
    static TOOLKIT: OnceLock<Toolkit> = OnceLock::new();
    TOOLKIT.get_or_init(Toolkit::new)
}

/// A fresh build of the input at `path` (relative to the repository). Tests that only
/// read a sample booklet share one build of it: `samples::built`.
pub fn build_sample(path: &str) -> Built {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = load_file(&root.join(path)).unwrap_or_else(|f| panic!("{f}"));
    toolkit()
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"))
}

/// A printed amount: `150.79`, `1,463.06`, `-3.00`.
pub fn is_amount(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let Some((int, frac)) = t.split_once('.') else {
        return false;
    };
    frac.len() == 2
        && frac.chars().all(|c| c.is_ascii_digit())
        && !int.is_empty()
        && int.split(',').enumerate().all(|(i, g)| {
            !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()) && (i == 0 || g.len() == 3)
        })
}

fn squash(line: &[Word]) -> String {
    line.iter().map(|w| w.text.as_str()).collect()
}

/// The pages a table occupies: from the page with its title to the page before the
/// next title (`next_title`), or to the end.
pub fn table_pages<'a>(
    all: &'a [PageText],
    title: &str,
    next_title: Option<&str>,
) -> &'a [PageText] {
    let has = |p: &PageText, t: &str| p.lines.iter().any(|l| squash(l) == t);
    let start = all
        .iter()
        .position(|p| has(p, title))
        .unwrap_or_else(|| panic!("no page shows the title {title}"));
    let end = next_title
        .and_then(|t| {
            all[start + 1..]
                .iter()
                .position(|p| has(p, t))
                .map(|i| start + 1 + i)
        })
        .unwrap_or(all.len());
    &all[start..end]
}

/// One table line as read from the page: its figures by 栏次 number (or `决算数`).
pub type Cells = BTreeMap<String, String>;

/// The 栏次 line of a page: 栏次 number → x centre of that column.
fn column_centres(page: &PageText) -> Option<(f64, BTreeMap<u32, f64>)> {
    page.lines.iter().find_map(|line| {
        let numbers: BTreeMap<u32, f64> = line
            .iter()
            .filter_map(|w| w.text.parse::<u32>().ok().map(|n| (n, w.center())))
            .collect();
        let labelled = line.iter().any(|w| w.text == "栏次");
        let all_numbers = line.iter().all(|w| w.text.parse::<u32>().is_ok());
        let consecutive =
            !numbers.is_empty() && numbers.keys().copied().eq(1..=numbers.len() as u32);
        ((labelled || (all_numbers && line.len() >= 6)) && consecutive)
            .then(|| (line[0].y, numbers))
    })
}

/// The figures on the first line below the header that shows `key` (or, for `key` =
/// `决算`, the first line below the 栏次 line), by nearest 栏次 column.
pub fn read_row(pages: &[PageText], key: &str) -> Option<Cells> {
    for page in pages {
        let Some((header_y, centres)) = column_centres(page) else {
            continue;
        };
        let below = page.lines.iter().filter(|l| l[0].y > header_y + 1.0);
        let found = if key == "决算" {
            below.into_iter().next()
        } else {
            below.into_iter().find(|l| l.iter().any(|w| w.text == key))
        };
        if let Some(line) = found {
            let mut cells = Cells::new();
            for w in line.iter().filter(|w| is_amount(&w.text)) {
                let (col, _) = centres
                    .iter()
                    .min_by(|a, b| {
                        (a.1 - w.center())
                            .abs()
                            .total_cmp(&(b.1 - w.center()).abs())
                    })
                    .expect("columns");
                let previous = cells.insert(col.to_string(), w.text.clone());
                assert!(
                    previous.is_none(),
                    "two figures in column {col} of line {key}"
                );
            }
            return Some(cells);
        }
    }
    None
}

/// 公开06: the figure printed right of `key` (a code or a 合计 label) before the next
/// code or label on that line.
pub fn read_economic(pages: &[PageText], key: &str) -> Option<Cells> {
    for page in pages {
        for line in &page.lines {
            let Some(i) = line.iter().position(|w| w.text == key) else {
                continue;
            };
            let mut cells = Cells::new();
            for w in &line[i + 1..] {
                if is_amount(&w.text) {
                    cells.insert("决算数".into(), w.text.clone());
                    break;
                }
                let is_code = w.text.len() >= 3 && w.text.chars().all(|c| c.is_ascii_digit());
                if is_code || w.text.ends_with("合计") {
                    break;
                }
            }
            return Some(cells);
        }
    }
    None
}

/// The body text of the pages from the last one showing `from` (so not the contents
/// page) up to the one showing `to`, cut at both, without running headers and page numbers, all
/// whitespace removed: what a reader reads, across line and page breaks.
pub fn body_text(all: &[PageText], from: &str, to: &str) -> String {
    let body = |p: &PageText| -> String {
        p.lines
            .iter()
            .filter(|l| l[0].y > 60.0 && l[0].y < 790.0)
            .map(|l| squash(l))
            .collect::<String>()
            .replace(char::is_whitespace, "")
    };
    let start = all
        .iter()
        .rposition(|p| body(p).contains(from))
        .unwrap_or_else(|| panic!("no page shows {from}"));
    let end = all[start..]
        .iter()
        .position(|p| body(p).contains(to))
        .map_or(all.len(), |i| start + i);
    let text: String = all[start..=end.min(all.len() - 1)]
        .iter()
        .map(body)
        .collect();
    let from_at = text.find(from).expect("start");
    let to_at = text[from_at..].find(to).map_or(text.len(), |i| from_at + i);
    text[from_at..to_at].to_string()
}

/// The lines of a chart: from its caption to the line before `next` (the following
/// heading), each line's words as printed.
pub fn chart_lines(all: &[PageText], caption: &str, next: &str) -> Vec<Vec<Word>> {
    for page in all {
        let Some(start) = page.lines.iter().position(|l| squash(l) == caption) else {
            continue;
        };
        let end = page.lines[start..]
            .iter()
            .position(|l| squash(l) == next || l[0].y >= 790.0)
            .map_or(page.lines.len(), |i| start + i);
        return page.lines[start..end].to_vec();
    }
    panic!("no page shows the caption {caption}");
}

/// Each typeset line of a document as one string, spaces dropped (Typst may set a
/// space between CJK and Latin words, which the reference text does not have).
pub fn squashed_lines(document: &typst_layout::PagedDocument) -> Vec<String> {
    gongkai::typeset::text::pages(document)
        .iter()
        .flat_map(|p| p.lines.iter())
        .map(|l| l.iter().map(|w| w.text.replace(' ', "")).collect())
        .collect()
}
