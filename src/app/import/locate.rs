//! Finding a layout's tables in a workbook: by title text and header cells, never by
//! sheet name or order. For each table: its sheet, its 金额单位, the header block and
//! what each column is called, and where its body starts.

use super::mapping::{HeaderPath, Layout, TableMap};
use super::text::{cell_text, key, unit_after, value_after};
use super::workbook::{a1, Pos, Sheet};
use crate::base::diag::Diagnostic;
use crate::base::money::AmountUnit;
use calamine::Data;

/// How far down a sheet a title may stand.
const TITLE_ROWS: u32 = 10;
/// A cell longer than this is text, not a title.
const TITLE_MAX_CHARS: usize = 60;

pub struct Located<'a> {
    pub sheet: &'a Sheet,
    pub table: &'a TableMap,
    pub title: Pos,
    pub title_text: String,
    pub unit: AmountUnit,
    /// The 金额单位 line as written (`金额单位：万元`).
    pub money_line: String,
    pub org: Option<(String, Pos)>,
    pub header_rows: std::ops::RangeInclusive<u32>,
    /// Canonical header texts above each column, top to bottom.
    pub paths: Vec<Vec<String>>,
    pub body_start: u32,
}

impl Located<'_> {
    /// The columns whose header holds `spec`'s texts in order.
    pub fn columns(&self, spec: &HeaderPath) -> Vec<u32> {
        (0..self.paths.len() as u32)
            .filter(|c| is_subsequence(spec, &self.paths[*c as usize]))
            .collect()
    }

    /// The one column `spec` names, or an error naming the header found.
    pub fn column(&self, spec: &HeaderPath) -> Result<u32, Diagnostic> {
        let found = self.columns(spec);
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(self.header_error(format!("表头中找不到“{}”", spec.join(" / ")))),
            many => Err(self.header_error(format!(
                "表头“{}”对应多列（{}），无法确定",
                spec.join(" / "),
                many.iter()
                    .map(|c| a1(Pos {
                        row: *self.header_rows.end(),
                        col: *c
                    }))
                    .collect::<Vec<_>>()
                    .join("、")
            ))),
        }
    }

    pub fn header_error(&self, message: String) -> Diagnostic {
        let first = Pos {
            row: *self.header_rows.start(),
            col: 0,
        };
        let last = Pos {
            row: *self.header_rows.end(),
            col: self.paths.len().saturating_sub(1) as u32,
        };
        let found: Vec<String> = self
            .paths
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(c, p)| {
                format!(
                    "{}: {}",
                    a1(Pos {
                        row: *self.header_rows.end(),
                        col: c as u32
                    })
                    .trim_end_matches(char::is_numeric),
                    p.join("/")
                )
            })
            .collect();
        Diagnostic::error(
            "E0804",
            format!(
                "{}!{}:{}（{}）：{message}",
                self.sheet.name,
                a1(first),
                a1(last),
                self.title_text
            ),
        )
        .help(format!(
            "读到的表头：{}。如导出格式不同，请用 --map 给出映射文件",
            found.join("；")
        ))
    }
}

fn is_subsequence(spec: &[String], path: &[String]) -> bool {
    let mut it = path.iter();
    spec.iter().all(|s| it.any(|p| p == s))
}

/// Which table of the layout a sheet holds, by the longest title text found in its top
/// rows. A sheet naming several tables (a 目录) holds none.
pub fn identify<'a>(layout: &'a Layout, sheet: &Sheet) -> Identified<'a> {
    let mut best: Option<(&TableMap, usize, Pos, String)> = None;
    let mut kinds = std::collections::BTreeSet::new();
    for row in 0..sheet.height().min(TITLE_ROWS) {
        for col in 0..sheet.width() {
            let pos = Pos { row, col };
            let text = cell_text(sheet.get(pos));
            let k = key(&text);
            if k.is_empty() || k.chars().count() > TITLE_MAX_CHARS {
                continue;
            }
            let mut cell_best: Option<(&TableMap, usize)> = None;
            for t in &layout.tables {
                for title in &t.titles {
                    if k.contains(title.as_str())
                        && cell_best.is_none_or(|(_, len)| title.len() > len)
                    {
                        cell_best = Some((t, title.len()));
                    }
                }
            }
            if let Some((t, len)) = cell_best {
                kinds.insert(t.kind.as_str());
                if best.as_ref().is_none_or(|(_, l, _, _)| len > *l) {
                    best = Some((t, len, pos, text));
                }
            }
        }
    }
    match best {
        None => Identified::None,
        Some(_) if kinds.len() > 1 => Identified::Contents,
        Some((t, _, pos, text)) => Identified::Table(t, pos, text),
    }
}

