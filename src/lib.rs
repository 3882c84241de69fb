//! gongkai (公开): the yearly disclosure booklets of Chinese government departments
//! (部门决算公开, 部门预算公开), from structured TOML to a publication-ready PDF.
//!
//! One folder per stage, joined only in [`pipeline`]; the commands sit above it in
//! [`app`], shared helpers below every stage in [`base`]. Imports run only downward in
//! [`LAYERS`] (a test checks every `crate::` path of `src/`):
//!
//! ```text
//! load → resolve → figures → tables → parts → wording → validate → render → typeset
//! ```

pub mod app;
pub mod base;
pub mod declare;
pub mod figures;
pub mod input;
pub mod load;
pub mod parts;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod tables;
pub mod typeset;
pub mod validate;
pub mod vocab;
pub mod wording;

pub use pipeline::{BuildOptions, Built, Checked, Rendered, Toolkit, SAMPLE, SAMPLE_PATH};

/// The top-level modules from the bottom up: a module may use those before it, never
/// those after it.
pub const LAYERS: &[&str] = &[
    "base", "vocab", "input", "declare", "load", "resolve", "figures", "tables", "parts",
    "wording", "validate", "render", "typeset", "pipeline", "app",
];

#[cfg(test)]
mod tests {
    use super::LAYERS;
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The top-level modules a file's code names: `crate::x` paths (also inside
    /// `use crate::{x, …}` groups) and `super::` paths that climb out of its own module.
    /// Comments and the `#[cfg(test)]` module at a file's end are left out.
    fn named_modules(text: &str, depth: usize) -> Vec<String> {
        let code: String = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default()
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        let ident = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect()
        };
        let mut found = Vec::new();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            match rest.strip_prefix('{') {
                Some(group) => {
                    let group = group.split('}').next().unwrap_or_default();
                    found.extend(group.split(',').map(|g| ident(g.trim())));
                }
                None => found.push(ident(rest)),
            }
        }
        // `super::x` from a file `depth` folders below src/ climbs to the top level when
        // it has as many `super::` as the file has parent modules.
        for (i, _) in code.match_indices("super::") {
            if code[..i].ends_with("super::") {
                continue; // counted from the first `super::` of the path
            }
            let mut rest = &code[i..];
            let mut climbs = 0;
            while let Some(r) = rest.strip_prefix("super::") {
                rest = r;
                climbs += 1;
            }
            if climbs >= depth {
                found.push(ident(rest));
            }
        }
        found.retain(|m| !m.is_empty());
        found
    }

    /// Imports run only downward between the stage folders of src/: the layering the
    /// crate documents, enforced.
    #[test]
    fn imports_run_only_downward_between_stages() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut problems = Vec::new();
        for file in &files {
            let relative = file.strip_prefix(&src).unwrap();
            let parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let top = parts[0].trim_end_matches(".rs").to_string();
            if top == "lib" || top == "main" {
                continue;
            }
            let Some(level) = LAYERS.iter().position(|l| *l == top) else {
                problems.push(format!(
                    "{}: top-level module `{top}` is not in LAYERS",
                    relative.display()
                ));
                continue;
            };
            // Module depth below the crate root: src/a.rs and src/a/mod.rs are 1.
            let last = parts.last().unwrap();
            let depth = parts.len() - usize::from(last == "mod.rs");
            let text = std::fs::read_to_string(file).unwrap();
            for named in named_modules(&text, depth) {
                if let Some(other) = LAYERS.iter().position(|l| *l == named) {
                    if other > level {
                        problems.push(format!(
                            "{}: `{top}` uses `{named}`, a layer above it",
                            relative.display()
                        ));
                    }
                }
            }
        }
        problems.sort();
        problems.dedup();
        assert!(
            problems.is_empty(),
            "upward imports:\n{}",
            problems.join("\n")
        );
    }
}
