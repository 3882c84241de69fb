//! The Typst source gongkai generates for each sample, as a reviewed insta snapshot: a
//! change to a template or to what reaches it shows up here as a diff to read (`cargo
//! insta review`). The figures in it are checked against the reference booklets by
//! `typeset_tables` and `narrative`; this catches every other change.

mod support;

use gongkai::input::load_file;
use std::path::Path;

fn source_of(sample: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Relative, so the snapshot does not depend on where the repository is.
    let loaded = load_file(&root.join(sample)).unwrap_or_else(|f| panic!("{f}"));
    support::toolkit()
        .render(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"))
        .typst_source
}

#[test]
fn sample_000() {
    insta::assert_snapshot!(source_of("data/huangpi-network-ops/2024.toml"));
}

#[test]
fn sample_001() {
    insta::assert_snapshot!(source_of("data/huangpi-bigdata/2022.toml"));
}

#[test]
fn sample_003() {
    insta::assert_snapshot!(source_of("data/qingshan-bigdata/2024.toml"));
}
