//! Writing outputs atomically: a PDF is written to a temporary file beside its target
//! and renamed over it, so a failed run never leaves a partial or broken file, and an
//! existing booklet is only replaced by a complete new one.

use crate::base::codes;
use crate::base::diag::{Diagnostic, Failure};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |what: &str, err: std::io::Error| {
        Failure::new(
            Diagnostic::new(
                &codes::OUTPUT_UNWRITABLE,
                format!("无法写入输出文件 {}：{what}（{err}）", path.display()),
            )
            .help("请检查输出目录是否存在、是否有写权限，以及该文件是否正被其他程序打开"),
        )
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail("无法创建目录", e))?;
    let file_name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    remove_stale_temporaries(&dir, &file_name);
    let tmp = dir.join(temporary_name(&file_name, std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail("写入失败", err));
    }
    Ok(())
}

/// `.a.pdf.1234.tmp`: hidden, and named after the process that writes it.
fn temporary_name(file_name: &str, pid: u32) -> String {
    format!(".{file_name}.{pid}.tmp")
}

/// A run killed while writing (Ctrl+C, power cut) leaves its temporary file behind:
/// remove those of `file_name` whose process is gone.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid, &entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` still runs. Where there is no `/proc`, a temporary file
/// younger than a day is assumed to belong to a running process.
fn process_alive(pid: u32, tmp: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    let age = std::fs::metadata(tmp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok());
    age.is_none_or(|a| a.as_secs() < 24 * 3600)
}

/// Refuses an output that is not a PDF, or that is the input itself however the two
/// paths are spelled (`a.pdf` and `./a.pdf`, a symbolic link).
pub fn check_output(output: &Path, input: Option<&Path>) -> Result<(), Failure> {
    if output.extension().is_none_or(|e| e != "pdf") {
        return Err(Failure::new(Diagnostic::new(
            &codes::OUTPUT_NOT_PDF,
            format!("输出文件应以 .pdf 结尾：{}", output.display()),
        )));
    }
    if input.is_some_and(|input| same_file(input, output)) {
        return Err(Failure::new(
            Diagnostic::new(
                &codes::OUTPUT_IS_INPUT,
                format!("输出文件 {} 就是输入文件，拒绝覆盖输入", output.display()),
            )
            .help("请用 -o 另给一个输出文件名"),
        ));
    }
    Ok(())
}

/// Whether two paths name one existing file (compared after resolving `.`, `..` and
/// links). A path that does not exist is no existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gongkai-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn temporaries(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = scratch("replace");
        let target = dir.join("sub").join("a.pdf");
        write_atomically(&target, b"first").unwrap();
        write_atomically(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        assert!(temporaries(target.parent().unwrap()).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_dead_process_temporary_is_removed_a_live_one_kept() {
        let dir = scratch("stale");
        std::fs::create_dir_all(&dir).unwrap();
        // A child that has exited: its pid names no running process (until reused).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let live = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        for pid in [dead, live.id()] {
            std::fs::write(dir.join(temporary_name("a.pdf", pid)), b"partial").unwrap();
        }
        std::fs::write(dir.join(temporary_name("b.pdf", dead)), b"other target").unwrap();
        write_atomically(&dir.join("a.pdf"), b"booklet").unwrap();
        let mut left = temporaries(&dir);
        left.sort();
        let mut want = vec![
            temporary_name("a.pdf", live.id()),
            temporary_name("b.pdf", dead),
        ];
        want.sort();
        assert_eq!(left, want);
        let mut live = live;
        live.kill().unwrap();
        live.wait().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn output_spelled_differently_from_the_input_is_still_the_input() {
        let dir = scratch("alias");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let input = dir.join("a.pdf");
        std::fs::write(&input, b"[unit]").unwrap();
        let other = dir.join("sub/../a.pdf");
        let failure = check_output(&other, Some(&input)).unwrap_err();
        assert_eq!(failure.diagnostics[0].code, "E0303");
        assert!(check_output(&dir.join("b.pdf"), Some(&input)).is_ok());
        let failure = check_output(&dir.join("b.txt"), Some(&input)).unwrap_err();
        assert_eq!(failure.diagnostics[0].code, "E0302");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
