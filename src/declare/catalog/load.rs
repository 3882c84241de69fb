//! Reading catalog files and refusing defective ones: TOML shape, code format, periods,
//! a code twice in one period, and a 款/项 without its parent. Every defect is reported
//! at its file, line and column.

use super::{parent, Catalog, Entry, Kind, Layer};
use crate::base::diag::{Diagnostic, Failure, SourceFile};
use serde::Deserialize;
use toml::Spanned;

/// One catalog file. `from`/`until` at the top apply to its entries without their own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileModel {
    from: Option<Spanned<i32>>,
    until: Option<Spanned<i32>>,
    #[serde(default)]
    function: Vec<EntryModel>,
    #[serde(default)]
    economic: Vec<EntryModel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryModel {
    code: Spanned<String>,
    name: Spanned<String>,
    explanation: Option<String>,
    source: Option<String>,
    from: Option<Spanned<i32>>,
    until: Option<Spanned<i32>>,
}

/// An entry with where it was written.
struct Located {
    kind: Kind,
    entry: Entry,
    file: usize,
    span: std::ops::Range<usize>,
    field: String,
}

/// The entries of `files` as one layer over `base`, or every defect found.
pub(super) fn layer(base: &Catalog, files: &[SourceFile]) -> Result<Layer, Failure> {
    let mut problems = Vec::new();
    let mut located: Vec<Located> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let model: FileModel = match toml::from_str(&file.text) {
            Ok(model) => model,
            Err(err) => {
                problems.push(toml_error(file, &err));
                continue;
            }
        };
        let lists = [
            (Kind::Function, "function", model.function),
            (Kind::Economic, "economic", model.economic),
        ];
        for (kind, table, list) in lists {
            for (n, e) in list.into_iter().enumerate() {
                let field = format!("{table}[{n}]");
                let at = |d: Diagnostic, span| d.at_span(file, span);
                let code = e.code.get_ref().trim().to_string();
                if !well_formed(kind, &code) {
                    problems.push(at(
                        Diagnostic::error(
                            "E0263",
                            format!("{}编码“{code}”{}", noun(kind), shape(kind)),
                        )
                        .field(format!("{field}.code")),
                        e.code.span(),
                    ));
                    continue;
                }
                let name = e.name.get_ref().trim().to_string();
                if name.is_empty() {
                    problems.push(at(
                        Diagnostic::error("E0263", format!("{} {code} 的名称为空", noun(kind)))
                            .field(format!("{field}.name")),
                        e.name.span(),
                    ));
                    continue;
                }
                let from = e.from.as_ref().or(model.from.as_ref());
                let until = e.until.as_ref().or(model.until.as_ref());
                if let (Some(f), Some(u)) = (from, until) {
                    if f.get_ref() > u.get_ref() {
                        problems.push(at(
                            Diagnostic::error(
                                "E0266",
                                format!(
                                    "{} {code} 的起始年度 {} 晚于截止年度 {}",
                                    noun(kind),
                                    f.get_ref(),
                                    u.get_ref()
                                ),
                            )
                            .field(format!("{field}.from"))
                            .help(
                                "from 是该名称适用的第一个年度，until 是最后一个年度（都含在内）",
                            ),
                            f.span(),
                        ));
                        continue;
                    }
                }
                located.push(Located {
                    kind,
                    entry: Entry {
                        code,
                        name,
                        explanation: e.explanation.map(|s| s.trim().to_string()),
                        source: e.source.map(|s| s.trim().to_string()),
                        from: from.map(|f| *f.get_ref()),
                        until: until.map(|u| *u.get_ref()),
                    },
                    file: index,
                    span: e.code.span(),
                    field: format!("{field}.code"),
                });
            }
        }
    }

    let mut kept: Vec<&Located> = Vec::new();
    for l in &located {
        let first = kept.iter().find(|k| {
            k.kind == l.kind && k.entry.code == l.entry.code && overlap(&k.entry, &l.entry)
        });
        match first {
            Some(first) => {
                let (line, _) = files[first.file].line_col(first.span.start);
                let (lo, hi) = (
                    first.entry.years().0.max(l.entry.years().0),
                    first.entry.years().1.min(l.entry.years().1),
                );
                problems.push(
                    Diagnostic::error(
                        "E0264",
                        format!(
                            "{} {} 在{}重复出现（第一次在 {}:{line}）",
                            noun(l.kind),
                            l.entry.code,
                            years_text(lo, hi),
                            files[first.file].path.display()
                        ),
                    )
                    .field(l.field.clone())
                    .at_span(&files[l.file], l.span.clone())
                    .help("同一科目在同一年度只能有一个名称；名称改过的科目，请用 from / until 分别写明各时期的名称"),
                );
            }
            None => kept.push(l),
        }
    }

    for l in &kept {
        let Some(up) = parent(&l.entry.code) else {
            continue;
        };
        let pending: Vec<&Entry> = kept
            .iter()
            .filter(|k| k.kind == l.kind && k.entry.code == up)
            .map(|k| &k.entry)
            .collect();
        if let Some(year) = base.first_gap(l.kind, up, &pending, l.entry.years()) {
            let exists = !pending.is_empty() || base.entries(l.kind).any(|e| e.code == up);
            let when = if exists {
                format!("（{year} 年度没有 {up}）")
            } else {
                String::new()
            };
            problems.push(
                Diagnostic::error(
                    "E0265",
                    format!(
                        "{} {}“{}”缺少上级科目 {up}{when}",
                        noun(l.kind),
                        l.entry.code,
                        l.entry.name
                    ),
                )
                .field(l.field.clone())
                .at_span(&files[l.file], l.span.clone())
                .help(format!(
                    "请在科目目录中也写上 {up} 的名称：每个款要有它的类，每个项要有它的款，且适用的年度要覆盖下级科目的年度"
                )),
            );
        }
    }

    if !problems.is_empty() {
        return Err(Failure::many(problems));
    }
    let mut layer = Layer::default();
    for l in kept {
        let map = match l.kind {
            Kind::Function => &mut layer.functions,
            Kind::Economic => &mut layer.economic,
        };
        map.entry(l.entry.code.clone())
            .or_default()
            .push(l.entry.clone());
    }
    Ok(layer)
}

