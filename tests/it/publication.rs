//! The PDF as published: reproducible to the byte, archival (PDF/A-2b) and tagged
//! (PDF/UA-1) metadata, and bookmarks for the six parts and nine tables.

use crate::support;

use support::{build_sample, samples};

/// The text strings of a PDF dictionary key (`/Title`, `/Alt`), written as UTF-16BE
/// in hex (`/Title<FEFF…>`).
fn pdf_strings(pdf: &[u8], key: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let marker = format!("/{key}<FEFF");
    text.match_indices(marker.as_str())
        .filter_map(|(i, m)| {
            let hex = &text[i + m.len()..];
            let hex = &hex[..hex.find('>')?];
            let units: Vec<u16> = (0..hex.len() / 4)
                .map(|k| u16::from_str_radix(&hex[4 * k..4 * k + 4], 16).unwrap())
                .collect();
            Some(String::from_utf16_lossy(&units))
        })
        .collect()
}

#[test]
fn same_input_gives_the_same_bytes() {
    // The build the other suites read, and a second one.
    let a = samples::built("data/qingshan-bigdata/2024.toml");
    let b = build_sample("data/qingshan-bigdata/2024.toml");
    assert!(a.pdf == b.pdf, "two builds differ");
    // The date inside is the publication date, never the clock.
    let text = String::from_utf8_lossy(&a.pdf);
    assert!(text.contains("<xmp:CreateDate>2025-11-05T00:00:00Z</xmp:CreateDate>"));
}

#[test]
fn metadata_declares_pdfa_2b_pdfua_1_title_and_language() {
    let built = samples::built("data/huangpi-network-ops/2024.toml");
    let xmp = String::from_utf8_lossy(&built.pdf);
    for wanted in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "<rdf:li xml:lang=\"x-default\">2024年度武汉市黄陂区网络运维服务中心部门决算公开</rdf:li>",
        "<rdf:li>武汉市黄陂区网络运维服务中心</rdf:li>",
        "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>",
        "/MarkInfo",
    ] {
        assert!(xmp.contains(wanted), "missing {wanted}");
    }
}

#[test]
fn bookmarks_list_the_parts_and_tables() {
    let built = samples::built("data/huangpi-bigdata/2022.toml");
    let titles = pdf_strings(&built.pdf, "Title");
    let parts: Vec<&String> = titles
        .iter()
        .filter(|t| t.starts_with("第") && t.contains("部分"))
        .collect();
    assert_eq!(parts.len(), 6, "{titles:?}");
    for table in &built.booklet.tables {
        assert!(
            titles.contains(&table.title),
            "no bookmark for {}",
            table.title
        );
    }
    assert!(titles.contains(&"2022年度收入支出决算总表（表1）".to_string()));
}

#[test]
fn charts_carry_alt_text_with_their_figures() {
    let built = samples::built("data/huangpi-network-ops/2024.toml");
    let alts = pdf_strings(&built.pdf, "Alt");
    assert_eq!(alts.len(), 4, "{alts:?}");
    // Reference 000: 收、支总计 123.55 (2023) → 150.79 (2024).
    assert!(
        alts.iter()
            .any(|a| a.starts_with("图1：收、支决算总计变动情况：2023年度收入总计123.55万元")),
        "{alts:?}"
    );
    assert!(
        alts.iter()
            .any(|a| a.contains("基本支出150.65万元，占99.9%")),
        "{alts:?}"
    );
}

/// Typesets plain Typst source with the embedded fonts and exports it as gongkai does.
fn export(source: &str) -> Result<gongkai::typeset::Exported, gongkai::base::diag::Failure> {
    let fonts = &support::toolkit().fonts;
    let document = gongkai::typeset::typeset(source, &[], fonts, false).unwrap();
    let settings = gongkai::typeset::PdfSettings {
        ident: "test".into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    };
    gongkai::typeset::export_pdf(&document, &settings)
}

#[test]
fn a_booklet_meets_both_standards_and_says_so() {
    let built = samples::built("data/huangpi-network-ops/2024.toml");
    assert_eq!(
        built.conformance,
        gongkai::typeset::Conformance::ArchivalAccessible
    );
    assert!(built.diagnostics.iter().all(|d| d.code != "B0004"));
}

#[test]
fn a_document_that_fails_ua_falls_back_to_pdfa_with_a_warning() {
    // PDF/UA-1 requires a document title; PDF/A-2b does not.
    let exported = export("#set text(font: \"Noto Serif CJK SC\", lang: \"zh\")\n正文").unwrap();
    assert_eq!(
        exported.conformance,
        gongkai::typeset::Conformance::Archival
    );
    let warning = exported.fallback.expect("a fallback is never silent");
    assert_eq!(warning.code, "B0004");
    assert_eq!(warning.severity, gongkai::base::diag::Severity::Warning);
    assert!(
        warning
            .message
            .starts_with("PDF 未能满足 PDF/A-2b + PDF/UA-1，已退为 PDF/A-2b："),
        "{}",
        warning.message
    );
    assert!(
        warning.message.contains("title"),
        "says why: {}",
        warning.message
    );
    let pdf = String::from_utf8_lossy(&exported.pdf);
    assert!(pdf.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(!pdf.contains("pdfuaid:part"), "claims no UA conformance");
}

#[test]
fn a_document_that_fails_pdfa_falls_back_to_a_plain_pdf_with_a_warning() {
    // A character no embedded font has prints as the .notdef glyph, which PDF/A forbids.
    let exported = export(
        "#set document(title: \"t\")\n#set text(font: \"Noto Serif CJK SC\", lang: \"zh\")\n正文 \u{0E01}",
    )
    .unwrap();
    assert_eq!(exported.conformance, gongkai::typeset::Conformance::Plain);
    let warning = exported.fallback.expect("a fallback is never silent");
    assert!(
        warning.message.contains("已退为 普通 PDF"),
        "{}",
        warning.message
    );
    assert!(!String::from_utf8_lossy(&exported.pdf).contains("pdfaid:part"));
}

#[test]
fn a_pdf_that_cannot_be_exported_at_all_is_a_bug_report() {
    // An attachment with a malformed mime type fails every export attempt.
    let failure =
        match export("#pdf.attach(\"a.txt\", bytes(\"x\"), mime-type: \"not a mime type\")\nx") {
            Err(f) => f,
            Ok(e) => panic!("exported as {:?}", e.conformance),
        };
    let d = &failure.diagnostics[0];
    assert_eq!(d.code, "B0003");
    assert!(d.message.contains("invalid mime type"), "{}", d.message);
}
