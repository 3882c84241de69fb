//! `gongkai import` of a 部门预算 workbook as the budget software prints it (reference
//! 004's layout): titles without a year (收支总表, 支出总表 …), codes in one column as
//! numbers, amounts in 万元 as printed (text with separators, "-" for zero), 表6's zero
//! lines, 表5-2's units, 表10's projects, a form sheet to skip. Small workbooks built
//! here, one per thing the budget layout needs.

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

fn yuan(s: &str) -> Money {
    Money::from_yuan(Decimal::from_str(s).unwrap())
}

fn facts(text: &str) -> Facts {
    let loaded =
        load_str(Path::new("imported.toml"), text).unwrap_or_else(|f| panic!("{f}\n{text}"));
    resolve(&gongkai::load::around(loaded), &support::toolkit().catalog)
        .unwrap_or_else(|f| panic!("{f}\n{text}"))
}

fn tx(s: &str) -> Option<Cell> {
    Some(t(s))
}

fn num(v: f64) -> Option<Cell> {
    Some(n(v))
}

/// The label, title and 部门/单位 line of a budget table `width` columns wide: rows 0–2.
fn head(s: &mut Sheet, label: &str, title: &str, width: u16) {
    s.put(0, 0, t(label));
    s.merge(1, 0, 1, width - 1, title);
    s.put(2, 0, t("部门/单位：武汉市测试中心"));
    s.put(2, width - 1, t("单位：万元"));
}

/// 表1 as 004 prints it: “收支总表”, 廿 numerals, "-" for zero.
fn summary() -> Sheet {
    let mut s = Sheet::new("1");
    head(&mut s, "表1", "收支总表", 4);
    s.merge(3, 0, 3, 1, "收 入");
    s.merge(3, 2, 3, 3, "支 出");
    s.texts(4, 0, &["项 目", "预算数", "项 目", "预算数"]);
    let rows = [
        (
            "一、一般公共预算拨款收入",
            "1,286.91",
            "一、一般公共服务支出",
            "1,256.69",
        ),
        (
            "二、政府性基金预算拨款收入",
            "-",
            "六、社会保障和就业支出",
            "30.22",
        ),
        ("", "", "廿一、其他支出", "0.00"),
        ("本年收入合计", "1,286.91", "本年支出合计", "1,286.91"),
        ("上年结转结余", "", "年终结转结余", ""),
        ("收入总计", "1,286.91", "支出总计", "1,286.91"),
    ];
    for (i, (a, b, c, d)) in rows.iter().enumerate() {
        s.texts(5 + i as u32, 0, &[a, b, c, d]);
    }
    s.put(11, 0, t("备注：财政专户管理资金收入是指教育收费收入。"));
    s
}

/// A 功能分类 table with the code in one column (as a number) and one header row.
fn function(
    name: &str,
    label: &str,
    title: &str,
    columns: &[&str],
    rows: &[Vec<Option<Cell>>],
) -> Sheet {
    let width = 2 + columns.len() as u16;
    let mut s = Sheet::new(name);
    head(&mut s, label, title, width);
    let mut header = vec![tx("科目编码"), tx("科目名称")];
    header.extend(columns.iter().map(|c| tx(c)));
    s.row(3, header);
    s.merge(4, 0, 4, 1, "合计");
    for (i, r) in rows.iter().enumerate() {
        s.row(4 + i as u32, r.clone());
    }
    s
}

/// A body row: the code as a number, the name, the amounts as printed.
fn line(code: Option<f64>, name: &str, values: &[&str]) -> Vec<Option<Cell>> {
    let mut r = vec![code.and_then(num), (!name.is_empty()).then(|| t(name))];
    r.extend(values.iter().map(|v| (!v.is_empty()).then(|| t(v))));
    r
}

/// The 合计 line and the 类, 款 and 项 lines of this workbook's two items: 2010350 with
/// the amounts `a` and 2080505 with `b` (each 类 and 款 holds one item, so repeats it).
fn item_lines(total: &[&str], a: &[&str], b: &[&str]) -> Vec<Vec<Option<Cell>>> {
    const CLASSES: [(f64, &str); 6] = [
        (201.0, "一般公共服务支出"),
        (20103.0, "政府办公厅（室）及相关机构事务"),
        (2010350.0, "事业运行"),
        (208.0, "社会保障和就业支出"),
        (20805.0, "行政事业单位养老支出"),
        (2080505.0, "机关事业单位基本养老保险缴费支出"),
    ];
    let mut rows = vec![line(None, "", total)];
    for (i, (code, name)) in CLASSES.iter().enumerate() {
        rows.push(line(Some(*code), name, if i < 3 { a } else { b }));
    }
    rows
}

