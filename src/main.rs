//! The `gongkai` command line.

use gongkai::diag::{Diagnostic, Failure};
use gongkai::input::{load_file, load_str, Loaded};
use gongkai::output::write_atomically;
use gongkai::report::{summary, to_json};
use gongkai::{batch, BuildOptions, Toolkit, SAMPLE, SAMPLE_PATH};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
gongkai —— 部门决算公开 PDF 生成工具

用法：
  gongkai build [输入文件.toml] [-o 输出.pdf] [--draft] [--emit typ 目录] [--templates 目录]
      生成决算公开 PDF。不给输入文件时生成内置示例（data/huangpi-network-ops/2024.toml）。
      不给 -o 时写到 out/<单位目录名>-<年度>.pdf。有错误时拒绝生成；
      --draft 照样生成，每页加“草稿”水印，并列出未解决的问题。
      --emit typ 目录：另写出生成的 Typst 源文件（可用 typst compile --font-path fonts 编译）。
      --templates 目录：用该目录中同名的模板替换内置模板。
  gongkai build 目录或多个文件 [--draft] [--templates 目录]
      批量生成：目录下所有 <单位>/<年度>.toml，多核并行，最后汇总成败；有失败时退出码为 1。
  gongkai watch 输入文件.toml [-o 输出.pdf] [--draft] [--templates 目录]
      监视输入文件，每次保存后自动重新生成。
  gongkai check [输入文件.toml] [--format json] [--deny-warnings]
      只核对数据，不生成 PDF。退出码：0 无错误，1 有错误（或 --deny-warnings 时有警告；说明不算），
      2 输入文件无法使用（找不到、格式错误）或参数错误。
  gongkai init 目录 --unit 单位名称 --year 年度 [--kind budget]
      在目录中写出 <年度>.toml 骨架，每个字段带中文说明；再用 gongkai check 逐项补全。
  gongkai import 工作簿.xlsx|.xls|.ods -o <单位>/<年度>.toml [--map 映射文件.toml] [--kind final|budget] [--year 年度]
      把财务软件导出的决算或预算公开表导入为输入文件：明细金额（注明来源单元格）、表中合计
      （写入 [typed] 供 check 核对）和“待补充”占位。不覆盖已有文件，不改动工作簿。
      种类按表的标题识别（--kind 可指定）；预算表标题不带年度时用 --year 给出。
  gongkai export xlsx 输入文件.toml -o 表格.xlsx [--exact] [--draft]
      把公开表写成 Excel 工作簿，一表一个工作表，版式同印制（表头合并、栏次、数字格式）；
      --exact 按元写出精确金额（供导入回来）；绩效目标表（表单）不导出。有错误时拒绝，--draft 照样写出。
  gongkai edition show 版式名
      打印内置版式文件（如 wuhan-2024），可另存后改写成新的版式；gongkai edition list 列出全部。
  gongkai --help | --version
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("gongkai {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("build") => match Args::parse(
            rest,
            &["-o", "--output", "--emit", "--templates"],
            &["--draft"],
        ) {
            Ok(a) if a.inputs.len() > 1 || a.inputs.first().is_some_and(|p| p.is_dir()) => batch(a),
            Ok(a) => build(a),
            Err(message) => usage_error(&message),
        },
        Some("watch") => {
            match Args::parse(rest, &["-o", "--output", "--templates"], &["--draft"]) {
                Ok(a) if a.inputs.len() == 1 => watch(a),
                Ok(_) => usage_error("watch 需要且只需要一个输入文件"),
                Err(message) => usage_error(&message),
            }
        }
        Some("check") => match Args::parse(rest, &["--format"], &["--deny-warnings"]) {
            Ok(a) => check(a),
            Err(message) => usage_error(&message),
        },
        Some("init") => match Args::parse(rest, &["--unit", "--year", "--from", "--kind"], &[]) {
            Ok(a) => init(a),
            Err(message) => usage_error(&message),
        },
        Some("import") => {
            match Args::parse(rest, &["-o", "--output", "--map", "--kind", "--year"], &[]) {
                Ok(a) => import(a),
                Err(message) => usage_error(&message),
            }
        }
        Some("edition") => edition(rest),
        Some("export") => export(rest),
        Some(other) => usage_error(&format!("不认识的命令“{other}”")),
    }
}

