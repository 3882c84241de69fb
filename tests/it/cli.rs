//! The `gongkai` command as a user runs it: bad input gives a Chinese message naming
//! file, line, column and field, a non-zero exit, and no PDF; good input gives a PDF.

use crate::support;

use std::path::{Path, PathBuf};
use support::{args, gongkai, succeed};

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
    succeed(&["build"], &dir);
    let pdf = std::fs::read(dir.join("out/huangpi-network-ops-2024.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() > 50_000, "fonts are embedded");
}

#[test]
fn emit_typ_writes_source_and_library() {
    let dir = scratch("emit");
    succeed(&["build", "-o", "b.pdf", "--emit", "typ", "src-out"], &dir);
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

/// A re-run builds only what changed: every input file of a booklet and the program are
/// hashed into out/gongkai-manifest.json, and an unchanged booklet is skipped.
#[test]
fn a_batch_rerun_rebuilds_only_the_booklet_whose_input_changed() {
    let dir = scratch("incremental");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = dir.join("data");
    for (from, unit) in [
        ("data/huangpi-network-ops/2024.toml", "a"),
        ("data/qingshan-bigdata/2024.toml", "b"),
    ] {
        std::fs::create_dir_all(data.join(unit)).unwrap();
        std::fs::copy(root.join(from), data.join(unit).join("2024.toml")).unwrap();
    }
    let (a, b) = (dir.join("out/a-2024.pdf"), dir.join("out/b-2024.pdf"));
    let run = |extra: &[&str]| -> String {
        let mut line = vec!["build", "data"];
        line.extend(extra);
        String::from_utf8(succeed(&line, &dir).stderr).unwrap()
    };
    let first = run(&[]);
    assert!(first.contains("共 2 个：成功 2，失败 0。"), "{first}");
    let written = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let (a0, b0) = (written(&a), written(&b));

    // Nothing changed: nothing is typeset again.
    let second = run(&[]);
    assert!(second.contains("其中 2 个未改动"), "{second}");
    assert_eq!((written(&a), written(&b)), (a0, b0));

    // One input edited: that booklet alone is built, and shows the edit.
    let input = data.join("a/2024.toml");
    let text = std::fs::read_to_string(&input).unwrap();
    std::fs::write(
        &input,
        text.replace("我单位是独立核算单位。", "我单位是独立核算单位，另有说明。"),
    )
    .unwrap();
    let third = run(&[]);
    assert!(third.contains("其中 1 个未改动"), "{third}");
    assert!(third.contains("成功  data/a/2024.toml"), "{third}");
    assert_ne!(written(&a), a0, "the edited unit is rebuilt");
    assert_eq!(written(&b), b0, "the other is not");

    // A PDF removed by hand comes back; --force builds everything.
    std::fs::remove_file(&b).unwrap();
    let fourth = run(&[]);
    assert!(fourth.contains("其中 1 个未改动"), "{fourth}");
    assert!(b.exists());
    let forced = run(&["--force"]);
    assert!(!forced.contains("未改动"), "{forced}");
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
    succeed(&args("build -o b.pdf --templates mine --emit typ t"), &dir);
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

fn run(args: &[&str], dir: &Path) -> (Option<i32>, String, String) {
    let result = gongkai(args, dir);
    (
        result.status.code(),
        String::from_utf8(result.stdout).unwrap(),
        String::from_utf8(result.stderr).unwrap(),
    )
}

/// Runs gongkai in `dir`; the exit code must be `code` and stderr must say each of
/// `says`. Returns stderr.
fn expect(args: &[&str], dir: &Path, code: i32, says: &[&str]) -> String {
    let (got, _, stderr) = run(args, dir);
    assert_eq!(got, Some(code), "{args:?}: {stderr}");
    for s in says {
        assert!(stderr.contains(s), "{args:?}: no {s:?} in\n{stderr}");
    }
    stderr
}

#[test]
fn every_command_has_chinese_help() {
    let dir = scratch("help");
    for command in [
        "build",
        "check",
        "watch",
        "init",
        "import",
        "export",
        "edition",
        "completions",
    ] {
        let (code, stdout, stderr) = run(&[command, "--help"], &dir);
        assert_eq!(code, Some(0), "{command}: {stderr}");
        assert!(
            stdout.contains(&format!("用法：gongkai {command}")),
            "{command}:\n{stdout}"
        );
        assert!(stdout.contains("选项"), "{command}:\n{stdout}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Print help",
            "possible values",
            "default:",
        ] {
            assert!(
                !stdout.contains(english),
                "{command} help says {english:?}:\n{stdout}"
            );
        }
    }
    let (_, stdout, _) = run(&["build", "--help"], &dir);
    for option in ["--output", "--draft", "--emit", "--templates", "退出码"] {
        assert!(
            stdout.contains(option),
            "build --help lacks {option}:\n{stdout}"
        );
    }
    let (code, stdout, _) = run(&["--help"], &dir);
    assert_eq!(code, Some(0));
    for command in ["build", "check", "watch", "init", "completions"] {
        assert!(stdout.contains(command), "{stdout}");
    }
    let (code, stdout, _) = run(&["--version"], &dir);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout.trim(),
        format!("gongkai {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let dir = scratch("completions");
    for (shell, marker, option) in [
        ("bash", "complete -F", "--deny-warnings"),
        ("zsh", "#compdef gongkai", "--deny-warnings"),
        ("fish", "complete -c gongkai", "-l deny-warnings"),
    ] {
        let (code, stdout, stderr) = run(&["completions", shell], &dir);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stdout.contains(marker), "{shell}:\n{stdout}");
        assert!(stdout.contains(option), "{shell} completes options");
    }
    let stderr = expect(&["completions", "tcsh"], &dir, 2, &["<SHELL> 不能取“tcsh”"]);
    assert!(
        stderr.contains("可选的取值：bash、elvish、fish、powershell、zsh"),
        "{stderr}"
    );
}

#[test]
fn a_wrong_argument_is_pointed_at() {
    let dir = scratch("pointed");
    let (code, _, stderr) = run(&["build", "data/x/2024.toml", "--emit-typ", "x.typ"], &dir);
    assert_eq!(code, Some(2));
    let want = "\
错误：不认识的选项“--emit-typ”
  |
  | gongkai build data/x/2024.toml --emit-typ x.typ
  |                                ^^^^^^^^^^
";
    assert!(stderr.starts_with(want), "{stderr}");
    assert!(
        stderr.contains("详细说明：gongkai build --help"),
        "{stderr}"
    );

    let stderr = expect(
        &["init", "新单位", "--unit", "某单位", "--year", "二〇二五"],
        &dir,
        2,
        &["--year 的取值“二〇二五”无效：应为四位数的年度，如 2025"],
    );
    assert!(
        stderr.contains(&format!("  | {}{}\n", " ".repeat(41), "^".repeat(8))),
        "{stderr}"
    );

    expect(
        &["build", "--emit", "pdf", "out"],
        &dir,
        2,
        &["--emit 不能写出“pdf”"],
    );

    expect(
        &["check", "a.toml", "b.toml"],
        &dir,
        2,
        &["多余的参数“b.toml”"],
    );

    expect(&["biuld"], &dir, 2, &["不认识的命令“biuld”", "`build`"]);
}

#[test]
fn a_batch_takes_no_single_output_options() {
    let dir = scratch("batch-args");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let stderr = expect(
        &["build", "data", "--output", "a.pdf"],
        &dir,
        2,
        &["批量生成时不能用 --output"],
    );
    assert!(stderr.contains("                   ^^^^^^^^"), "{stderr}");
}

#[test]
fn input_that_is_not_utf8_or_not_a_file() {
    let dir = scratch("not-a-file");
    std::fs::write(
        dir.join("gbk.toml"),
        b"[unit]\nname = \"\xce\xe4\xba\xba\"\n",
    )
    .unwrap();
    expect(
        &["check", "gbk.toml"],
        &dir,
        2,
        &["错误[E0002]: 输入文件不是 UTF-8 编码"],
    );

    // A device and a named pipe would block or never end: refused at once.
    expect(
        &["check", "/dev/null"],
        &dir,
        2,
        &["错误[E0004]: 输入不是普通文件：/dev/null"],
    );
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.toml"))
        .status()
        .unwrap();
    assert!(status.success());
    expect(
        &["build", "pipe.toml", "-o", "p.pdf"],
        &dir,
        1,
        &["错误[E0004]: 输入不是普通文件：pipe.toml（是命名管道"],
    );
}

#[test]
fn outputs_that_cannot_be_written() {
    let dir = scratch("outputs");
    let sample = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), gongkai::SAMPLE_PATH);
    expect(
        &["build", &sample, "-o", "a.txt"],
        &dir,
        1,
        &["错误[E0302]: 输出文件应以 .pdf 结尾：a.txt"],
    );

    // The input itself, spelled another way.
    std::fs::copy(&sample, dir.join("a.pdf")).unwrap();
    expect(
        &["build", "a.pdf", "-o", "./a.pdf"],
        &dir,
        1,
        &["错误[E0303]"],
    );
    assert_eq!(
        std::fs::read(dir.join("a.pdf")).unwrap(),
        std::fs::read(&sample).unwrap(),
        "the input is untouched"
    );

    // A directory that cannot be made: a file stands in its way.
    std::fs::write(dir.join("blocker"), b"").unwrap();
    expect(
        &["build", &sample, "-o", "blocker/b.pdf"],
        &dir,
        1,
        &["错误[E0301]: 无法写入输出文件 blocker/b.pdf"],
    );
}

#[test]
fn two_inputs_for_one_output_are_both_refused() {
    let dir = scratch("dup");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join(gongkai::SAMPLE_PATH);
    for side in ["x", "y"] {
        std::fs::create_dir_all(dir.join(side).join("dup")).unwrap();
        std::fs::copy(&sample, dir.join(side).join("dup/2024.toml")).unwrap();
    }
    std::fs::create_dir_all(dir.join("x/other")).unwrap();
    std::fs::copy(&sample, dir.join("x/other/2024.toml")).unwrap();
    let (code, _, stderr) = run(&["build", "x", "y"], &dir);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr
            .contains("错误[E0304]: x/dup/2024.toml 和 y/dup/2024.toml 都要写到 out/dup-2024.pdf"),
        "{stderr}"
    );
    assert!(!dir.join("out/dup-2024.pdf").exists(), "neither is built");
    assert!(dir.join("out/other-2024.pdf").exists(), "the rest is");
    assert!(stderr.contains("共 3 个：成功 1，失败 2。"), "{stderr}");
}

