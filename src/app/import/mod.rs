//! `gongkai import`: the tables the accounting software exports (xlsx, xls, ods) into an
//! input file. Tables are found by title and header text as an import layout describes
//! them (`data/import/*.toml`, or `--map`); the file gets the leaf facts with the cell
//! each came from, every printed total in `[typed]` for `gongkai check` to prove the
//! import, and 待补充 where the exports hold nothing.

mod assemble;
mod budget;
mod choose;
mod extract;
mod forms;
mod locate;
pub mod mapping;
mod notes;
pub mod text;
pub mod workbook;
mod write;
mod write_budget;

use crate::base::diag::{Diagnostic, Failure};
use crate::declare::catalog::Catalog;
use crate::input::BookletKind;
use locate::Identified;
use mapping::Layout;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// An import done: the input file's text and what the user should know.
pub struct Imported {
    pub text: String,
    /// The layout the workbook was read with.
    pub layout: String,
    /// Each table read: its title (as the layout names it) and sheet.
    pub tables: Vec<(String, String)>,
    /// Sheets skipped, totals that disagree inside the workbook, …
    pub warnings: Vec<Diagnostic>,
}

/// Codes of failures that make the input unusable (exit 2) rather than faulty (exit 1).
const UNUSABLE: &[&str] = &["E0801", "E0802", "E0803"];

/// The exit code for a failed import: 2 when the workbook or layout cannot be used at
/// all, 1 when the workbook was read and has errors, or the output cannot be written.
pub fn exit_code(failure: &Failure) -> u8 {
    if failure
        .diagnostics
        .iter()
        .any(|d| UNUSABLE.contains(&d.code))
    {
        2
    } else {
        1
    }
}

/// What the command line may say about the workbook.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// An import layout file (`--map`) instead of the built-in ones.
    pub layout: Option<PathBuf>,
    /// The kind of booklet (`--kind`); absent: the layout that recognises most tables.
    pub kind: Option<BookletKind>,
    /// The year (`--year`), for tables whose titles carry none (the budget's).
    pub year: Option<i32>,
}

/// Imports `workbook` into a new input file at `output`, never over an existing file.
pub fn import(
    workbook: &Path,
    output: &Path,
    layout: Option<&Path>,
) -> Result<(PathBuf, Imported), Failure> {
    let options = Options {
        layout: layout.map(Path::to_path_buf),
        ..Options::default()
    };
    import_with(workbook, output, &options)
}

/// [`import`] with every option.
pub fn import_with(
    workbook: &Path,
    output: &Path,
    options: &Options,
) -> Result<(PathBuf, Imported), Failure> {
    crate::app::init::refuse_existing(output)?;
    let imported = read_with(workbook, options)?;
    crate::app::output::write_atomically(output, imported.text.as_bytes())?;
    Ok((output.to_path_buf(), imported))
}

/// Reads a workbook into the text of an input file; nothing is written.
pub fn read(workbook: &Path, layout: Option<&Path>) -> Result<Imported, Failure> {
    let options = Options {
        layout: layout.map(Path::to_path_buf),
        ..Options::default()
    };
    read_with(workbook, &options)
}