/// `gongkai edition show <id>` prints a built-in edition's file; `list` names them all.
fn edition(args: &[String]) -> ExitCode {
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("list"), None) => {
            for id in gongkai::edition::Edition::builtin_ids() {
                println!("{id}");
            }
            ExitCode::SUCCESS
        }
        (Some("show"), Some(id)) if args.len() == 2 => match gongkai::edition::builtin_source(id) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprintln!("{d}");
                ExitCode::from(2)
            }
        },
        _ => usage_error("用法：gongkai edition show 版式名，或 gongkai edition list"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("错误：{message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// A subcommand's arguments: input paths, options with a value, switches.
struct Args {
    inputs: Vec<PathBuf>,
    values: Vec<(String, String)>,
    switches: Vec<String>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut parsed = Args {
            inputs: Vec::new(),
            values: Vec::new(),
            switches: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let a = arg.as_str();
            if a == "--emit" && with_value.contains(&a) {
                // `--emit typ <dir>`: the kind, then where.
                match (it.next().map(String::as_str), it.next()) {
                    (Some("typ"), Some(dir)) => parsed.values.push((a.to_string(), dir.clone())),
                    _ => return Err("用法：--emit typ <目录>".to_string()),
                }
            } else if with_value.contains(&a) {
                let v = it.next().ok_or_else(|| format!("{a} 后面需要给出取值"))?;
                parsed.values.push((a.to_string(), v.clone()));
            } else if switches.contains(&a) {
                parsed.switches.push(a.to_string());
            } else if a.starts_with('-') {
                return Err(format!("不认识的选项“{a}”"));
            } else {
                parsed.inputs.push(PathBuf::from(a));
            }
        }
        Ok(parsed)
    }

    fn value(&self, names: &[&str]) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| names.contains(&k.as_str()))
            .map(|(_, v)| v.as_str())
    }

    fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    fn input(&self) -> Option<&Path> {
        self.inputs.first().map(PathBuf::as_path)
    }

    fn load(&self) -> Result<Loaded, Failure> {
        match self.input() {
            Some(path) => load_file(path),
            None => load_str(Path::new(SAMPLE_PATH), SAMPLE),
        }
    }

    fn toolkit(&self) -> Result<Toolkit, Failure> {
        match self.value(&["--templates"]) {
            Some(dir) => Toolkit::with_templates(Path::new(dir)),
            None => Ok(Toolkit::new()),
        }
    }
}

