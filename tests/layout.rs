//! The layout check (src/layout_check): on every sample booklet under data/, and each
//! rule on a small document built to break it.

mod support;

use gongkai::layout_check::{check, Fault, Finding};
use std::path::Path;
use support::toolkit;

/// Every `data/<unit>/<year>.toml`: the samples, including any added later.
fn samples() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for unit in std::fs::read_dir(root.join("data")).unwrap() {
        let unit = unit.unwrap().path();
        if !unit.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&unit).unwrap() {
            let path = file.unwrap().path();
            let is_year = path.extension().is_some_and(|e| e == "toml")
                && path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()));
            if is_year {
                found.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_sample_booklet_passes_the_layout_check() {
    let samples = samples();
    assert!(samples.len() >= 3, "samples found: {samples:?}");
    let mut failures = Vec::new();
    for sample in &samples {
        let built = support::build_sample(sample);
        for finding in check(&built.document) {
            failures.push(format!("{sample}: {finding}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---- each rule on a document built to break it

/// Typesets `body` with the booklet library (page style, tables, forms) and the
/// project's fonts, through the same function that typesets a booklet.
fn typeset(body: &str) -> Vec<Finding> {
    let source = format!(
        "#import \"lib/booklet.typ\": *\n#import \"lib/forms.typ\": form-table, form-notes, cc, lc, section\n#import \"lib/narrative.typ\": subheading\n#show: booklet.with(running: [页眉])\n#set page(numbering: \"1\")\n{body}"
    );
    let tk = toolkit();
    let document =
        gongkai::typeset::typeset(&source, tk.renderer.typst_library(), &tk.fonts, false)
            .unwrap_or_else(|f| panic!("{f}"));
    check(&document)
}

fn faults(findings: &[Finding]) -> Vec<(usize, Fault)> {
    findings.iter().map(|f| (f.page, f.fault)).collect()
}
