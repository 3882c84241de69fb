//! Watch mode: an edited paragraph is rebuilt in-process and lands in the PDF; and the
//! command end to end — started on a broken file, it writes nothing until the file is
//! fixed, then follows edits to the input, to last year's file and to an override
//! template.

use crate::support;

use gongkai::app::watch::Session;
use gongkai::load::load_file;
use gongkai::typeset::text::pages;
use gongkai::Toolkit;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn sample() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(gongkai::SAMPLE_PATH))
        .unwrap()
}

#[test]
fn rebuild_picks_up_an_edit_and_keeps_errors_from_overwriting_the_pdf() {
    let dir = support::scratch("watch", "rebuild");
    let input = dir.join("2024.toml");
    let output = dir.join("b.pdf");
    let sample = sample();
    std::fs::write(&input, &sample).unwrap();
    let toolkit = support::toolkit();
    let mut session = Session {
        toolkit: Toolkit::new(),
        input: input.clone(),
        output: Some(output.clone()),
        draft: false,
        templates: None,
    };
    let rebuilt = session.rebuild().unwrap();
    assert!(rebuilt.report.contains("已更新"), "{}", rebuilt.report);
    assert!(
        rebuilt.report.contains("PDF/A-2b + PDF/UA-1"),
        "the standards met are reported: {}",
        rebuilt.report
    );

    let edited = sample.replace(
        "我单位是独立核算单位。",
        "我单位是独立核算单位，编制十二人。",
    );
    assert_ne!(edited, sample);
    std::fs::write(&input, &edited).unwrap();
    session.rebuild().unwrap();
    let loaded = load_file(&input).unwrap();
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
    assert!(session.rebuild().is_err());
    assert_eq!(std::fs::read(&output).unwrap(), built.pdf);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The sample, reading last year's figures from `2023.toml` instead of a table.
fn with_previous_file(sample: &str) -> String {
    let start = sample.find("[previous]\n").unwrap();
    let end = sample.find("[narrative.reasons]").unwrap();
    format!(
        "previous = \"2023.toml\"\n{}{}",
        &sample[..start],
        &sample[end..]
    )
}

/// Last year's file: the sample as 2023's, with `total` figures a little lower.
fn last_year(general_basic_2023: &str) -> String {
    sample().replace("year = 2024", "year = 2023").replacen(
        "general_basic = ",
        &format!("general_basic = {general_basic_2023} # "),
        1,
    )
}

/// Waits until `path` holds `want`; the watcher rebuilds asynchronously.
fn wait_for(path: &Path, want: &[u8], what: &str, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(180);
    while Instant::now() < deadline {
        if std::fs::read(path).is_ok_and(|b| b == want) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "{what}: {} never became the expected PDF; watch printed:\n{}",
        path.display(),
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// The watch process, stopped however the test ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn expected_pdf(toolkit: &Toolkit, input: &Path) -> Vec<u8> {
    let loaded = load_file(input).unwrap_or_else(|f| panic!("{f}"));
    toolkit
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"))
        .pdf
}

#[test]
fn watch_follows_the_input_last_years_file_and_templates() {
    let dir = support::scratch("watch", "e2e");
    let unit = dir.join("units/demo");
    std::fs::create_dir_all(&unit).unwrap();
    std::fs::create_dir_all(dir.join("mine/parts")).unwrap();
    let part4 = dir.join("mine/parts/part4.typ");
    std::fs::write(&part4, "= 第四部分　重点工作完成情况\n\n第一版。\n").unwrap();
    let input = unit.join("2024.toml");
    std::fs::write(unit.join("2023.toml"), last_year("1000000")).unwrap();
    // Started on a file that does not parse yet.
    std::fs::write(&input, "[unit]\nname = ").unwrap();

    let log = dir.join("watch.log");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["watch", "units/demo/2024.toml", "--templates", "mine"])
        .current_dir(&dir)
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let running = Running(child);

    let deadline = Instant::now() + Duration::from_secs(120);
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("未更新 PDF")
    {
        assert!(
            Instant::now() < deadline,
            "watch did not report the broken file"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let written = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir.join("out"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    assert!(
        written(&dir).is_empty(),
        "nothing is written for a broken file: {:?}",
        written(&dir)
    );

    let toolkit = Toolkit::with_templates(&dir.join("mine")).unwrap();
    let output = dir.join("out/demo-2024.pdf");
    // Fixed: the PDF appears, named after the unit and the year the file gives.
    std::fs::write(&input, with_previous_file(&sample())).unwrap();
    wait_for(
        &output,
        &expected_pdf(&toolkit, &input),
        "input fixed",
        &log,
    );
    // Last year's file edited: the changes against last year are rewritten.
    let before = std::fs::read(&output).unwrap();
    std::fs::write(unit.join("2023.toml"), last_year("900000")).unwrap();
    let want = expected_pdf(&toolkit, &input);
    assert_ne!(want, before, "last year's figures show in the booklet");
    wait_for(&output, &want, "previous edited", &log);
    // An override template edited.
    std::fs::write(&part4, "= 第四部分　重点工作完成情况\n\n第二版。\n").unwrap();
    let toolkit = Toolkit::with_templates(&dir.join("mine")).unwrap();
    wait_for(
        &output,
        &expected_pdf(&toolkit, &input),
        "template edited",
        &log,
    );

    drop(running);
    assert_eq!(written(&dir), [output], "only the unit's PDF was written");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The sample naming an edition file (which extends a built-in one) and a catalog
/// overlay, both beside the unit's directory.
fn with_edition_and_catalog(sample: &str) -> String {
    sample.replace(
        "edition = \"wuhan-2024\"",
        "edition = \"../mine-edition.toml\"\ncatalog = \"../mine-catalog.toml\"",
    )
}

fn edition_file(cover: &str) -> String {
    format!(
        "extends = \"wuhan-2024\"\nid = \"mine\"\ndescription = \"测试\"\nyears = []\n\n[document]\ncover = [\"{{year}}年度{{unit}}\", \"{cover}\"]\n"
    )
}

fn catalog_file(name: &str) -> String {
    format!("[[function]]\ncode = \"2013750\"\nname = \"{name}\"\nexplanation = \"反映事业运行的支出。\"\n")
}

/// What the load stage reads for a booklet is what watch watches: the input, the
/// edition file it names (not the built-in one that extends), the catalog overlay and
/// last year's file.
#[test]
fn watch_sources_are_every_file_the_booklet_is_read_from() {
    let dir = support::scratch("watch", "sources");
    let unit = dir.join("demo");
    std::fs::create_dir_all(&unit).unwrap();
    std::fs::write(dir.join("mine-edition.toml"), edition_file("部门决算公开")).unwrap();
    std::fs::write(dir.join("mine-catalog.toml"), catalog_file("事业运行")).unwrap();
    std::fs::write(unit.join("2023.toml"), last_year("1000000")).unwrap();
    let input = unit.join("2024.toml");
    std::fs::write(
        &input,
        with_edition_and_catalog(&with_previous_file(&sample())),
    )
    .unwrap();
    let session = Session {
        toolkit: Toolkit::new(),
        input: input.clone(),
        output: None,
        draft: false,
        templates: None,
    };
    let sources: Vec<String> = session
        .sources()
        .iter()
        .map(|p| p.strip_prefix(&dir).unwrap_or(p).display().to_string())
        .collect();
    assert_eq!(
        sources,
        [
            "demo/2024.toml",
            "demo/../mine-edition.toml",
            "demo/../mine-catalog.toml",
            "demo/2023.toml"
        ],
        "{sources:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn watch_follows_the_edition_file_and_the_catalog_overlay() {
    let dir = support::scratch("watch", "declared");
    let unit = dir.join("units/demo");
    std::fs::create_dir_all(&unit).unwrap();
    let edition = dir.join("units/mine-edition.toml");
    let catalog = dir.join("units/mine-catalog.toml");
    std::fs::write(&edition, edition_file("部门决算公开")).unwrap();
    std::fs::write(&catalog, catalog_file("事业运行")).unwrap();
    let input = unit.join("2024.toml");
    std::fs::write(&input, with_edition_and_catalog(&sample())).unwrap();

    let log = dir.join("watch.log");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["watch", "units/demo/2024.toml"])
        .current_dir(&dir)
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let running = Running(child);
    let toolkit = support::toolkit();
    let output = dir.join("out/demo-2024.pdf");
    wait_for(&output, &expected_pdf(toolkit, &input), "first build", &log);

    // The edition file saved: the cover's second line changes.
    let before = std::fs::read(&output).unwrap();
    std::fs::write(&edition, edition_file("部门决算公开（修订）")).unwrap();
    let want = expected_pdf(toolkit, &input);
    assert_ne!(want, before, "the edition's cover shows in the booklet");
    wait_for(&output, &want, "edition edited", &log);
    let text: String = pages(&gongkai_document(toolkit, &input))
        .iter()
        .map(|p| p.joined())
        .collect();
    assert!(text.replace(' ', "").contains("部门决算公开（修订）"));

    // The catalog overlay saved: the 项's name changes in the tables.
    let before = std::fs::read(&output).unwrap();
    std::fs::write(&catalog, catalog_file("事业运行（网络运维）")).unwrap();
    let want = expected_pdf(toolkit, &input);
    assert_ne!(want, before, "the catalog's name shows in the booklet");
    wait_for(&output, &want, "catalog edited", &log);

    drop(running);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn gongkai_document(toolkit: &Toolkit, input: &Path) -> typst_layout::PagedDocument {
    let loaded = load_file(input).unwrap_or_else(|f| panic!("{f}"));
    toolkit
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"))
        .document
}
