//! Parsing an input file's text into [`Input`], with TOML and type errors turned into
//! Chinese diagnostics that name the file, line, column and field.

use super::Input;
use crate::base::diag::{Diagnostic, Failure, SourceFile};
use crate::base::toml_error::toml_error;
use std::path::{Path, PathBuf};

/// A parsed input together with the text it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub source: SourceFile,
    pub input: Input,
}

impl Loaded {
    /// Last year's input file, when `previous` names one: relative to this file.
    pub fn previous_path(&self) -> Option<PathBuf> {
        match self.input.previous.as_ref()?.get_ref() {
            super::narrative::Previous::File(name) => Some(
                self.source
                    .path
                    .parent()
                    .map_or_else(|| name.into(), |dir| dir.join(name)),
            ),
            super::narrative::Previous::Figures(_) => None,
        }
    }
}

/// The largest input file gongkai reads: 1 MiB, thirty times the largest sample. A
/// bigger file is not a yearly booklet's data (it would print thousands of pages), and
/// refusing it up front bounds the time and memory any input can take.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

pub fn too_large(path: &Path, size: Option<usize>) -> Failure {
    let size = size.map_or_else(|| "超过 1 MB".to_string(), |n| format!("{n} 字节"));
    Failure::new(
        Diagnostic::error(
            "E0005",
            format!(
                "输入文件过大（{size}）：一个单位一年的决算数据不会超过 {MAX_INPUT_BYTES} 字节（1 MB）"
            ),
        )
        .in_file(path)
        .help("请确认选对了文件；长篇文字请分段，附件材料不要粘贴进输入文件"),
    )
}

pub fn load_str(path: &Path, text: &str) -> Result<Loaded, Failure> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(too_large(path, Some(text.len())));
    }
    let source = SourceFile::new(path, text.strip_prefix('\u{feff}').unwrap_or(text));
    match toml::from_str::<Input>(&source.text) {
        Ok(input) => Ok(Loaded { source, input }),
        Err(err) => Err(Failure::new(toml_error(&source, &err))),
    }
}
