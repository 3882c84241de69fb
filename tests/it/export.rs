//! `gongkai export xlsx`: the tables laid out as printed, figures as numbers, checked
//! against the reference booklets' tables; the command's refusals and exit codes.

use crate::support;

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::{Path, PathBuf};
use support::{gongkai, scratch};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn export(sample: &str, dir: &Path, exact: bool) -> PathBuf {
    let out = dir.join(if exact { "exact.xlsx" } else { "tables.xlsx" });
    let options = gongkai::app::export::Options {
        exact,
        draft: false,
    };
    gongkai::app::export::export_xlsx(support::toolkit(), &root().join(sample), &out, &options)
        .unwrap_or_else(|f| panic!("{}", f.failure));
    out
}

/// A sheet as read back: cells by their A1 name, merged regions as `A1:D1`.
struct Sheet {
    range: calamine::Range<Data>,
    merges: Vec<String>,
    formats: Vec<((u32, u32), String)>,
}

fn a1(row: u32, col: u32) -> String {
    format!("{}{}", (b'A' + col as u8) as char, row + 1)
}

fn pos(cell: &str) -> (u32, u32) {
    let col = (cell.as_bytes()[0] - b'A') as u32;
    (cell[1..].parse::<u32>().unwrap() - 1, col)
}

impl Sheet {
    fn read(path: &Path, name: &str) -> Sheet {
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let range = book.worksheet_range(name).unwrap();
        let merges = book
            .merge_cells_by_sheet_name(name)
            .unwrap()
            .into_iter()
            .map(|d| format!("{}:{}", a1(d.start.0, d.start.1), a1(d.end.0, d.end.1)))
            .collect();
        let formats = book
            .worksheet_style(name)
            .unwrap()
            .cells()
            .filter_map(|(r, c, s)| Some(((r, c), s.number_format.as_ref()?.format_code.clone())))
            .collect();
        Sheet {
            range,
            merges,
            formats,
        }
    }

    fn at(&self, cell: &str) -> Data {
        self.range
            .get_value(pos(cell))
            .cloned()
            .unwrap_or(Data::Empty)
    }

    fn text(&self, cell: &str) -> String {
        match self.at(cell) {
            Data::String(s) => s,
            other => panic!("{cell} holds {other:?}, not text"),
        }
    }

    fn number(&self, cell: &str) -> f64 {
        match self.at(cell) {
            Data::Float(f) => f,
            other => panic!("{cell} holds {other:?}, not a number"),
        }
    }

    fn format(&self, cell: &str) -> String {
        let p = pos(cell);
        self.formats
            .iter()
            .find(|(at, _)| *at == p)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    }

    /// The texts of a row, empty cells as "".
    fn row(&self, row: u32) -> Vec<String> {
        (0..self.range.width() as u32)
            .map(|c| match self.range.get_value((row - 1, c)) {
                Some(Data::String(s)) => s.clone(),
                Some(Data::Float(f)) => format!("{f:.2}"),
                Some(Data::Empty) | None => String::new(),
                Some(other) => format!("{other:?}"),
            })
            .collect()
    }
}

