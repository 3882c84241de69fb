//! `gongkai import`: small workbooks built here, one per quirk real exports have, and
//! every sample exported by `gongkai export xlsx` and imported back.

use crate::import_books;
use crate::support;

use gongkai::base::money::Money;
use gongkai::input::load_str;
use gongkai::resolve::{resolve, Facts};
use import_books::{n, save, t, Cell, Sheet};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;
use support::{gongkai, scratch};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn yuan(s: &str) -> Money {
    Money::from_yuan(d(s))
}

fn facts(text: &str) -> Facts {
    let loaded =
        load_str(Path::new("imported.toml"), text).unwrap_or_else(|f| panic!("{f}\n{text}"));
    resolve(&gongkai::load::around(loaded), &support::toolkit().catalog)
        .unwrap_or_else(|f| panic!("{f}\n{text}"))
}

fn item(f: &Facts, code: &str) -> gongkai::figures::Figures {
    let amounts = f
        .items
        .iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no item {code}"))
        .amounts;
    gongkai::figures::Figures::of(&amounts)
}

fn import(dir: &Path, sheets: &[Sheet]) -> gongkai::app::import::Imported {
    let book = dir.join("book.xlsx");
    save(&book, sheets);
    gongkai::app::import::read(&book, None).unwrap_or_else(|f| panic!("{f}"))
}

fn import_err(dir: &Path, sheets: &[Sheet]) -> gongkai::base::diag::Failure {
    let book = dir.join("book.xlsx");
    save(&book, sheets);
    match gongkai::app::import::read(&book, None) {
        Ok(i) => panic!("imported:\n{}", i.text),
        Err(f) => f,
    }
}

/// The diagnostic `code` of an import that must fail.
fn import_diag(dir: &Path, sheets: &[Sheet], code: &str) -> gongkai::base::diag::Diagnostic {
    let f = import_err(dir, sheets);
    let found = f.diagnostics.iter().find(|d| d.code == code);
    found.unwrap_or_else(|| panic!("no {code}: {f}")).clone()
}

/// A sheet with the title and unit lines of a small table in 元.
fn sheet(name: &str, title: &str, width: u16) -> Sheet {
    let mut s = Sheet::new(name);
    head(&mut s, title, "金额单位：元", width);
    s
}

/// Title and unit lines of a small table.
fn head(s: &mut Sheet, title: &str, unit: &str, width: u16) {
    s.merge(0, 0, 0, width - 1, title);
    s.put(1, 0, t("单位：武汉市测试中心"));
    s.put(1, width - 1, t(unit));
}

/// 公开03 as the 决算 software prints it: headers with line breaks, merged over two
/// rows, codes as "[code]name"; each row's 本年支出合计 and 基本支出 (the rest 项目支出).
fn spending_sheet(rows: &[(&str, f64, f64)]) -> Sheet {
    let mut s = Sheet::new("支出");
    head(&mut s, "2024年度支出决算表", "金额单位：元", 10);
    s.merge(2, 0, 2, 3, "项目");
    for (i, h) in [
        "本年支出\n合计",
        "基本\n支出",
        "项目\n支出",
        "上缴上级\n支出",
        "经营\n支出",
        "对附属单位\n补助支出",
    ]
    .iter()
    .enumerate()
    {
        s.merge(2, 4 + i as u16, 3, 4 + i as u16, h);
    }
    s.merge(3, 0, 3, 2, "功能分类科目编码");
    s.put(3, 3, t("科目名称"));
    let columns = ["类", "款", "项", "栏次", "1", "2", "3", "4", "5", "6"];
    s.texts(4, 0, &columns);
    for (i, (label, total, basic)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        s.texts(r, 0, &[label]);
        s.numbers(r, 4, &[*total, *basic, total - basic]);
    }
    s
}

/// 公开05 with the printed header: 项目 | 本年支出 (小计 基本支出 项目支出), 栏次 row.
/// A body row: its label cells (code, …, name) and the three amounts.
type Line = (Vec<Option<Cell>>, [Option<Cell>; 3]);

fn general_sheet(name: &str, rows: &[Line]) -> Sheet {
    general_sheet_in(name, "金额单位：元", rows)
}

/// The same with another unit line.
fn general_sheet_in(name: &str, unit: &str, rows: &[Line]) -> Sheet {
    let mut s = Sheet::new(name);
    head(&mut s, "2024年度一般公共预算财政拨款支出决算表", unit, 7);
    s.merge(2, 0, 2, 3, "项目");
    s.merge(2, 4, 2, 6, "本年支出");
    s.merge(3, 0, 3, 2, "功能分类科目编码");
    s.put(3, 3, t("科目名称"));
    s.texts(3, 4, &["小计", "基本支出", "项目支出"]);
    s.texts(4, 0, &["类", "款", "项", "栏次", "1", "2", "3"]);
    for (i, (label, values)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        let mut cells = label.clone();
        cells.resize(4, None);
        cells.extend(values.iter().cloned());
        s.row(r, cells);
    }
    s
}

