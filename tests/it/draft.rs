//! A draft carries the 草稿 watermark on every page; a clean build carries none.

use crate::support;

use gongkai::load::load_file;
use gongkai::typeset::text::pages;
use gongkai::BuildOptions;
use std::path::Path;

#[test]
fn every_page_of_a_draft_is_watermarked() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/placeholder.toml");
    let loaded = load_file(&path).unwrap();
    let toolkit = support::toolkit();
    assert!(
        toolkit.build(&loaded, BuildOptions::default()).is_err(),
        "errors refuse to print"
    );
    let built = toolkit
        .build(
            &loaded,
            BuildOptions {
                draft: true,
                ..Default::default()
            },
        )
        .unwrap();
    let pages = pages(&built.document);
    assert!(pages.len() > 5);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("草稿"), "page {} has no watermark", i + 1);
    }
    let clean = support::samples::built("data/huangpi-network-ops/2024.toml");
    assert!(pages_of(clean).iter().all(|p| !p.contains("草稿")));
}

fn pages_of(built: &gongkai::Built) -> Vec<gongkai::typeset::text::PageText> {
    pages(&built.document)
}