/// 公开05 of reference 000: head lines, the header merged over three rows, 栏次, the
/// 合计 across the label columns, figures as numbers with two decimals, empty cells
/// empty, the note under the table. Figures transcribed from reference 000.
#[test]
fn general_table_of_000_as_printed() {
    let dir = scratch("export", "000");
    let book = export("data/huangpi-network-ops/2024.toml", &dir, false);
    let names = open_workbook::<Xlsx<_>, _>(&book).unwrap().sheet_names();
    let labels: Vec<String> = (1..=9).map(|i| format!("公开0{i}表")).collect();
    assert_eq!(names, labels);
    let s = Sheet::read(&book, "公开05表");
    assert_eq!(s.text("A1"), "2024年度一般公共预算财政拨款支出决算表");
    assert_eq!(s.text("G2"), "公开05表");
    assert_eq!(s.text("A3"), "单位：武汉市黄陂区网络运维服务中心");
    assert!(s.row(3).contains(&"2024年度".to_string()));
    assert_eq!(s.text("G3"), "金额单位：万元");
    for merged in ["A1:G1", "A4:D4", "E4:G4", "A5:C5", "A7:D7"] {
        assert!(
            s.merges.contains(&merged.to_string()),
            "{merged}: {:?}",
            s.merges
        );
    }
    assert_eq!(s.row(4)[..5], ["项目", "", "", "", "本年支出"]);
    assert_eq!(s.row(5)[3..], ["科目名称", "小计", "基本支出", "项目支出"]);
    assert_eq!(s.row(6), ["类", "款", "项", "栏次", "1", "2", "3"]);
    let expected: [(&str, &str, [&str; 3]); 13] = [
        ("合计", "", ["150.79", "150.65", "0.15"]),
        ("201", "一般公共服务支出", ["119.17", "119.03", "0.15"]),
        ("20137", "网信事务", ["119.17", "119.03", "0.15"]),
        ("2013750", "事业运行", ["119.17", "119.03", "0.15"]),
        ("208", "社会保障和就业支出", ["12.94", "12.94", ""]),
        ("20805", "行政事业单位养老支出", ["12.94", "12.94", ""]),
        (
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            ["12.94", "12.94", ""],
        ),
        ("210", "卫生健康支出", ["6.28", "6.28", ""]),
        ("21011", "行政事业单位医疗", ["6.28", "6.28", ""]),
        ("2101102", "事业单位医疗", ["6.28", "6.28", ""]),
        ("221", "住房保障支出", ["12.40", "12.40", ""]),
        ("22102", "住房改革支出", ["12.40", "12.40", ""]),
        ("2210201", "住房公积金", ["12.40", "12.40", ""]),
    ];
    for (i, (code, name, values)) in expected.iter().enumerate() {
        let row = s.row(7 + i as u32);
        assert_eq!(row[0], *code, "row {}", 7 + i);
        assert_eq!(row[1..3], ["", ""], "the code spans the 类/款/项 columns");
        assert_eq!(row[3], *name);
        assert_eq!(row[4..], *values, "{code}");
    }
    // Numbers, not text, in the table's format (000 prints no separators).
    assert_eq!(s.number("F7"), 150.65);
    assert_eq!(s.format("F7"), "0.00");
    assert_eq!(s.at("G11"), Data::Empty);
    assert_eq!(
        s.text("A20"),
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。"
    );
}

/// Budget 表1 of reference 004: the label above the title, 部门/单位 and 单位：万元,
/// zeros printed, thousands separators, the 廿 classes, the tails level at the foot;
/// the forms 表11 and 表12-n are not sheets.
#[test]
fn budget_summary_of_004_as_printed() {
    let dir = scratch("export", "004");
    let book = export("data/qiaokou-bigdata/2024-budget.toml", &dir, false);
    let names = open_workbook::<Xlsx<_>, _>(&book).unwrap().sheet_names();
    assert_eq!(
        names,
        [
            "表1", "表2", "表3", "表4", "表5-1", "表5-2", "表6", "表7", "表8", "表9", "表10"
        ]
    );
    let s = Sheet::read(&book, "表1");
    assert_eq!(s.text("A1"), "表1");
    assert_eq!(s.text("A2"), "收支预算总表");
    assert_eq!(s.text("A3"), "部门/单位：武汉市硚口区大数据中心");
    assert_eq!(s.text("D3"), "单位：万元");
    assert_eq!(s.row(4), ["收　入", "", "支　出", ""]);
    assert_eq!(s.row(5), ["项　目", "预算数", "项　目", "预算数"]);
    assert_eq!(
        s.row(6),
        [
            "一、一般公共预算拨款收入",
            "1757.51",
            "一、一般公共服务支出",
            "1646.28"
        ]
    );
    assert_eq!(
        s.row(7),
        [
            "二、政府性基金预算拨款收入",
            "0.00",
            "二、公共安全支出",
            "0.00"
        ]
    );
    assert_eq!(s.row(26)[2..], ["廿一、其他支出", "0.00"]);
    assert_eq!(
        s.row(30),
        ["本年收入合计", "1757.51", "本年支出合计", "1757.51"]
    );
    assert_eq!(s.row(32), ["收入总计", "1757.51", "支出总计", "1757.51"]);
    assert_eq!(s.format("B6"), "#,##0.00");
    assert_eq!(
        s.text("A33"),
        "备注：财政专户管理资金收入是指教育收费收入；事业收入不含教育收费收入，下同。"
    );
    // 表10: one line a project, its 一般公共预算 money.
    let p = Sheet::read(&book, "表10");
    assert_eq!(
        p.row(6)[1..6],
        [
            "党政综合事务管理及专业服务",
            "2010350",
            "事业运行",
            "12.50",
            "12.50"
        ]
    );
}

