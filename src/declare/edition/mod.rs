//! Layout editions: which tables a year's booklet has, their labels, row numbering,
//! notes and identity lines. Editions are data files under `data/editions/`, embedded
//! in the binary and chosen by the input's year unless the input names one.

use crate::base::diag::{Diagnostic, Failure, SourceFile};
use crate::base::money::{round_half_up, Money};
use crate::input::BookletKind;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

mod back_matter;
mod check;
pub mod load;
pub mod narrative;
pub mod shape;
pub mod tables;

pub use back_matter::*;
pub use load::{Origin, Sources};
pub use tables::*;

/// The built-in editions: the same files a user can copy (`gongkai edition show`).
const BUILTIN: &[(&str, &str)] = &[
    (
        "wuhan-2019",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/editions/wuhan-2019.toml"
        )),
    ),
    (
        "wuhan-2022",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/editions/wuhan-2022.toml"
        )),
    ),
    (
        "wuhan-2024",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/editions/wuhan-2024.toml"
        )),
    ),
    (
        "wuhan-qingshan-2024",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/editions/wuhan-qingshan-2024.toml"
        )),
    ),
    (
        "wuhan-budget-2024",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/editions/wuhan-budget-2024.toml"
        )),
    ),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub id: String,
    #[serde(default)]
    pub kind: BookletKind,
    pub description: String,
    /// The years this edition is chosen for when the input names none. An edition
    /// without years (a district's variant) is used only when named.
    #[serde(default)]
    pub years: Vec<i32>,
    pub document: DocumentSpec,
    pub parts: Vec<PartSpec>,
    /// The table head every table has unless it says otherwise.
    pub head: Head,
    #[serde(default)]
    pub format: NumberFormat,
    /// The expenditure classes of the summary tables, in printed order.
    pub classes: Vec<Spanned<String>>,
    /// Which 经济分类 类 are 人员经费 and which 公用经费.
    pub economic_classes: EconomicClasses,
    pub tables: Vec<TableSpec>,
    pub narrative: narrative::NarrativeLayout,
    /// 第一部分's computed sections (budget).
    pub overview: Option<OverviewLayout>,
    pub key_work: Option<KeyWorkLayout>,
    pub glossary: Option<GlossaryLayout>,
    pub attachments: Option<AttachmentsLayout>,
    /// Where this edition was read from (for diagnostics); not part of the file.
    #[serde(skip)]
    pub sources: Sources,
}

/// Title, cover and PDF metadata; `{unit}` and `{year}` are filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSpec {
    /// `{year}年度{unit}部门决算公开`: the PDF title and the running header.
    pub title: String,
    /// The cover's lines.
    pub cover: Vec<String>,
    pub subject: String,
    pub keywords: Vec<String>,
}

/// The parts of the booklet, in printed order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartSpec {
    pub kind: PartKind,
    /// The title after `第n部分`: `{unit}{year}年度部门决算表`.
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// 概况
    Overview,
    /// The tables.
    Tables,
    /// 情况说明
    Narrative,
    /// 重点工作完成情况
    KeyWork,
    /// 名词解释
    Glossary,
    /// 附件
    Attachments,
}

/// The lines above a table: title, label, 单位/部门, 年度, 金额单位.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// `{year}年度{title}` or `{year}年度{title}（{label}）`.
    pub title: String,
    /// The label stands right above the head line (公开01表) rather than in the title.
    pub label_beside_title: bool,
    /// The entry in the list of tables: `{n}、{title}（{label}）`.
    pub listing: String,
    /// Printed before the unit's name: `单位`, `部门`.
    pub org: String,
    pub money: String,
    /// Print `2024年度` between the unit and the money line.
    pub year_line: bool,
    /// `{subject}` in an empty table's 说明 line.
    pub empty_subject: String,
    /// The label stands on its own line above the title (`表1`, then `收支预算总表`).
    #[serde(default)]
    pub label_above: bool,
}

