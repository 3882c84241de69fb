//! gongkai (公开): the yearly disclosure booklets of Chinese government departments
//! (部门决算公开), from structured TOML to a publication-ready PDF.
//!
//! The pipeline, one stage per module:
//! `input` (load) → `compute::resolve` → `compute` → `render` (tera → Typst source)
//! → `typeset` (Typst → PDF) → `output` (atomic write).

pub mod catalog;
pub mod compute;
pub mod diag;
pub mod edition;
pub mod glyphs;
pub mod input;
pub mod money;
pub mod output;
pub mod render;
pub mod typeset;
pub mod typeset_text;

use catalog::Catalog;
use compute::Booklet;
use diag::Failure;
use input::Loaded;
use render::Renderer;
use typeset::{Fonts, PdfSettings};
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
    pub typst_source: String,
    pub document: PagedDocument,
    pub pdf: Vec<u8>,
}

impl Toolkit {
    pub fn new() -> Toolkit {
        Toolkit {
            catalog: Catalog::builtin(),
            renderer: Renderer::new(),
            fonts: Fonts::embedded(),
        }
    }

    /// load → resolve → compute.
    pub fn prepare(&self, loaded: &Loaded) -> Result<Booklet, Failure> {
        let facts = compute::resolve::resolve(loaded, &self.catalog)?;
        Ok(compute::compute(&facts, &self.catalog))
    }

    /// The whole pipeline up to the PDF bytes; nothing is written.
    pub fn build(&self, loaded: &Loaded) -> Result<Built, Failure> {
        let booklet = self.prepare(loaded)?;
        let missing = glyphs::check_glyphs(loaded, &self.fonts);
        if !missing.is_empty() {
            return Err(Failure::many(missing));
        }
        let typst_source = self.renderer.render(&booklet)?;
        let document = typeset::typeset(&typst_source, &self.fonts)?;
        let settings = PdfSettings {
            ident: format!("gongkai/{}/{}", booklet.unit.name, booklet.unit.year),
            date: chrono::NaiveDate::parse_from_str(&booklet.unit.published_iso, "%Y-%m-%d")
                .unwrap_or_default(),
        };
        let pdf = typeset::export_pdf(&document, &settings)?;
        Ok(Built {
            booklet,
            typst_source,
            document,
            pdf,
        })
    }
}

impl Default for Toolkit {
    fn default() -> Self {
        Self::new()
    }
}