fn spending() -> Sheet {
    function(
        "3",
        "表3",
        "支出总表",
        &[
            "合计",
            "基本支出",
            "项目支出",
            "事业单位经营支出",
            "上缴上级支出",
            "对附属单位补助支出",
        ],
        &item_lines(
            &["1,286.91", "286.91", "1,000.00"],
            &["1,256.69", "256.69", "1,000.00"],
            &["30.22", "30.22", ""],
        ),
    )
}

/// 表5-1: 基本支出 over 小计, 人员经费, 公用经费.
fn general() -> Sheet {
    let mut s = Sheet::new("5-1");
    head(&mut s, "表5-1", "一般公共预算支出表（分功能科目）", 7);
    basic_header(&mut s, "科目编码", "科目名称");
    let rows = item_lines(
        &["1,286.91", "286.91", "263.96", "22.95", "1,000.00"],
        &["1,256.69", "256.69", "233.74", "22.95", "1,000.00"],
        &["30.22", "30.22", "30.22", "", ""],
    );
    for (i, r) in rows.into_iter().enumerate() {
        s.row(5 + i as u32, r);
    }
    s
}

/// 表5-1's and 表5-2's header: two label columns, 合计, 基本支出 over 小计 / 人员经费 /
/// 公用经费, 项目支出; the 合计 line's label merged over the label columns.
fn basic_header(s: &mut Sheet, code: &str, name: &str) {
    s.merge(3, 0, 4, 0, code);
    s.merge(3, 1, 4, 1, name);
    s.merge(3, 2, 4, 2, "合计");
    s.merge(3, 3, 3, 5, "基本支出");
    s.merge(3, 6, 4, 6, "项目支出");
    s.texts(4, 3, &["小计", "人员经费", "公用经费"]);
    s.merge(5, 0, 5, 1, "合计");
}