/// `--exact`: every amount in 元 to the 分, the money line saying 元.
#[test]
fn exact_amounts_in_yuan() {
    let dir = scratch("export", "exact");
    let book = export("data/huangpi-network-ops/2024.toml", &dir, true);
    let s = Sheet::read(&book, "公开05表");
    assert_eq!(s.text("G3"), "金额单位：元");
    // 2013750 基本支出 and 项目支出 as the sample writes them.
    assert_eq!(s.number("F10"), 1190268.4);
    assert_eq!(s.number("G10"), 1455.0);
    assert_eq!(s.format("F10"), "0.00");
}

/// The same input gives the same bytes (the workbook's date is the publication date).
#[test]
fn reproducible_bytes() {
    let dir = scratch("export", "bytes");
    let a = std::fs::read(export("data/huangpi-bigdata/2022.toml", &dir, false)).unwrap();
    let again = scratch("export", "bytes-again");
    let b = std::fs::read(export("data/huangpi-bigdata/2022.toml", &again, false)).unwrap();
    assert!(a == b, "two exports differ");
}

#[test]
fn the_command_refuses_what_it_must() {
    let dir = scratch("export", "cli");
    std::fs::copy(
        root().join("data/huangpi-network-ops/2024.toml"),
        dir.join("2024.toml"),
    )
    .unwrap();
    let run = gongkai(
        &["export", "xlsx", "2024.toml", "-o", "out/表格.xlsx"],
        &dir,
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("已写出"), "{stderr}");
    assert!(dir.join("out/表格.xlsx").exists());
    let leftovers = std::fs::read_dir(dir.join("out")).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left");

    // Not a workbook's name: refused, exit 2, nothing written.
    let run = gongkai(&["export", "xlsx", "2024.toml", "-o", "x.pdf"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("E0302"));
    assert!(!dir.join("x.pdf").exists());

    // Never over the input.
    std::fs::copy(dir.join("2024.toml"), dir.join("in.xlsx")).unwrap();
    let run = gongkai(&["export", "xlsx", "in.xlsx", "-o", "in.xlsx"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("E0303"));
    assert_eq!(
        std::fs::read(dir.join("in.xlsx")).unwrap(),
        std::fs::read(dir.join("2024.toml")).unwrap()
    );

    // A missing input is unusable (2); an input with errors is refused (1) unless
    // --draft, which writes the workbook anyway.
    let run = gongkai(&["export", "xlsx", "nothing.toml", "-o", "n.xlsx"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("E0001"));
    let run = gongkai(
        &["init", "new", "--unit", "武汉市某某中心", "--year", "2024"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(0));
    let run = gongkai(&["export", "xlsx", "new/2024.toml", "-o", "new.xlsx"], &dir);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("R401") && stderr.contains("未导出"),
        "{stderr}"
    );
    assert!(!dir.join("new.xlsx").exists());
    let run = gongkai(
        &[
            "export",
            "xlsx",
            "new/2024.toml",
            "-o",
            "new.xlsx",
            "--draft",
        ],
        &dir,
    );
    assert_eq!(run.status.code(), Some(0));
    assert!(dir.join("new.xlsx").exists());

    let run = gongkai(&["export", "pdf", "2024.toml"], &dir);
    assert_eq!(run.status.code(), Some(2));
}
