//! Typeset: Typst source → laid-out document → PDF, with the fonts under `fonts/`
//! embedded in the binary. No system fonts are used, so every machine produces the
//! same booklet.

pub mod layout_check;
pub mod text;

use crate::base::codes;
use crate::base::diag::{Diagnostic, Failure};
use crate::render::MAIN;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{DiagSpanKind, Source};
use typst::text::Font;
use typst_as_lib::conversions::IntoFileId;
use typst_as_lib::{TypstAsLibError, TypstEngine};
use typst_layout::PagedDocument;
use typst_pdf::{PdfStandard, PdfStandards};

/// The font files shipped in `fonts/` (SIL Open Font License, see `fonts/OFL.txt`).
const FONT_NAMES: [&str; 4] = [
    "NotoSerifCJKsc-Regular.otf",
    "NotoSerifCJKsc-Bold.otf",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKsc-Bold.otf",
];

/// Release builds carry the fonts inside the binary, so the program works from anywhere.
#[cfg(not(debug_assertions))]
fn font_data() -> Vec<Bytes> {
    const DATA: [&[u8]; 4] = [
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSerifCJKsc-Regular.otf"
        )),
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSerifCJKsc-Bold.otf"
        )),
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSansCJKsc-Regular.otf"
        )),
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSansCJKsc-Bold.otf"
        )),
    ];
    DATA.iter().map(|d| Bytes::new(*d)).collect()
}

/// Debug and test builds read the same files from the repository at run time, so the
/// 83 MB are not linked into every test binary (a relink after an edit is ~8% faster and
/// the test binaries 2 GB smaller; a clean build is no faster, see README).
#[cfg(debug_assertions)]
fn font_data() -> Vec<Bytes> {
    static DATA: std::sync::OnceLock<Vec<Bytes>> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        FONT_NAMES
            .iter()
            .map(|name| {
                let path = dir.join(name);
                let data = std::fs::read(&path).unwrap_or_else(|e| {
                    panic!(
                        "debug build: cannot read {} ({e}); release builds embed the fonts",
                        path.display()
                    )
                });
                Bytes::new(data)
            })
            .collect()
    })
    .clone()
}

/// The embedded fonts, parsed once.
#[derive(Clone)]
pub struct Fonts {
    fonts: Vec<Font>,
}

impl Fonts {
    pub fn embedded() -> Fonts {
        let fonts: Vec<Font> = font_data().into_iter().flat_map(Font::iter).collect();
        // A font file Typst cannot read yields no face, silently: insist on all four.
        assert_eq!(
            fonts.len(),
            FONT_NAMES.len(),
            "every embedded font file must yield exactly one face"
        );
        Fonts { fonts }
    }

    pub fn faces(&self) -> &[Font] {
        &self.fonts
    }

    /// Whether every face can draw `c` (body text is serif, headings sans, bold in
    /// places: a character must be in all of them to print everywhere).
    pub fn covers(&self, c: char) -> bool {
        self.fonts
            .iter()
            .all(|f| f.info().coverage.contains(c as u32))
    }
}

/// What goes into the PDF besides the pages.
pub struct PdfSettings {
    /// A stable identifier of the document (derived from the input, never random).
    pub ident: String,
    /// The creation date written into the PDF (the booklet's publication date).
    pub date: chrono::NaiveDate,
}

/// Typesets `source` with the Typst `library` it imports. `keep_cache` keeps Typst's
/// memoization between compilations (watch mode), which typst-as-lib would otherwise
/// evict after each one.
pub fn typeset(
    source: &str,
    library: &[(String, String)],
    fonts: &Fonts,
    keep_cache: bool,
) -> Result<PagedDocument, Failure> {
    let engine = TypstEngine::builder()
        .main_file((MAIN, source.to_string()))
        .fonts(fonts.faces().iter().cloned())
        .with_static_source_file_resolver(library.iter().map(|(n, s)| (n.as_str(), s.clone())))
        .comemo_evict_max_age(if keep_cache { Some(30) } else { Some(0) })
        .build();
    let warned = engine.compile::<PagedDocument>();
    warned
        .output
        .map_err(|err| typst_bug(source, err, &warned.warnings))
}

/// The standards a written PDF meets, best first: export tries them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    /// Archival (PDF/A-2b) and accessible (PDF/UA-1, tagged).
    ArchivalAccessible,
    /// Archival alone: the document did not validate as PDF/UA-1.
    Archival,
    /// Neither: the document did not validate as PDF/A-2b either.
    Plain,
}

impl Conformance {
    const ALL: [Conformance; 3] = [
        Conformance::ArchivalAccessible,
        Conformance::Archival,
        Conformance::Plain,
    ];

