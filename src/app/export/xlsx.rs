//! The booklet's tables as an xlsx workbook, one sheet a table, laid out as printed: the
//! label, title and head line (编制单位 / 年度 / 金额单位), the header cells merged as
//! the grid spans them, the 栏次/行次, the body and the notes. Figures are numbers, not
//! text: the amount each cell shows, rounded half-up at the table's decimals as printed
//! (or, with `exact`, the exact amount in 元), formatted with the table's decimals and
//! separators, so a reviewer can sum them. Empty cells stay empty.

use super::place::{place, widths, Placed};
use crate::base::money::Money;
use crate::declare::edition::NumberFormat;
use crate::parts::Booklet;
use crate::tables::format::Formatter;
use crate::tables::grid::Align;
use crate::tables::Table;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// How the workbook is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Every amount exact in 元 (the money line says 元), instead of as printed: what
    /// an import reads back without loss.
    pub exact: bool,
    /// Written although the input has errors; each sheet's page header says 草稿.
    pub draft: bool,
}

/// The workbook's bytes and what went into it.
pub struct Written {
    pub bytes: Vec<u8>,
    /// Each table written: its label and sheet name.
    pub sheets: Vec<(String, String)>,
    /// Tables not written: the forms, which are not grids (their labels).
    pub left_out: Vec<String>,
}

/// Point size of table text, and of a line of it in a row's height.
const TEXT_PT: f64 = 10.0;
const LINE_PT: f64 = 13.5;
/// The widest a column grows to hold its labels on one line.
const LABEL_MAX: f64 = 40.0;

pub fn workbook(b: &Booklet, options: &Options) -> Result<Written, XlsxError> {
    let mut book = Workbook::new();
    let date = published(b);
    book.set_properties(
        &DocProperties::new()
            .set_title(&b.title)
            .set_author(&b.unit.name)
            .set_subject(&b.subject)
            .set_keywords(b.keywords.join(", "))
            .set_creation_datetime(&date),
    );
    let mut sheets = Vec::new();
    let mut left_out = Vec::new();
    for t in &b.tables {
        if t.form.is_some() || t.grid.widths.is_empty() {
            left_out.push(t.label.clone());
            continue;
        }
        let name = sheet_name(&t.label, &sheets);
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        table(ws, t, options)?;
        sheets.push((t.label.clone(), name));
    }
    let bytes = book.save_to_buffer()?;
    Ok(Written {
        bytes,
        sheets,
        left_out,
    })
}

/// The publication date as the workbook's creation time, so the same input gives the
/// same bytes; the year's first day when the booklet has none.
fn published(b: &Booklet) -> ExcelDateTime {
    let mut parts = b.unit.published_iso.split('-').map(str::parse::<u16>);
    let date = match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => ExcelDateTime::from_ymd(y, m as u8, d as u8),
        _ => ExcelDateTime::from_ymd(b.unit.year.clamp(1900, 9999) as u16, 1, 1),
    };
    date.unwrap_or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid date"))
}

/// The label as a sheet name: without the characters sheet names cannot hold, at most
/// 31 characters, distinct from the names before it.
fn sheet_name(label: &str, taken: &[(String, String)]) -> String {
    let base: String = label
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(28)
        .collect();
    let base = if base.trim().is_empty() {
        "表".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|(_, s)| s == &name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// `#,##0.00`, `0.00`, `#,##0`.
pub fn number_format(decimals: u32, separators: bool) -> String {
    let mut f = String::from(if separators { "#,##0" } else { "0" });
    if decimals > 0 {
        f.push('.');
        f.push_str(&"0".repeat(decimals as usize));
    }
    f
}

/// The number a figure cell holds: the amount as printed (the table's unit, rounded
/// half-up at its decimals), or exact in 元. Decimal → f64 through the shortest text, so
/// a reader taking the number's shortest text gets this decimal back.
pub fn figure_value(amount: Money, number: NumberFormat, exact: bool) -> f64 {
    let d = if exact {
        amount.yuan()
    } else {
        Formatter::new(number, false).printed(amount)
    };
    d.normalize().to_string().parse().unwrap_or(0.0)
}

fn align(a: Align) -> FormatAlign {
    match a {
        Align::Left => FormatAlign::Left,
        Align::Center => FormatAlign::Center,
        Align::Right => FormatAlign::Right,
    }
}

/// Column width units a text of table size needs: a CJK character about 1.8.
fn text_units(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 1.8 })
        .sum()
}