#[test]
fn template_directory_problems() {
    let dir = scratch("template-dir");
    expect(
        &["build", "--templates", "nowhere", "-o", "a.pdf"],
        &dir,
        1,
        &["错误[E0502]: 模板目录不存在：nowhere"],
    );

    std::fs::create_dir_all(dir.join("mine/parts")).unwrap();
    std::fs::write(dir.join("mine/parts/part4.typ"), b"\xff\xfe").unwrap();
    expect(
        &["build", "--templates", "mine", "-o", "a.pdf"],
        &dir,
        1,
        &["错误[E0501]: 无法读取模板 mine/parts/part4.typ"],
    );
}

#[test]
fn emitted_source_is_written_when_typesetting_fails() {
    let dir = scratch("emit-fail");
    std::fs::create_dir_all(dir.join("mine/lib")).unwrap();
    // A library the generated source cannot use: Typst rejects the document.
    std::fs::write(dir.join("mine/lib/booklet.typ"), "#let x = (\n").unwrap();
    let stderr = expect(
        &args("build -o b.pdf --templates mine --emit typ src"),
        &dir,
        1,
        &["错误[B0002]: 排版失败"],
    );
    assert!(
        stderr.contains("--emit typ <目录>"),
        "the hint names the real option: {stderr}"
    );
    let source = std::fs::read_to_string(dir.join("src/main.typ")).unwrap();
    assert!(source.contains("[2024年度收入支出决算总表]"));
    assert_eq!(
        std::fs::read_to_string(dir.join("src/lib/booklet.typ")).unwrap(),
        "#let x = (\n"
    );
    assert!(!dir.join("b.pdf").exists());
}

