//! Building many booklets at once: every unit-year file under the given paths, on all
//! cores (rayon), with the fonts, catalog and templates loaded once and shared. A
//! failure — even a panic — stays with its unit; the others are built.

use crate::app::manifest::Manifest;
use crate::app::output::write_atomically;
use crate::base::codes;
use crate::base::diag::{Diagnostic, Failure};
use crate::input::BookletKind;
use crate::input::Loaded;
use crate::load::Bundle;
use crate::pipeline::{BuildOptions, Toolkit};
use rayon::prelude::*;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// A unit's input is `<unit>/<year>.toml` (决算) or `<unit>/<year>-budget.toml` (预算);
/// other TOML files under `data/` (catalog, editions) are not booklets.
pub fn is_unit_file(path: &Path) -> bool {
    let year = |s: &str| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit());
    path.extension().is_some_and(|e| e == "toml")
        && path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| year(s.strip_suffix("-budget").unwrap_or(s)))
}

/// The unit-year files named, or found below the directories named, in a stable order.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found).map_err(|e| unreadable(path, &e))?;
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn unreadable(dir: &Path, err: &std::io::Error) -> Failure {
    Failure::new(Diagnostic::new(
        &codes::DIRECTORY_UNREADABLE,
        format!("无法读取目录 {}（{err}）", dir.display()),
    ))
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if is_unit_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// `data/huangpi-network-ops/2024.toml` → `out/huangpi-network-ops-2024.pdf`; a budget
/// booklet adds `-budget` (`out/qiaokou-bigdata-2024-budget.pdf`), so a unit's 决算
/// and 预算 of one year never write the same file.
pub fn default_output(input: &Path, year: i32, kind: BookletKind) -> PathBuf {
    let unit = input
        .parent()
        .and_then(Path::file_name)
        .or_else(|| input.file_stem())
        .map_or_else(
            || "booklet".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
    let suffix = match kind {
        BookletKind::Final => "",
        BookletKind::Budget => "-budget",
    };
    PathBuf::from("out").join(format!("{unit}-{year}{suffix}.pdf"))
}

/// The default output of a loaded input: by its unit directory, year and kind.
pub fn default_output_for(loaded: &Loaded) -> PathBuf {
    let input = &loaded.input;
    default_output(
        &loaded.source.path,
        *input.unit.year.get_ref(),
        input.kind(),
    )
}

pub enum Outcome {
    Built {
        output: PathBuf,
        /// Warnings, and the PDF standard fallback if there was one.
        warnings: Vec<Diagnostic>,
    },
    /// Skipped: the PDF was built from these very inputs by this very program.
    Unchanged {
        output: PathBuf,
    },
    Failed(Failure),
}

pub struct Report {
    pub input: PathBuf,
    pub outcome: Outcome,
}

/// One input, loaded, with where it goes.
struct Job {
    input: PathBuf,
    planned: Result<(Bundle, PathBuf), Failure>,
}

/// Loads every input and assigns its output. Two inputs that would write the same
/// file (`x/dup/2024.toml`, `y/dup/2024.toml` → `out/dup-2024.pdf`) both fail, each
/// naming the other, before anything is built: otherwise one booklet would be lost.
fn plan(inputs: &[PathBuf]) -> Vec<Job> {
    let mut jobs: Vec<Job> = inputs
        .par_iter()
        .map(|input| Job {
            input: input.clone(),
            planned: guarded(input, || {
                let bundle = crate::load::load(input)?;
                let output = default_output_for(&bundle.input);
                Ok((bundle, output))
            }),
        })
        .collect();
    let mut by_output: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, job) in jobs.iter().enumerate() {
        if let Ok((_, output)) = &job.planned {
            by_output.entry(output.clone()).or_default().push(i);
        }
    }
    for (output, sharing) in by_output.into_iter().filter(|(_, s)| s.len() > 1) {
        let names: Vec<String> = sharing
            .iter()
            .map(|&i| jobs[i].input.display().to_string())
            .collect();
        for &i in &sharing {
            jobs[i].planned = Err(Failure::new(
                Diagnostic::new(
                    &codes::OUTPUT_SHARED,
                    format!(
                        "{} 都要写到 {}，拒绝生成，以免一份覆盖另一份",
                        names.join(" 和 "),
                        output.display()
                    ),
                )
                .in_file(&jobs[i].input)
                .help("输出文件名取自单位目录名和年度：请把其中一个单位目录改名，或分别用 -o 单独生成"),
            ));
        }
    }
    jobs
}

/// Builds every input in parallel; `progress` is called after each one. Reports come
/// back in input order. With a manifest, a booklet whose inputs and program are those
/// of its PDF is skipped, and every PDF written is recorded.
pub fn build_all(
    toolkit: &Toolkit,
    inputs: &[PathBuf],
    options: BuildOptions,
    manifest: Option<&Manifest>,
    progress: &(dyn Fn(&Report) + Sync),
) -> Vec<Report> {
    plan(inputs)
        .into_par_iter()
        .map(|job| {
            let outcome = match job.planned {
                Err(failure) => Outcome::Failed(failure),
                Ok((bundle, output)) => {
                    let key = manifest.map(|m| m.key(&bundle, &output));
                    match (manifest, &key) {
                        (Some(m), Some(key)) if m.unchanged(&output, key) => {
                            Outcome::Unchanged { output }
                        }
                        _ => {
                            build_one(toolkit, &job.input, &bundle, output, options, manifest, key)
                        }
                    }
                }
            };
            let report = Report {
                input: job.input,
                outcome,
            };
            progress(&report);
            report
        })
        .collect()
}

/// Builds one booklet of a batch and records it in the manifest.
fn build_one(
    toolkit: &Toolkit,
    input: &Path,
    bundle: &Bundle,
    output: PathBuf,
    options: BuildOptions,
    manifest: Option<&Manifest>,
    key: Option<String>,
) -> Outcome {
    let built = guarded(input, || {
        let built = toolkit.build(bundle, options)?;
        write_atomically(&output, &built.pdf)?;
        Ok(built)
    });
    match built {
        Ok(built) => {
            if let (Some(m), Some(key)) = (manifest, key) {
                m.record(&output, key, &built.pdf);
            }
            Outcome::Built {
                output,
                warnings: built.diagnostics,
            }
        }
        Err(failure) => {
            if let Some(m) = manifest {
                m.forget(&output);
            }
            Outcome::Failed(failure)
        }
    }
}

thread_local! {
    /// Set while `guarded` runs work whose panic it turns into a diagnostic.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Keeps the default panic message (and backtrace hint) off the terminal for panics
/// that `guarded` reports as diagnostics; any other panic prints as usual.
pub fn quiet_guarded_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(Cell::get) {
            default(info);
        }
    }));
}