/// [`read`] with every option.
pub fn read_with(workbook: &Path, options: &Options) -> Result<Imported, Failure> {
    let mut layouts = match &options.layout {
        Some(path) => vec![Layout::from_file(path)?],
        None => Layout::builtin(),
    };
    if let Some(kind) = options.kind {
        layouts.retain(|l| l.booklet == kind);
        if layouts.is_empty() {
            return Err(Failure::new(Diagnostic::error(
                "E0803",
                format!(
                    "导入版式不是{}的版式",
                    match kind {
                        BookletKind::Final => "部门决算",
                        BookletKind::Budget => "部门预算",
                    }
                ),
            )));
        }
    }
    let sheets = workbook::read(workbook)?;
    // The layout that recognises the most tables.
    let mut best: Option<(&Layout, usize)> = None;
    for l in &layouts {
        let n = sheets
            .iter()
            .filter(|s| matches!(locate::identify(l, s), Identified::Table(..)))
            .count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((l, n));
        }
    }
    let layout = best.map(|(l, _)| l).expect("at least one layout");
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut located = Vec::new();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    // A table of the layout is known by its first title.
    let mut forms = Vec::new();
    for sheet in &sheets {
        match locate::identify(layout, sheet) {
            // The budget's forms: their money lines, found by label.
            Identified::None if layout.booklet == BookletKind::Budget => {
                match forms::read(sheet, &mut errors) {
                    Some(form) => forms.push(form),
                    None => warnings.push(assemble::warning(
                        "W0801",
                        format!(
                            "工作表“{}”不是导入版式 {} 中的表，已跳过",
                            sheet.name, layout.id
                        ),
                    )),
                }
            }
            Identified::None => warnings.push(assemble::warning(
                "W0801",
                format!(
                    "工作表“{}”不是导入版式 {} 中的表，已跳过",
                    sheet.name, layout.id
                ),
            )),
            Identified::Contents => warnings.push(assemble::warning(
                "W0801",
                format!("工作表“{}”列出了多张表的标题（目录？），已跳过", sheet.name),
            )),
            Identified::Table(table, pos, title) => {
                if let Some(first) = seen.insert(&table.titles[0], &sheet.name) {
                    errors.push(Diagnostic::error(
                        "E0808",
                        format!(
                            "工作表“{first}”和“{}”是同一张表（{title}），不知道该用哪一张",
                            sheet.name
                        ),
                    ));
                    continue;
                }
                match locate::locate(layout, sheet, table, pos, title) {
                    Ok(l) => located.push(l),
                    Err(d) => errors.push(d),
                }
            }
        }
    }
    if located.is_empty() && errors.is_empty() {
        return Err(Failure::new(
            Diagnostic::error(
                "E0803",
                format!(
                    "工作簿 {} 中没有找到可导入的表（导入版式：{}）",
                    workbook.display(),
                    layout.id
                ),
            )
            .in_file(workbook)
            .help("表按标题（如“2024年度收入决算表”）和表头识别；如导出格式不同，请用 --map 给出映射文件"),
        ));
    }
    let year = match options.year {
        Some(y) => Some((y, "命令行 --year".to_string())),
        None => located.iter().find_map(|l| {
            // The title, else a line between it and the header (`2024年度`).
            (l.title.row..*l.header_rows.start())
                .flat_map(|row| (0..l.sheet.width()).map(move |col| workbook::Pos { row, col }))
                .find_map(|pos| {
                    year_in(&text::cell_text(l.sheet.get(pos)))
                        .map(|y| (y, l.sheet.cell_ref(pos).to_string()))
                })
        }),
    };
    let Some(year) = year else {
        errors.push(
            Diagnostic::error("E0803", "表的标题和表头上方都没有年度（如“2024年度收入决算表”）")
                .in_file(workbook)
                .help("部门预算表的标题通常不带年度：请用 --year 给出，如 gongkai import 预算表.xlsx -o x/2024-budget.toml --year 2024"),
        );
        return Err(Failure::many(errors));
    };
    let Some(edition) = choose::edition(layout.booklet, year.0, &located) else {
        errors.push(
            Diagnostic::error(
                "E0803",
                format!(
                    "没有 {} 年度的{}版式",
                    year.0,
                    match layout.booklet {
                        BookletKind::Final => "部门决算",
                        BookletKind::Budget => "部门预算",
                    }
                ),
            )
            .in_file(workbook),
        );
        return Err(Failure::many(errors));
    };
    let catalog = Catalog::builtin();
    let class_names: BTreeMap<String, String> = edition
        .classes
        .iter()
        .filter_map(|c| {
            let c = c.get_ref();
            catalog
                .function(year.0, c)
                .map(|e| (text::label_key(&e.name), c.clone()))
        })
        .collect();
    let mut bodies = Vec::new();
    for l in &located {
        let mut reader = extract::Reader {
            loc: l,
            total_labels: &layout.total_labels,
            end_markers: &layout.end_markers,
            class_names: &class_names,
            errors: Vec::new(),
        };
        let body = reader.read();
        errors.extend(reader.errors);
        bodies.push(assemble::TableBody {
            figures: l.table.columns.iter().map(|(f, _)| f.clone()).collect(),
            body,
        });
    }
    if !errors.is_empty() {
        return Err(Failure::many(errors));
    }
    let unit_name = located.iter().find_map(|l| {
        l.org
            .as_ref()
            .map(|(n, p)| (n.clone(), l.sheet.cell_ref(*p).to_string()))
    });
    let file_name = workbook
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let table_notes = notes::notes(
        &located,
        &edition,
        year.0,
        unit_name.as_ref().map_or("", |(n, _)| n.as_str()),
    );
    // Thousands separators as the sheets show them, when they say.
    let grouped: Vec<bool> = located.iter().filter_map(|l| l.sheet.grouped).collect();
    let separators = (!grouped.is_empty()).then(|| grouped.contains(&true));
    let header = write::Header {
        workbook: &file_name,
        layout: &layout.id,
        unit_name,
        year,
        edition: &edition,
        table_notes: &table_notes,
        separators,
    };
    let text = match layout.booklet {
        BookletKind::Final => {
            let draft = assemble::assemble(&bodies, &edition);
            warnings.extend(draft.warnings.iter().cloned());
            write::document(&header, &draft, &catalog)
        }
        BookletKind::Budget => {
            let draft = budget::assemble(&bodies, forms, &edition);
            warnings.extend(draft.common.warnings.iter().cloned());
            write_budget::document(&header, &draft, &catalog)
        }
    };
    // The file must load as an input: anything else is a bug here, not in the workbook.
    if let Err(f) = crate::input::load_str(Path::new("import.toml"), &text) {
        let why = f
            .diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        return Err(Failure::new(Diagnostic::error(
            "B0007",
            format!("导入生成的文件无法读回（这是 gongkai 的缺陷）：{why}"),
        )));
    }
    Ok(Imported {
        text,
        layout: layout.id.clone(),
        tables: located
            .iter()
            .map(|l| (l.table.titles[0].clone(), l.sheet.name.clone()))
            .collect(),
        warnings,
    })
}

/// `2024` from `2024年度收入决算表` (full-width digits too).
fn year_in(title: &str) -> Option<i32> {
    let chars: Vec<char> = text::key(title).chars().collect();
    chars.windows(5).find_map(|w| {
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit))
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_titles() {
        assert_eq!(year_in("2024年度收入决算表"), Some(2024));
        assert_eq!(year_in("武汉市某中心2022年度支出决算表（表3）"), Some(2022));
        assert_eq!(year_in("２０２４年度收入决算表"), Some(2024));
        assert_eq!(year_in("收入决算表"), None);
    }
}