    fn standards(self) -> &'static [PdfStandard] {
        match self {
            Conformance::ArchivalAccessible => &[PdfStandard::A_2b, PdfStandard::Ua_1],
            Conformance::Archival => &[PdfStandard::A_2b],
            Conformance::Plain => &[],
        }
    }

    /// `PDF/A-2b + PDF/UA-1`, `PDF/A-2b`, `普通 PDF`.
    pub fn label(self) -> &'static str {
        match self {
            Conformance::ArchivalAccessible => "PDF/A-2b + PDF/UA-1",
            Conformance::Archival => "PDF/A-2b",
            Conformance::Plain => "普通 PDF（不符合 PDF/A、PDF/UA）",
        }
    }
}

/// A PDF and the standards it met. A fallback below the first attempt comes with a
/// warning saying which standard failed and why.
pub struct Exported {
    pub pdf: Vec<u8>,
    pub conformance: Conformance,
    pub fallback: Option<Diagnostic>,
}

pub fn export_pdf(document: &PagedDocument, settings: &PdfSettings) -> Result<Exported, Failure> {
    use chrono::Datelike;
    let datetime = Datetime::from_ymd_hms(
        settings.date.year(),
        settings.date.month() as u8,
        settings.date.day() as u8,
        0,
        0,
        0,
    );
    // Archival and accessible where the document validates; otherwise archival alone,
    // then plain, so a booklet is never lost to a conformance detail — but never
    // silently: the first refusal is kept for the warning.
    let mut refusals: Vec<(Conformance, String)> = Vec::new();
    for conformance in Conformance::ALL {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(settings.ident.clone()),
            timestamp: datetime.map(typst_pdf::Timestamp::new_utc),
            standards: PdfStandards::new(conformance.standards())
                .expect("compatible PDF standards"),
            tagged: true,
            ..Default::default()
        };
        match typst_pdf::pdf(document, &options) {
            Ok(pdf) => {
                let fallback = refusals.first().map(|(wanted, why)| {
                    Diagnostic::new(
                        &codes::PDF_FALLBACK,
                        format!(
                            "PDF 未能满足 {}，已退为 {}：{why}",
                            wanted.label(),
                            conformance.label()
                        ),
                    )
                    .help("使用了 --templates 时请检查改写的模板；否则这是 gongkai 的缺陷，请报告")
                });
                return Ok(Exported {
                    pdf,
                    conformance,
                    fallback,
                });
            }
            Err(diags) => refusals.push((conformance, messages(&diags))),
        }
    }
    let (_, why) = refusals.pop().expect("at least one attempt");
    Err(Failure::new(Diagnostic::new(
        &codes::PDF_EXPORT_BUG,
        format!("PDF 导出失败（这是 gongkai 的缺陷，请报告）：{why}"),
    )))
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    let messages: Vec<String> = diags.iter().map(|d| d.message.to_string()).collect();
    messages.join("；")
}

/// Typst rejecting generated source is a bug in gongkai's templates: say so, and point
/// into the generated source (`gongkai build --emit typ <dir>` writes it out).
fn typst_bug(source: &str, err: TypstAsLibError, warnings: &[SourceDiagnostic]) -> Failure {
    let main = Source::new(MAIN.into_file_id(), source.to_string());
    let describe = |d: &SourceDiagnostic| -> String {
        let range = match d.span.get() {
            DiagSpanKind::Number { id, num, sub_range } if id == main.id() => {
                main.range(num, sub_range)
            }
            DiagSpanKind::Range { id, range } if id == main.id() => Some(range),
            _ => None,
        };
        let place = range
            .map(|range| {
                let text = main.text();
                let line = text[..range.start].matches('\n').count() + 1;
                let col = text[..range.start]
                    .rsplit('\n')
                    .next()
                    .map_or(0, |l| l.chars().count())
                    + 1;
                format!("{MAIN}:{line}:{col}")
            })
            .unwrap_or_else(|| "?".to_string());
        let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
        format!(
            "{place}: {}{}",
            d.message,
            if hints.is_empty() {
                String::new()
            } else {
                format!("（{}）", hints.join("；"))
            }
        )
    };
    let details = match err {
        TypstAsLibError::TypstSource(diags) => diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(describe)
            .collect::<Vec<_>>()
            .join("\n    "),
        other => other.to_string(),
    };
    let _ = warnings;
    Failure::new(
        Diagnostic::new(
            &codes::TYPESET_BUG,
            format!("排版失败（这是 gongkai 的缺陷，请报告）：\n    {details}"),
        )
        .help("加 --emit typ <目录> 重新生成，可写出生成的 Typst 源文件，据此定位问题"),
    )
}