/// 表6: 类 and 款 lines with their 人员经费/公用经费, a 款 printed at 0.00.
fn economic() -> Sheet {
    let mut s = Sheet::new("6");
    head(&mut s, "表6", "一般公共预算基本支出表", 5);
    s.merge(3, 0, 3, 1, "部门预算支出经济分类科目");
    s.merge(3, 2, 3, 4, "本年一般公共预算基本支出");
    s.texts(
        4,
        0,
        &["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    );
    s.merge(5, 0, 5, 1, "合计");
    let rows = [
        ["", "", "286.91", "263.96", "22.95"],
        ["301", "工资福利支出", "263.96", "263.96", "0.00"],
        ["30101", "基本工资", "233.74", "233.74", "0.00"],
        [
            "30108",
            "机关事业单位基本养老保险缴费",
            "30.22",
            "30.22",
            "0.00",
        ],
        ["302", "商品和服务支出", "22.95", "0.00", "22.95"],
        ["30201", "办公费", "22.95", "0.00", "22.95"],
        ["30213", "维修（护）费", "0.00", "0.00", "0.00"],
    ];
    for (i, r) in rows.iter().enumerate() {
        s.texts(5 + i as u32, 0, r);
    }
    s
}

/// 表10: one project; 表5-2: the department and its units.
fn projects(unit: &str) -> Sheet {
    let mut s = Sheet::new("10");
    head(&mut s, "表10", "项目支出表", 10);
    s.texts(
        3,
        0,
        &[
            "单位名称",
            "项目名称",
            "科目编码",
            "科目名称",
            "合计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金",
        ],
    );
    s.merge(4, 0, 4, 3, "合计");
    s.texts(4, 4, &["1,000.00", "1,000.00"]);
    s.texts(
        5,
        0,
        &[
            unit,
            "运维项目",
            "2010350",
            "事业运行",
            "1,000.00",
            "1,000.00",
        ],
    );
    s
}

fn units(list: &[(&str, &str)]) -> Sheet {
    let mut s = Sheet::new("5-2");
    head(&mut s, "表5-2", "一般公共预算支出表（分单位）", 7);
    basic_header(&mut s, "单位编码", "单位名称");
    s.texts(5, 2, &["1,286.91", "286.91", "263.96", "22.95", "1,000.00"]);
    for (i, (code, name)) in list.iter().enumerate() {
        s.texts(6 + i as u32, 0, &[code, name]);
    }
    s
}

/// A sheet that is neither a table nor a form: skipped with a warning.
fn cover() -> Sheet {
    let mut s = Sheet::new("封面");
    s.put(0, 0, t("武汉市测试中心2024年部门预算公开"));
    s
}

/// 表11 without its money block: a form, read for its money lines (here none).
fn form() -> Sheet {
    let mut s = Sheet::new("11");
    s.put(0, 0, t("表11"));
    s.put(1, 0, t("部门整体支出绩效目标表"));
    s.put(2, 0, t("部门名称"));
    s.put(2, 1, t("武汉市测试中心"));
    s
}

fn workbook(dir: &Path, sheets: &[Sheet]) -> std::path::PathBuf {
    let book = dir.join("预算表.xlsx");
    save(&book, sheets);
    book
}

fn read(
    book: &Path,
    year: Option<i32>,
) -> Result<gongkai::app::import::Imported, gongkai::base::diag::Failure> {
    gongkai::app::import::read_with(
        book,
        &gongkai::app::import::Options {
            year,
            ..Default::default()
        },
    )
}

#[test]
fn a_budget_workbook_as_the_software_prints_it() {
    let dir = scratch("import-budget", "printed");
    let book = workbook(
        &dir,
        &[
            cover(),
            form(),
            projects("武汉市测试中心本级"),
            economic(),
            units(&[("901", "武汉市测试中心"), ("901001", "武汉市测试中心本级")]),
            general(),
            spending(),
            summary(),
        ],
    );
    // The titles carry no year: the import asks for it.
    let f = read(&book, None).map(|_| ()).unwrap_err();
    assert_eq!(f.diagnostics[0].code, "E0803");
    assert!(f.diagnostics[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("--year"));
    let run = gongkai(&["import", "预算表.xlsx", "-o", "x/2024-budget.toml"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.join("x/2024-budget.toml").exists());

    // Told the year, it finds the budget layout by the titles alone.
    let imported = read(&book, Some(2024)).unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(imported.layout, "wuhan-budget");
    assert_eq!(imported.tables.len(), 6);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.code == "W0801" && w.message.contains("“封面”")),
        "{:?}",
        imported.warnings
    );
    let text = &imported.text;
    // As printed: the file is in 万元, with the digits the tables print.
    assert!(text.contains("amount_unit = \"万元\""), "{text}");
    assert!(
        text.contains("general_personnel = 233.74  # 5-1!E9"),
        "{text}"
    );
    let f = facts(text);
    assert_eq!(f.unit.year, 2024);
    assert_eq!(f.unit.name, "武汉市测试中心");
    assert_eq!(f.budget.code, "901");
    let u = &f.budget.units;
    assert_eq!((u.len(), u[0].code.as_str(), u[0].own), (1, "901001", true));
    let item = |code: &str| {
        gongkai::figures::Figures::of(&f.items.iter().find(|i| i.code == code).unwrap().amounts)
    };
    let x = item("2010350");
    assert_eq!(x.general_personnel, yuan("2337400"));
    assert_eq!(x.general_public, yuan("229500"));
    assert_eq!(x.general_project, yuan("10000000"));
    assert_eq!(item("2080505").general_personnel, yuan("302200"));
    let p = &f.budget.projects;
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].name.as_str(), p[0].code.as_str()),
        ("运维项目", "2010350")
    );
    assert_eq!(p[0].sources.general, yuan("10000000"));
    // 表6: the 款 lines, the one printed at 0.00 too; the 类 lines are computed.
    let lines: Vec<(&str, Money)> = f.economic.iter().map(|(c, m)| (c.as_str(), *m)).collect();
    assert_eq!(
        lines,
        [
            ("30101", yuan("2337400")),
            ("30108", yuan("302200")),
            ("30201", yuan("229500")),
            ("30213", Money::ZERO),
        ]
    );
    // Every printed total checks; what is left are the placeholders.
    let loaded = load_str(&dir.join("2024-budget.toml"), text).unwrap();
    let checked = support::toolkit()
        .check(&loaded)
        .unwrap_or_else(|f| panic!("{f}"));
    for d in &checked.diagnostics {
        assert!(!d.is_error() || d.code == "R401", "{d}");
        assert!(!matches!(d.code, "R102" | "W102"), "{d}");
    }
    let typed = loaded.input.typed.as_ref().unwrap();
    let income = typed.figures.get("income_total").unwrap().get_ref();
    assert_eq!(income.source.as_deref(), Some("1!B9"));
    assert!(typed.figures.contains_key("personnel_total"));
    assert!(typed.rows.iter().any(|r| r.table.get_ref() == "5-1"));

    // The command writes it with --year, and refuses to write it twice.
    let args = [
        "import",
        "预算表.xlsx",
        "-o",
        "x/2024-budget.toml",
        "--year",
        "2024",
    ];
    let run = gongkai(&args, &dir);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = gongkai(&args, &dir);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("E0701"));
    // --kind final reads no table of a budget workbook.
    let run = gongkai(
        &[
            "import",
            "预算表.xlsx",
            "-o",
            "y.toml",
            "--year",
            "2024",
            "--kind",
            "final",
        ],
        &dir,
    );
    assert_eq!(run.status.code(), Some(2));
}