impl Head {
    fn patched(&self, p: &HeadPatch) -> Head {
        Head {
            title: p.title.clone().unwrap_or_else(|| self.title.clone()),
            label_beside_title: p.label_beside_title.unwrap_or(self.label_beside_title),
            listing: self.listing.clone(),
            org: p.org.clone().unwrap_or_else(|| self.org.clone()),
            money: p.money.clone().unwrap_or_else(|| self.money.clone()),
            year_line: p.year_line.unwrap_or(self.year_line),
            empty_subject: self.empty_subject.clone(),
            label_above: p.label_above.unwrap_or(self.label_above),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum MoneyUnit {
    #[serde(rename = "万元")]
    Wan,
    #[serde(rename = "元")]
    Yuan,
}

/// How a zero figure prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroDisplay {
    /// An empty cell.
    Blank,
    /// `0.00`
    Zero,
    /// `0.00` in a column that shows any amount, an empty cell in a column that shows
    /// none (budget 表3's unused columns).
    Column,
}

/// How the figures of a table print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberFormat {
    pub unit: MoneyUnit,
    pub decimals: u32,
    pub zero: ZeroDisplay,
    /// Thousands separators; absent: the input's `settings.thousands_separator`.
    pub separators: Option<bool>,
    /// Trailing zeros of the decimals dropped (`1757.5`, `100`, `0`: budget 表11).
    #[serde(default)]
    pub trim: bool,
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat {
            unit: MoneyUnit::Wan,
            decimals: 2,
            zero: ZeroDisplay::Blank,
            separators: None,
            trim: false,
        }
    }
}

impl NumberFormat {
    /// A figure as printed: in this format's unit, rounded half-up at its decimals.
    /// Every printed figure and every figure a sentence or a check computes with goes
    /// through here, so the precision has one home: the edition's `[format]`.
    pub fn printed(&self, m: Money) -> rust_decimal::Decimal {
        match self.unit {
            MoneyUnit::Wan => m.wan_rounded(self.decimals),
            MoneyUnit::Yuan => round_half_up(m.yuan(), self.decimals),
        }
    }

    fn patched(&self, p: &FormatPatch) -> NumberFormat {
        NumberFormat {
            unit: p.unit.unwrap_or(self.unit),
            decimals: p.decimals.unwrap_or(self.decimals),
            zero: p.zero.unwrap_or(self.zero),
            separators: p.separators.or(self.separators),
            trim: p.trim.unwrap_or(self.trim),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EconomicClasses {
    pub personnel: Vec<String>,
    pub public: Vec<String>,
}

impl Edition {
    pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(id, _)| *id)
    }

    /// The built-in edition of that id. Built-in editions are part of the program; the
    /// test suite loads every one of them.
    pub fn builtin(id: &str) -> Option<Edition> {
        builtin_text(id)?;
        Some(
            load::chain(&Origin::Builtin(id.to_string()), &mut load::no_files)
                .map_err(Failure::new)
                .and_then(Edition::from_chain)
                .unwrap_or_else(|f| panic!("built-in edition {id}: {f}")),
        )
    }

    /// The built-in edition of that kind that covers `year`.
    pub fn for_year(kind: BookletKind, year: i32) -> Option<Edition> {
        Self::builtin_ids()
            .filter_map(Self::builtin)
            .find(|e| e.kind == kind && e.years.contains(&year))
    }

    /// The edition of a chain of texts (the named one first, then those it extends:
    /// [`load::chain`]), parsed and checked; every defect is reported with its place.
    pub fn from_chain(chain: Vec<SourceFile>) -> Result<Edition, Failure> {
        let tree = load::merge(chain).map_err(Failure::new)?;
        let sources = tree.sources;
        let de = toml::de::Deserializer::from(tree.table);
        let mut edition: Edition = serde::Deserialize::deserialize(de).map_err(|err| {
            let (file, span) = sources.file_of(err.span().unwrap_or(0..0));
            Failure::new(crate::base::toml_error::toml_message_error(
                file,
                err.message(),
                span,
            ))
        })?;
        edition.sources = sources;
        let problems = check::check(&edition);
        if problems.is_empty() {
            Ok(edition)
        } else {
            Err(Failure::many(problems))
        }
    }

    /// The table declared with that id.
    pub fn table(&self, id: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id.get_ref() == id)
    }

    /// The printed label of the first table that shows `figure` in a column, for
    /// diagnostics that name "the table of 基本支出".
    pub fn label_showing(&self, figure: &str) -> Option<&str> {
        self.tables
            .iter()
            .find(|t| t.shows(figure))
            .map(|t| t.label.get_ref().as_str())
    }

