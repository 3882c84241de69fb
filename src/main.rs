//! The `gongkai` command line.

use gongkai::diag::{Diagnostic, Failure};
use gongkai::input::{load_file, load_str};
use gongkai::output::write_atomically;
use gongkai::{Toolkit, SAMPLE, SAMPLE_PATH};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
gongkai —— 部门决算公开 PDF 生成工具

用法：
  gongkai build [输入文件.toml] [-o 输出.pdf] [--emit-typ 源文件.typ]
      生成决算公开 PDF。不给输入文件时生成内置示例（data/huangpi-network-ops/2024.toml）。
      不给 -o 时写到 out/<单位目录名>-<年度>.pdf。
  gongkai --help | --version
";

struct BuildArgs {
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    emit_typ: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("gongkai {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("build") => match parse_build_args(&args[1..]) {
            Ok(build_args) => report(build(build_args)),
            Err(message) => usage_error(&message),
        },
        Some(other) => usage_error(&format!("不认识的命令“{other}”")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("错误：{message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn parse_build_args(args: &[String]) -> Result<BuildArgs, String> {
    let mut parsed = BuildArgs {
        input: None,
        output: None,
        emit_typ: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} 后面需要给出文件路径"))
        };
        match arg.as_str() {
            "-o" | "--output" => parsed.output = Some(value("-o")?),
            "--emit-typ" => parsed.emit_typ = Some(value("--emit-typ")?),
            flag if flag.starts_with('-') => return Err(format!("不认识的选项“{flag}”")),
            file if parsed.input.is_none() => parsed.input = Some(PathBuf::from(file)),
            extra => return Err(format!("多余的参数“{extra}”")),
        }
    }
    Ok(parsed)
}

fn build(args: BuildArgs) -> Result<PathBuf, Failure> {
    let loaded = match &args.input {
        Some(path) => load_file(path)?,
        None => load_str(Path::new(SAMPLE_PATH), SAMPLE)?,
    };
    let output = args
        .output
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
    let built = toolkit.build(&loaded)?;
    if let Some(typ) = &args.emit_typ {
        write_atomically(typ, built.typst_source.as_bytes())?;
    }
    write_atomically(&output, &built.pdf)?;
    Ok(output)
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

fn report(result: Result<PathBuf, Failure>) -> ExitCode {
    match result {
        Ok(path) => {
            eprintln!("已生成：{}", path.display());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprint!("{failure}");
            let n = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("未生成 PDF：共 {n} 个错误。");
            ExitCode::FAILURE
        }
    }
}
