//! The sample booklets under `data/`, each built (and so typeset) once per test run and
//! shared by every suite that reads it: the tables, the narrative, Parts 4–6, the PDF's
//! metadata and the layout check all look at the same build of sample 000, instead of
//! typesetting it ten times.
//!
//! A test reads a shared booklet and never changes it. A test that needs a booklet of
//! its own — a second build to compare with, other options, an edited input — builds it
//! with `support::build_sample` or the toolkit.

use gongkai::Built;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

/// The booklet of the input at `path` (relative to the repository, such as
/// `data/huangpi-network-ops/2024.toml`), built with the default options by the first
/// test that asks for it. A test asking while it is being built waits for that build;
/// different samples are built in parallel. A build that fails fails each test that
/// asks for it, with the build's message.
pub fn built(path: &str) -> &'static Built {
    static BUILT: OnceLock<Mutex<HashMap<String, &'static OnceLock<Built>>>> = OnceLock::new();
    let cell: &'static OnceLock<Built> = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(path.to_string())
        .or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(|| super::build_sample(path))
}
