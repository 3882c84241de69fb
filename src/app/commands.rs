//! The commands: the command line parsed with `cli`, and each command run.

use crate::app::batch;
use crate::app::cli::usage::{self, UsageError};
use crate::app::cli::{
    BuildArgs, CheckArgs, Cli, Command, Common, EditionAction, ExportFormat, ExportXlsxArgs,
    Format, ImportArgs, InitArgs, Kind, WatchArgs,
};
use crate::app::manifest::{self, Manifest};
use crate::app::output::{check_output, write_atomically};
use crate::app::report::{summary, to_json};
use crate::base::diag::{Diagnostic, Failure};
use crate::input::load_str;
use crate::load::Bundle;
use crate::pipeline::{BuildOptions, Toolkit, SAMPLE, SAMPLE_PATH};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs the command line the program was started with.
pub fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cli = match Cli::try_parse_from(std::iter::once("gongkai".to_string()).chain(argv.clone()))
    {
        Ok(cli) => cli,
        Err(err) => {
            return match usage::from_clap(&err, &argv) {
                // --help, --version
                None => {
                    let _ = err.print();
                    ExitCode::SUCCESS
                }
                Some(error) => usage_error(&error, &argv),
            };
        }
    };
    batch::quiet_guarded_panics();
    let result = match cli.command {
        None => {
            let _ = crate::app::cli::command().print_help();
            return ExitCode::SUCCESS;
        }
        Some(Command::Build(args)) => build(args, &argv),
        Some(Command::Check(args)) => Ok(check(args)),
        Some(Command::Watch(args)) => Ok(watch(args)),
        Some(Command::Init(args)) => Ok(init(args)),
        Some(Command::Edition { action }) => Ok(edition(action)),
        Some(Command::Import(args)) => Ok(import(args)),
        Some(Command::Export {
            format: ExportFormat::Xlsx(args),
        }) => Ok(export(args)),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut crate::app::cli::command(),
                "gongkai",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|error| usage_error(&error, &argv))
}

fn usage_error(error: &UsageError, argv: &[String]) -> ExitCode {
    eprint!("{}", error.render(argv));
    ExitCode::from(2)
}

