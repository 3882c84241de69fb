//! `gongkai check` on a corpus of faulty inputs (`tests/check/*.toml`), one or more per
//! rule and per input error. What the command prints on stderr, and its exit code, are
//! compared with reviewed insta snapshots in `tests/it/snapshots/`. After a deliberate
//! change: `cargo insta test --test it -- check_corpus::` (or `cargo test` and then)
//! `cargo insta review`, reading each diff before accepting it.

use crate::support;

use std::path::Path;

/// `gongkai check <input>` run from the repository root, as a user would.
fn check_output(relative: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let result = support::gongkai(&["check", relative.to_str().unwrap()], root);
    format!(
        "exit code: {}\n{}",
        result.status.code().unwrap_or(-1),
        String::from_utf8(result.stderr).unwrap()
    )
}

#[test]
fn corpus() {
    insta::glob!("../check", "*.toml", |path| {
        let name = path.file_name().unwrap();
        insta::assert_snapshot!(check_output(&Path::new("tests/check").join(name)));
    });
}

fn snapshots() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("it__check_corpus__"))
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn every_rule_is_exercised_by_the_corpus() {
    let snapshots = snapshots();
    // R101 cannot be provoked by input (totals are computed); validate::printed's unit
    // tests cover it.
    for rule in gongkai::base::rules::ALL
        .iter()
        .filter(|r| r.code != "R101")
    {
        assert!(
            snapshots.contains(&format!("[{}]", rule.code)),
            "no corpus input shows {}",
            rule.code
        );
    }
}

/// Every registered code is shown by a corpus snapshot, or asserted by name in a test
/// (codes of the command line, output and bugs need a setup a TOML file cannot give).
#[test]
fn every_registered_code_is_exercised_by_a_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tests = snapshots();
    let mut stack = vec![root.join("tests")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("check_corpus.rs")
            {
                tests.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    // Unit tests inside src/ that assert a code by name (R101's, for one).
    let mut units = String::new();
    for file in [
        "src/validate/printed.rs",
        "src/app/batch.rs",
        "src/app/output.rs",
        "src/render/mod.rs",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        if let Some(at) = text.find("#[cfg(test)]") {
            units.push_str(&text[at..]);
        }
    }
    // Codes that report a bug in gongkai and that no input can provoke once the bug
    // is fixed; each names the test that guards the behaviour instead.
    let bugs_only = [
        // init --from's next-year file must read back: tests/it/init.rs writes it from
        // hostile text (control characters, quotes, TOML look-alikes) and reads it back.
        "B0006",
        // import's and export's own: the file written must read back, the workbook
        // must build (tests/it/import.rs round-trips every sample through both).
        "B0007", "B0008",
    ];
    let untested: Vec<&str> = gongkai::base::codes::all()
        .map(|c| c.code)
        .filter(|code| !bugs_only.contains(code))
        .filter(|code| {
            !tests.contains(&format!("[{code}]"))
                && !tests.contains(&format!("\"{code}\""))
                && !units.contains(code)
        })
        .collect();
    assert!(
        untested.is_empty(),
        "no test shows these codes: {untested:?}"
    );
}
