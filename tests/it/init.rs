//! `gongkai init`: a skeleton that `check` guides through, and next year's file
//! started from last year's.

use crate::support;

use std::path::{Path, PathBuf};
use support::{args, gongkai, succeed};

fn scratch(name: &str) -> PathBuf {
    support::scratch("init", name)
}

#[test]
fn skeleton_is_guided_by_check_and_passes_once_filled() {
    let dir = scratch("skeleton");
    succeed(
        &args("init units/新单位 --unit 武汉市测试区新单位 --year 2025"),
        &dir,
    );
    let file = dir.join("units/新单位/2025.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("name = \"武汉市测试区新单位\""));
    assert!(
        text.contains("# 一般公共预算财政拨款 基本支出"),
        "fields carry Chinese comments"
    );

    let check = gongkai(&["check", "units/新单位/2025.toml"], &dir);
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert_eq!(
        check.status.code(),
        Some(1),
        "placeholders are errors: {stderr}"
    );
    assert_eq!(
        stderr
            .matches("错误[R401]: 文字中留有占位符“待补充”")
            .count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("警告[W404]"),
        "zero figures are pointed out"
    );

    // Fill the placeholders and the figures as a user would.
    let filled = text
        .replace("待补充：本单位的主要职责。", "负责全区政务网络的运行维护。")
        .replace(
            "待补充：内设机构、单位构成和人员情况。",
            "内设综合科、运维科两个科室。",
        )
        .replacen(
            "general_basic = 0                    #",
            "general_basic = 1000000              #",
            1,
        )
        .replacen("budget = 0 ", "budget = 1000000 ", 1)
        .replace("\"30101\" = 0 ", "\"30101\" = 1000000 ");
    std::fs::write(&file, filled).unwrap();
    succeed(
        &["check", "units/新单位/2025.toml", "--deny-warnings"],
        &dir,
    );
    // And it never overwrites what the user wrote.
    let again = gongkai(
        &["init", "units/新单位", "--unit", "x", "--year", "2025"],
        &dir,
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在，不会覆盖"));
}

#[test]
fn next_year_from_last_year_carries_the_text_and_the_items() {
    let dir = scratch("from");
    std::fs::create_dir_all(dir.join("data/qingshan-bigdata")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("data/qingshan-bigdata/2024.toml"),
        dir.join("data/qingshan-bigdata/2024.toml"),
    )
    .unwrap();
    succeed(
        &args("init --from data/qingshan-bigdata/2024.toml --year 2025"),
        &dir,
    );
    let next = std::fs::read_to_string(dir.join("data/qingshan-bigdata/2025.toml")).unwrap();
    assert!(next.contains("year = 2025"));
    assert!(next.contains("name_on_tables = \"原武汉市青山区大数据中心本级\""));
    assert!(next.contains("②加快推进青山城市管理"), "概况 carried over");
    assert!(
        next.contains("code = \"2290402\"\nfund_project = 0\n"),
        "items carried with their kind of money, amounts zeroed"
    );
    assert!(!next.contains("1190268"), "no figure is carried");
    assert!(
        next.contains("\nprevious = \"2024.toml\"\n"),
        "linked to last year's file"
    );
    assert!(next.contains("fiscal_level = \"本级财政\""));
    assert!(
        next.contains("[glossary]"),
        "名词解释 additions carried over"
    );
    succeed(&["check", "data/qingshan-bigdata/2025.toml"], &dir);
}

/// Whatever text `check` accepts, `init --from` writes a file that reads back with the
/// same text: control characters, quotes, backslashes, `"""` and TOML look-alikes.
#[test]
fn next_year_keeps_hostile_text_valid() {
    let dir = scratch("hostile");
    let last = r#"[unit]
name = "武汉市测试区\"网络\"运维服务中心"
year = 2024
published = 2025-09-26
name_on_tables = "单位\\名称\u000b"

[[overview.sections]]
title = "职责\u000b\"引号\"\\"
text = "第一段\u000b含垂直制表符\u007f，反斜杠\\，三引号\"\"\"，单引号'''，\t制表。\n\n第二段 \"\"\"\n[[items]]\ncode = 1\n\r\n末行\\"

[[overview.sections]]
title = "机构设置"
text = '''
字面串 \n 不转义 """
'''

[[items]]
code = "2013750"
name = "其他网信事务支出\u000b"
general_basic = 1000000

[basic_economic]
"30101" = 1000000

[glossary]
term_numbering = "（{n}）"

[[glossary.terms]]
term = "术语\"一\""
text = """多行\u000b
[[items]]
code = "x"
"""
"#;
    std::fs::write(dir.join("2024.toml"), last).unwrap();
    let check = gongkai(&["check", "2024.toml"], &dir);
    assert_eq!(
        check.status.code(),
        Some(0),
        "check accepts it: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    succeed(&["init", "--from", "2024.toml", "--year", "2025"], &dir);
    let next = std::fs::read_to_string(dir.join("2025.toml")).unwrap();
    let read = |text: &str| -> toml::Table {
        toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    };
    let (old, new) = (read(last), read(&next));
    for key in ["name", "name_on_tables"] {
        assert_eq!(old["unit"][key], new["unit"][key], "unit.{key}");
    }
    assert_eq!(new["unit"]["year"].as_integer(), Some(2025));
    assert_eq!(
        old["overview"], new["overview"],
        "概况 carried over exactly"
    );
    assert_eq!(
        old["glossary"], new["glossary"],
        "名词解释 carried over exactly"
    );
    assert_eq!(old["items"][0]["name"], new["items"][0]["name"]);
    assert_eq!(new["previous"].as_str(), Some("2024.toml"));
    // And gongkai reads it as input, not as a broken file (exit 2).
    let check = gongkai(&["check", "2025.toml"], &dir);
    assert_ne!(
        check.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// A previous file just under the 1 MiB input limit, written without comments: next
/// year's file, with the skeleton's guidance comments, would be over it, so no command
/// could read it. It is refused, and nothing is written.
#[test]
fn a_next_year_file_over_the_input_limit_is_not_written() {
    let dir = scratch("limit");
    std::fs::create_dir_all(dir.join("units/x")).unwrap();
    let limit = gongkai::input::MAX_INPUT_BYTES;
    let mut text = "[unit]\nname = \"测试单位\"\nyear = 2024\npublished = 2025-09-26\n".to_string();
    // Paragraphs of at most 3,000 characters, well under the paragraph limit.
    let section = |chars: usize| {
        format!(
            "\n[[overview.sections]]\ntitle = \"补充说明\"\ntext = \"{}\"\n",
            "概".repeat(chars)
        )
    };
    while text.len() + section(3000).len() <= limit {
        text.push_str(&section(3000));
    }
    let last = (limit - text.len() - section(0).len()) / 3;
    text.push_str(&section(last));
    assert!(text.len() <= limit && text.len() > limit - 10);
    let previous = dir.join("units/x/2024.toml");
    std::fs::write(&previous, &text).unwrap();
    gongkai::load::load_file(&previous).unwrap_or_else(|f| panic!("{f}"));
    let run = gongkai(&args("init --from units/x/2024.toml --year 2025"), &dir);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("[E0005]") && stderr.contains("未写出"),
        "{stderr}"
    );
    assert!(!dir.join("units/x/2025.toml").exists());
}
