//! The budget booklet beyond the one reference: a department with 二级预算单位, last
//! year's budget from last year's file, a previous file of the other kind, and the
//! command: a budget and a 决算 of one unit and year built side by side, `init --kind
//! budget`.

use crate::support;

use gongkai::input::load_str;
use gongkai::tables::TableData;
use std::path::Path;
use support::{gongkai, scratch, toolkit};

const BASE: &str = include_str!("../check/budget_clean.toml");

fn checked(text: &str) -> gongkai::Checked {
    let loaded = load_str(Path::new("x/2024-budget.toml"), text).unwrap_or_else(|f| panic!("{f}"));
    toolkit().check(&loaded).unwrap_or_else(|f| panic!("{f}"))
}

/// Two units: 表5-2 prints 合计, the 部门 and each unit with its own 项; 第一部分 二 and
/// 九 name the 二级预算单位.
#[test]
fn a_department_with_a_second_unit() {
    let text =
        BASE.replace(
            "own = true\n",
            "own = true\n\n[[units]]\ncode = \"901002\"\nname = \"测试中心分中心\"\n",
        )
        .replace(
            "code = \"2013750\"\ngeneral_personnel",
            "code = \"2013750\"\nunit = \"901001\"\ngeneral_personnel",
        )
        .replace(
            "name = \"运维项目\"\ncode = \"2013750\"",
            "name = \"运维项目\"\ncode = \"2013750\"\nunit = \"901001\"",
        ) + "\n[[items]]\ncode = \"2013750\"\nunit = \"901002\"\ngeneral_personnel = 50000\n";
    let text = text.replace("\"30101\" = 1000000", "\"30101\" = 1050000");
    let c = checked(&text);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let t = c.booklet.table("5-2").expect("表5-2");
    let TableData::Rows(rows) = &t.data else {
        panic!("表5-2 lists rows")
    };
    let keys: Vec<&str> = rows.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["合计", "901", "901001", "901002"]);
    let total = |i: usize| rows.rows[i].values[0].to_string();
    assert_eq!(
        [total(0), total(1), total(2), total(3)],
        ["155.00", "155.00", "150.00", "5.00"]
    );
    let overview: Vec<&str> = c
        .booklet
        .overview
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(String::as_str))
        .collect();
    assert!(
        overview.contains(
            &"纳入测试中心2024年部门预算编制范围的预算单位包括本级及二级预算单位1个，二级预算单位包括：测试中心分中心。"
        ),
        "{overview:?}"
    );
    let texts = c.narrative.texts().concat();
    assert!(
        texts.contains("单位包括本单位及二级预算单位1个（测试中心分中心）。"),
        "{texts}"
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

/// `previous = "2023-budget.toml"`: last year's budget total and 三公 预算数 from last
/// year's budget file; a 决算 file as `previous` is refused.
#[test]
fn last_years_budget_from_its_file() {
    let dir = scratch("budget_cases", "previous").join("x");
    let last = BASE
        .replace("year = 2024", "year = 2023")
        .replace("general = 300000", "general = 200000")
        .replace("price = 300000", "price = 200000")
        + "\n[sangong.budget]\nreception = 10000\n";
    write(&dir, "2023-budget.toml", &last);
    write(
        &dir,
        "2023.toml",
        "[unit]\nname = \"测试中心\"\nyear = 2023\npublished = 2024-09-30\n\n[[items]]\ncode = \"2013750\"\ngeneral_basic = 1000\n",
    );
    let this = BASE.replace("[unit]\n", "previous = \"2023-budget.toml\"\n\n[unit]\n")
        + "\n[sangong.budget]\nreception = 5000\n\n[narrative.reasons]\ntotal = \"项目增加\"\n";
    let loaded = gongkai::input::load_str(&dir.join("2024-budget.toml"), &this)
        .unwrap_or_else(|f| panic!("{f}"));
    let c = toolkit().check(&loaded).unwrap_or_else(|f| panic!("{f}"));
    let texts = c.narrative.texts().concat();
    assert!(
        texts.contains("2024年部门收支总预算150.00万元。比2023年预算增加10.00万元，增长7.14%，主要是项目增加。"),
        "{texts}"
    );
    assert!(
        texts.contains("2024年“三公”经费预算比2023年预算减少0.50万元，降低50.00%"),
        "{texts}"
    );
    // The 三公 change has no reason: W501.
    assert!(
        c.diagnostics.iter().any(|d| d.code == "W501"),
        "{:?}",
        c.diagnostics
    );

    let other = this.replace("2023-budget.toml", "2023.toml");
    let loaded = gongkai::input::load_str(&dir.join("2024-budget.toml"), &other).unwrap();
    let failure = toolkit().check(&loaded).err().expect("refused");
    assert!(
        failure.diagnostics.iter().any(|d| d.code == "E0287"),
        "{failure}"
    );
}

/// A unit's 决算 and budget of one year: `build data/` prints both, to different files.
#[test]
fn a_budget_and_a_final_booklet_side_by_side() {
    let root = scratch("budget_cases", "batch");
    let data = root.join("data/unit");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR"));
    write(
        &data,
        "2024.toml",
        &std::fs::read_to_string(samples.join("data/huangpi-network-ops/2024.toml")).unwrap(),
    );
    write(&data, "2024-budget.toml", BASE);
    let out = gongkai(&["build", "data"], &root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(root.join("out/unit-2024.pdf").is_file(), "{stderr}");
    assert!(root.join("out/unit-2024-budget.pdf").is_file(), "{stderr}");
    let one = gongkai(&["build", "data/unit/2024-budget.toml"], &root);
    assert_eq!(one.status.code(), Some(0));
}

/// `init --kind budget` writes `<year>-budget.toml`; its placeholders are what `check`
/// reports, and filled in, the file checks without errors.
#[test]
fn init_writes_a_budget_skeleton() {
    let root = scratch("budget_cases", "init");
    let out = gongkai(
        &[
            "init",
            "unit",
            "--unit",
            "武汉市测试中心",
            "--year",
            "2025",
            "--kind",
            "budget",
        ],
        &root,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = root.join("unit/2025-budget.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let check = gongkai(&["check", "unit/2025-budget.toml"], &root);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    let codes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("错误[") || l.starts_with("警告["))
        .filter_map(|l| l.split_once('[').and_then(|(_, r)| r.split_once(']')))
        .map(|(code, _)| code)
        .collect();
    assert!(codes.contains(&"R401"), "{stderr}");
    assert!(
        codes.iter().all(|c| ["R401", "W404"].contains(c)),
        "{stderr}"
    );
    let filled = text.replace("待补充", "已填写");
    std::fs::write(&path, filled).unwrap();
    let check = gongkai(&["check", "unit/2025-budget.toml"], &root);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    let again = gongkai(
        &[
            "init", "unit", "--unit", "x", "--year", "2025", "--kind", "budget",
        ],
        &root,
    );
    assert_eq!(again.status.code(), Some(1), "never overwrites");
}

/// A budget's own texts — unit names, project names, 测算 lines, the overall form —
/// print literally, markup and all, in the tables, the forms and Part 3.
#[test]
fn budget_texts_are_data_not_markup() {
    let hostile = "项目#strong[x]*y*$1$@z";
    let text = BASE
        .replace("name = \"测试中心本级\"", "name = \"本级#[a]_b_\"")
        .replace("name = \"运维项目\"", &format!("name = \"{hostile}\""))
        .replace("task = \"运维服务\"", "task = \"服务`代码`<c>\"")
        .replace("tasks = \"完成年度任务。\"", "tasks = \"任务\\\\#[d]\"");
    let loaded = load_str(Path::new("x/2024-budget.toml"), &text).unwrap_or_else(|f| panic!("{f}"));
    let built = toolkit()
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"));
    let lines = support::squashed_lines(&built.document);
    let count = |wanted: &str| lines.iter().filter(|l| l.contains(wanted)).count();
    // 表10, 表12-1 and Part 3 五（二）.
    assert!(count(hostile) >= 3, "{}", lines.join("\n"));
    assert!(count("本级#[a]_b_") >= 2, "表5-2 and 表10");
    assert!(count("服务`代码`<c>") >= 2, "表12 测算 and 五（二）");
    assert!(count("任务\\#[d]") >= 1, "表11 年度工作任务");
}
