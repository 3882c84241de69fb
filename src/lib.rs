//! gongkai (公开): the yearly disclosure booklets of Chinese government departments
//! (部门决算公开), from structured TOML to a publication-ready PDF.
//!
//! The pipeline, one stage per module:
//! `input` (load) → `compute::resolve` → `compute` → `render` (tera → Typst source)
//! → `typeset` (Typst → PDF) → `output` (atomic write).

pub mod batch;
pub mod catalog;
pub mod cli;
pub mod codes;
pub mod compute;
pub mod diag;
pub mod edition;
pub mod export;
pub mod glyphs;
pub mod import;
pub mod init;
pub mod init_budget;
pub mod input;
pub mod layout_check;
pub mod money;
pub mod output;
pub mod render;
pub mod report;
pub mod tables;
pub mod typeset;
pub mod typeset_text;
pub mod validate;
pub mod watch;

use catalog::Catalog;
use compute::Booklet;
use diag::{Diagnostic, Failure};
use input::Loaded;
use render::Renderer;
use typeset::{Conformance, Fonts, PdfSettings};
use typst_layout::PagedDocument;

/// Where the built-in sample booklet's input lives in the repository.
pub const SAMPLE_PATH: &str = "data/huangpi-network-ops/2024.toml";
/// The built-in sample (reference booklet 000), so `gongkai build` needs no input.
pub const SAMPLE: &str = include_str!("../data/huangpi-network-ops/2024.toml");

/// Everything loaded once per process: catalog, templates, fonts.
pub struct Toolkit {
    pub catalog: Catalog,
    pub renderer: Renderer,
    pub fonts: Fonts,
}

/// The products of one build, each stage's output kept for inspection and tests.
pub struct Built {
    pub booklet: Booklet,
    /// Warnings (and, in a draft, the errors printed anyway), and a PDF standard
    /// fallback if there was one.
    pub diagnostics: Vec<Diagnostic>,
    pub typst_source: String,
    pub document: PagedDocument,
    pub pdf: Vec<u8>,
    /// The PDF standards the file met.
    pub conformance: Conformance,
}

/// A booklet checked and rendered to Typst source, not yet typeset.
pub struct Rendered {
    pub booklet: Booklet,
    pub diagnostics: Vec<Diagnostic>,
    pub typst_source: String,
}

/// A booklet computed and validated, not yet typeset.
pub struct Checked {
    pub booklet: Booklet,
    /// Every rule's findings, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Print even while errors stand, with a 草稿 watermark on every page.
    pub draft: bool,
    /// Keep Typst's cache warm between builds (watch mode).
    pub keep_cache: bool,
}

impl Toolkit {
    pub fn new() -> Toolkit {
        Toolkit {
            catalog: Catalog::builtin(),
            renderer: Renderer::new(),
            fonts: Fonts::embedded(),
        }
    }

    /// With templates from `dir` replacing the built-in ones of the same name.
    pub fn with_templates(dir: &std::path::Path) -> Result<Toolkit, Failure> {
        Ok(Toolkit {
            renderer: Renderer::with_overrides(Some(dir))?,
            ..Toolkit::new()
        })
    }

    /// resolve → compute, without the validation rules.
    pub fn prepare(&self, loaded: &Loaded) -> Result<Booklet, Failure> {
        let facts = compute::resolve::resolve(loaded, &self.catalog)?;
        Ok(compute::compute(&facts, &facts.catalog))
    }

    /// resolve → compute → validate (what `gongkai check` runs). Resolve errors make
    /// the input unusable and come back as `Err`; rule findings come in `Checked`.
    pub fn check(&self, loaded: &Loaded) -> Result<Checked, Failure> {
        let facts = compute::resolve::resolve(loaded, &self.catalog)?;
        let booklet = compute::compute(&facts, &facts.catalog);
        let mut diagnostics = glyphs::check_glyphs(loaded, &self.fonts);
        diagnostics.extend(validate::validate(&validate::Subject {
            loaded,
            facts: &facts,
            booklet: &booklet,
            catalog: &facts.catalog,
        }));
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        Ok(Checked {
            booklet,
            diagnostics,
        })
    }

    /// check → render: the Typst source, or why not. Refuses while an error stands,
    /// unless `options.draft`.
    pub fn render(&self, loaded: &Loaded, options: BuildOptions) -> Result<Rendered, Failure> {
        let Checked {
            booklet,
            diagnostics,
        } = self.check(loaded)?;
        let glyphs_missing = diagnostics.iter().any(|d| d.code == glyphs::MISSING_GLYPH);
        let has_errors = diagnostics.iter().any(Diagnostic::is_error);
        // A draft still cannot print characters the fonts lack.
        if glyphs_missing || (has_errors && !options.draft) {
            return Err(Failure::many(diagnostics));
        }
        let typst_source = self.renderer.render(&booklet, options.draft)?;
        Ok(Rendered {
            booklet,
            diagnostics,
            typst_source,
        })
    }

    /// typeset → PDF bytes of rendered source; nothing is written.
    pub fn typeset(&self, rendered: Rendered, options: BuildOptions) -> Result<Built, Failure> {
        let Rendered {
            booklet,
            mut diagnostics,
            typst_source,
        } = rendered;
        let document = typeset::typeset(
            &typst_source,
            self.renderer.typst_library(),
            &self.fonts,
            options.keep_cache,
        )?;
        let settings = PdfSettings {
            ident: format!("gongkai/{}/{}", booklet.unit.name, booklet.unit.year),
            date: chrono::NaiveDate::parse_from_str(&booklet.unit.published_iso, "%Y-%m-%d")
                .unwrap_or_default(),
        };
        let exported = typeset::export_pdf(&document, &settings)?;
        diagnostics.extend(exported.fallback);
        Ok(Built {
            booklet,
            diagnostics,
            typst_source,
            document,
            pdf: exported.pdf,
            conformance: exported.conformance,
        })
    }

    /// The whole pipeline up to the PDF bytes; nothing is written. Refuses while an
    /// error stands, unless `options.draft`.
    pub fn build(&self, loaded: &Loaded, options: BuildOptions) -> Result<Built, Failure> {
        self.typeset(self.render(loaded, options)?, options)
    }
}

impl Default for Toolkit {
    fn default() -> Self {
        Self::new()
    }
}
