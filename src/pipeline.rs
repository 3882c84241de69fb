//! The driver: load → resolve → figures → tables → parts → wording → validate →
//! render → typeset, each stage called in order with the values of the stages before it.
//! `check` runs up to validate; `build` runs them all and refuses to print while an
//! error stands, unless the user asks for a draft.

use crate::base::diag::{Diagnostic, Failure};
use crate::declare::catalog::Catalog;
use crate::load::Loads;
use crate::parts::Booklet;
use crate::render::Renderer;
use crate::typeset::{self, Conformance, Fonts, PdfSettings};
use crate::wording::Narrative;
use typst_layout::PagedDocument;

/// Where the built-in sample booklet's input lives in the repository.
pub const SAMPLE_PATH: &str = "data/huangpi-network-ops/2024.toml";
/// The built-in sample (reference booklet 000), so `gongkai build` needs no input.
pub const SAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/huangpi-network-ops/2024.toml"
));

/// Everything loaded once per process: catalog, templates, fonts.
pub struct Toolkit {
    pub catalog: Catalog,
    pub renderer: Renderer,
    pub fonts: Fonts,
}

/// The products of one build, each stage's output kept for inspection and tests.
pub struct Built {
    pub booklet: Booklet,
    pub narrative: Narrative,
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
    pub narrative: Narrative,
    pub diagnostics: Vec<Diagnostic>,
    pub typst_source: String,
}

/// A booklet computed and validated, not yet typeset.
pub struct Checked {
    pub booklet: Booklet,
    /// 第三部分 worded.
    pub narrative: Narrative,
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

    /// resolve → figures → tables → parts → wording, without the validation rules.
    pub fn prepare(&self, input: &impl Loads) -> Result<(Booklet, Narrative), Failure> {
        let facts = crate::resolve::resolve(&input.bundle(), &self.catalog)?;
        let (booklet, narrative, _) = Self::compose(&facts);
        Ok((booklet, narrative))
    }

    /// figures → tables → parts → wording of resolved facts.
    fn compose(facts: &crate::resolve::Facts) -> (Booklet, Narrative, crate::figures::Computed) {
        let computed = crate::figures::compute(facts);
        let tables = crate::tables::tables(facts, &computed);
        let booklet = crate::parts::assemble(facts, &computed, tables);
        let narrative = crate::wording::narrative(facts, &booklet.part3);
        (booklet, narrative, computed)
    }

    /// resolve → … → validate (what `gongkai check` runs). Resolve errors make the input
    /// unusable and come back as `Err`; rule findings come in `Checked`.
    pub fn check(&self, input: &impl Loads) -> Result<Checked, Failure> {
        let bundle = input.bundle();
        let facts = crate::resolve::resolve(&bundle, &self.catalog)?;
        let (booklet, narrative, computed) = Self::compose(&facts);
        let loaded = &bundle.input;
        let mut diagnostics =
            crate::validate::glyphs::check_glyphs(loaded, &|c| self.fonts.covers(c));
        diagnostics.extend(crate::validate::validate(&crate::validate::Subject {
            loaded,
            facts: &facts,
            computed: &computed,
            booklet: &booklet,
            narrative: &narrative,
            catalog: &facts.catalog,
        }));
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        Ok(Checked {
            booklet,
            narrative,
            diagnostics,
        })
    }

    /// check → render: the Typst source, or why not. Refuses while an error stands,
    /// unless `options.draft`.
    pub fn render(&self, input: &impl Loads, options: BuildOptions) -> Result<Rendered, Failure> {
        let Checked {
            booklet,
            narrative,
            diagnostics,
        } = self.check(input)?;
        let glyphs_missing = diagnostics
            .iter()
            .any(|d| d.code == crate::validate::glyphs::MISSING_GLYPH);
        let has_errors = diagnostics.iter().any(Diagnostic::is_error);
        // A draft still cannot print characters the fonts lack.
        if glyphs_missing || (has_errors && !options.draft) {
            return Err(Failure::many(diagnostics));
        }
        let typst_source = self.renderer.render(&booklet, &narrative, options.draft)?;
        Ok(Rendered {
            booklet,
            narrative,
            diagnostics,
            typst_source,
        })
    }

    /// typeset → PDF bytes of rendered source; nothing is written.
    pub fn typeset(&self, rendered: Rendered, options: BuildOptions) -> Result<Built, Failure> {
        let Rendered {
            booklet,
            narrative,
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
            narrative,
            diagnostics,
            typst_source,
            document,
            pdf: exported.pdf,
            conformance: exported.conformance,
        })
    }

    /// The whole pipeline up to the PDF bytes; nothing is written. Refuses while an
    /// error stands, unless `options.draft`.
    pub fn build(&self, input: &impl Loads, options: BuildOptions) -> Result<Built, Failure> {
        self.typeset(self.render(input, options)?, options)
    }
}

impl Default for Toolkit {
    fn default() -> Self {
        Self::new()
    }
}