fn table(ws: &mut Worksheet, t: &Table, options: &Options) -> Result<(), XlsxError> {
    let grid = &t.grid;
    let width = grid.widths.len() as u16;
    let last = width - 1;
    let placed = place(grid);
    // The page's proportions, widened where a label would wrap (a sheet is read on
    // screen; printing fits it to the page's width).
    let mut column_widths = widths(grid, t.landscape);
    for p in placed.iter().filter(|p| !p.header && p.cols == 1) {
        let w = &mut column_widths[p.col as usize];
        *w = w.max((text_units(&p.cell.text) + 1.0).min(LABEL_MAX));
    }
    for (c, w) in column_widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let plain = Format::new().set_font_size(TEXT_PT);
    let mut row = 0u32;
    if t.label_above {
        ws.write_string_with_format(row, 0, &t.label, &plain.clone().set_font_size(11))?;
        row += 1;
    }
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    if width > 1 {
        ws.merge_range(row, 0, row, last, &t.title, &title)?;
    } else {
        ws.write_string_with_format(row, 0, &t.title, &title)?;
    }
    ws.set_row_height(row, 24)?;
    row += 1;
    let right = plain.clone().set_align(FormatAlign::Right);
    if t.label_beside_title {
        ws.write_string_with_format(row, last, &t.label, &right)?;
        row += 1;
    }
    // The head line: 编制单位 left, 年度 after it, 金额单位 in the last column. The
    // 编制单位 spans the columns its text needs, so no neighbour cuts it off.
    let money_line = if options.exact {
        t.money_line.replace("万元", "元")
    } else {
        t.money_line.clone()
    };
    let needed = text_units(&t.org_line);
    let mut span = 1u16;
    while span < last && column_widths[..span as usize].iter().sum::<f64>() < needed {
        span += 1;
    }
    let (org, year) = match &t.year_line {
        Some(y) if span < last => (t.org_line.clone(), Some(y.as_str())),
        Some(y) => (format!("{}　　{y}", t.org_line), None),
        None => (t.org_line.clone(), None),
    };
    let org_end = if year.is_some() {
        span - 1
    } else {
        last.saturating_sub(1)
    };
    head_cell(ws, row, 0, org_end, &org, &plain)?;
    if let Some(year) = year {
        let centre = plain.clone().set_align(FormatAlign::Center);
        head_cell(ws, row, span, last - 1, year, &centre)?;
    }
    if !money_line.is_empty() && last > 0 {
        ws.write_string_with_format(row, last, &money_line, &right)?;
    }
    row += 1;

    let top = row;
    let number = grid.number;
    let decimals = if options.exact { 2 } else { number.decimals };
    let num_format = number_format(decimals, number.separators.unwrap_or(false));
    let mut lines = vec![1.0f64; grid.header_rows + grid.body.len()];
    for p in &placed {
        write_cell(ws, top, p, number, &num_format, options.exact)?;
        let available: f64 = column_widths[p.col as usize..=p.last_col() as usize]
            .iter()
            .sum::<f64>()
            - 0.5;
        let needed = (text_units(&p.cell.text) / available.max(1.0)).ceil() / p.rows as f64;
        for r in p.row..=p.last_row() {
            let l = &mut lines[r as usize];
            *l = l.max(needed);
        }
    }
    for (r, l) in lines.iter().enumerate() {
        ws.set_row_height(top + r as u32, (l.ceil() * LINE_PT).max(LINE_PT + 2.0))?;
    }
    row = top + lines.len() as u32;
    let notes = t.notes.iter().chain(&t.identities).chain(&t.empty_note);
    for line in notes {
        ws.write_string_with_format(row, 0, line, &plain)?;
        row += 1;
    }

    if grid.header_rows > 0 {
        ws.set_repeat_rows(top, top + grid.header_rows as u32 - 1)?;
    }
    ws.set_paper_size(9); // A4
    if t.landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    if options.draft {
        ws.set_header("&C草稿");
    }
    Ok(())
}