fn check(args: Args) -> ExitCode {
    if args.inputs.len() > 1 {
        return usage_error("check 一次只核对一个文件");
    }
    let json = match args.value(&["--format"]) {
        None | Some("text") => false,
        Some("json") => true,
        Some(other) => {
            return usage_error(&format!("--format 只能是 text 或 json，不能是“{other}”"))
        }
    };
    let toolkit = Toolkit::new();
    // A file that cannot be read or parsed is unusable (2); everything found after
    // that, resolve errors included, is an error in the data (1).
    let (diagnostics, unusable) = match args.load() {
        Err(failure) => (failure.diagnostics, true),
        Ok(loaded) => match toolkit.check(&loaded) {
            Ok(checked) => (checked.diagnostics, false),
            Err(failure) => (failure.diagnostics, false),
        },
    };
    if json {
        println!("{:#}", to_json(&diagnostics));
    } else {
        for d in &diagnostics {
            eprintln!("{d}");
        }
        eprintln!("{}。", summary(&diagnostics));
    }
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    if unusable {
        ExitCode::from(2)
    } else if errors
        || (args.switch("--deny-warnings") && diagnostics.iter().any(Diagnostic::is_warning))
    {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn build(args: Args) -> ExitCode {
    match run_build(&args) {
        Ok((path, diagnostics)) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            if args.switch("--draft") && diagnostics.iter().any(Diagnostic::is_error) {
                eprintln!(
                    "已生成草稿（每页带“草稿”水印，{}）：{}",
                    summary(&diagnostics),
                    path.display()
                );
            } else {
                eprintln!("已生成：{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprint!("{failure}");
            eprintln!("未生成 PDF：{}。", summary(&failure.diagnostics));
            if failure.diagnostics.iter().any(|d| d.code.starts_with('R')) {
                eprintln!("（改正后重新生成；如需先看草稿，可加 --draft）");
            }
            ExitCode::FAILURE
        }
    }
}

fn run_build(args: &Args) -> Result<(PathBuf, Vec<Diagnostic>), Failure> {
    let loaded = args.load()?;
    let output = args
        .value(&["-o", "--output"])
        .map(PathBuf::from)
        .unwrap_or_else(|| batch::default_output_for(&loaded));
    check_output(&output, args.input())?;
    let toolkit = args.toolkit()?;
    let options = BuildOptions {
        draft: args.switch("--draft"),
        keep_cache: false,
    };
    let built = toolkit.build(&loaded, options)?;
    if let Some(dir) = args.value(&["--emit"]) {
        emit_typst(
            Path::new(dir),
            &built.typst_source,
            toolkit.renderer.typst_library(),
        )?;
    }
    write_atomically(&output, &built.pdf)?;
    Ok((output, built.diagnostics))
}

fn check_output(output: &Path, input: Option<&Path>) -> Result<(), Failure> {
    if output.extension().is_none_or(|e| e != "pdf") {
        return Err(Failure::new(Diagnostic::error(
            "E0302",
            format!("输出文件应以 .pdf 结尾：{}", output.display()),
        )));
    }
    if input == Some(output) {
        return Err(Failure::new(Diagnostic::error(
            "E0303",
            "输出文件与输入文件相同，拒绝覆盖输入".to_string(),
        )));
    }
    Ok(())
}

/// Writes the generated source and the library it imports, ready for
/// `typst compile --font-path fonts <dir>/main.typ`.
fn emit_typst(dir: &Path, source: &str, library: &[(String, String)]) -> Result<(), Failure> {
    write_atomically(&dir.join(gongkai::render::MAIN), source.as_bytes())?;
    for (name, text) in library {
        write_atomically(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

fn batch(args: Args) -> ExitCode {
    if args.value(&["-o", "--output", "--emit"]).is_some() {
        return usage_error(
            "批量生成时不能用 -o 或 --emit：每个文件写到 out/<单位目录名>-<年度>.pdf",
        );
    }
    let run = || -> Result<Vec<batch::Report>, Failure> {
        let inputs = batch::collect_inputs(&args.inputs)?;
        let toolkit = args.toolkit()?;
        let options = BuildOptions {
            draft: args.switch("--draft"),
            keep_cache: false,
        };
        let terminal = std::io::stderr().is_terminal();
        let progress = |done: usize, total: usize, report: &batch::Report| {
            let width = 30;
            let filled = width * done / total.max(1);
            let mark = match report.outcome {
                batch::Outcome::Built { .. } => "完成",
                batch::Outcome::Failed(_) => "失败",
            };
            let bar = format!(
                "[{}{}] {done}/{total}",
                "#".repeat(filled),
                "-".repeat(width - filled)
            );
            if terminal {
                eprint!("\r\x1b[2K{bar} {mark} {}", report.input.display());
            } else {
                eprintln!("{bar} {mark} {}", report.input.display());
            }
        };
        Ok(batch::build_all(&toolkit, &inputs, options, &progress))
    };
    let reports = match run() {
        Ok(r) => r,
        Err(failure) => {
            eprint!("{failure}");
            return ExitCode::from(2);
        }
    };
    if reports.is_empty() {
        eprintln!("没有找到要生成的文件（应为 <单位目录>/<年度>.toml）");
        return ExitCode::FAILURE;
    }
    eprintln!();
    let mut failed = 0;
    for report in &reports {
        match &report.outcome {
            batch::Outcome::Built { output, warnings } => {
                let note = if warnings.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", summary(warnings))
                };
                eprintln!(
                    "  成功  {} → {}{note}",
                    report.input.display(),
                    output.display()
                );
            }
            batch::Outcome::Failed(f) => {
                failed += 1;
                eprintln!(
                    "  失败  {}：{}",
                    report.input.display(),
                    summary(&f.diagnostics)
                );
            }
        }
    }
    for report in &reports {
        if let batch::Outcome::Failed(f) = &report.outcome {
            eprint!("\n{}：\n{f}", report.input.display());
        }
    }
    eprintln!(
        "\n共 {} 个：成功 {}，失败 {failed}。",
        reports.len(),
        reports.len() - failed
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn init(args: Args) -> ExitCode {
    let Some(year) = args.value(&["--year"]).and_then(|y| y.parse::<i32>().ok()) else {
        return usage_error("init 需要 --year 年度（如 --year 2025）");
    };
    let budget = match args.value(&["--kind"]) {
        None | Some("final") => false,
        Some("budget") => true,
        Some(other) => {
            return usage_error(&format!(
                "--kind 应为 final（部门决算）或 budget（部门预算），不能是 {other}"
            ))
        }
    };
    let result = match (args.value(&["--from"]), args.input(), args.value(&["--unit"])) {
        (Some(from), _, _) => gongkai::init::continue_from(Path::new(from), year),
        (None, Some(dir), Some(unit)) if budget => {
            gongkai::init_budget::write_skeleton(dir, unit, year)
        }
        (None, Some(dir), Some(unit)) => gongkai::init::write_skeleton(dir, unit, year),
        _ => return usage_error("用法：gongkai init 目录 --unit 单位名称 --year 年度，或 gongkai init --from 上年文件 --year 年度"),
    };
    match result {
        Ok(path) => {
            eprintln!(
                "已写出：{}\n下一步：填写后运行 gongkai check {}",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprint!("{f}");
            ExitCode::FAILURE
        }
    }
}

/// `gongkai import`: the library does the work; this only reports.
fn import(args: Args) -> ExitCode {
    let (Some(workbook), Some(output), 1) = (
        args.input(),
        args.value(&["-o", "--output"]),
        args.inputs.len(),
    ) else {
        return usage_error(
            "用法：gongkai import 工作簿.xlsx -o <单位>/<年度>.toml [--map 映射文件.toml] [--kind final|budget] [--year 年度]",
        );
    };
    let kind = match args.value(&["--kind"]) {
        None => None,
        Some("final") => Some(gongkai::edition::BookletKind::Final),
        Some("budget") => Some(gongkai::edition::BookletKind::Budget),
        Some(other) => return usage_error(&format!("--kind 应为 final 或 budget，不是“{other}”")),
    };
    let year = match args.value(&["--year"]).map(str::parse::<i32>) {
        None => None,
        Some(Ok(y)) => Some(y),
        Some(Err(_)) => return usage_error("--year 应为年度，如 2024"),
    };
    let options = gongkai::import::Options {
        layout: args.value(&["--map"]).map(PathBuf::from),
        kind,
        year,
    };
    match gongkai::import::import_with(workbook, Path::new(output), &options) {
        Ok((path, imported)) => {
            for d in &imported.warnings {
                eprintln!("{d}");
            }
            let tables: Vec<String> = imported
                .tables
                .iter()
                .map(|(kind, sheet)| format!("{sheet}（{kind}）"))
                .collect();
            eprintln!(
                "已导入（版式 {}）：{}
已写出：{}
下一步：补全文件中的“待补充”，然后运行 gongkai check {}",
                imported.layout,
                tables.join("、"),
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprint!("{f}");
            eprintln!("未导入：{}。", summary(&f.diagnostics));
            ExitCode::from(gongkai::import::exit_code(&f))
        }
    }
}

/// `gongkai export xlsx`: the library does the work; this only reports.
fn export(rest: &[String]) -> ExitCode {
    let usage = "用法：gongkai export xlsx 输入文件.toml -o 表格.xlsx [--exact] [--draft]";
    let (Some("xlsx"), Ok(args)) = (
        rest.first().map(String::as_str),
        Args::parse(
            rest.get(1..).unwrap_or_default(),
            &["-o", "--output"],
            &["--exact", "--draft"],
        ),
    ) else {
        return usage_error(usage);
    };
    let (Some(input), Some(output), 1) = (
        args.input(),
        args.value(&["-o", "--output"]),
        args.inputs.len(),
    ) else {
        return usage_error(usage);
    };
    let options = gongkai::export::Options {
        exact: args.switch("--exact"),
        draft: args.switch("--draft"),
    };
    match gongkai::export::export_xlsx(&Toolkit::new(), input, Path::new(output), &options) {
        Ok(done) => {
            for d in &done.diagnostics {
                eprintln!("{d}");
            }
            let sheets: Vec<&str> = done
                .sheets
                .iter()
                .map(|(label, _)| label.as_str())
                .collect();
            eprintln!("已写出：{}（{}）", done.path.display(), sheets.join("、"));
            if !done.left_out.is_empty() {
                eprintln!(
                    "未导出：{}（绩效目标表是表单，不是表格）",
                    done.left_out.join("、")
                );
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprint!("{}", f.failure);
            eprintln!("未导出：{}。", summary(&f.failure.diagnostics));
            ExitCode::from(f.exit_code)
        }
    }
}

fn watch(args: Args) -> ExitCode {
    let input = args.input().expect("one input").to_path_buf();
    let output = args
        .value(&["-o", "--output"])
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            load_file(&input).map_or_else(
                |_| batch::default_output(&input, 0, Default::default()),
                |l| batch::default_output_for(&l),
            )
        });
    if let Err(f) = check_output(&output, Some(&input)) {
        eprint!("{f}");
        return ExitCode::from(2);
    }
    match args.toolkit() {
        Ok(toolkit) => {
            gongkai::watch::watch(&toolkit, &input, &output, args.switch("--draft"), None);
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprint!("{f}");
            ExitCode::from(2)
        }
    }
}
