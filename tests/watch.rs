//! Watch mode: an edited paragraph is rebuilt in-process and lands in the PDF.

mod support;

use gongkai::typeset_text::pages;
use std::path::Path;

#[test]
fn rebuild_picks_up_an_edit_and_keeps_errors_from_overwriting_the_pdf() {
    let dir = std::env::temp_dir().join(format!("gongkai-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("2024.toml");
    let output = dir.join("b.pdf");
    let sample =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(gongkai::SAMPLE_PATH))
            .unwrap();
    std::fs::write(&input, &sample).unwrap();
    let toolkit = support::toolkit();
    let report = gongkai::watch::rebuild(toolkit, &input, &output, false).unwrap();
    assert!(report.contains("已更新"), "{report}");

    let edited = sample.replace(
        "我单位是独立核算单位。",
        "我单位是独立核算单位，编制十二人。",
    );
    assert_ne!(edited, sample);
    std::fs::write(&input, &edited).unwrap();
    gongkai::watch::rebuild(toolkit, &input, &output, false).unwrap();
    let loaded = gongkai::input::load_file(&input).unwrap();
    let built = toolkit
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap();
    assert_eq!(
        std::fs::read(&output).unwrap(),
        built.pdf,
        "the written PDF is the new one"
    );
    let text: String = pages(&built.document).iter().map(|p| p.joined()).collect();
    assert!(text.replace(' ', "").contains("编制十二人"));

    // A broken save leaves the last good PDF in place.
    std::fs::write(&input, "[unit]\nname = ").unwrap();
    assert!(gongkai::watch::rebuild(toolkit, &input, &output, false).is_err());
    assert_eq!(std::fs::read(&output).unwrap(), built.pdf);
    std::fs::remove_dir_all(&dir).unwrap();
}
