//! The `gongkai` command as a user runs it: bad input gives a Chinese message naming
//! file, line, column and field, a non-zero exit, and no PDF; good input gives a PDF.

mod support;

use std::path::{Path, PathBuf};
use support::gongkai;

fn input(name: &str) -> String {
    format!("{}/tests/inputs/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    support::scratch("cli", name)
}

/// Runs a failing build over an existing output file and checks the message and that
/// the old file is untouched (no partial PDF, nothing the user had is lost).
fn fails_with(file: &str, expected: &[&str]) -> String {
    let dir = scratch(file.trim_end_matches(".toml"));
    let out = dir.join("booklet.pdf");
    std::fs::write(&out, b"previous booklet").unwrap();
    let result = gongkai(&["build", &input(file), "-o", out.to_str().unwrap()], &dir);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    for piece in expected {
        assert!(stderr.contains(piece), "missing {piece:?} in:\n{stderr}");
    }
    assert!(stderr.contains("未生成 PDF"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), b"previous booklet");
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "a temporary file was left behind");
    stderr
}

#[test]
fn malformed_toml() {
    fails_with(
        "malformed.toml",
        &[
            "错误[E0100]: TOML 语法错误：文本缺少结尾的英文双引号",
            "malformed.toml:2:13",
            "2 | name = \"测试单位",
        ],
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    fails_with(
        "unknown_key.toml",
        &[
            "错误[E0101]: 未知字段 `genral_basic`",
            "unknown_key.toml:8:1",
            "字段：items[0].genral_basic",
            "您是否想写 `general_basic`？",
        ],
    );
}

#[test]
fn wrong_type() {
    fails_with(
        "wrong_type.toml",
        &[
            "错误[E0103]: 字段类型错误：应为整数，实际写的是文本 \"二〇二四\"",
            "wrong_type.toml:3:8",
            "字段：unit.year",
        ],
    );
}

#[test]
fn missing_required_field() {
    fails_with(
        "missing_field.toml",
        &[
            "错误[E0102]: 缺少必填字段 `year`（在 [unit] 中）",
            "missing_field.toml:1:1",
            "字段：unit.year",
        ],
    );
}

#[test]
fn malformed_amount() {
    fails_with(
        "bad_amount.toml",
        &[
            "错误[E0104]: 无法识别的金额 \"12,34.5\"",
            "bad_amount.toml:8:17",
            "字段：items[0].general_basic",
        ],
    );
}

#[test]
fn unknown_code_and_negative_amount_are_both_reported() {
    let stderr = fails_with(
        "unknown_code.toml",
        &[
            "错误[E0212]: 目录中没有功能分类科目 2019999",
            "unknown_code.toml:7:8",
            "错误[E0201]: 金额不能为负数：-5",
            "unknown_code.toml:12:17",
            "字段：items[1].general_basic",
            "共 2 个错误",
        ],
    );
    assert!(
        !stderr.contains("E0213"),
        "no follow-on error for the same code"
    );
}

#[test]
fn character_missing_from_the_fonts_names_its_field() {
    fails_with(
        "rare_glyph.toml",
        &[
            "错误[E0401]: 内置字体中没有这些字符，无法印出：“𪚥”(U+2A6A5)",
            "rare_glyph.toml:8:11",
            "字段：overview.sections[0].text",
        ],
    );
}

#[test]
fn missing_input_file() {
    let dir = scratch("missing");
    let result = gongkai(&["build", "data/nowhere/2024.toml"], &dir);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr.contains("错误[E0001]: 找不到输入文件：data/nowhere/2024.toml"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    let dir = scratch("args");
    let result = gongkai(&["build", "--frobnicate"], &dir);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8(result.stderr)
        .unwrap()
        .contains("不认识的选项“--frobnicate”"));
}

#[test]
fn build_without_arguments_writes_the_sample_under_out() {
    let dir = scratch("sample");
    let result = gongkai(&["build"], &dir);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pdf = std::fs::read(dir.join("out/huangpi-network-ops-2024.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() > 50_000, "fonts are embedded");
}

#[test]
fn emit_typ_writes_source_and_library() {
    let dir = scratch("emit");
    let result = gongkai(&["build", "-o", "b.pdf", "--emit", "typ", "src-out"], &dir);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let source = std::fs::read_to_string(dir.join("src-out/main.typ")).unwrap();
    assert!(source.contains("#import \"lib/booklet.typ\""));
    assert!(source.contains("[2024年度收入支出决算总表]"));
    let lib = std::fs::read_to_string(dir.join("src-out/lib/booklet.typ")).unwrap();
    assert!(lib.contains("#let grid-table("));
}

#[test]
fn batch_builds_every_unit_and_a_broken_file_fails_alone() {
    let dir = scratch("batch");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = dir.join("data");
    for unit in ["huangpi-network-ops", "qingshan-bigdata", "broken"] {
        std::fs::create_dir_all(data.join(unit)).unwrap();
    }
    for (from, to) in [
        (
            "data/huangpi-network-ops/2024.toml",
            "huangpi-network-ops/2024.toml",
        ),
        (
            "data/qingshan-bigdata/2024.toml",
            "qingshan-bigdata/2024.toml",
        ),
        ("tests/inputs/wrong_type.toml", "broken/2024.toml"),
        ("data/catalog/functions.toml", "functions.toml"),
    ] {
        std::fs::copy(root.join(from), data.join(to)).unwrap();
    }
    let result = gongkai(&["build", "data"], &dir);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(dir.join("out/huangpi-network-ops-2024.pdf").exists());
    assert!(dir.join("out/qingshan-bigdata-2024.pdf").exists());
    assert!(!dir.join("out/broken-2024.pdf").exists());
    assert!(stderr.contains("共 3 个：成功 2，失败 1。"), "{stderr}");
    assert!(
        stderr.contains("错误[E0103]"),
        "the failure's diagnostics are shown"
    );
    assert!(stderr.contains("3/3"), "progress is shown");
}

#[test]
fn templates_can_be_overridden_one_by_one() {
    let dir = scratch("templates");
    std::fs::create_dir_all(dir.join("mine/parts")).unwrap();
    std::fs::write(
        dir.join("mine/parts/part4.typ"),
        "= 第四部分　{{ unit.year }}年度重点工作完成情况\n\n本部分由本单位自定模板生成。\n",
    )
    .unwrap();
    let result = gongkai(
        &[
            "build",
            "-o",
            "b.pdf",
            "--templates",
            "mine",
            "--emit",
            "typ",
            "t",
        ],
        &dir,
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let source = std::fs::read_to_string(dir.join("t/main.typ")).unwrap();
    assert!(source.contains("本部分由本单位自定模板生成。"));
    assert!(
        source.contains("[2024年度收入支出决算总表]"),
        "the rest is built in"
    );

    std::fs::write(dir.join("mine/parts/part4.typ"), "{{ no_such_value }}").unwrap();
    let result = gongkai(&["build", "-o", "c.pdf", "--templates", "mine"], &dir);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr.contains("错误[E0503]: 模板出错（使用了 mine 中的模板）"),
        "{stderr}"
    );
}

fn check_file(args: &[&str]) -> (Option<i32>, String, String) {
    let dir = scratch("check");
    let result = gongkai(args, &dir);
    (
        result.status.code(),
        String::from_utf8(result.stdout).unwrap(),
        String::from_utf8(result.stderr).unwrap(),
    )
}

fn corpus(name: &str) -> String {
    format!("{}/tests/check/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_exit_codes() {
    let (code, _, stderr) = check_file(&["check", &corpus("clean.toml")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("没有发现问题"));
    // Warnings only: clean, unless warnings are denied.
    let (code, _, stderr) = check_file(&["check", &corpus("typed_rounding_input.toml")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("警告[W102]"));
    let (code, _, _) = check_file(&[
        "check",
        &corpus("typed_rounding_input.toml"),
        "--deny-warnings",
    ]);
    assert_eq!(code, Some(1));
    // Notes (a rounding tail the tables disclose) never fail a check.
    let (code, _, stderr) =
        check_file(&["check", &corpus("rounding_tail.toml"), "--deny-warnings"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("说明[N101]"), "{stderr}");
    assert!(stderr.contains("没有发现问题，2 个说明"), "{stderr}");
    let (code, _, stderr) = check_file(&["check", &corpus("placeholder.toml")]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("错误[R401]"));
    let (code, _, _) = check_file(&["check", &corpus("unusable_unknown_key.toml")]);
    assert_eq!(code, Some(2), "unusable input");
    let (code, _, _) = check_file(&["check", "--format", "yaml"]);
    assert_eq!(code, Some(2), "bad arguments");
}

#[test]
fn check_json_carries_code_message_and_location() {
    let (code, stdout, _) = check_file(&["check", &corpus("placeholder.toml"), "--format", "json"]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["errors"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "R401");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "文字中留有占位符“XX”");
    assert_eq!(d["field"], "overview.sections[0].text");
    assert_eq!(d["location"]["line"], 9);
    assert_eq!(d["location"]["column"], 6);
    assert!(d["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with("tests/check/placeholder.toml"));
}

#[test]
fn build_refuses_errors_but_prints_a_draft_on_request() {
    let dir = scratch("draft");
    let result = gongkai(&["build", &corpus("placeholder.toml"), "-o", "p.pdf"], &dir);
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr.contains("错误[R401]") && stderr.contains("--draft"),
        "{stderr}"
    );
    assert!(!dir.join("p.pdf").exists());

    let result = gongkai(
        &[
            "build",
            &corpus("placeholder.toml"),
            "-o",
            "p.pdf",
            "--draft",
        ],
        &dir,
    );
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.contains("错误[R401]"), "open diagnostics are listed");
    assert!(stderr.contains("已生成草稿"), "{stderr}");
    assert!(dir.join("p.pdf").exists());
}

#[test]
fn resolve_errors_are_data_errors_not_unusable_input() {
    let (code, _, stderr) = check_file(&["check", &input("unknown_code.toml")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("错误[E0212]"));
}

/// `--deny-warnings` gates a publication run: samples 000 and 001 carry only the
/// references' rounding tails, which are notes, and pass. Sample 003 keeps two genuine
/// warnings that are in its reference: W403 (its performance form writes 原青山区大数据
/// for the unit) and W501 (no reason is given why 公务员医疗补助 stayed below its
/// budget); a person must look at them, so it does not pass.
#[test]
fn samples_under_deny_warnings() {
    let sample = |path: &str| format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    for path in [
        "data/huangpi-network-ops/2024.toml",
        "data/huangpi-bigdata/2022.toml",
    ] {
        let (code, _, stderr) = check_file(&["check", &sample(path), "--deny-warnings"]);
        assert_eq!(code, Some(0), "{path}: {stderr}");
        assert!(!stderr.contains("警告["), "{path}: {stderr}");
        assert!(
            stderr.contains("说明[N"),
            "{path}: its tails are shown as notes"
        );
    }
    let path = "data/qingshan-bigdata/2024.toml";
    let (code, stdout, _) = check_file(&[
        "check",
        &sample(path),
        "--deny-warnings",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let warnings: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(warnings, ["W403", "W501"]);
    assert_eq!(json["errors"], 0);
    assert!(json["notes"].as_u64().unwrap() > 0);
}

#[test]
fn edition_show_prints_a_builtin_edition_that_loads_as_a_file() {
    let dir = scratch("edition-show");
    let shown = gongkai(&["edition", "show", "wuhan-2019"], &dir);
    assert!(shown.status.success());
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("id = \"wuhan-2019\""));
    // Saved as a file, it is an edition a user can start from.
    std::fs::write(dir.join("mine.toml"), &text).unwrap();
    let loaded =
        gongkai::edition::Edition::load(&gongkai::edition::Origin::File(dir.join("mine.toml")))
            .unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(loaded.tables.len(), 8);
    let unknown = gongkai(&["edition", "show", "wuhan-1999"], &dir);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("没有名为“wuhan-1999”的内置版式"));
    let listed = gongkai(&["edition", "list"], &dir);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("wuhan-qingshan-2024"));
}
