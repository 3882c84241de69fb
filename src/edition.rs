//! Layout editions: which tables a year's booklet has, their labels, row numbering,
//! notes and identity lines. Editions are data files under `data/editions/`, embedded
//! in the binary and chosen by the input's year unless the input names one.

use serde::Deserialize;

mod back_matter;
pub use back_matter::*;

const BUILTIN: &[(&str, &str)] = &[
    (
        "wuhan-2022",
        include_str!("../data/editions/wuhan-2022.toml"),
    ),
    (
        "wuhan-2024",
        include_str!("../data/editions/wuhan-2024.toml"),
    ),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub id: String,
    pub description: String,
    pub years: Vec<i32>,
    pub labels: Labels,
    pub classes: Vec<String>,
    pub summary: SummaryLayout,
    pub fiscal_summary: SummaryLayout,
    pub economic: EconomicLayout,
    pub tables: Vec<TableSpec>,
    pub narrative: narrative::NarrativeLayout,
    pub key_work: KeyWorkLayout,
    pub glossary: GlossaryLayout,
    pub attachments: AttachmentsLayout,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// `公开{nn}表` or `表{n}`.
    pub table: String,
    pub in_title: bool,
    pub org: String,
    pub money: String,
    pub year_line: bool,
    pub empty_subject: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryLayout {
    pub income: Vec<RowSpec>,
    pub income_tail: Vec<RowSpec>,
    pub spending_tail: Vec<RowSpec>,
}

/// A row of a summary table: a label and the named figure(s) it shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    pub label: String,
    pub value: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub indent: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EconomicLayout {
    pub personnel: Vec<String>,
    pub public: Vec<String>,
    pub capital: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// `01` … `09`.
    pub id: String,
    /// Which template draws it: `summary`, `income`, `spending`, ….
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub identities: Vec<String>,
    pub empty_note: Option<String>,
    #[serde(default)]
    pub landscape: bool,
}

impl Edition {
    pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(id, _)| *id)
    }

    /// The built-in edition of that id. Built-in editions are part of the program; the
    /// test suite parses every one of them.
    pub fn builtin(id: &str) -> Option<Edition> {
        BUILTIN.iter().find(|(i, _)| *i == id).map(|(i, text)| {
            toml::from_str(text).unwrap_or_else(|e| panic!("data/editions/{i}.toml: {e}"))
        })
    }

    /// The built-in edition that covers `year`.
    pub fn for_year(year: i32) -> Option<Edition> {
        Self::builtin_ids()
            .filter_map(Self::builtin)
            .find(|e| e.years.contains(&year))
    }

    /// The printed label of table `id` (`01` → `公开01表` or `表1`).
    pub fn table_label(&self, id: &str) -> String {
        let n: u32 = id.parse().unwrap_or(0);
        self.labels
            .table
            .replace("{nn}", &format!("{n:02}"))
            .replace("{n}", &n.to_string())
    }

    pub fn table(&self, id: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_edition_parses_and_has_nine_tables() {
        for id in Edition::builtin_ids() {
            let e = Edition::builtin(id).unwrap();
            assert_eq!(e.id, id);
            assert_eq!(e.tables.len(), 9, "{id}");
            assert_eq!(e.classes.len(), 26, "{id}");
        }
    }

    #[test]
    fn labels_follow_the_edition() {
        assert_eq!(
            Edition::builtin("wuhan-2024").unwrap().table_label("01"),
            "公开01表"
        );
        assert_eq!(
            Edition::builtin("wuhan-2022").unwrap().table_label("01"),
            "表1"
        );
        assert_eq!(Edition::for_year(2022).unwrap().id, "wuhan-2022");
        assert_eq!(Edition::for_year(2024).unwrap().id, "wuhan-2024");
        assert!(Edition::for_year(1990).is_none());
    }
}

pub mod narrative;
