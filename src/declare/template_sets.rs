//! The built-in template sets of 第三部分 (`templates/narrative/<set>/*.txt`): data an
//! edition names by `[narrative] templates`, embedded like the built-in editions. Parsing
//! here checks a set and an edition's own templates without rendering anything; the
//! wording stage adds its filters to the parsed set.

use crate::base::diag::Diagnostic;
use std::sync::OnceLock;
use tera::Tera;

macro_rules! set_file {
    ($set:literal, $name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/templates/narrative/",
                $set,
                "/",
                $name,
                ".txt"
            )),
        )
    };
}

/// The built-in template sets, by name: each template's name and source.
const SETS: &[(&str, &[(&str, &str)])] = &[
    (
        "wuhan-final",
        &[
            set_file!("wuhan-final", "macros"),
            set_file!("wuhan-final", "overall"),
            set_file!("wuhan-final", "income"),
            set_file!("wuhan-final", "spending"),
            set_file!("wuhan-final", "fiscal"),
            set_file!("wuhan-final", "general"),
            set_file!("wuhan-final", "basic"),
            set_file!("wuhan-final", "fund"),
            set_file!("wuhan-final", "capital"),
            set_file!("wuhan-final", "sangong"),
            set_file!("wuhan-final", "operating_costs"),
            set_file!("wuhan-final", "procurement"),
            set_file!("wuhan-final", "assets"),
            set_file!("wuhan-final", "performance"),
            set_file!("wuhan-final", "chart_alt"),
        ],
    ),
    (
        "wuhan-budget",
        &[
            set_file!("wuhan-budget", "macros"),
            set_file!("wuhan-budget", "overall"),
            set_file!("wuhan-budget", "income"),
            set_file!("wuhan-budget", "spending"),
            set_file!("wuhan-budget", "fiscal"),
            set_file!("wuhan-budget", "general"),
            set_file!("wuhan-budget", "basic"),
            set_file!("wuhan-budget", "fund"),
            set_file!("wuhan-budget", "capital"),
            set_file!("wuhan-budget", "sangong"),
            set_file!("wuhan-budget", "operating_costs"),
            set_file!("wuhan-budget", "procurement"),
            set_file!("wuhan-budget", "purchased_services"),
            set_file!("wuhan-budget", "assets"),
            set_file!("wuhan-budget", "performance"),
            set_file!("wuhan-budget", "nontax"),
        ],
    ),
];

/// The names of the built-in template sets.
pub fn builtin_sets() -> impl Iterator<Item = &'static str> {
    SETS.iter().map(|(name, _)| *name)
}

/// The built-in sets, parsed once per process. A set that does not parse is a bug,
/// reported when an edition uses it.
fn parsed_sets() -> &'static [(&'static str, Result<Tera, String>)] {
    static PARSED: OnceLock<Vec<(&'static str, Result<Tera, String>)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        SETS.iter()
            .map(|(name, files)| {
                let mut tera = Tera::default();
                // Plain text: values are made safe for the block marks before rendering,
                // and the paragraphs are escaped for Typst where they are printed.
                tera.autoescape_on(vec![]);
                let parsed = tera.add_raw_templates(files.iter().copied());
                (*name, parsed.map(|_| tera).map_err(|e| chain(&e)))
            })
            .collect()
    })
}

/// A copy of the parsed set `set`, or why there is none.
pub fn parsed(set: &str) -> Result<Tera, Box<Diagnostic>> {
    let Some((_, parsed)) = parsed_sets().iter().find(|(name, _)| *name == set) else {
        let known: Vec<&str> = builtin_sets().collect();
        return Err(Box::new(Diagnostic::error(
            "E0504",
            format!(
                "版式的第三部分模板集“{set}”不存在，应为 {}",
                known.join("、")
            ),
        )));
    };
    parsed.clone().map_err(|e| Box::new(bug(&e)))
}

/// The names of the templates of set `set` with an edition's `inline` templates (name,
/// source) added, once all of them parse.
pub fn names<'a>(
    set: &str,
    inline: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<String>, Box<Diagnostic>> {
    let mut tera = parsed(set)?;
    let inline: Vec<(&str, &str)> = inline.into_iter().collect();
    if !inline.is_empty() {
        tera.add_raw_templates(inline)
            .map_err(|e| Box::new(edition_failure(&e)))?;
    }
    Ok(tera.get_template_names().map(str::to_string).collect())
}

/// A template of the edition failing: the edition author's to fix.
pub fn edition_failure(err: &tera::Error) -> Diagnostic {
    Diagnostic::error("E0504", format!("版式的第三部分模板出错：{}", chain(err)))
        .help("请检查版式文件 [narrative] 中的标题、模板和它们用到的数")
}

/// A built-in template failing: gongkai's bug.
pub fn bug(what: &str) -> Diagnostic {
    Diagnostic::error(
        "B0001",
        format!("第三部分模板渲染失败（这是 gongkai 的缺陷，请报告）：{what}"),
    )
    .help("请把输入文件和这条信息一起反馈给维护者")
}

/// A tera error with its causes, joined.
pub fn chain(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!("：{s}"));
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_set_parses() {
        for (name, parsed) in parsed_sets() {
            assert!(parsed.is_ok(), "{name}: {:?}", parsed.as_ref().err());
        }
    }
}