#[test]
fn the_build_summary_names_the_standards_met() {
    let dir = scratch("standards");
    expect(
        &["build", "-o", "b.pdf"],
        &dir,
        0,
        &["已生成：b.pdf（PDF/A-2b + PDF/UA-1）"],
    );
}

#[test]
fn init_never_overwrites() {
    let dir = scratch("init-twice");
    let args = ["init", "u", "--unit", "武汉市测试单位", "--year", "2025"];
    assert_eq!(run(&args, &dir).0, Some(0));
    std::fs::write(dir.join("u/2025.toml"), "mine").unwrap();
    let (code, _, stderr) = run(&args, &dir);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("错误[E0701]: u/2025.toml 已存在，不会覆盖"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("u/2025.toml")).unwrap(),
        "mine"
    );
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
    let loaded = gongkai::load::edition(&gongkai::declare::edition::Origin::File(
        dir.join("mine.toml"),
    ))
    .unwrap_or_else(|f| panic!("{f}"));
    assert_eq!(loaded.tables.len(), 8);
    let unknown = gongkai(&["edition", "show", "wuhan-1999"], &dir);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("没有名为“wuhan-1999”的内置版式"));
    let listed = gongkai(&["edition", "list"], &dir);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("wuhan-qingshan-2024"));
}

#[test]
fn init_from_continues_final_files_only() {
    let dir = scratch("init-from-budget");
    let budget =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/qiaokou-bigdata/2024-budget.toml");
    std::fs::copy(&budget, dir.join("2024-budget.toml")).unwrap();
    expect(
        &["init", "--from", "2024-budget.toml", "--year", "2025"],
        &dir,
        1,
        &["错误[E0702]: init --from 只续写部门决算文件"],
    );
    assert!(!dir.join("2025.toml").exists());
}