/// A TOML or shape error of a catalog file, in the input's Chinese wording, with the
/// catalog's codes: E0262 for an unknown field, E0261 for the rest.
fn toml_error(file: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    let mut d = crate::base::toml_error::toml_error(file, err);
    d.message = format!("科目目录文件有误：{}", d.message);
    if d.code == "E0101" {
        d.code = "E0262";
    } else {
        if d.code != "E0100" {
            d.help = Some(
                "科目目录文件的格式见 docs/catalog.md：每个科目一个 [[function]] 或 [[economic]] 表，写 code、name，可加 explanation、source、from、until"
                    .into(),
            );
        }
        d.code = "E0261";
    }
    d
}

fn well_formed(kind: Kind, code: &str) -> bool {
    let lengths: &[usize] = match kind {
        Kind::Function => &[3, 5, 7],
        Kind::Economic => &[3, 5],
    };
    lengths.contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit())
}

fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "功能分类科目",
        Kind::Economic => "经济分类科目",
    }
}

fn shape(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "应为 3、5 或 7 位数字（类、款、项，如 201、20137、2013750）",
        Kind::Economic => "应为 3 或 5 位数字（类、款，如 302、30201）",
    }
}

fn overlap(a: &Entry, b: &Entry) -> bool {
    let (a, b) = (a.years(), b.years());
    a.0 <= b.1 && b.0 <= a.1
}

/// A closed range of years in words; the extremes of `i32` stand for an open end.
fn years_text(lo: i32, hi: i32) -> String {
    match (lo, hi) {
        (i32::MIN, i32::MAX) => "各年度".into(),
        (lo, i32::MAX) => format!(" {lo} 年度及以后"),
        (i32::MIN, hi) => format!(" {hi} 年度及以前"),
        (lo, hi) if lo == hi => format!(" {lo} 年度"),
        (lo, hi) => format!(" {lo}–{hi} 年度"),
    }
}
