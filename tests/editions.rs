//! Editions as files: a booklet laid out by an edition read from a file, and each
//! defect an edition author can make refused at load with its code, a Chinese message
//! and the place in the file that holds it.

mod support;

use gongkai::edition::{Edition, Origin};
use std::path::Path;

fn refusal(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/editions")
        .join(file);
    match Edition::load(&Origin::File(path)) {
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
   = 提示：可用：summary、function、economic_groups、row"
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
    let pages = gongkai::typeset_text::pages(&built.document);
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