/// Runs one unit's work; a panic becomes that unit's failure instead of ending the
/// batch. (A panic is a bug in gongkai: the message says so.)
pub fn guarded<T>(input: &Path, work: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    let outer = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(outer));
    result.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Failure::new(
            Diagnostic::new(
                &codes::PANIC,
                format!("处理该文件时程序内部出错（这是 gongkai 的缺陷，请报告）：{what}"),
            )
            .in_file(input)
            .help("其他文件不受影响；请把该输入文件和这条信息一起反馈给维护者"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_year_files_are_booklets() {
        assert!(is_unit_file(Path::new("data/a/2024.toml")));
        assert!(!is_unit_file(Path::new("data/catalog/functions.toml")));
        assert!(!is_unit_file(Path::new("data/editions/wuhan-2024.toml")));
        assert!(!is_unit_file(Path::new("data/a/2024.pdf")));
        assert!(is_unit_file(Path::new("data/a/2024-budget.toml")));
        assert!(!is_unit_file(Path::new("data/a/2024-draft.toml")));
        assert!(!is_unit_file(Path::new("data/a/-budget.toml")));
    }

    #[test]
    fn a_budget_and_a_final_booklet_of_one_year_do_not_collide() {
        let input = Path::new("data/qiaokou-bigdata/2024-budget.toml");
        assert_eq!(
            default_output(input, 2024, BookletKind::Budget),
            Path::new("out/qiaokou-bigdata-2024-budget.pdf")
        );
        assert_eq!(
            default_output(
                Path::new("data/qiaokou-bigdata/2024.toml"),
                2024,
                BookletKind::Final
            ),
            Path::new("out/qiaokou-bigdata-2024.pdf")
        );
    }

    #[test]
    fn a_panic_fails_its_unit_only() {
        let failed = guarded(Path::new("x/2024.toml"), || -> Result<(), Failure> {
            panic!("Multiplication overflowed")
        })
        .unwrap_err();
        let d = &failed.diagnostics[0];
        assert_eq!(d.code, "B0005");
        assert!(
            d.message.contains("Multiplication overflowed"),
            "{}",
            d.message
        );
        assert_eq!(guarded(Path::new("y"), || Ok(1)).unwrap(), 1);
    }

    /// (Running as root, the tests cannot make a directory unreadable; the message is
    /// checked on the error the walk would give.)
    #[test]
    fn an_unreadable_directory_is_named() {
        let err = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let failure = unreadable(Path::new("data/x"), &err);
        let d = &failure.diagnostics[0];
        assert_eq!(d.code, "E0003");
        assert!(
            d.message.starts_with("无法读取目录 data/x（"),
            "{}",
            d.message
        );
    }
}