fn num(v: f64) -> Option<Cell> {
    Some(n(v))
}

fn code(c: &str) -> Vec<Option<Cell>> {
    vec![Some(t(c))]
}

fn coded(c: &str, name: &str) -> Vec<Option<Cell>> {
    vec![Some(t(c)), None, None, Some(t(name))]
}

fn total() -> Vec<Option<Cell>> {
    vec![Some(t("合计"))]
}

/// 公开09's headers: 合计, 因公出国（境）费, the car group and its three columns, 公务接待费.
const SANGONG_HEADERS: [&str; 7] = [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "公务接待费",
    "小计",
    "公务用车购置费",
    "公务用车运行维护费",
];

/// 公开09 with 预算数 and 决算数 blocks of six columns each, the 栏次 row, and one
/// body row whose only money is 公务用车运行维护费 (budget, actual), repeated in the
/// block's 合计 and 小计.
fn sangong_sheet(name: &str, title: &str, unit: &str, h: &[&str; 7], car: (f64, f64)) -> Sheet {
    let mut s = Sheet::new(name);
    head(&mut s, title, unit, 12);
    s.merge(2, 0, 2, 5, "预算数");
    s.merge(2, 6, 2, 11, "决算数");
    for (base, amount) in [(0u16, car.0), (6, car.1)] {
        s.merge(3, base, 4, base, h[0]);
        s.merge(3, base + 1, 4, base + 1, h[1]);
        s.merge(3, base + 2, 3, base + 4, h[2]);
        s.merge(3, base + 5, 4, base + 5, h[3]);
        s.texts(4, base + 2, &h[4..]);
        for col in [base, base + 2, base + 4] {
            s.numbers(6, col, &[amount]);
        }
    }
    s.row(5, (1..=12).map(|i| Some(t(&i.to_string()))).collect());
    s
}

#[test]
fn merged_headers_with_line_breaks_and_codes_in_one_cell() {
    let dir = scratch("import", "headers");
    // 公开03: headers with line breaks, merged over two rows, codes as "[code]name".
    let mut s = spending_sheet(&[
        ("合计", 3500.0, 3000.0),
        ("[201]一般公共服务支出", 3500.0, 3000.0),
        ("[20103]政府办公厅（室）及相关机构事务", 3500.0, 3000.0),
        ("[2010350]事业运行", 3500.0, 3000.0),
    ]);
    s.put(9, 0, t("注：本表反映部门本年度各项支出情况。"));
    let imported = import(&dir, &[s]);
    let f = facts(&imported.text);
    // No 财政拨款 table: 公开03's 基本/项目 are non-fiscal money of the 项.
    let x = item(&f, "2010350");
    assert_eq!(x.nonfiscal_basic, yuan("3000"));
    assert_eq!(x.nonfiscal_project, yuan("500"));
    assert_eq!(x.spending_total, yuan("3500"));
    assert!(
        imported.text.contains("nonfiscal_basic = 3000  # 支出!F9"),
        "{}",
        imported.text
    );
    // Every 合计/类/款 row is typed with its cells.
    let loaded = load_str(Path::new("x.toml"), &imported.text).unwrap();
    let typed = loaded.input.typed.unwrap();
    let codes: Vec<&str> = typed
        .rows
        .iter()
        .map(|r| r.code.get_ref().as_str())
        .collect();
    assert_eq!(codes, ["合计", "201", "20103", "2010350"]);
    let total = &typed.rows[0];
    assert_eq!(total.table.get_ref(), "03");
    let v: Vec<(Decimal, Option<String>)> = total
        .values
        .iter()
        .map(|v| (v.get_ref().amount.0, v.get_ref().source.clone()))
        .collect();
    assert_eq!(v[0], (d("3500"), Some("支出!E6".into())));
    assert_eq!(v[2], (d("500"), Some("支出!G6".into())));
    assert_eq!(v.len(), 6);
}

