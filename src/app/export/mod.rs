//! `gongkai export xlsx`: the booklet's tables as a workbook, one sheet a table, laid out
//! as printed and drawn from the same grids the PDF is (`tables::grid`), so the shape of
//! a table has one home. The forms (budget 表11, 表12-n) are not grids: they are left out.

pub mod place;
mod xlsx;

pub use xlsx::{figure_value, number_format, workbook, Options, Written};

use crate::base::diag::{Diagnostic, Failure};
use crate::pipeline::Toolkit;
use std::path::{Path, PathBuf};

/// An export done.
pub struct Exported {
    pub path: PathBuf,
    /// Each table written: its label and sheet name.
    pub sheets: Vec<(String, String)>,
    /// Labels of the tables left out (forms).
    pub left_out: Vec<String>,
    /// Warnings of the input (and, in a draft, its errors).
    pub diagnostics: Vec<Diagnostic>,
}

/// An export refused, with the exit code it means: 2 when the input or the command
/// cannot be used, 1 when the input has errors or the file cannot be written.
pub struct Failed {
    pub failure: Failure,
    pub exit_code: u8,
}

fn unusable(failure: Failure) -> Failed {
    Failed {
        failure,
        exit_code: 2,
    }
}

fn faulty(failure: Failure) -> Failed {
    Failed {
        failure,
        exit_code: 1,
    }
}

/// Loads and checks `input` and writes its tables to `output` (atomically), refusing
/// while an error stands unless `options.draft`, and never over the input itself.
pub fn export_xlsx(
    toolkit: &Toolkit,
    input: &Path,
    output: &Path,
    options: &Options,
) -> Result<Exported, Failed> {
    check_output(input, output).map_err(unusable)?;
    let bundle = crate::load::load(input).map_err(unusable)?;
    let checked = toolkit.check(&bundle).map_err(faulty)?;
    if checked.has_errors() && !options.draft {
        return Err(faulty(Failure::many(checked.diagnostics)));
    }
    let written = workbook(&checked.booklet, options).map_err(|e| {
        faulty(Failure::new(Diagnostic::error(
            "B0008",
            format!("无法生成工作簿（这是 gongkai 的缺陷）：{e}"),
        )))
    })?;
    crate::app::output::write_atomically(output, &written.bytes).map_err(faulty)?;
    Ok(Exported {
        path: output.to_path_buf(),
        sheets: written.sheets,
        left_out: written.left_out,
        diagnostics: checked.diagnostics,
    })
}

/// The output must be a workbook's name and must not be the input.
fn check_output(input: &Path, output: &Path) -> Result<(), Failure> {
    if output
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(Failure::new(Diagnostic::error(
            "E0302",
            format!("输出文件应以 .xlsx 结尾：{}", output.display()),
        )));
    }
    let same = input == output
        || matches!(
            (input.canonicalize(), output.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        );
    if same {
        return Err(Failure::new(Diagnostic::error(
            "E0303",
            "输出文件与输入文件相同，拒绝覆盖输入".to_string(),
        )));
    }
    Ok(())
}