/// A 项's 上年结转 (表2: its spending beyond this year's income) goes on the 项, with a
/// warning when a project might own it.
#[test]
fn a_carry_over_goes_on_the_item() {
    let dir = scratch("import-budget", "carry-over");
    let columns = [
        "合计",
        "一般公共预算拨款收入",
        "政府性基金预算拨款收入",
        "国有资本经营预算拨款收入",
        "财政专户管理资金收入",
        "事业收入",
        "事业单位经营收入",
        "上级补助收入",
        "附属单位上缴收入",
        "其他收入",
        "上年结转结余",
    ];
    // 合计, 一般公共预算 and, in the last column, 上年结转结余.
    let row = |code: Option<f64>, name: &str, values: [&str; 3]| {
        let mut r = line(code, name, &values[..2]);
        r.resize(12, None);
        r.push((!values[2].is_empty()).then(|| t(values[2])));
        r
    };
    let income = function(
        "2",
        "表2",
        "收入总表",
        &columns,
        &[
            row(None, "", ["1,286.91", "1,186.91", "100.00"]),
            row(
                Some(201.0),
                "一般公共服务支出",
                ["1,256.69", "1,156.69", "100.00"],
            ),
            row(
                Some(20103.0),
                "政府办公厅（室）及相关机构事务",
                ["1,256.69", "1,156.69", "100.00"],
            ),
            row(
                Some(2010350.0),
                "事业运行",
                ["1,256.69", "1,156.69", "100.00"],
            ),
            row(Some(208.0), "社会保障和就业支出", ["30.22", "30.22", ""]),
            row(
                Some(20805.0),
                "行政事业单位养老支出",
                ["30.22", "30.22", ""],
            ),
            row(
                Some(2080505.0),
                "机关事业单位基本养老保险缴费支出",
                ["30.22", "30.22", ""],
            ),
        ],
    );
    let book = workbook(
        &dir,
        &[
            income,
            general(),
            spending(),
            economic(),
            projects("武汉市测试中心"),
        ],
    );
    let imported = read(&book, Some(2024)).unwrap_or_else(|f| panic!("{f}"));
    let f = facts(&imported.text);
    let x = gongkai::figures::Figures::of(
        &f.items
            .iter()
            .find(|i| i.code == "2010350")
            .unwrap()
            .amounts,
    );
    assert_eq!(x.general_opening, yuan("1000000"));
    assert_eq!(x.general_income, yuan("11566900"));
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.code == "W0806" && w.message.contains("2010350")),
        "{:?}",
        imported.warnings
    );
    let loaded = load_str(&dir.join("2024-budget.toml"), &imported.text).unwrap();
    let checked = support::toolkit()
        .check(&loaded)
        .unwrap_or_else(|f| panic!("{f}"));
    for d in &checked.diagnostics {
        assert!(!d.is_error() || d.code == "R401", "{d}");
    }
}