#[test]
fn split_codes_with_numeric_parts_and_blank_class() {
    let dir = scratch("import", "split");
    let s = general_sheet(
        "05",
        &[
            (total(), [num(129400.0), num(129400.0), None]),
            (vec![num(208.0)], [num(129400.0), num(129400.0), None]),
            (
                vec![num(208.0), num(5.0)],
                [num(129400.0), num(129400.0), None],
            ),
            // 类 left blank, 款 and 项 as the numbers 5 and 5: 2080505.
            (
                vec![
                    None,
                    num(5.0),
                    num(5.0),
                    Some(t("机关事业单位基本养老保险缴费支出")),
                ],
                [num(100000.0), num(100000.0), None],
            ),
            // 项 only: 类 and 款 repeat from above: 2080506.
            (
                vec![
                    None,
                    None,
                    num(6.0),
                    Some(t("机关事业单位职业年金缴费支出")),
                ],
                [num(29400.0), num(29400.0), None],
            ),
        ],
    );
    let imported = import(&dir, &[s]);
    let f = facts(&imported.text);
    assert_eq!(item(&f, "2080505").general_basic, yuan("100000"));
    assert_eq!(item(&f, "2080506").general_basic, yuan("29400"));
    assert!(imported.text.contains("code = \"2080505\""));
    let loaded = load_str(Path::new("x.toml"), &imported.text).unwrap();
    let codes: Vec<String> = loaded
        .input
        .typed
        .unwrap()
        .rows
        .iter()
        .map(|r| r.code.get_ref().clone())
        .collect();
    assert_eq!(codes, ["合计", "208", "20805", "2080505", "2080506"]);
}

#[test]
fn amounts_as_text_dashes_blanks_and_parentheses() {
    let dir = scratch("import", "amounts");
    let text = |s: &str| Some(t(s));
    let s = general_sheet(
        "05",
        &[
            (
                total(),
                [
                    text("1,201,431.50"),
                    text("1,190,268.40"),
                    text("11,163.10"),
                ],
            ),
            (
                code("2013750"),
                [text("1,190,268.40"), text("1,190,268.40"), text("-")],
            ),
            (code("2080505"), [text("—"), text(" "), None]),
            (
                code("2101102"),
                [text("(1,234.50)"), text("（1,234.50）"), text("——")],
            ),
            (
                code("2210201"),
                [text("１２，３９７．６０"), text("０"), text("12,397.60")],
            ),
        ],
    );
    let imported = import(&dir, &[s]);
    let loaded = load_str(Path::new("x.toml"), &imported.text).unwrap();
    let items = &loaded.input.items;
    let get = |code: &str| items.iter().find(|i| i.code.get_ref() == code);
    assert_eq!(
        get("2013750")
            .unwrap()
            .general_basic
            .as_ref()
            .unwrap()
            .get_ref()
            .0,
        d("1190268.40")
    );
    assert!(
        get("2013750").unwrap().general_project.is_none(),
        "“-” is zero"
    );
    assert!(get("2080505").is_none(), "“—” and blank are zero: no item");
    assert_eq!(
        get("2101102")
            .unwrap()
            .general_basic
            .as_ref()
            .unwrap()
            .get_ref()
            .0,
        d("-1234.50")
    );
    assert_eq!(
        get("2210201")
            .unwrap()
            .general_project
            .as_ref()
            .unwrap()
            .get_ref()
            .0,
        d("12397.60")
    );
    // Text that is not an amount is an error naming the cell.
    let s = general_sheet("05", &[(total(), [text("约5万"), None, None])]);
    let f = import_err(&dir, &[s]);
    let m = &f.diagnostics[0];
    assert_eq!(m.code, "E0806");
    assert!(
        m.message.contains("05!E6") && m.message.contains("约5万"),
        "{}",
        m.message
    );
    assert_eq!(gongkai::app::import::exit_code(&f), 1);
}

#[test]
fn yuan_in_one_sheet_wan_in_another() {
    let dir = scratch("import", "units");
    // 公开05 in 万元 (exact values and values as printed), 公开09 in 元.
    let general = general_sheet_in(
        "05",
        "金额单位：万元",
        &[
            (total(), [num(119.17), num(119.02684), num(0.1455)]),
            (code("2013750"), [num(119.17), num(119.02684), num(0.1455)]),
        ],
    );
    let sangong = sangong_sheet(
        "09",
        "2024年度财政拨款“三公”经费支出决算表",
        "单位：元",
        &SANGONG_HEADERS,
        (3500.0, 3499.5),
    );
    let imported = import(&dir, &[sangong, general]);
    let f = facts(&imported.text);
    let x = item(&f, "2013750");
    assert_eq!(x.general_basic, yuan("1190268.4"));
    assert_eq!(x.general_project, yuan("1455"));
    assert_eq!(f.sangong.budget.car_running, yuan("3500"));
    assert_eq!(f.sangong.actual.car_running, yuan("3499.5"));
    // Typed figures keep their sheet's unit: 万元 as printed, exact 万元 as 元.
    let loaded = load_str(Path::new("x.toml"), &imported.text).unwrap();
    let typed = loaded.input.typed.unwrap();
    let total = &typed.rows[0].values;
    assert_eq!(total[0].get_ref().amount.0, d("119.17"));
    assert_eq!(total[0].get_ref().unit.as_deref(), Some("万元"));
    assert_eq!(total[1].get_ref().amount.0, d("1190268.4"));
    assert_eq!(total[1].get_ref().unit.as_deref(), None);
    assert_eq!(typed.unit.unwrap().get_ref(), "元");
    let actual = typed.figures.get("sangong_actual_total").unwrap().get_ref();
    assert_eq!(actual.amount.0, d("3499.5"));
    assert_eq!(actual.source.as_deref(), Some("09!G7"));
}

