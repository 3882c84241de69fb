//! Editions as files: a booklet laid out by an edition read from a file, and each
//! defect an edition author can make refused at load with its code, a Chinese message
//! and the place in the file that holds it.

use crate::support;

use gongkai::declare::edition::Origin;
use std::path::Path;

fn refusal(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/editions")
        .join(file);
    match gongkai::load::edition(&Origin::File(path)) {
        Ok(_) => panic!("{file}: the edition loaded"),
        Err(f) => f
            .to_string()
            .replace(concat!(env!("CARGO_MANIFEST_DIR"), "/"), "")
            .trim()
            .to_string(),
    }
}

#[test]
fn an_unknown_kind_is_refused_where_it_is_written() {
    assert_eq!(
        refusal("unknown_kind.toml"),
        "错误[E0104]: 不认识的取值“pie”
 --> tests/editions/unknown_kind.toml:8:1
  |
8 | kind = \"pie\"
  | ^^^^
   = 字段：tables[0].kind
   = 提示：可用：summary、function、economic_groups、row、by_unit、economic_rows、projects、overall_form、project_form"
    );
}

#[test]
fn an_unknown_figure_is_refused_and_its_checks_with_it() {
    let text = refusal("unknown_figure.toml");
    assert!(
        text.starts_with(
            "错误[E0244]: 不认识的数“general_basik”：应为功能分类表各行的数之一（general_basic、"
        ),
        "{text}"
    );
    assert!(text.contains(
        " --> tests/editions/unknown_figure.toml:10:14
   |
10 |   { figure = \"general_basik\", header = [\"本年支出\", \"基本支出\"], number = \"2\" },
   |              ^^^^^^^^^^^^^^^"
    ));
    // The edition extended still checks general_basic, which the table no longer shows:
    // reported in the built-in edition, where that check is written.
    assert!(text.contains("错误[E0244]: checks 中的“general_basic”不是 公开05表 印出的数"));
    assert!(text.contains("--> <内置版式 wuhan-2024>:"));
}

#[test]
fn a_duplicate_label_is_refused() {
    assert_eq!(
        refusal("duplicate_label.toml"),
        "错误[E0243]: 表号“公开02表”重复：两张表印着同一个表号
 --> tests/editions/duplicate_label.toml:8:1
  |
8 | label = \"公开02表\"
  | ^^^^^
   = 提示：版式文件的写法见 docs/editions.md"
    );
}

#[test]
fn a_row_with_more_figures_than_columns_is_refused() {
    assert_eq!(
        refusal("column_count.toml"),
        "错误[E0246]: “一、一般公共预算财政拨款收入”一行写了 2 个数，而这一侧有 1 栏金额
  --> tests/editions/column_count.toml:15:41
   |
15 |   { label = \"一、一般公共预算财政拨款收入\", values = [\"general_income\", \"fund_income\"] },
   |                                                       ^^^^^^^^^^^^^^^^
   = 提示：版式文件的写法见 docs/editions.md"
    );
}

#[test]
fn headers_that_do_not_nest_are_refused() {
    assert_eq!(
        refusal("header_levels.toml"),
        "错误[E0246]: 公开05表 的表头层级不一致：“本年支出”与“本年支出/基本支出”相邻，一个在“本年支出”下分栏，一个没有
  --> tests/editions/header_levels.toml:10:14
   |
10 |   { figure = \"general_basic\", header = [\"本年支出\", \"基本支出\"], number = \"2\" },
   |              ^^^^^^^^^^^^^^^
   = 提示：版式文件的写法见 docs/editions.md"
    );
}

#[test]
fn a_booklet_is_laid_out_by_an_edition_and_a_catalog_read_from_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read_to_string(root.join("data/huangpi-network-ops/2024.toml")).unwrap();
    let input = sample.replacen(
        "edition = \"wuhan-2024\"",
        "edition = \"../editions/custom.toml\"\ncatalog = \"../catalogs/extra\"",
        1,
    );
    assert_ne!(input, sample, "the sample names its edition");
    let loaded =
        gongkai::input::load_str(&root.join("tests/inputs/custom-edition.toml"), &input).unwrap();
    let built = support::toolkit()
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(built.booklet.edition, "test-city-2024");
    let pages = gongkai::typeset::text::pages(&built.document);
    let text: String = pages
        .iter()
        .map(|p| p.joined().replace([' ', '\n'], ""))
        .collect();
    for expected in [
        "收入支出决算总表（2024年度）",
        "附表一",
        "附表二",
        "单位：万元",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    assert!(!text.contains("金额单位：万元"));
    // The catalog file names 30201 for 2024 on.
    assert!(text.contains("办公费（测试）"));
    let table = built.booklet.table("02").unwrap();
    let rows = &table.function().unwrap().rows;
    assert!(rows.iter().all(|r| r.level != 2), "款 rows left out");
    assert!(rows.iter().any(|r| r.level == 3));
    // Zeros print as 0.00 in 附表二 (its 上级补助收入 column is empty in 000).
    let cells: Vec<&str> = table.grid.body[0]
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        cells,
        ["合计", "150.79", "150.79", "0.00", "0.00", "0.00", "0.00", "0.00"]
    );
}

/// The sample of the 2020 年以前 layout (`wuhan-2019`), built from its description.
#[test]
fn the_2019_layout_prints_eight_tables_and_ten_sections() {
    let built = support::samples::built("data/huangpi-bigdata/2019.toml");
    let b = &built.booklet;
    assert_eq!(b.edition, "wuhan-2019");
    let labels: Vec<&str> = b.tables.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        ["表1", "表2", "表3", "表4", "表5", "表6", "表7", "表8"]
    );
    assert_eq!(
        b.tables[6].title,
        "2019年度一般公共预算财政拨款“三公”经费支出决算表（表7）"
    );
    assert_eq!(
        b.tables[7].title,
        "2019年度政府性基金预算财政拨款收入支出决算表（表8）"
    );
    assert_eq!(
        b.tables[7].empty_note.as_deref(),
        Some("说明：我单位2019年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排支出。")
    );

    // 表1: seven income rows, 用事业基金弥补收支差额 on the income side, 22 classes, and
    // the tails level at rows 23–27 and 50–54 as its identity lines say.
    let rows = &b.tables[0].grid.body;
    let row = |label: &str| {
        rows.iter()
            .find(|r| r.cells[0].text == label)
            .unwrap_or_else(|| panic!("{label} missing"))
    };
    let texts =
        |label: &str| -> Vec<String> { row(label).cells.iter().map(|c| c.text.clone()).collect() };
    assert_eq!(texts("七、其他收入")[1], "7");
    assert!(rows
        .iter()
        .all(|r| !r.cells[0].text.contains("国有资本经营")));
    assert_eq!(texts("用事业基金弥补收支差额")[1..3], ["24", "5.00"]);
    assert_eq!(texts("本年收入合计")[1..3], ["23", "494.01"]);
    assert_eq!(texts("总计")[1..3], ["27", "499.01"]);
    let classes = rows
        .iter()
        .filter(|r| r.cells[3].text.contains('、'))
        .count();
    assert_eq!(classes, 22);
    assert_eq!(rows.len(), 27);
    let last = rows.last().unwrap();
    assert_eq!(
        [
            last.cells[3].text.as_str(),
            &last.cells[4].text,
            &last.cells[5].text
        ],
        ["总计", "54", "499.01"]
    );

    // 表4: 合计, 一般公共预算, 政府性基金 on the spending side.
    let header: Vec<&str> = b.tables[3]
        .grid
        .header
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert!(header.contains(&"政府性基金预算财政拨款"));
    assert!(!header.contains(&"国有资本经营预算财政拨款"));
    assert_eq!(b.tables[3].grid.widths.len(), 3 + 3 + 2);

    // 第三部分: ten sections, the tenth holding three; no 第六部分.
    let headings: Vec<&str> = built
        .narrative
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(headings.len(), 10, "{headings:?}");
    assert_eq!(
        headings[6],
        "七、一般公共预算财政拨款“三公”经费支出决算情况说明"
    );
    assert_eq!(headings[9], "十、其他重要事项的情况说明");
    let parts: Vec<&str> = b.parts.iter().map(|p| p.heading.as_str()).collect();
    assert_eq!(parts.len(), 5);
    assert_eq!(parts[4], "第五部分　名词解释");
    let text: String = gongkai::typeset::text::pages(&built.document)
        .iter()
        .map(|p| p.joined().replace([' ', '\n'], ""))
        .collect();
    for nested in [
        "（一）机关运行经费支出情况",
        "（二）政府采购支出情况",
        "（三）国有资产占用情况",
    ] {
        assert!(text.contains(nested), "{nested} missing");
    }
    assert!(!text.contains("第六部分"));
    assert!(text.contains("用事业基金弥补收支差额：指事业单位"));
    // The sample checks clean of errors.
    assert!(built.diagnostics.iter().all(|d| !d.is_error()));
}

#[test]
fn extends_must_name_an_edition_and_never_itself() {
    let text = refusal("extends_not_text.toml");
    assert!(
        text.starts_with("错误[E0241]: extends 应为内置版式名或版式文件路径（文本）"),
        "{text}"
    );
    assert!(text.contains("extends_not_text.toml:2:11"), "{text}");
    let text = refusal("extends_cycle.toml");
    assert!(
        text.starts_with("错误[E0242]: 版式 extends 循环引用"),
        "{text}"
    );
}

#[test]
fn a_size_out_of_range_and_a_field_the_kind_does_not_use_are_refused() {
    let text = refusal("size_and_fields.toml");
    assert!(
        text.contains("错误[E0247]: size 应在 5 至 16（磅）之间，不能是 30"),
        "{text}"
    );
    assert!(
        text.contains("错误[E0245]: labels 不适用于 kind = \"row\" 的表"),
        "{text}"
    );
}

#[test]
fn a_part_listed_twice_is_refused() {
    let text = refusal("parts_twice.toml");
    assert!(
        text.contains("错误[E0248]: parts 中 Overview 出现了两次"),
        "{text}"
    );
}