/// Two units: the project goes to the unit 表10 names; the 项 to the department's
/// own unit, with a warning (the tables do not say which unit a 项 is of).
#[test]
fn several_units() {
    let dir = scratch("import-budget", "units");
    let book = workbook(
        &dir,
        &[
            units(&[
                ("901", "武汉市测试中心"),
                ("901001", "武汉市测试中心本级"),
                ("901002", "武汉市测试分中心"),
            ]),
            projects("武汉市测试分中心"),
            general(),
            spending(),
        ],
    );
    let imported = read(&book, Some(2024)).unwrap_or_else(|f| panic!("{f}"));
    assert!(
        imported.warnings.iter().any(|w| w.code == "W0807"),
        "{:?}",
        imported.warnings
    );
    let loaded = load_str(Path::new("x.toml"), &imported.text).unwrap();
    let input = &loaded.input;
    assert!(input
        .items
        .iter()
        .all(|i| i.unit.as_ref().unwrap().get_ref() == "901001"));
    assert_eq!(input.projects[0].unit.as_ref().unwrap().get_ref(), "901002");
    let f = facts(&imported.text);
    let own: Vec<bool> = f.budget.units.iter().map(|u| u.own).collect();
    assert_eq!(own, [true, false]);
}

/// 表12 as 004 prints it (元, amounts as text with separators): the label cells and the
/// money lines beside them.
fn project_form() -> Sheet {
    let mut s = Sheet::new("12-1");
    s.put(0, 0, t("表12-1"));
    s.merge(1, 0, 1, 7, "2024 年部门项目支出绩效目标表");
    s.put(2, 7, t("单位：元"));
    s.texts(3, 0, &["项目名称", "运维项目"]);
    s.merge(3, 1, 3, 7, "运维项目");
    s.texts(
        4,
        0,
        &[
            "项目主管部门",
            "武汉市测试中心",
            "",
            "",
            "项目执行单位",
            "",
            "武汉市测试中心本级",
        ],
    );
    s.texts(
        5,
        0,
        &[
            "项目总预算",
            "12,000,000.00",
            "",
            "",
            "项目当年预算",
            "",
            "10,000,000.00",
        ],
    );
    s.merge(6, 0, 8, 0, "项目前两年预算情况");
    s.texts(6, 1, &["年度", "预算数", "", "执行数", "", "执行率"]);
    s.texts(
        7,
        1,
        &["2022 年", "9,000,000.00", "", "8,500,000.00", "", "94.44%"],
    );
    s.texts(
        8,
        1,
        &["2023 年", "10,000,000.00", "", "9,990,000.00", "", "99.90%"],
    );
    s.merge(9, 0, 9, 7, "项目支出明细测算");
    s.texts(
        10,
        0,
        &[
            "项目任务明细",
            "",
            "支出标准",
            "单价",
            "计量数",
            "测算数",
            "测算依据及说明",
        ],
    );
    s.texts(
        11,
        0,
        &[
            "运维服务",
            "",
            "按照合同",
            "8,000,000.00",
            "1",
            "8,000,000.00",
            "依据合同",
        ],
    );
    s.texts(
        12,
        0,
        &[
            "设备维护",
            "",
            "按市场价",
            "500,000.00",
            "",
            "2,000,000.00",
            "询价",
        ],
    )
    .numbers(12, 4, &[4.0]);
    s.merge(13, 0, 13, 7, "项目采购");
    s
}

/// 表11 as 004 prints it: 近两年收支情况 in 万元 with one decimal.
fn overall_form() -> Sheet {
    let mut s = Sheet::new("11");
    s.put(0, 0, t("表11"));
    s.put(1, 0, t("2024 年区直部门整体支出绩效目标申报表"));
    s.texts(2, 0, &["部门名称", "武汉市测试中心"]);
    s.texts(
        3,
        0,
        &[
            "部门总体资金情况（万元）",
            "总体资金情况",
            "",
            "当年预算收支",
            "占比",
            "近两年收支情况",
        ],
    );
    s.texts(4, 5, &["2022 年", "2023 年"]);
    let rows = [
        ("收入构成", "财政拨款", "1286.9", "100", "2424.9", "819.5"),
        ("", "其他资金", "0", "0", "0", "0"),
        ("", "合计", "1286.9", "100", "2424.9", "819.5"),
        ("支出构成", "基本支出", "286.9", "22.3", "336.4", "386.6"),
        ("", "项目支出", "1000", "77.7", "2088.5", "432.9"),
    ];
    for (i, (a, b, c, d, e, f)) in rows.iter().enumerate() {
        s.texts(5 + i as u32, 1, &[a, b, c, d, e, f]);
    }
    s
}

