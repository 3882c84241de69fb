//! Building many booklets at once: every unit-year file under the given paths, on all
//! cores, with the fonts, catalog and templates loaded once and shared.

use crate::diag::{Diagnostic, Failure};
use crate::edition::BookletKind;
use crate::input::load_file;
use crate::output::write_atomically;
use crate::{BuildOptions, Toolkit};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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
            walk(path, &mut found).map_err(|e| {
                Failure::new(Diagnostic::error(
                    "E0003",
                    format!("无法读取目录 {}（{e}）", path.display()),
                ))
            })?;
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
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
pub fn default_output_for(loaded: &crate::input::Loaded) -> PathBuf {
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
        warnings: Vec<Diagnostic>,
    },
    Failed(Failure),
}

pub struct Report {
    pub input: PathBuf,
    pub outcome: Outcome,
}

/// Builds every input in parallel; `progress` is called after each one with the count
/// done so far. Reports come back in input order.
pub fn build_all(
    toolkit: &Toolkit,
    inputs: &[PathBuf],
    options: BuildOptions,
    progress: &(dyn Fn(usize, usize, &Report) + Sync),
) -> Vec<Report> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let reports: Mutex<Vec<Option<Report>>> = Mutex::new((0..inputs.len()).map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(inputs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(input) = inputs.get(i) else { break };
                let report = Report {
                    input: input.clone(),
                    outcome: build_one(toolkit, input, options),
                };
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                progress(n, inputs.len(), &report);
                reports.lock().expect("no worker panicked")[i] = Some(report);
            });
        }
    });
    reports
        .into_inner()
        .expect("no worker panicked")
        .into_iter()
        .map(|r| r.expect("every input was built"))
        .collect()
}

fn build_one(toolkit: &Toolkit, input: &Path, options: BuildOptions) -> Outcome {
    let result = load_file(input).and_then(|loaded| {
        let output = default_output_for(&loaded);
        let built = toolkit.build(&loaded, options)?;
        write_atomically(&output, &built.pdf)?;
        Ok((output, built.diagnostics))
    });
    match result {
        Ok((output, warnings)) => Outcome::Built { output, warnings },
        Err(failure) => Outcome::Failed(failure),
    }
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
}
