//! The Typst source gongkai generates for each sample under `data/`, as a reviewed insta
//! snapshot: a change to a template or to what reaches it shows up here as a diff to
//! read (`cargo insta review`). The figures in it are checked against the reference
//! booklets by `typeset_tables`, `typeset_budget` and `narrative`; this catches every
//! other change.

use crate::support;

use gongkai::app::batch::is_unit_file;
use gongkai::load::load_file;

#[test]
fn every_sample() {
    insta::glob!("../../data", "*/*.toml", |path| {
        if !is_unit_file(path) {
            return;
        }
        let loaded = load_file(path).unwrap_or_else(|f| panic!("{f}"));
        let source = support::toolkit()
            .render(&loaded, gongkai::BuildOptions::default())
            .unwrap_or_else(|f| panic!("{f}"))
            .typst_source;
        insta::assert_snapshot!(source);
    });
}
