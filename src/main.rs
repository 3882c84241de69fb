//! The `gongkai` command line.

use gongkai::diag::{Diagnostic, Failure};
use gongkai::input::{load_file, load_str, Loaded};
use gongkai::output::write_atomically;
use gongkai::report::{summary, to_json};
use gongkai::{BuildOptions, Toolkit, SAMPLE, SAMPLE_PATH};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
gongkai —— 部门决算公开 PDF 生成工具

用法：
  gongkai build [输入文件.toml] [-o 输出.pdf] [--draft] [--emit-typ 源文件.typ]
      生成决算公开 PDF。不给输入文件时生成内置示例（data/huangpi-network-ops/2024.toml）。
      不给 -o 时写到 out/<单位目录名>-<年度>.pdf。有错误时拒绝生成；
      --draft 照样生成，每页加“草稿”水印，并列出未解决的问题。
  gongkai check [输入文件.toml] [--format json] [--deny-warnings]
      只核对数据，不生成 PDF。退出码：0 无错误，1 有错误（或 --deny-warnings 时有警告），
      2 输入文件无法使用（找不到、格式错误）或参数错误。
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
        Some("build") => match Args::parse(rest, &["-o", "--output", "--emit-typ"], &["--draft"]) {
            Ok(a) => build(a),
            Err(message) => usage_error(&message),
        },
        Some("check") => match Args::parse(rest, &["--format"], &["--deny-warnings"]) {
            Ok(a) => check(a),
            Err(message) => usage_error(&message),
        },
        Some(other) => usage_error(&format!("不认识的命令“{other}”")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("错误：{message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// A subcommand's arguments: one optional input file, options with a value, switches.
struct Args {
    input: Option<PathBuf>,
    values: Vec<(String, String)>,
    switches: Vec<String>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut parsed = Args {
            input: None,
            values: Vec::new(),
            switches: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let a = arg.as_str();
            if with_value.contains(&a) {
                let v = it.next().ok_or_else(|| format!("{a} 后面需要给出取值"))?;
                parsed.values.push((a.to_string(), v.clone()));
            } else if switches.contains(&a) {
                parsed.switches.push(a.to_string());
            } else if a.starts_with('-') {
                return Err(format!("不认识的选项“{a}”"));
            } else if parsed.input.is_none() {
                parsed.input = Some(PathBuf::from(a));
            } else {
                return Err(format!("多余的参数“{a}”"));
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

    fn load(&self) -> Result<Loaded, Failure> {
        match &self.input {
            Some(path) => load_file(path),
            None => load_str(Path::new(SAMPLE_PATH), SAMPLE),
        }
    }
}

fn check(args: Args) -> ExitCode {
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
    } else if errors || (args.switch("--deny-warnings") && !diagnostics.is_empty()) {
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
        .unwrap_or_else(|| default_output(&loaded.source.path, *loaded.input.unit.year.get_ref()));
    if output.extension().is_none_or(|e| e != "pdf") {
        return Err(Failure::new(Diagnostic::error(
            "E0302",
            format!("输出文件应以 .pdf 结尾：{}", output.display()),
        )));
    }
    if args.input.as_deref() == Some(output.as_path()) {
        return Err(Failure::new(Diagnostic::error(
            "E0303",
            "输出文件与输入文件相同，拒绝覆盖输入".to_string(),
        )));
    }
    let toolkit = Toolkit::new();
    let options = BuildOptions {
        draft: args.switch("--draft"),
    };
    let built = toolkit.build(&loaded, options)?;
    if let Some(typ) = args.value(&["--emit-typ"]) {
        write_atomically(Path::new(typ), built.typst_source.as_bytes())?;
    }
    write_atomically(&output, &built.pdf)?;
    Ok((output, built.diagnostics))
}

/// `data/huangpi-network-ops/2024.toml` → `out/huangpi-network-ops-2024.pdf`.
fn default_output(input: &Path, year: i32) -> PathBuf {
    let unit = input
        .parent()
        .and_then(Path::file_name)
        .or_else(|| input.file_stem())
        .map_or_else(
            || "booklet".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
    PathBuf::from("out").join(format!("{unit}-{year}.pdf"))
}
