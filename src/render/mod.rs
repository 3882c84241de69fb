//! Render: the computed booklet through the tera templates into Typst source.
//! Templates are embedded in the binary and parsed once; `.typ` templates are
//! autoescaped with the Typst markup escape.

pub mod escape;
mod filters;

use crate::compute::Booklet;
use crate::diag::{Diagnostic, Failure};
use tera::{Context, Tera};

/// Tera templates (wording and structure), embedded.
const TEMPLATES: &[(&str, &str)] = &[
    ("booklet.typ", include_str!("../../templates/booklet.typ")),
    (
        "parts/part1.typ",
        include_str!("../../templates/parts/part1.typ"),
    ),
    (
        "parts/part2.typ",
        include_str!("../../templates/parts/part2.typ"),
    ),
    (
        "parts/part3.typ",
        include_str!("../../templates/parts/part3.typ"),
    ),
    (
        "parts/part4.typ",
        include_str!("../../templates/parts/part4.typ"),
    ),
    (
        "parts/part5.typ",
        include_str!("../../templates/parts/part5.typ"),
    ),
    (
        "parts/part6.typ",
        include_str!("../../templates/parts/part6.typ"),
    ),
    (
        "tables/summary.typ",
        include_str!("../../templates/tables/summary.typ"),
    ),
    (
        "tables/fiscal_summary.typ",
        include_str!("../../templates/tables/fiscal_summary.typ"),
    ),
    (
        "tables/function_rows.typ",
        include_str!("../../templates/tables/function_rows.typ"),
    ),
    (
        "tables/income.typ",
        include_str!("../../templates/tables/income.typ"),
    ),
    (
        "tables/spending.typ",
        include_str!("../../templates/tables/spending.typ"),
    ),
    (
        "tables/general.typ",
        include_str!("../../templates/tables/general.typ"),
    ),
    (
        "tables/economic.typ",
        include_str!("../../templates/tables/economic.typ"),
    ),
    (
        "tables/fund.typ",
        include_str!("../../templates/tables/fund.typ"),
    ),
    (
        "tables/capital.typ",
        include_str!("../../templates/tables/capital.typ"),
    ),
    (
        "tables/sangong.typ",
        include_str!("../../templates/tables/sangong.typ"),
    ),
    (
        "forms/indicators.typ",
        include_str!("../../templates/forms/indicators.typ"),
    ),
    (
        "forms/targets_overall.typ",
        include_str!("../../templates/forms/targets_overall.typ"),
    ),
    (
        "forms/targets_project.typ",
        include_str!("../../templates/forms/targets_project.typ"),
    ),
    (
        "forms/scored.typ",
        include_str!("../../templates/forms/scored.typ"),
    ),
];

/// The plain Typst library the generated source imports (layout only).
pub const TYPST_LIBRARY: &[(&str, &str)] = &[
    (
        "lib/booklet.typ",
        include_str!("../../templates/lib/booklet.typ"),
    ),
    (
        "lib/forms.typ",
        include_str!("../../templates/lib/forms.typ"),
    ),
];

/// The name of the generated main file.
pub const MAIN: &str = "main.typ";

pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    pub fn new() -> Renderer {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".typ"]);
        tera.set_escape_fn(escape::escape_markup);
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .unwrap_or_else(|e| panic!("built-in template does not parse: {e:?}"));
        Renderer { tera }
    }

    /// Renders the whole booklet to Typst source.
    pub fn render(&self, booklet: &Booklet) -> Result<String, Failure> {
        let mut tera = self.tera.clone();
        tera.register_filter(
            "wan",
            filters::Wan {
                thousands_separator: booklet.thousands_separator,
            },
        );
        tera.register_filter("typst_string", filters::TypstString);
        tera.register_filter("typst_date", filters::TypstDate);
        let context = Context::from_serialize(booklet).map_err(template_bug)?;
        tera.render("booklet.typ", &context).map_err(template_bug)
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

/// A template failing on a computed booklet is a bug in gongkai, not in the input.
fn template_bug(err: tera::Error) -> Failure {
    let mut chain = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        chain.push_str(&format!("：{s}"));
        source = s.source();
    }
    Failure::new(
        Diagnostic::error(
            "B0001",
            format!("模板渲染失败（这是 gongkai 的缺陷，请报告）：{chain}"),
        )
        .help("请把输入文件和这条信息一起反馈给维护者"),
    )
}
