//! Render: the computed booklet through the tera templates into Typst source.
//! Templates are embedded in the binary and parsed once; `.typ` templates are
//! autoescaped with the Typst markup escape.

pub mod escape;
mod filters;
mod number;

use crate::base::diag::{Diagnostic, Failure};
use crate::parts::Booklet;
use crate::wording::Narrative;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// Tera templates (wording and structure), embedded.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "booklet.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/booklet.typ"
        )),
    ),
    (
        "parts/part1.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/parts/part1.typ"
        )),
    ),
    (
        "parts/part2.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/parts/part2.typ"
        )),
    ),
    (
        "parts/part3.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/parts/part3.typ"
        )),
    ),
    (
        "parts/part4.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/parts/part4.typ"
        )),
    ),
    (
        "parts/part5.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/parts/part5.typ"
        )),
    ),
    (
        "parts/part6.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/parts/part6.typ"
        )),
    ),
    (
        "forms/indicators.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/indicators.typ"
        )),
    ),
    (
        "forms/targets_overall.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/targets_overall.typ"
        )),
    ),
    (
        "forms/targets_project.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/targets_project.typ"
        )),
    ),
    (
        "forms/scored.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/scored.typ"
        )),
    ),
    (
        "forms/budget_indicators.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/budget_indicators.typ"
        )),
    ),
    (
        "forms/budget_overall.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/budget_overall.typ"
        )),
    ),
    (
        "forms/budget_project.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/forms/budget_project.typ"
        )),
    ),
];

/// The plain Typst library the generated source imports (layout only).
pub const TYPST_LIBRARY: &[(&str, &str)] = &[
    (
        "lib/booklet.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/lib/booklet.typ"
        )),
    ),
    (
        "lib/narrative.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/lib/narrative.typ"
        )),
    ),
    (
        "lib/charts.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/lib/charts.typ"
        )),
    ),
    (
        "lib/forms.typ",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/lib/forms.typ"
        )),
    ),
];

/// The name of the generated main file.
pub const MAIN: &str = "main.typ";

pub struct Renderer {
    tera: Tera,
    /// The Typst library files (name, source), built-in or overridden.
    library: Vec<(String, String)>,
    /// Where overriding templates came from, for error messages.
    overrides: Option<PathBuf>,
}

impl Renderer {
    /// The built-in templates. They are part of the program; the test suite renders
    /// them, so a parse failure here is a bug.
    pub fn new() -> Renderer {
        Self::with_overrides(None).unwrap_or_else(|f| panic!("built-in templates: {f}"))
    }

    /// Built-in templates, each replaced by the file of the same relative name under
    /// `dir` where there is one (`booklet.typ`, `tables/summary.typ`,
    /// `lib/booklet.typ`, …).
    pub fn with_overrides(dir: Option<&Path>) -> Result<Renderer, Failure> {
        let read = |name: &str, builtin: &str| -> Result<String, Failure> {
            match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => std::fs::read_to_string(&path).map_err(|e| {
                    Failure::new(Diagnostic::error(
                        "E0501",
                        format!("无法读取模板 {}（{e}）", path.display()),
                    ))
                }),
                None => Ok(builtin.to_string()),
            }
        };
        if let Some(d) = dir.filter(|d| !d.is_dir()) {
            return Err(Failure::new(Diagnostic::error(
                "E0502",
                format!("模板目录不存在：{}", d.display()),
            )));
        }
        let mut sources = Vec::new();
        for (name, builtin) in TEMPLATES {
            sources.push((name.to_string(), read(name, builtin)?));
        }
        let mut library = Vec::new();
        for (name, builtin) in TYPST_LIBRARY {
            library.push((name.to_string(), read(name, builtin)?));
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".typ"]);
        tera.set_escape_fn(escape::escape_markup);
        let overrides = dir.map(Path::to_path_buf);
        tera.add_raw_templates(sources)
            .map_err(|e| template_error(e, overrides.as_deref()))?;
        Ok(Renderer {
            tera,
            library,
            overrides,
        })
    }

    /// The Typst library the generated source imports.
    pub fn typst_library(&self) -> &[(String, String)] {
        &self.library
    }

    /// Renders the whole booklet to Typst source.
    pub fn render(
        &self,
        booklet: &Booklet,
        narrative: &Narrative,
        draft: bool,
    ) -> Result<String, Failure> {
        let mut tera = self.tera.clone();
        tera.register_filter("typst_string", filters::TypstString);
        tera.register_filter("typst_date", filters::TypstDate);
        tera.register_filter("num", number::Num);
        let fail = |e| template_error(e, self.overrides.as_deref());
        let mut context = Context::from_serialize(booklet).map_err(fail)?;
        context.insert("narrative", narrative);
        context.insert("draft", &draft);
        tera.render("booklet.typ", &context).map_err(fail)
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

/// A built-in template failing on a computed booklet is a bug in gongkai; with
/// overriding templates it is most likely in those.
fn template_error(err: tera::Error, overrides: Option<&Path>) -> Failure {
    let mut chain = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        chain.push_str(&format!("：{s}"));
        source = s.source();
    }
    Failure::new(match overrides {
        Some(dir) => Diagnostic::error(
            "E0503",
            format!("模板出错（使用了 {} 中的模板）：{chain}", dir.display()),
        )
        .help("请检查该目录中改写过的模板；删去它即恢复内置模板"),
        None => Diagnostic::error(
            "B0001",
            format!("模板渲染失败（这是 gongkai 的缺陷，请报告）：{chain}"),
        )
        .help("请把输入文件和这条信息一起反馈给维护者"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template failing is gongkai's bug with the built-in templates, the user's
    /// with overriding ones; the codes and messages say which.
    #[test]
    fn a_template_failure_says_whose_it_is() {
        let mut tera = Tera::default();
        tera.add_raw_template("t", "{{ missing }}").unwrap();
        let err = || tera.render("t", &Context::new()).unwrap_err();
        let builtin = template_error(err(), None);
        assert_eq!(builtin.diagnostics[0].code, "B0001");
        assert!(builtin.diagnostics[0]
            .message
            .contains("这是 gongkai 的缺陷"));
        let overridden = template_error(err(), Some(Path::new("mine")));
        assert_eq!(overridden.diagnostics[0].code, "E0503");
        assert!(overridden.diagnostics[0]
            .message
            .contains("使用了 mine 中的模板"));
    }
}