/// The forms' money lines: 表12's 项目总预算, history and 测算 lines go to its project,
/// 表11's history years to `[[history]]` (and last year's total to `previous.total`).
#[test]
fn the_forms_money_lines() {
    let dir = scratch("import-budget", "forms");
    let book = workbook(
        &dir,
        &[
            overall_form(),
            project_form(),
            projects("武汉市测试中心本级"),
            economic(),
            general(),
            spending(),
        ],
    );
    let imported = read(&book, Some(2024)).unwrap_or_else(|f| panic!("{f}"));
    assert!(
        !imported.warnings.iter().any(|w| w.code == "W0801"),
        "the forms are read, not skipped: {:?}",
        imported.warnings
    );
    let loaded = load_str(&dir.join("2024-budget.toml"), &imported.text).unwrap();
    let f = facts(&imported.text);
    let p = &f.budget.projects[0];
    assert_eq!(p.total_budget, Some(yuan("12000000")));
    let history: Vec<(i32, Money, Money)> = p.history.clone();
    assert_eq!(
        history,
        [
            (2022, yuan("9000000"), yuan("8500000")),
            (2023, yuan("10000000"), yuan("9990000")),
        ]
    );
    let lines: Vec<(&str, Money, Money)> = p
        .estimates
        .iter()
        .map(|e| (e.task.as_str(), e.price, e.amount))
        .collect();
    assert_eq!(
        lines,
        [
            ("运维服务", yuan("8000000"), yuan("8000000")),
            ("设备维护", yuan("500000"), yuan("2000000")),
        ]
    );
    let h = &f.budget.history;
    assert_eq!(h[&2022].fiscal, yuan("24249000"));
    assert_eq!(h[&2023].project, yuan("4329000"));
    assert!(
        imported
            .text
            .contains("# 项目前两年预算情况，12-1!C8、12-1!C9"),
        "{}",
        imported.text
    );
    let checked = support::toolkit()
        .check(&loaded)
        .unwrap_or_else(|f| panic!("{f}"));
    for d in &checked.diagnostics {
        assert!(!d.is_error() || d.code == "R401", "{d}");
    }
}

/// 表4 as 004 prints it, one value column a side, with the given 一般公共预算拨款.
fn fiscal_summary(general_income: &str) -> Sheet {
    let mut s = Sheet::new("4");
    head(&mut s, "表4", "财政拨款收支总表", 4);
    s.merge(3, 0, 3, 1, "收 入");
    s.merge(3, 2, 3, 3, "支 出");
    s.texts(4, 0, &["项 目", "预算数", "项 目", "预算数"]);
    let rows = [
        ["一、本年收入", general_income, "一、本年支出", "1,286.91"],
        [
            "（一）一般公共预算拨款",
            general_income,
            "一般公共服务支出",
            "1,256.69",
        ],
        ["收入总计", general_income, "支出总计", "1,286.91"],
    ];
    for (i, r) in rows.iter().enumerate() {
        s.texts(5 + i as u32, 0, r);
    }
    s
}

/// What the import cannot settle alone, it warns of and names the cells: a 经济分类 类
/// line that is not the sum of its 款 lines (W0802), two tables printing one total
/// differently (W0805), a 表12 whose project 表10 does not list (W0808).
#[test]
fn disagreements_between_sheets_are_warned() {
    let dir = scratch("import-budget", "disagree");
    let mut economic = economic();
    economic.put(6, 2, t("264.96"));
    let mut form = project_form();
    form.put(3, 1, t("另一项目"));
    let book = workbook(
        &dir,
        &[
            form,
            projects("武汉市测试中心本级"),
            economic,
            general(),
            spending(),
            fiscal_summary("1,285.91"),
            summary(),
        ],
    );
    let imported = read(&book, Some(2024)).unwrap_or_else(|f| panic!("{f}"));
    let warning = |code: &str| {
        let found = imported.warnings.iter().find(|w| w.code == code);
        found
            .unwrap_or_else(|| panic!("no {code}: {:?}", imported.warnings))
            .message
            .clone()
    };
    let w = warning("W0802");
    assert!(w.contains("6!C7") && w.contains("301"), "{w}");
    let w = warning("W0805");
    assert!(w.contains("1!B6") && w.contains("4!B7"), "{w}");
    let w = warning("W0808");
    assert!(w.contains("另一项目") && w.contains("12-1"), "{w}");
    // The forms' project is not invented: 表10's project keeps no form.
    assert!(!imported.text.contains("另一项目"), "{}", imported.text);
}
