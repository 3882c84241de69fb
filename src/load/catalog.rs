//! Reading the catalog overlay an input names (`settings.catalog`): a file, or every
//! `*.toml` under a directory, bounded so that a path such as "/" cannot walk the disk.

use crate::base::diag::{Diagnostic, Failure, SourceFile};
use crate::input::Loaded;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Bounds on what `settings.catalog` may make us read: a catalog is a handful of small
/// files, and a path such as "/" must not walk the whole disk.
const MAX_FILES: usize = 200;
const MAX_DEPTH: usize = 4;
const MAX_BYTES: u64 = 8 << 20;

/// The catalog files at `path`: the file itself, or every `*.toml` under the directory
/// in path order. The error is the message for E0260.
pub fn read(path: &Path) -> Result<Vec<SourceFile>, String> {
    let meta = std::fs::metadata(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => format!("找不到科目目录文件或目录：{}", path.display()),
        _ => format!("无法读取科目目录：{}（{err}）", path.display()),
    })?;
    let paths = if meta.is_dir() {
        let mut paths = Vec::new();
        collect_toml(path, 0, &mut paths)?;
        if paths.is_empty() {
            return Err(format!("目录 {} 中没有 .toml 科目目录文件", path.display()));
        }
        paths.sort();
        paths
    } else if meta.is_file() {
        vec![path.to_path_buf()]
    } else {
        return Err(format!("{} 不是普通文件或目录", path.display()));
    };
    paths
        .into_iter()
        .map(|p| {
            if std::fs::metadata(&p).is_ok_and(|m| m.len() > MAX_BYTES) {
                return Err(format!(
                    "科目目录文件过大（超过 {} MB）：{}",
                    MAX_BYTES >> 20,
                    p.display()
                ));
            }
            let bytes = std::fs::read(&p)
                .map_err(|err| format!("无法读取科目目录文件：{}（{err}）", p.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("科目目录文件不是 UTF-8 编码：{}", p.display()))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            Ok(SourceFile::new(p, text))
        })
        .collect()
}

fn collect_toml(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|err| format!("无法读取目录：{}（{err}）", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        // Symbolic links to directories are not followed (no loops).
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && depth < MAX_DEPTH {
            collect_toml(&path, depth + 1, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            out.push(path);
        }
        if out.len() > MAX_FILES {
            return Err(format!(
                "{} 下的 .toml 文件超过 {MAX_FILES} 个，这不像一个科目目录",
                dir.display()
            ));
        }
    }
    Ok(())
}

/// E0260, pointing at `settings.catalog` in the input.
pub fn unreadable(loaded: &Loaded, setting: &Spanned<String>, message: String) -> Failure {
    Diagnostic::error("E0260", message)
        .field("settings.catalog")
        .at_span(&loaded.source, setting.span())
        .help("settings.catalog 写科目目录文件或目录的路径，相对于本输入文件所在的目录，如 \"../catalog.toml\"")
        .into()
}
