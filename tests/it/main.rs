//! The integration tests, as one test binary (`cargo test --test it`): a module per
//! suite, sharing `support` (running the command, reading typeset pages, and each sample
//! booklet built once per run) and `import_books` (workbooks built in code).
//!
//! One binary instead of one per suite: Typst and the other dependencies are linked
//! once, not 24 times, and a sample booklet typeset for one suite serves all the
//! others (`support::samples`). Run one suite with `cargo test --test it cli::`, one
//! test with `cargo test --test it cli::check_exit_codes`. The data the suites read
//! stays beside this directory: `tests/check/`, `tests/expected/`, `tests/inputs/`,
//! `tests/editions/`, `tests/catalogs/`.

mod import_books;
mod support;

mod amount_unit;
mod back_matter_checks;
mod budget_cases;
mod catalog;
mod check_corpus;
mod cli;
mod draft;
mod editions;
mod escaping;
mod export;
mod import;
mod import_budget;
mod init;
mod layout;
mod narrative;
mod narrative_cases;
mod publication;
mod readme;
mod robustness;
mod typeset_back_matter;
mod typeset_budget;
mod typeset_tables;
mod typst_source;
mod watch;

/// A test file put directly under `tests/` would be a test binary of its own, linking
/// Typst again: suites go into this binary as modules.
#[test]
fn every_suite_is_a_module_of_this_binary() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let crates: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") || p.join("main.rs").is_file())
        .map(|p| p.strip_prefix(&tests).unwrap().display().to_string())
        .collect();
    assert_eq!(crates, ["it"], "test crates under tests/: {crates:?}");
}