    /// The printed label of the first table of that kind.
    pub fn label_of_kind(&self, kind: TableKind) -> Option<&str> {
        self.tables
            .iter()
            .find(|t| *t.kind.get_ref() == kind)
            .map(|t| t.label.get_ref().as_str())
    }

    /// The head of table `t`, with its overrides.
    pub fn head_of(&self, t: &TableSpec) -> Head {
        self.head.patched(&t.head)
    }

    pub fn format_of(&self, t: &TableSpec) -> NumberFormat {
        self.format.patched(&t.format)
    }

    pub fn has_part(&self, kind: PartKind) -> bool {
        self.parts.iter().any(|p| p.kind == kind)
    }

    /// The class codes, in printed order.
    pub fn class_codes(&self) -> impl Iterator<Item = &str> {
        self.classes.iter().map(|c| c.get_ref().as_str())
    }
}

impl TableSpec {
    /// Whether a column of this table shows `figure`.
    pub fn shows(&self, figure: &str) -> bool {
        let named = |c: &ColumnSpec| c.figure.as_ref().is_some_and(|f| f.get_ref() == figure);
        self.columns.iter().any(named)
            || self.groups.iter().any(|g| g.total.get_ref() == figure)
            || [&self.income, &self.spending]
                .into_iter()
                .flatten()
                .any(|side| {
                    side.rows
                        .iter()
                        .chain(&side.tail)
                        .any(|r| r.figures().iter().any(|f| f.get_ref() == figure))
                })
    }
}

/// The text of a built-in edition.
fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

fn builtin_ids_joined() -> String {
    Edition::builtin_ids().collect::<Vec<_>>().join("、")
}

/// Where an edition named `name` comes from: a built-in id, or a path (a name with a
/// `/` or ending in `.toml`) relative to `dir`.
pub fn origin_of(name: &str, dir: Option<&Path>) -> Origin {
    if builtin_text(name).is_some() || !(name.contains('/') || name.ends_with(".toml")) {
        Origin::Builtin(name.to_string())
    } else {
        let path = Path::new(name);
        Origin::File(match dir {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path.to_path_buf(),
        })
    }
}

/// The text of a built-in edition, for `gongkai edition show`.
pub fn builtin_source(id: &str) -> Result<&'static str, Diagnostic> {
    builtin_text(id).ok_or_else(|| {
        Diagnostic::error("E0204", format!("没有名为“{id}”的内置版式"))
            .help(format!("可用：{}", builtin_ids_joined()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_edition_loads() {
        for id in Edition::builtin_ids() {
            let e = Edition::builtin(id).unwrap();
            assert_eq!(e.id, id);
            assert!(!e.tables.is_empty(), "{id}");
        }
    }

    #[test]
    fn the_year_picks_the_edition_of_the_kind() {
        assert_eq!(
            Edition::for_year(BookletKind::Final, 2022).unwrap().id,
            "wuhan-2022"
        );
        assert_eq!(
            Edition::for_year(BookletKind::Final, 2024).unwrap().id,
            "wuhan-2024"
        );
        assert!(Edition::for_year(BookletKind::Final, 1990).is_none());
        let budget = Edition::for_year(BookletKind::Budget, 2024).unwrap();
        assert_eq!(budget.id, "wuhan-budget-2024");
        assert_eq!(budget.kind, BookletKind::Budget);
        assert_eq!(budget.classes.len(), 24);
    }

    #[test]
    fn a_variant_amends_the_edition_it_extends() {
        let base = Edition::builtin("wuhan-2024").unwrap();
        let qingshan = Edition::builtin("wuhan-qingshan-2024").unwrap();
        assert_eq!(qingshan.id, "wuhan-qingshan-2024");
        assert_eq!(qingshan.head.org, "部门");
        assert_eq!(qingshan.head.money, "单位：万元");
        assert!(!qingshan.head.year_line);
        assert_eq!(qingshan.head.title, base.head.title);
        assert_eq!(qingshan.tables.len(), base.tables.len());
        assert!(
            qingshan.years.is_empty(),
            "a variant is chosen only by name"
        );
    }
}