#[test]
fn full_width_forms_and_radicals_are_normalised() {
    let dir = scratch("import", "width");
    // Full-width digits in the title, radicals and odd spaces in the headers.
    let s = sangong_sheet(
        "x",
        "２０２４年度财政拨款“三公”经费支出决算表",
        "金额单位：元",
        &[
            "合 计",
            "因公出国(境)费",
            "公务用⻋购置及运⾏维护费",
            "公务接待费",
            "小　计",
            "公务用⻋购置费",
            "公务用⻋运⾏维护费",
        ],
        (3500.0, 2000.0),
    );
    let imported = import(&dir, &[s]);
    let f = facts(&imported.text);
    assert_eq!(f.unit.year, 2024);
    assert_eq!(f.sangong.actual.car_running, yuan("2000"));
    assert_eq!(f.sangong.budget.car_running, yuan("3500"));
}

#[test]
fn formulas_without_cached_values_are_errors_naming_the_cell() {
    let dir = scratch("import", "formula");
    let s = general_sheet(
        "05",
        &[
            (
                total(),
                [
                    Some(Cell::Uncached("SUM(E7:E8)".into())),
                    Some(n(100.0)),
                    None,
                ],
            ),
            (code("2013750"), [Some(n(100.0)), Some(n(100.0)), None]),
        ],
    );
    let f = import_err(&dir, &[s]);
    let m = &f.diagnostics[0];
    assert_eq!(m.code, "E0805");
    assert!(m.message.contains("05!E6"), "{}", m.message);
    // The command: exit 1, nothing written.
    let out = dir.join("unit/2024.toml");
    let run = gongkai(&["import", "book.xlsx", "-o", "unit/2024.toml"], &dir);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("05!E6"));
    assert!(!out.exists());
}

#[test]
fn a_total_that_disagrees_imports_and_check_names_its_cell() {
    let dir = scratch("import", "disagree");
    let s = general_sheet(
        "公开05表",
        &[
            (total(), [num(150000.0), num(150000.0), None]),
            (
                coded("2013750", "事业运行"),
                [num(100000.0), num(100000.0), None],
            ),
            (
                coded("2080505", "机关事业单位基本养老保险缴费支出"),
                [num(40000.0), num(40000.0), None],
            ),
        ],
    );
    save(&dir.join("book.xlsx"), &[s]);
    let run = gongkai(&["import", "book.xlsx", "-o", "unit/2024.toml"], &dir);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = gongkai(&["check", "unit/2024.toml"], &dir);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    let r102: Vec<&str> = err.lines().filter(|l| l.contains("[R102]")).collect();
    assert_eq!(r102.len(), 2, "{err}");
    assert!(
        r102[0].contains("合计 行 1 栏") && r102[0].contains("来源：公开05表!E6"),
        "{err}"
    );
    assert!(
        r102[1].contains("合计 行 2 栏") && r102[1].contains("来源：公开05表!F6"),
        "{err}"
    );
    // The placeholders are listed too.
    assert!(err.contains("[R401]"));
}

#[test]
fn never_overwrites_and_reports_skipped_sheets() {
    let dir = scratch("import", "overwrite");
    let general = general_sheet(
        "05",
        &[
            (total(), [num(1.0), num(1.0), None]),
            (code("2013750"), [num(1.0), num(1.0), None]),
        ],
    );
    let mut other = Sheet::new("封面");
    other.put(0, 0, t("部门决算公开"));
    save(&dir.join("book.xlsx"), &[other, general]);
    std::fs::write(dir.join("2024.toml"), "mine").unwrap();
    let run = gongkai(&["import", "book.xlsx", "-o", "2024.toml"], &dir);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("E0701"));
    assert_eq!(
        std::fs::read_to_string(dir.join("2024.toml")).unwrap(),
        "mine"
    );
    let run = gongkai(&["import", "book.xlsx", "-o", "new.toml"], &dir);
    assert_eq!(run.status.code(), Some(0));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("W0801") && err.contains("封面"), "{err}");
}

