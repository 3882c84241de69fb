//! The layout check (src/layout_check): on every sample booklet under data/, and each
//! rule on a small document built to break it.

use crate::support;

use gongkai::typeset::layout_check::{check, Fault, Finding};
use std::path::Path;
use support::toolkit;

/// Every booklet input under data/, by the rule the batch build uses (`<unit>/<year>.toml`):
/// the samples, including any added later.
fn samples() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    gongkai::app::batch::collect_inputs(&[root.join("data")])
        .unwrap_or_else(|f| panic!("{f}"))
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_sample_booklet_passes_the_layout_check() {
    let samples = samples();
    assert!(samples.len() >= 3, "samples found: {samples:?}");
    let mut failures = Vec::new();
    for sample in &samples {
        let built = support::samples::built(sample);
        for finding in check(&built.document) {
            failures.push(format!("{sample}: {finding}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---- each rule on a document built to break it, and the library keeping to it

/// Typesets `body` after `preamble`, importing the booklet library, with the project's
/// fonts, through the same function that typesets a booklet; returns the findings.
fn findings(preamble: &str, body: &str) -> Vec<Finding> {
    check(&typeset(preamble, body))
}

fn typeset(preamble: &str, body: &str) -> typst_layout::PagedDocument {
    let source = format!(
        "#import \"lib/booklet.typ\": *\n#import \"lib/forms.typ\": form-table, form-notes, section-head, section, closing\n#import \"lib/narrative.typ\": subheading\n{preamble}\n{body}"
    );
    let tk = toolkit();
    gongkai::typeset::typeset(&source, tk.renderer.typst_library(), &tk.fonts, false)
        .unwrap_or_else(|f| panic!("{f}"))
}

/// A bare A4 document: none of the booklet's rules.
const BARE: &str = "#set page(paper: \"a4\", margin: 2cm)\n#set text(font: \"Noto Serif CJK SC\", size: 12pt, lang: \"zh\")";
/// The booklet's page style and rules, with running header and page numbers.
const BOOKLET: &str = "#show: booklet.with(running: [页眉])\n#set page(numbering: \"1\")";

fn faults(findings: &[Finding]) -> Vec<(usize, Fault)> {
    findings.iter().map(|f| (f.page, f.fault)).collect()
}

fn has(findings: &[Finding], fault: Fault) -> bool {
    findings.iter().any(|f| f.fault == fault)
}

/// `n` lines of running text.
fn filler(n: usize) -> String {
    (0..n)
        .map(|i| format!("第{i}段正文，用来占满版面。"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_note_alone_on_a_page_is_found() {
    let f = findings(
        BOOKLET,
        "正文。\n#pagebreak()\n#block[注：本表反映部门本年度各项支出情况。] <gk-note>",
    );
    assert_eq!(faults(&f), [(2, Fault::LonelyNote)], "{f:?}");
    // The running header and page number are furniture, not content.
    assert!(f[0].text.starts_with("注：本表反映"), "{f:?}");
}

#[test]
fn table_notes_never_stand_alone() {
    // However far down the page the table ends, its note goes with its last row.
    let mut seen_pages = std::collections::BTreeSet::new();
    for space in (560..=680).step_by(8) {
        let rows: String = (1..=4)
            .map(|i| format!("bcell[{i}], bcell[项目{i}], bcell(align: right)[1.00], "))
            .collect();
        let body = format!(
            "#block(height: {space}pt)\n#grid-table(widths: (3em, 1fr, 6em), header: (hcell[行次], hcell[项目], hcell[金额]), body: ({rows}))\n#table-notes(notes: ([注：本表反映部门本年度各项支出情况。],))"
        );
        let document = typeset(BOOKLET, &body);
        let f = check(&document);
        assert!(!has(&f, Fault::LonelyNote), "space {space}: {f:?}");
        seen_pages.insert(document.pages().len());
    }
    // The placements tried include tables ending on the first page and on the second.
    assert_eq!(seen_pages.len(), 2, "{seen_pages:?}");
}

#[test]
fn the_tail_of_a_table_alone_on_a_page_is_found() {
    let rows: String = (1..=4).map(|i| format!("[{i}], [项目{i}], ")).collect();
    let body = format!(
        "#block(height: 610pt)\n#table(columns: 2, rows: 30pt, table.header([行次], [项目]), {rows})"
    );
    let f = findings(BOOKLET, &body);
    assert_eq!(faults(&f), [(2, Fault::LonelyFragment)], "{f:?}");
    // A continuation that fills the page is not a fragment.
    let rows: String = (1..=40).map(|i| format!("[{i}], [项目{i}], ")).collect();
    let body = format!(
        "#block(height: 610pt)\n#table(columns: 2, rows: 30pt, table.header([行次], [项目]), {rows})"
    );
    assert_eq!(faults(&findings(BOOKLET, &body)), []);
}

#[test]
fn a_heading_or_subheading_ending_a_page_is_found() {
    let f = findings(
        BOOKLET,
        "= 第一部分　概况\n正文。\n== 一、部门主要职责\n#pagebreak()\n正文。",
    );
    assert_eq!(faults(&f), [(1, Fault::StrandedHeading)], "{f:?}");
    assert_eq!(f[0].text, "一、部门主要职责");
    let f = findings(
        BOOKLET,
        "正文。\n#subheading[（一）收入支出总体情况]\n#pagebreak()\n正文。",
    );
    assert_eq!(faults(&f), [(1, Fault::StrandedHeading)], "{f:?}");
}

#[test]
fn a_lead_in_ending_a_page_is_found() {
    let f = findings(
        BOOKLET,
        "正文。\n\n1.一般公共服务支出具体包括：\n#pagebreak()\n（1）正文。",
    );
    assert_eq!(faults(&f), [(1, Fault::StrandedLeadIn)], "{f:?}");
}

#[test]
fn headings_subheadings_and_lead_ins_stay_with_what_follows() {
    // Wherever the page breaks, the booklet's rules move them over with their text.
    let blocks = [
        "== 五、一般公共预算财政拨款支出决算情况说明",
        "#subheading[（一）一般公共预算财政拨款支出决算总体情况]",
        "4.住房保障支出具体包括：",
    ];
    for block in blocks {
        for lines in 38..=46 {
            let body = format!("{}\n\n{block}\n\n{}", filler(lines), filler(6));
            let f = findings(BOOKLET, &body);
            assert!(
                !has(&f, Fault::StrandedHeading) && !has(&f, Fault::StrandedLeadIn),
                "{block} after {lines} lines: {f:?}"
            );
        }
    }
}

#[test]
fn a_part_title_on_two_lines_is_found() {
    let long = "第三部分　".to_string() + &"很长的单位名称".repeat(9);
    let f = findings(BOOKLET, &format!("= {long}\n正文。"));
    assert_eq!(faults(&f), [(1, Fault::SplitPartTitle)], "{f:?}");
}

#[test]
fn long_part_titles_are_set_on_one_line() {
    let title = "第三部分　武汉市黄陂区大数据中心（本级）2022年度部门决算情况说明";
    assert_eq!(
        faults(&findings(BOOKLET, &format!("= {title}\n正文。"))),
        []
    );
    // A plain heading of that length wraps: the booklet's rule is what keeps it whole.
    let f = findings(
        BARE,
        &format!("#show heading: set text(size: 16pt)\n= {title}\n正文。"),
    );
    assert_eq!(faults(&f), [(1, Fault::SplitPartTitle)], "{f:?}");
}

#[test]
fn a_table_going_on_without_its_header_is_found() {
    let rows: String = (1..=80).map(|i| format!("[{i}], [项目{i}], ")).collect();
    let f = findings(BARE, &format!("#table(columns: 2, [行次], [项目], {rows})"));
    assert!(
        f.iter()
            .any(|x| x.page == 2 && x.fault == Fault::HeaderlessContinuation),
        "{f:?}"
    );
    // Declared as a header, the same row is repeated and the table passes.
    let f = findings(
        BARE,
        &format!("#table(columns: 2, table.header([行次], [项目]), {rows})"),
    );
    assert!(!has(&f, Fault::HeaderlessContinuation), "{f:?}");
}

#[test]
fn form_sections_repeat_their_heads_over_a_page() {
    let rows: String = (1..=60)
        .map(|i| format!("[事业运行], [服务费{i}], [商品和服务支出], [{i}], "))
        .collect();
    let body = format!(
        "#form-table(columns: (1fr, 1fr, 1fr, 1fr), [项目名称], table.cell(colspan: 3)[某项目], section-head(section(colspan: 4)[项目支出明细测算], [项目活动], [活动内容表述], [支出经济分类], [金额]), {rows})"
    );
    let f = findings(BOOKLET, &body);
    assert_eq!(faults(&f), [], "{f:?}");
}

#[test]
fn a_one_character_last_line_in_a_cell_is_found() {
    let f = findings(
        BARE,
        "#set text(size: 9pt)\n#table(columns: (5.8em, 1fr), inset: (x: 3pt), [上级补助收入], [1.00])",
    );
    assert_eq!(faults(&f), [(1, Fault::OneCharacterWrap)], "{f:?}");
    assert_eq!(f[0].text, "上级补助收 / 入");
}

#[test]
fn booklet_tables_avoid_one_character_last_lines() {
    let f = findings(
        BOOKLET,
        "#grid-table(widths: (5.8em, 1fr), header: (hcell[上级补助收入], hcell[上缴上级支出]), body: (bcell(align: right)[1.00], bcell(align: right)[2.00]))",
    );
    assert_eq!(faults(&f), [], "{f:?}");
}

#[test]
fn a_row_without_a_line_of_text_is_found() {
    let f = findings(
        BARE,
        "#table(columns: 2, inset: 2pt, [合计], [小计], [], [])",
    );
    assert_eq!(faults(&f), [(1, Fault::ShortRow)], "{f:?}");
    // The booklet's table gives an empty row the height of a line.
    let f = findings(
        BOOKLET,
        "#grid-table(widths: (1fr, 1fr), header: (hcell[合计], hcell[小计]), body: (bcell[], bcell[]))",
    );
    assert_eq!(faults(&f), [], "{f:?}");
}

#[test]
fn an_amount_broken_from_its_unit_is_found_and_the_booklet_keeps_them_together() {
    let mut found = 0;
    for lead in 0..16 {
        let text = format!(
            "#block(width: 12em, par(justify: true)[{}支出决算852.68万元，完成年初预算的78.1%。])",
            "正".repeat(lead)
        );
        found += usize::from(has(&findings(BARE, &text), Fault::SplitAmount));
        let f = findings(BOOKLET, &text);
        assert!(!has(&f, Fault::SplitAmount), "lead {lead}: {f:?}");
    }
    assert!(
        found > 0,
        "no placement broke the amount without the booklet's rule"
    );
}

#[test]
fn a_figure_pressed_against_its_border_is_found() {
    let f = findings(
        BARE,
        "#set text(size: 8pt)\n#table(columns: (1fr, 4.2em), inset: 1pt, align: right, [合计], [1,463.06])",
    );
    assert_eq!(faults(&f), [(1, Fault::CrowdedFigure)], "{f:?}");
    assert!(f[0].text.starts_with("1,463.06"), "{f:?}");
    // The booklet's table keeps its figures 3 pt from the rules.
    let f = findings(
        BOOKLET,
        "#grid-table(widths: (1fr, 4.8em), size: 8pt, header: (hcell[项目], hcell[金额]), body: (bcell[合计], bcell(align: right)[1,463.06]))",
    );
    assert_eq!(faults(&f), [], "{f:?}");
}
