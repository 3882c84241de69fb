//! `gongkai check` on a corpus of faulty inputs, one or more per rule. Each input's
//! diagnostics (code, message, location, field) are compared with the snapshot beside
//! it (`*.expected`), which was read and confirmed by hand. Run with
//! `GONGKAI_BLESS=1 cargo test --test check_corpus` to rewrite snapshots after a
//! deliberate change, then review the diff.

mod support;

use gongkai::input::load_str;
use std::path::Path;

fn diagnostics_of(relative: &Path) -> String {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap();
    let result = load_str(relative, &text).and_then(|l| support::toolkit().check(&l));
    let diagnostics = match result {
        Ok(checked) => checked.diagnostics,
        Err(failure) => failure.diagnostics,
    };
    let mut out = String::new();
    for d in &diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out.push_str(&gongkai::report::summary(&diagnostics));
    out.push('\n');
    out
}

#[test]
fn corpus_matches_its_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "the corpus is there");
    let bless = std::env::var_os("GONGKAI_BLESS").is_some();
    let mut differing = Vec::new();
    for input in inputs {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let got = diagnostics_of(&Path::new("tests/check").join(&name));
        let snapshot = input.with_extension("expected");
        if bless {
            std::fs::write(&snapshot, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if got != want {
            differing.push(format!("── {name}\n── expected:\n{want}\n── got:\n{got}"));
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn every_rule_is_exercised_by_the_corpus_or_a_unit_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let snapshots: String = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "expected"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    // R101 cannot be provoked by input (totals are computed); validate::printed's unit
    // tests cover it.
    for rule in gongkai::validate::rules::ALL
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