/// The spelling of an option the user typed (`-o` or `--output`), to point at.
fn typed<'a>(argv: &'a [String], spellings: &[&'a str]) -> &'a str {
    spellings
        .iter()
        .find(|s| {
            argv.iter()
                .any(|a| a == *s || a.starts_with(&format!("{s}=")))
        })
        .copied()
        .unwrap_or(spellings[0])
}

/// The input and every file it names; without an input, the built-in sample.
fn load(input: Option<&Path>) -> Result<Bundle, Failure> {
    match input {
        Some(path) => crate::load::load(path),
        None => load_str(Path::new(SAMPLE_PATH), SAMPLE).map(crate::load::around),
    }
}

fn toolkit(common: &Common) -> Result<Toolkit, Failure> {
    match &common.templates {
        Some(dir) => Toolkit::with_templates(dir),
        None => Ok(Toolkit::new()),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let toolkit = Toolkit::new();
    // A file that cannot be read or parsed is unusable (2); everything found after
    // that, resolve errors included, is an error in the data (1).
    let (diagnostics, unusable) = match load(args.input.as_deref()) {
        Err(failure) => (failure.diagnostics, true),
        Ok(loaded) => match toolkit.check(&loaded) {
            Ok(checked) => (checked.diagnostics, false),
            Err(failure) => (failure.diagnostics, false),
        },
    };
    match args.format {
        Format::Json => println!("{:#}", to_json(&diagnostics)),
        Format::Text => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            eprintln!("{}。", summary(&diagnostics));
        }
    }
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    if unusable {
        ExitCode::from(2)
    } else if errors || (args.deny_warnings && diagnostics.iter().any(Diagnostic::is_warning)) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn build(args: BuildArgs, argv: &[String]) -> Result<ExitCode, UsageError> {
    if let Some(kind) = args.emit.as_ref().map(|v| &v[0]).filter(|k| *k != "typ") {
        return Err(UsageError::new(format!("--emit 不能写出“{kind}”"))
            .at(kind.as_str())
            .help("目前只能写出 Typst 源文件：--emit typ <目录>")
            .in_command("build"));
    }
    let is_batch = args.inputs.len() > 1 || args.inputs.first().is_some_and(|p| p.is_dir());
    if !is_batch {
        return Ok(build_one(&args));
    }
    let refuse = |option: &str| {
        Err(UsageError::new(format!("批量生成时不能用 {option}"))
            .at(option)
            .help("批量生成时每个文件写到 out/<单位目录名>-<年度>.pdf；要单独指定输出，请一个一个生成")
            .in_command("build"))
    };
    if args.common.output.is_some() {
        return refuse(typed(argv, &["-o", "--output"]));
    }
    if args.emit.is_some() {
        return refuse("--emit");
    }
    Ok(build_batch(&args))
}

fn build_one(args: &BuildArgs) -> ExitCode {
    let input = args.inputs.first().map(PathBuf::as_path);
    let result = batch::guarded(input.unwrap_or(Path::new(SAMPLE_PATH)), || run_build(args));
    match result {
        Ok((path, diagnostics, conformance)) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            if args.common.draft && diagnostics.iter().any(Diagnostic::is_error) {
                eprintln!(
                    "已生成草稿（每页带“草稿”水印，{}）：{}（{}）",
                    summary(&diagnostics),
                    path.display(),
                    conformance.label()
                );
            } else {
                eprintln!("已生成：{}（{}）", path.display(), conformance.label());
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

type BuildResult = (PathBuf, Vec<Diagnostic>, crate::typeset::Conformance);

fn run_build(args: &BuildArgs) -> Result<BuildResult, Failure> {
    let input = args.inputs.first().map(PathBuf::as_path);
    let loaded = load(input)?;
    let output = args
        .common
        .output
        .clone()
        .unwrap_or_else(|| batch::default_output_for(&loaded.input));
    check_output(&output, input)?;
    let toolkit = toolkit(&args.common)?;
    let options = BuildOptions {
        draft: args.common.draft,
        keep_cache: false,
    };
    let rendered = toolkit.render(&loaded, options)?;
    // Written before typesetting, so the source is there when Typst fails on it.
    if let Some(dir) = args.emit_dir() {
        emit_typst(
            &dir,
            &rendered.typst_source,
            toolkit.renderer.typst_library(),
        )?;
        eprintln!(
            "已写出 Typst 源文件：{}",
            dir.join(crate::render::MAIN).display()
        );
    }
    let built = toolkit.typeset(rendered, options)?;
    write_atomically(&output, &built.pdf)?;
    Ok((output, built.diagnostics, built.conformance))
}

/// Writes the generated source and the library it imports, ready for
/// `typst compile --font-path fonts <dir>/main.typ`.
fn emit_typst(dir: &Path, source: &str, library: &[(String, String)]) -> Result<(), Failure> {
    write_atomically(&dir.join(crate::render::MAIN), source.as_bytes())?;
    for (name, text) in library {
        write_atomically(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

fn build_batch(args: &BuildArgs) -> ExitCode {
    let inputs = match batch::collect_inputs(&args.inputs) {
        Ok(inputs) => inputs,
        Err(failure) => {
            eprint!("{failure}");
            return ExitCode::from(2);
        }
    };
    if inputs.is_empty() {
        eprintln!("没有找到要生成的文件（应为 <单位目录>/<年度>.toml）");
        return ExitCode::FAILURE;
    }
    let toolkit = match toolkit(&args.common) {
        Ok(t) => t,
        Err(failure) => {
            eprint!("{failure}");
            return ExitCode::from(2);
        }
    };
    let options = BuildOptions {
        draft: args.common.draft,
        keep_cache: false,
    };
    let total = inputs.len();
    let bar = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template("[{bar:30}] {pos}/{len} {wide_msg}")
            .expect("valid template")
            .progress_chars("#>-"),
    );
    let done = AtomicUsize::new(0);
    let progress = |report: &batch::Report| {
        let n = done.fetch_add(1, Ordering::SeqCst) + 1;
        let mark = match report.outcome {
            batch::Outcome::Built { .. } => "完成",
            batch::Outcome::Unchanged { .. } => "未改动",
            batch::Outcome::Failed(_) => "失败",
        };
        bar.inc(1);
        if bar.is_hidden() {
            // Not a terminal (a log): one line per file.
            eprintln!("[{n}/{total}] {mark} {}", report.input.display());
        } else {
            bar.set_message(format!("{mark} {}", report.input.display()));
        }
    };
    // The PDFs go to out/; so does what the batch remembers of them.
    let context = format!(
        "draft={} {}",
        options.draft,
        manifest::templates_digest(args.common.templates.as_deref())
    );
    let manifest = Manifest::open(Path::new("out"), &context);
    let incremental = (!args.force).then_some(&manifest);
    let reports = batch::build_all(&toolkit, &inputs, options, incremental, &progress);
    bar.finish_and_clear();
    if let Err(failure) = manifest.save() {
        eprint!("{failure}");
    }
    let mut failed = 0;
    let mut unchanged = 0;
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
            batch::Outcome::Unchanged { output } => {
                unchanged += 1;
                eprintln!(
                    "  未改动  {} → {}（输入和程序都未改动，跳过）",
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
    let skipped = if unchanged > 0 {
        format!("（其中 {unchanged} 个未改动，跳过；--force 全部重新生成）")
    } else {
        String::new()
    };
    eprintln!(
        "\n共 {} 个：成功 {}{skipped}，失败 {failed}。",
        reports.len(),
        reports.len() - failed
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn init(args: InitArgs) -> ExitCode {
    let result = match (&args.from, &args.dir, &args.unit) {
        (Some(from), _, _) => crate::app::init::continue_from(from, args.year),
        (None, Some(dir), Some(unit)) => match args.kind {
            Kind::Final => crate::app::init::write_skeleton(dir, unit, args.year),
            Kind::Budget => crate::app::init_budget::write_skeleton(dir, unit, args.year),
        },
        // clap requires the directory and --unit unless --from is given.
        _ => unreachable!("clap checks init's arguments"),
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

fn watch(args: WatchArgs) -> ExitCode {
    if let Some(output) = &args.common.output {
        if let Err(f) = check_output(output, Some(&args.input)) {
            eprint!("{f}");
            return ExitCode::from(2);
        }
    }
    let toolkit = match toolkit(&args.common) {
        Ok(t) => t,
        Err(f) => {
            eprint!("{f}");
            return ExitCode::from(2);
        }
    };
    let mut session = crate::app::watch::Session {
        toolkit,
        input: args.input.clone(),
        output: args.common.output.clone(),
        draft: args.common.draft,
        templates: args.common.templates.clone(),
    };
    eprintln!("正在监视 {}（Ctrl+C 结束）", args.input.display());
    let mut printer = crate::app::watch::Printer::default();
    match session.run(|result| {
        printer.print(result);
        true
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：无法监视文件的变化（{e}）");
            ExitCode::from(2)
        }
    }
}

/// `gongkai edition show <id>` prints a built-in edition's file; `list` names them all.
fn edition(action: EditionAction) -> ExitCode {
    match action {
        EditionAction::List => {
            for id in crate::declare::edition::Edition::builtin_ids() {
                println!("{id}");
            }
            ExitCode::SUCCESS
        }
        EditionAction::Show { id } => match crate::declare::edition::builtin_source(&id) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprintln!("{d}");
                ExitCode::from(2)
            }
        },
    }
}

/// `gongkai import`: the library does the work; this only reports.
fn import(args: ImportArgs) -> ExitCode {
    let options = crate::app::import::Options {
        layout: args.map,
        kind: args.kind.map(Kind::booklet),
        year: args.year,
    };
    match crate::app::import::import_with(&args.workbook, &args.output, &options) {
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
            ExitCode::from(crate::app::import::exit_code(&f))
        }
    }
}

/// `gongkai export xlsx`: the library does the work; this only reports.
fn export(args: ExportXlsxArgs) -> ExitCode {
    let options = crate::app::export::Options {
        exact: args.exact,
        draft: args.draft,
    };
    match crate::app::export::export_xlsx(&Toolkit::new(), &args.input, &args.output, &options) {
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