pub enum Identified<'a> {
    None,
    Contents,
    Table(&'a TableMap, Pos, String),
}

/// Finds the unit line, the header block and the column names of a table whose title
/// is at `title`.
pub fn locate<'a>(
    layout: &Layout,
    sheet: &'a Sheet,
    table: &'a TableMap,
    title: Pos,
    title_text: String,
) -> Result<Located<'a>, Diagnostic> {
    let known: Vec<String> = table.header_keys();
    let is_total = |k: &str| layout.total_labels.iter().any(|t| t == k);
    let has_known = |row: u32| {
        (0..sheet.width()).any(|col| {
            let k = layout.canonical(&cell_text(sheet.get(Pos { row, col })));
            !k.is_empty() && !is_total(&k) && known.contains(&k)
        })
    };
    let header_start = (title.row + 1..sheet.height()).find(|r| has_known(*r));
    let Some(header_start) = header_start else {
        return Err(Diagnostic::error(
            "E0804",
            format!(
                "{}!{}（{title_text}）：标题下找不到表头",
                sheet.name,
                a1(title)
            ),
        )
        .help(format!(
            "按映射 {} 应有表头“{}”等；如导出格式不同，请用 --map 给出映射文件",
            layout.id,
            known.first().cloned().unwrap_or_default()
        )));
    };
    let mut header_end = header_start;
    while header_end + 1 < sheet.height() {
        let r = header_end + 1;
        // A header cell merged down from the rows above keeps the row in the header.
        let merged_down =
            sheet.merges.iter().flatten().any(|m| {
                m.first.row >= header_start && m.first.row <= header_end && m.last.row >= r
            });
        if column_numbers(sheet, r) || (!has_amounts(sheet, r) && (has_known(r) || merged_down)) {
            header_end = r;
        } else {
            break;
        }
    }
    // Unit and org lines: between the title and the header.
    let mut unit = None;
    let mut org = None;
    for row in title.row..header_start {
        for col in 0..sheet.width() {
            let pos = Pos { row, col };
            let text = cell_text(sheet.get(pos));
            if unit.is_none() {
                unit = layout
                    .money_labels
                    .iter()
                    .find_map(|l| unit_after(&text, l))
                    .map(|u| (u, text.clone()));
            }
            if org.is_none() {
                org = layout
                    .org_labels
                    .iter()
                    .find_map(|l| value_after(&text, l))
                    .filter(|v| !matches!(v.as_str(), "元" | "万元"))
                    .map(|v| (v, pos));
            }
        }
    }
    let Some((unit, money_line)) = unit else {
        return Err(Diagnostic::error(
            "E0809",
            format!(
                "{}!{}:{}（{title_text}）：找不到金额单位行，不知道金额是元还是万元",
                sheet.name,
                a1(title),
                a1(Pos {
                    row: header_start,
                    col: 0
                })
            ),
        )
        .help(format!(
            "表头上方应有“{}：元”或“{}：万元”一行",
            layout.money_labels[0], layout.money_labels[0]
        )));
    };
    let paths = header_paths(layout, sheet, header_start..=header_end);
    Ok(Located {
        sheet,
        table,
        title,
        title_text,
        unit,
        money_line,
        org,
        header_rows: header_start..=header_end,
        paths,
        body_start: header_end + 1,
    })
}

/// A 栏次/行次 row: its numbers count 1, 2, 3… from the left.
fn column_numbers(sheet: &Sheet, row: u32) -> bool {
    let mut expected = 1;
    let mut marker = false;
    for col in 0..sheet.width() {
        let cell = sheet.get(Pos { row, col });
        let text = key(&cell_text(cell));
        if text.is_empty() {
            continue;
        }
        if matches!(text.as_str(), "栏次" | "行次") {
            marker = true;
            continue;
        }
        match text.parse::<u32>() {
            Ok(n) if n == expected => expected += 1,
            Ok(_) => return false,
            Err(_) => {}
        }
    }
    marker || expected > 2
}

