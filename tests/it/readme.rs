//! The README's example command lines run as written. Each `cargo run --release --`
//! line of a ```sh block (other than `watch`, which never ends) runs with this build's
//! binary in a scratch copy of the repository's data, where `data/x/2024.toml` — the
//! README's "your file" — is sample 003. Each must succeed, and a `# → …` note names a
//! file it must write. The README's table of error codes is checked against the code
//! registry here too (the rule table is checked in `validate::rules`).

use crate::support;

use std::collections::BTreeSet;
use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The lines of the README's ```sh blocks, but for a block right after a
/// `<!-- readme test: not run, … -->` line (a workflow with a manual step).
fn shell_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inside = false;
    let mut skip = false;
    let mut previous = "";
    for line in text.lines() {
        match (inside, line.trim()) {
            (false, "```sh") => {
                inside = true;
                skip = previous.starts_with("<!-- readme test: not run");
            }
            (true, "```") => inside = false,
            (true, l) if !skip && !l.is_empty() && !l.starts_with('#') => lines.push(l.to_string()),
            _ => {}
        }
        previous = line.trim();
    }
    lines
}

/// Splits a command line into words, honouring double quotes; stops at a comment.
fn words(line: &str) -> (Vec<String>, String) {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            '#' if !quoted && !started => return (words, line[i + 1..].trim().to_string()),
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    (words, String::new())
}

fn contains_file(dir: &Path, name: &str) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            contains_file(&path, name)
        } else {
            e.file_name() == name
        }
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn the_readme_examples_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let commands: Vec<String> = shell_lines(&readme())
        .into_iter()
        .filter(|l| l.starts_with("cargo run --release --"))
        .collect();
    assert!(
        commands.len() >= 10,
        "the README shows its examples: {commands:?}"
    );
    let mut ran = 0;
    for (n, line) in commands.iter().enumerate() {
        let (words, comment) = words(line.trim_start_matches("cargo run --release --"));
        if words.first().is_some_and(|w| w == "watch") {
            continue; // runs until interrupted; tests/it/watch.rs runs it
        }
        // Each example starts from a fresh copy, as a reader trying it would.
        let dir = support::scratch("readme", &n.to_string());
        copy_dir(&root.join("data"), &dir.join("data"));
        std::fs::create_dir_all(dir.join("data/x")).unwrap();
        std::fs::copy(
            root.join("data/qingshan-bigdata/2024.toml"),
            dir.join("data/x/2024.toml"),
        )
        .unwrap();
        std::fs::create_dir_all(dir.join("my-templates/parts")).unwrap();
        std::fs::write(
            dir.join("my-templates/parts/part4.typ"),
            "= 第四部分　重点工作完成情况\n\n本单位自定。\n",
        )
        .unwrap();
        if words[0] == "import" {
            // The reader's workbook: sample 003's tables exported exactly; the import
            // then writes the file afresh.
            let (workbook, target) = (&words[1], &words[words.len() - 1]);
            let export = support::gongkai(
                &[
                    "export",
                    "xlsx",
                    "data/x/2024.toml",
                    "--exact",
                    "-o",
                    workbook,
                ],
                &dir,
            );
            assert!(
                export.status.success(),
                "{}",
                String::from_utf8_lossy(&export.stderr)
            );
            let _ = std::fs::remove_file(dir.join(target));
        }
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        let result = support::gongkai(&args, &dir);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            result.status.success(),
            "README line `{line}` failed:\n{stderr}"
        );
        if let Some(out) = comment
            .strip_prefix("→ ")
            .map(|c| c.split_whitespace().next().unwrap())
        {
            // `out/…` from where the command runs; a bare name wherever it was written.
            let found = if out.contains('/') {
                dir.join(out).is_file()
            } else {
                contains_file(&dir, out)
            };
            assert!(found, "`{line}` did not write {out}:\n{stderr}");
        }
        ran += 1;
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(ran >= 10);
}

#[test]
fn the_comment_splitter_keeps_quoted_words() {
    let (w, c) = words(r#" init data/new-unit --unit "武汉市某某 中心" --year 2025   # skeleton"#);
    assert_eq!(
        w,
        [
            "init",
            "data/new-unit",
            "--unit",
            "武汉市某某 中心",
            "--year",
            "2025"
        ]
    );
    assert_eq!(c, "skeleton");
}

/// The codes a README table row names: `E0001, E0002`, or a range `E0100–E0105`
/// standing for the registered codes in it.
fn row_codes(cell: &str, registered: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for part in cell.split(',').map(str::trim) {
        match part.split_once('–') {
            Some((from, to)) => {
                assert!(
                    registered.contains(from) && registered.contains(to),
                    "README range {part}: its ends are not registered codes"
                );
                codes.extend(
                    registered
                        .iter()
                        .filter(|c| **c >= from && **c <= to && c[..1] == from[..1])
                        .map(|c| c.to_string()),
                );
            }
            None => {
                codes.insert(part.to_string());
            }
        }
    }
    codes
}

/// Table rows of the README section that starts with `heading`.
fn table_rows(text: &str, heading: &str) -> Vec<Vec<String>> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("README has {heading}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_readme_error_table_is_the_registry() {
    let registered: BTreeSet<&str> = gongkai::base::codes::ALL.iter().map(|c| c.code).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for row in table_rows(&readme(), "## Errors") {
        for code in row_codes(&row[0], &registered) {
            assert!(
                registered.contains(code.as_str()),
                "README names {code}, which the registry does not have"
            );
            assert!(seen.insert(code.clone()), "README lists {code} twice");
        }
    }
    let missing: Vec<_> = registered.iter().filter(|c| !seen.contains(**c)).collect();
    assert!(
        missing.is_empty(),
        "registered but not in the README's table: {missing:?}"
    );
}