/// A head-line text over columns `first..=last` of `row` (merged when more than one).
fn head_cell(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    if last > first {
        ws.merge_range(row, first, row, last, text, format)?;
    } else {
        ws.write_string_with_format(row, first, text, format)?;
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    top: u32,
    p: &Placed,
    number: NumberFormat,
    num_format: &str,
    exact: bool,
) -> Result<(), XlsxError> {
    let cell = p.cell;
    let mut format = Format::new()
        .set_font_size(TEXT_PT)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    format = if p.header {
        format.set_align(FormatAlign::Center)
    } else {
        format.set_align(align(cell.align))
    };
    if cell.indent {
        format = format.set_indent(1);
    }
    let (row, col) = (top + p.row, p.col);
    let (last_row, last_col) = (top + p.last_row(), p.last_col());
    let figure = cell
        .amount
        .filter(|_| !cell.text.is_empty())
        .map(|m| figure_value(m, number, exact));
    if let Some(value) = figure {
        format = format.set_num_format(num_format);
        if (last_row, last_col) != (row, col) {
            ws.merge_range(row, col, last_row, last_col, "", &format)?;
        }
        ws.write_number_with_format(row, col, value, &format)?;
    } else if (last_row, last_col) != (row, col) {
        ws.merge_range(row, col, last_row, last_col, &cell.text, &format)?;
    } else if cell.text.is_empty() {
        ws.write_blank(row, col, &format)?;
    } else {
        ws.write_string_with_format(row, col, &cell.text, &format)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declare::edition::{MoneyUnit, ZeroDisplay};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn yuan(s: &str) -> Money {
        Money::from_yuan(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn figures_as_printed_or_exact() {
        let wan = NumberFormat::default();
        // 150.65 万元 as printed (half-up), 1506549.5 元 exact.
        assert_eq!(figure_value(yuan("1506549.50"), wan, false), 150.65);
        assert_eq!(figure_value(yuan("1506550"), wan, false), 150.66);
        assert_eq!(figure_value(yuan("-1506550"), wan, false), -150.66);
        assert_eq!(figure_value(yuan("1506549.50"), wan, true), 1506549.5);
        let yuan_format = NumberFormat {
            unit: MoneyUnit::Yuan,
            decimals: 2,
            zero: ZeroDisplay::Zero,
            separators: Some(true),
            trim: false,
        };
        assert_eq!(
            figure_value(yuan("144335.70"), yuan_format, false),
            144335.7
        );
    }

    #[test]
    fn number_formats_follow_the_table() {
        assert_eq!(number_format(2, true), "#,##0.00");
        assert_eq!(number_format(2, false), "0.00");
        assert_eq!(number_format(0, true), "#,##0");
        assert_eq!(number_format(1, false), "0.0");
    }

    #[test]
    fn sheet_names_are_legal_and_distinct() {
        let taken = vec![("表12".to_string(), "表12".to_string())];
        assert_eq!(sheet_name("表12", &taken), "表12-2");
        assert_eq!(sheet_name("公开01表", &taken), "公开01表");
        assert_eq!(sheet_name("表[1]/2", &[]), "表12");
        assert_eq!(sheet_name("[]", &[]), "表");
    }
}