#[test]
fn header_that_does_not_match_names_what_was_found() {
    let dir = scratch("import", "header");
    let mut s = sheet("05", "2024年度一般公共预算财政拨款支出决算表", 7);
    s.merge(2, 0, 2, 3, "项目");
    s.merge(2, 4, 2, 6, "本年支出");
    s.merge(3, 0, 3, 2, "功能分类科目编码");
    s.texts(3, 3, &["科目名称", "小计", "人员支出", "项目支出"]);
    s.texts(4, 0, &["类", "款", "项"]);
    s.texts(5, 0, &["合计"]).numbers(5, 4, &[1.0]);
    let f = import_err(&dir, &[s]);
    let m = &f.diagnostics[0];
    assert_eq!(m.code, "E0804");
    assert!(m.message.contains("本年支出 / 基本支出"), "{}", m.message);
    assert!(
        m.help.as_deref().unwrap().contains("本年支出/人员支出"),
        "{:?}",
        m.help
    );
}

#[test]
fn a_user_mapping_with_a_defect_is_refused_with_its_position() {
    let dir = scratch("import", "map");
    let general = general_sheet("05", &[(total(), [num(1.0), num(1.0), None])]);
    save(&dir.join("book.xlsx"), &[general]);
    std::fs::write(
        dir.join("map.toml"),
        "id = \"x\"\ndescription = \"x\"\n[money]\nlabels = [\"单位\"]\n[[tables]]\nkind = \"function\"\ntitles = [\"支出决算表\"]\ncode = [[\"功能分类科目编码\"]]\ncolumns = [{ figure = \"general_basc\", header = [\"基本支出\"] }]\n",
    )
    .unwrap();
    let run = gongkai(
        &["import", "book.xlsx", "-o", "x.toml", "--map", "map.toml"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("E0802") && err.contains("map.toml:9:23") && err.contains("general_basc"),
        "{err}"
    );
    assert!(!dir.join("x.toml").exists());
    // A workbook that is not one: unusable, exit 2.
    std::fs::write(dir.join("bad.xlsx"), "not a workbook").unwrap();
    let run = gongkai(&["import", "bad.xlsx", "-o", "y.toml"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("E0801"));
}

/// Every built-in edition's tables are tables of the built-in layout of its kind: each
/// column found by a header its declaration prints and read as the figure it shows,
/// each summary row read back as its figures and the class rows as the figures of the
/// value columns (an edition with fewer value columns shows the leading ones). So
/// whatever an edition prints, `export` writes and `import` reads back.
#[test]
fn builtin_layouts_know_every_table_of_every_edition() {
    use gongkai::app::import::mapping::Layout;
    use gongkai::app::import::text::{key, label_key};
    use gongkai::declare::edition::{Edition, TableKind};
    let layouts = Layout::builtin();
    let subsequence = |want: &[String], path: &[String]| {
        let mut it = path.iter();
        want.iter().all(|w| it.any(|p| p == w))
    };
    for id in Edition::builtin_ids() {
        let e = Edition::builtin(id).unwrap();
        let layout = layouts.iter().find(|l| l.booklet == e.kind).unwrap();
        for spec in e.tables.iter().filter(|t| !t.kind.get_ref().is_form()) {
            let title = key(&spec.title);
            // As the import identifies a sheet: by the longest title it contains.
            let table = layout
                .tables
                .iter()
                .filter_map(|t| {
                    let matched = t.titles.iter().filter(|x| title.contains(x.as_str()));
                    matched.map(String::len).max().map(|len| (t, len))
                })
                .max_by_key(|(_, len)| *len)
                .map(|(t, _)| t)
                .unwrap_or_else(|| panic!("{id}: no layout table for {}", spec.title));
            assert_eq!(
                table.kind,
                spec.kind.get_ref().name(),
                "{id} {}",
                spec.title
            );
            let canon =
                |p: &[String]| -> Vec<String> { p.iter().map(|h| layout.canonical(h)).collect() };
            for c in &spec.columns {
                let Some(figure) = &c.figure else { continue };
                let path = canon(&c.header);
                assert!(
                    table
                        .columns
                        .iter()
                        .any(|(f, h)| f == figure.get_ref() && subsequence(h, &path)),
                    "{id} {}: column {:?} → {} not in the layout",
                    spec.title,
                    c.header,
                    figure.get_ref()
                );
            }
            for l in &spec.labels {
                let path = canon(&l.header);
                let known = table
                    .code
                    .iter()
                    .chain(&table.name)
                    .any(|h| subsequence(h, &path))
                    || table
                        .label_columns
                        .iter()
                        .any(|(show, h)| *show == l.show && subsequence(h, &path));
                assert!(known, "{id} {}: label column {:?}", spec.title, l.header);
            }
            if *spec.kind.get_ref() != TableKind::Summary {
                continue;
            }
            for side in [&spec.income, &spec.spending].into_iter().flatten() {
                for row in side.rows.iter().chain(&side.tail) {
                    let figures: Vec<String> =
                        row.figures().iter().map(|f| f.get_ref().clone()).collect();
                    if figures.is_empty() {
                        continue;
                    }
                    let key = label_key(&row.label);
                    assert!(
                        table
                            .rows
                            .iter()
                            .any(|(l, f)| *l == key && f.starts_with(&figures)),
                        "{id} {}: row {} → {figures:?} not in the layout",
                        spec.title,
                        row.label
                    );
                }
                if side.classes.is_some() {
                    let figures: Vec<String> = side
                        .columns
                        .iter()
                        .filter_map(|c| c.figure.as_ref().map(|f| f.get_ref().clone()))
                        .collect();
                    assert!(
                        table.classes.starts_with(&figures),
                        "{id} {}: classes {figures:?}",
                        spec.title
                    );
                }
            }
        }
    }
}

/// Every grid table as printed: its head lines, notes and 说明 line, and each header
/// and body cell with its spans (the forms are not grids: left out).
fn printed(b: &gongkai::parts::Booklet) -> Vec<String> {
    let mut out = Vec::new();
    for t in b.tables.iter().filter(|t| t.form.is_none()) {
        out.push(format!(
            "{} | {} | {} | {:?} | {} | {:?} | {:?}",
            t.label, t.title, t.org_line, t.year_line, t.money_line, t.notes, t.empty_note
        ));
        for c in &t.grid.header {
            out.push(format!(
                "{} header {} {}x{}",
                t.label, c.text, c.colspan, c.rowspan
            ));
        }
        for (i, r) in t.grid.body.iter().enumerate() {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|c| format!("{}/{}", c.text, c.colspan))
                .collect();
            out.push(format!("{} row {i}: {}", t.label, cells.join(" | ")));
        }
    }
    out
}

/// A sample's tables exported (exact, in 元) and imported back: the leaves are the
/// sample's to the 分, every typed total agrees, the computed tables print as the
/// sample's, and what is left for `check` are the placeholders.
fn round_trip(sample: &str, year: Option<i32>) {
    let dir = scratch("import", &sample.replace('/', "-"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = dir.join("export.xlsx");
    let options = gongkai::app::export::Options {
        exact: true,
        draft: false,
    };
    let exported =
        gongkai::app::export::export_xlsx(support::toolkit(), &root.join(sample), &book, &options)
            .unwrap_or_else(|f| panic!("{}", f.failure));
    let imported = gongkai::app::import::read_with(
        &book,
        &gongkai::app::import::Options {
            year,
            ..Default::default()
        },
    )
    .unwrap_or_else(|f| panic!("{f}"));
    std::fs::write(dir.join("imported.toml"), &imported.text).unwrap();
    let sheets: Vec<&String> = exported.sheets.iter().map(|(_, s)| s).collect();
    let read: Vec<&String> = imported.tables.iter().map(|(_, s)| s).collect();
    assert_eq!(read, sheets, "every exported table is read back");
    let original = gongkai::load::load_file(&root.join(sample)).unwrap();
    let want = resolve(
        &gongkai::load::around(original.clone()),
        &support::toolkit().catalog,
    )
    .unwrap();
    let got = facts(&imported.text);
    // Leaves equal the sample's, in exact 元 (年初预算 is not in the tables).
    let leaves = |f: &Facts| -> Vec<(String, gongkai::resolve::ItemAmounts)> {
        f.items
            .iter()
            .map(|i| {
                let mut x = i.amounts;
                x.budget = Money::ZERO;
                (i.code.clone(), x)
            })
            .collect()
    };
    assert_eq!(leaves(&got), leaves(&want));
    assert_eq!(got.economic, want.economic);
    for (g, w) in [
        (got.sangong.budget, want.sangong.budget),
        (got.sangong.actual, want.sangong.actual),
    ] {
        assert_eq!(
            (g.abroad, g.car_purchase, g.car_running, g.reception),
            (w.abroad, w.car_purchase, w.car_running, w.reception)
        );
    }
    let b = |f: &Facts| {
        (
            f.balances.nonfiscal_opening,
            f.balances.nonfiscal_surplus_used,
            f.balances.business_fund_used,
            f.balances.surplus_distribution,
        )
    };
    assert_eq!(b(&got), b(&want));
    assert_eq!(got.unit.name, want.unit.name_on_tables);
    assert_eq!(got.unit.year, want.unit.year);
    // The budget's units and projects, their money by source.
    let units = |f: &Facts| -> Vec<(String, String, bool)> {
        let u = &f.budget.units;
        u.iter()
            .map(|u| (u.code.clone(), u.name.clone(), u.own))
            .collect()
    };
    assert_eq!(units(&got), units(&want));
    assert_eq!(got.budget.code, want.budget.code);
    let projects = |f: &Facts| -> Vec<(String, String, Money, Money, Money, Money, Money)> {
        f.budget
            .projects
            .iter()
            .map(|p| {
                let s = &p.sources;
                (
                    p.name.clone(),
                    p.code.clone(),
                    s.general_total(),
                    s.fund_total(),
                    s.capital_total(),
                    s.special_account,
                    s.unit_funds(),
                )
            })
            .collect()
    };
    assert_eq!(projects(&got), projects(&want));
    // `check` proves the import: every typed total agrees; what is left are the
    // placeholders and the rounding tails the sample itself has.
    let loaded = load_str(&dir.join("imported.toml"), &imported.text).unwrap();
    let checked = support::toolkit()
        .check(&loaded)
        .unwrap_or_else(|f| panic!("{f}"));
    for d in &checked.diagnostics {
        assert!(
            !matches!(
                d.code,
                "R102" | "W102" | "R302" | "E0231" | "E0232" | "E0233"
            ),
            "{d}"
        );
        assert!(!d.is_error() || d.code == "R401", "{d}");
    }
    assert!(checked.diagnostics.iter().any(|d| d.code == "R401"));
    // The booklet built from the import prints the same tables.
    let sample_booklet = support::toolkit().check(&original).unwrap().booklet;
    assert_eq!(printed(&checked.booklet), printed(&sample_booklet));
    imported_typed_names_both_cells(&loaded);
}

/// 公开01 and 公开04 (budget 表1 and 表4) both print 一般公共预算财政拨款收入: typed
/// once, both cells named.
fn imported_typed_names_both_cells(loaded: &gongkai::input::Loaded) {
    let typed = loaded.input.typed.as_ref().unwrap();
    let income = typed.figures.get("general_income").unwrap().get_ref();
    assert_eq!(
        income.source.as_deref().unwrap().matches('!').count(),
        2,
        "{:?}",
        income.source
    );
}

#[test]
fn round_trip_000() {
    round_trip("data/huangpi-network-ops/2024.toml", None);
}

#[test]
fn round_trip_001() {
    round_trip("data/huangpi-bigdata/2022.toml", None);
}

#[test]
fn round_trip_003() {
    round_trip("data/qingshan-bigdata/2024.toml", None);
}

#[test]
fn round_trip_2019() {
    round_trip("data/huangpi-bigdata/2019.toml", None);
}

/// The budget's titles carry no year: the import is told it.
#[test]
fn round_trip_budget_004() {
    round_trip("data/qiaokou-bigdata/2024-budget.toml", Some(2024));
}

/// The workbook as printed (万元, two decimals) imports too: the file is written in 万元
/// with the digits the tables print, each leaf within the rounding of the sample's, and
/// `check` sees the tails the rounding leaves as warnings (W102), never as errors.
fn printed_round_trip(sample: &str, year: Option<i32>) {
    let dir = scratch("import", &format!("printed-{}", sample.replace('/', "-")));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = dir.join("printed.xlsx");
    gongkai::app::export::export_xlsx(
        support::toolkit(),
        &root.join(sample),
        &book,
        &Default::default(),
    )
    .unwrap_or_else(|f| panic!("{}", f.failure));
    let options = gongkai::app::import::Options {
        year,
        ..Default::default()
    };
    let imported =
        gongkai::app::import::read_with(&book, &options).unwrap_or_else(|f| panic!("{f}"));
    let loaded = load_str(&dir.join("imported.toml"), &imported.text).unwrap();
    let unit = loaded.input.settings.amount_unit.as_ref().unwrap();
    assert_eq!(unit.get_ref(), "万元");
    let original = gongkai::load::load_file(&root.join(sample)).unwrap();
    let want = resolve(
        &gongkai::load::around(original),
        &support::toolkit().catalog,
    )
    .unwrap();
    let got = facts(&imported.text);
    assert_eq!(got.items.len(), want.items.len());
    for (g, w) in got.items.iter().zip(&want.items) {
        assert_eq!(g.code, w.code);
        let (g_figures, w_figures) = (
            gongkai::figures::Figures::of(&g.amounts),
            gongkai::figures::Figures::of(&w.amounts),
        );
        for name in gongkai::vocab::row_figures() {
            if name == "budget" {
                continue;
            }
            let (a, b) = (g_figures.get(name).unwrap(), w_figures.get(name).unwrap());
            // Each printed cell is within 50 元; a leaf derived from three, 150 元.
            assert!(
                (a - b).abs() <= yuan("150"),
                "{} {name}: {a:?} against {b:?}",
                g.code
            );
        }
    }
    let checked = support::toolkit()
        .check(&loaded)
        .unwrap_or_else(|f| panic!("{f}"));
    for d in &checked.diagnostics {
        assert!(!d.is_error() || d.code == "R401", "{d}");
    }
    assert!(
        checked.diagnostics.iter().any(|d| d.code == "W102"),
        "the sample's tails show as W102"
    );
}

#[test]
fn printed_workbook_imports_000() {
    printed_round_trip("data/huangpi-network-ops/2024.toml", None);
}

#[test]
fn printed_workbook_imports_budget_004() {
    printed_round_trip("data/qiaokou-bigdata/2024-budget.toml", Some(2024));
}

/// A row with amounts whose code has no 类/款/项 length cannot be placed.
#[test]
fn an_amount_on_a_row_that_cannot_be_placed_is_an_error() {
    let dir = scratch("import", "unknown-row");
    let s = general_sheet(
        "05",
        &[
            (total(), [Some(n(100.0)), Some(n(100.0)), None]),
            (code("2013750"), [Some(n(100.0)), Some(n(100.0)), None]),
            (code("201375"), [Some(n(5.0)), None, None]),
        ],
    );
    let d = import_diag(&dir, &[s], "E0807");
    assert!(d.message.contains("“201375”应为 3 位"), "{}", d.message);
}

/// One table in two sheets: which to use cannot be guessed.
#[test]
fn the_same_table_twice_is_an_error() {
    let dir = scratch("import", "twice");
    let rows = [
        (total(), [Some(n(100.0)), Some(n(100.0)), None]),
        (code("2013750"), [Some(n(100.0)), Some(n(100.0)), None]),
    ];
    let a = general_sheet("05", &rows);
    let b = general_sheet("05 (2)", &rows);
    let d = import_diag(&dir, &[a, b], "E0808");
    assert!(d.message.contains("“05”和“05 (2)”"), "{}", d.message);
}

/// Without a 金额单位 line, 元 and 万元 cannot be told apart.
#[test]
fn a_table_without_its_unit_line_is_an_error() {
    let dir = scratch("import", "no-unit");
    let s = general_sheet_in(
        "05",
        "",
        &[(code("2013750"), [Some(n(100.0)), Some(n(100.0)), None])],
    );
    let f = import_err(&dir, &[s]);
    assert!(f.diagnostics.iter().any(|d| d.code == "E0809"), "{f}");
}

/// 公开05 spends more 基本支出 on a 项 than 公开03 prints for it: the non-fiscal part
/// the import derives would be negative, and it says so, naming both cells.
#[test]
fn a_negative_derived_figure_is_warned() {
    let dir = scratch("import", "negative");
    let spending = spending_sheet(&[
        ("合计", 3500.0, 3000.0),
        ("[2013750]事业运行", 3500.0, 3000.0),
    ]);
    let general = general_sheet(
        "05",
        &[
            (total(), [Some(n(4000.0)), Some(n(4000.0)), None]),
            (code("2013750"), [Some(n(4000.0)), Some(n(4000.0)), None]),
        ],
    );
    let imported = import(&dir, &[spending, general]);
    let w = imported.warnings.iter().find(|w| w.code == "W0803");
    let w = w.unwrap_or_else(|| panic!("no W0803: {:?}", imported.warnings));
    assert!(
        w.message.contains("2013750")
            && w.message.contains("支出!F7")
            && w.message.contains("05!F7"),
        "{}",
        w.message
    );
}

/// 公开04 alone: 年初结转和结余 for the unit, but no 功能分类 table with a 项 to carry
/// it. The import says where the figure went (nowhere) instead of dropping it quietly.
#[test]
fn an_opening_balance_without_an_item_is_warned() {
    let dir = scratch("import", "opening");
    let mut s = sheet("04", "2024年度财政拨款收入支出决算总表", 4);
    s.merge(2, 0, 2, 1, "收入");
    s.merge(2, 2, 2, 3, "支出");
    s.texts(3, 0, &["项目", "决算数", "项目", "决算数"]);
    let rows = [
        ("一、一般公共预算财政拨款", "本年支出合计"),
        ("本年收入合计", "年末财政拨款结转和结余"),
        ("年初财政拨款结转和结余", ""),
        ("一般公共预算财政拨款", ""),
        ("总计", "总计"),
    ];
    let amounts = [
        [100.0, 150.0],
        [100.0, 0.0],
        [50.0, 0.0],
        [50.0, 0.0],
        [150.0, 150.0],
    ];
    for (i, ((income, spending), [a, b])) in rows.iter().zip(amounts).enumerate() {
        let r = 4 + i as u32;
        s.texts(r, 0, &[income, "", spending]);
        s.numbers(r, 1, &[a]);
        if !spending.is_empty() {
            s.numbers(r, 3, &[b]);
        }
    }
    let imported = import(&dir, &[s]);
    let w = imported.warnings.iter().find(|w| w.code == "W0804");
    let w = w.unwrap_or_else(|| panic!("no W0804: {:?}", imported.warnings));
    assert!(w.message.contains("04!B8"), "{}", w.message);
}