fn has_amounts(sheet: &Sheet, row: u32) -> bool {
    (0..sheet.width()).any(|col| {
        matches!(sheet.get(Pos { row, col }), Data::Int(_) | Data::Float(_))
            || key(&cell_text(sheet.get(Pos { row, col })))
                .replace([',', '.'], "")
                .parse::<u64>()
                .is_ok()
    })
}

/// The canonical header texts above each column. Merged regions name every column
/// they span; without merge information, an empty header cell takes the text to its
/// left when it sits under the same parent (the rule merged headers follow).
fn header_paths(
    layout: &Layout,
    sheet: &Sheet,
    rows: std::ops::RangeInclusive<u32>,
) -> Vec<Vec<String>> {
    let width = sheet.width();
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let mut line: Vec<String> = (0..width)
            .map(|col| layout.canonical(&cell_text(sheet.shown(Pos { row, col }))))
            .collect();
        if sheet.merges.is_none() {
            for col in 1..width as usize {
                let same_parent = grid
                    .last()
                    .is_none_or(|above| above[col] == above[col - 1] && !above[col].is_empty());
                if line[col].is_empty() && same_parent {
                    line[col] = line[col - 1].clone();
                }
            }
        }
        grid.push(line);
    }
    (0..width as usize)
        .map(|col| {
            let mut path: Vec<String> = Vec::new();
            for line in &grid {
                let t = &line[col];
                if !t.is_empty() && path.last() != Some(t) {
                    path.push(t.clone());
                }
            }
            path
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn sheet(rows: &[&[&str]], merges: Option<Vec<super::super::workbook::Merge>>) -> Sheet {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        Sheet {
            name: "t".into(),
            rows: rows
                .iter()
                .map(|r| {
                    let mut cells: Vec<Data> = r
                        .iter()
                        .map(|s| {
                            if s.is_empty() {
                                Data::Empty
                            } else {
                                Data::String(s.to_string())
                            }
                        })
                        .collect();
                    cells.resize(width, Data::Empty);
                    cells
                })
                .collect(),
            merges,
            uncached: HashSet::new(),
            grouped: None,
        }
    }

    /// Formats without merge information (ods): an empty header cell under the same
    /// parent takes the text on its left; one under a cell of its own does not.
    #[test]
    fn headers_without_merge_information() {
        let layout = &Layout::builtin()[0];
        let s = sheet(
            &[
                &["2024年度一般公共预算财政拨款支出决算表"],
                &["单位：某中心", "", "", "", "", "", "金额单位：元"],
                &["项目", "", "", "", "本年支出", "", ""],
                &[
                    "功能分类科目编码",
                    "",
                    "",
                    "科目名称",
                    "小计",
                    "基本支出",
                    "项目支出",
                ],
                &["类", "款", "项", "栏次", "1", "2", "3"],
                &["合计", "", "", "", "10", "10", ""],
            ],
            None,
        );
        let Identified::Table(table, pos, title) = identify(layout, &s) else {
            panic!("not identified")
        };
        assert_eq!(table.titles[0], key("一般公共预算财政拨款支出决算表"));
        let l = locate(layout, &s, table, pos, title).unwrap();
        assert_eq!(l.header_rows, 2..=4);
        assert_eq!(l.body_start, 5);
        assert_eq!(l.unit, AmountUnit::Yuan);
        assert_eq!(l.org.as_ref().unwrap().0, "某中心");
        let path = |texts: &[&str]| {
            texts
                .iter()
                .map(|t| layout.canonical(t))
                .collect::<Vec<_>>()
        };
        assert_eq!(l.column(&path(&["本年支出", "基本支出"])).unwrap(), 5);
        assert_eq!(l.column(&path(&["功能分类科目编码", "款"])).unwrap(), 1);
        assert_eq!(l.column(&path(&["科目名称"])).unwrap(), 3);
        // 科目名称 does not leak into the columns right of it.
        assert_eq!(l.paths[4], path(&["本年支出", "小计", "1"]));
    }
}
