//! Wording: 第三部分's sentences, from the facts the parts computed, through the
//! edition's plain-text tera templates.

pub mod filters;
pub mod narrative;
pub mod templates;

pub use narrative::{narrative, Block, Narrative, Section};
