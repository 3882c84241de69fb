//! `gongkai watch`: rebuild on every save, in one process, with Typst's cache kept warm
//! so an edited paragraph costs a fraction of a cold build.

use crate::diag::Failure;
use crate::input::load_file;
use crate::output::write_atomically;
use crate::report::summary;
use crate::{BuildOptions, Toolkit};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

/// How often the input's modification time is looked at.
const POLL: Duration = Duration::from_millis(150);

/// One rebuild: load, build with a warm cache, write. Returns what to print.
pub fn rebuild(
    toolkit: &Toolkit,
    input: &Path,
    output: &Path,
    draft: bool,
) -> Result<String, Failure> {
    let started = Instant::now();
    let loaded = load_file(input)?;
    let options = BuildOptions {
        draft,
        keep_cache: true,
    };
    let built = toolkit.build(&loaded, options)?;
    write_atomically(output, &built.pdf)?;
    let mut text = String::new();
    for d in &built.diagnostics {
        text.push_str(&d.to_string());
        text.push('\n');
    }
    text.push_str(&format!(
        "已更新 {}（{} ms，{}）",
        output.display(),
        started.elapsed().as_millis(),
        summary(&built.diagnostics)
    ));
    Ok(text)
}

/// Watches `input` until interrupted (or for `rounds` changes, for tests).
pub fn watch(toolkit: &Toolkit, input: &Path, output: &Path, draft: bool, rounds: Option<usize>) {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut seen: Option<SystemTime> = None;
    let mut last_problems = String::new();
    let mut done = 0;
    eprintln!("正在监视 {}（Ctrl+C 结束）", input.display());
    loop {
        let now = modified(input);
        if now.is_some() && now != seen {
            seen = now;
            match rebuild(toolkit, input, output, draft) {
                Ok(report) => {
                    eprintln!("{report}");
                    last_problems.clear();
                }
                Err(failure) => {
                    // Print the diagnostics only when they change, not on every save.
                    let text = failure.to_string();
                    if text != last_problems {
                        eprint!("{text}");
                        last_problems = text;
                    }
                    eprintln!(
                        "未更新 PDF：{}；保存修改后自动重试。",
                        summary(&failure.diagnostics)
                    );
                }
            }
            done += 1;
            if rounds.is_some_and(|r| done >= r) {
                return;
            }
        }
        std::thread::sleep(POLL);
    }
}
