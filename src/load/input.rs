//! Reading an input file from disk: bounded in size, regular files only, UTF-8.

use crate::base::diag::{Diagnostic, Failure};
use crate::input::{load_str, too_large, Loaded, MAX_INPUT_BYTES};
use std::path::Path;

/// Reads at most one byte more than [`MAX_INPUT_BYTES`], so no file is read whole
/// before its size is known.
fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() <= MAX_INPUT_BYTES).then_some(bytes))
}

pub fn load_file(path: &Path) -> Result<Loaded, Failure> {
    refuse_non_regular(path)?;
    let bytes = read_bounded(path).map_err(|err| {
        let what = match err.kind() {
            std::io::ErrorKind::NotFound => "找不到输入文件".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有权限读取输入文件".to_string(),
            _ => format!("无法读取输入文件（{err}）"),
        };
        Diagnostic::error("E0001", format!("{what}：{}", path.display()))
            .in_file(path)
            .help("请检查文件路径是否正确，例如 data/单位目录/2024.toml")
    })?;
    let Some(bytes) = bytes else {
        return Err(too_large(path, None));
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            "E0002",
            format!(
                "输入文件不是 UTF-8 编码（第 {} 字节处无法识别）",
                e.utf8_error().valid_up_to()
            ),
        )
        .in_file(path)
        .help("请用 UTF-8 编码保存该文件（记事本“另存为”时选择 UTF-8）")
    })?;
    load_str(path, &text)
}

/// Reading a named pipe or a device would block or never end: only regular files
/// (or links to them) are inputs.
fn refuse_non_regular(path: &Path) -> Result<(), Failure> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // reading reports what is wrong
    };
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "目录"
    } else {
        "命名管道、设备或套接字"
    };
    Err(Failure::new(
        Diagnostic::new(
            &crate::base::codes::NOT_A_FILE,
            format!("输入不是普通文件：{}（是{what}）", path.display()),
        )
        .in_file(path)
        .help("请给出 <单位目录>/<年度>.toml 这样的 TOML 文件"),
    ))
}
