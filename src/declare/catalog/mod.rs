//! The classification catalogs (支出功能分类 and 经济分类): names, explanations and the
//! source of each entry, each valid for a period of years, because the 政府收支分类科目
//! renames and adds codes between years. The built-in catalog is the files under
//! `data/catalog/`, embedded at build time; an input may lay a catalog file or directory
//! of its own over it (`settings.catalog`). Format: `docs/catalog.md`.

mod load;

use crate::base::diag::{Failure, SourceFile};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every file under `data/catalog/` (a test checks that none is left out).
const BUILTIN: &[(&str, &str)] = &[
    (
        "data/catalog/functions.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/catalog/functions.toml"
        )),
    ),
    (
        "data/catalog/economic.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/catalog/economic.toml"
        )),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 支出功能分类: 类 3 digits, 款 5, 项 7.
    Function,
    /// 部门预算支出经济分类: 类 3 digits, 款 5.
    Economic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub name: String,
    pub explanation: Option<String>,
    pub source: Option<String>,
    /// First year the entry applies to; `None`: every year before `until`.
    pub from: Option<i32>,
    /// Last year the entry applies to; `None`: every year from `from` on.
    pub until: Option<i32>,
}

impl Entry {
    pub fn applies_to(&self, year: i32) -> bool {
        self.from.is_none_or(|from| from <= year) && self.until.is_none_or(|until| year <= until)
    }

    /// The entry's years as a closed range, open ends as the extremes of `i32`.
    fn years(&self) -> (i32, i32) {
        (
            self.from.unwrap_or(i32::MIN),
            self.until.unwrap_or(i32::MAX),
        )
    }
}

/// One catalog's entries by code; a code has several entries when its name changed.
#[derive(Debug, Default)]
struct Layer {
    functions: BTreeMap<String, Vec<Entry>>,
    economic: BTreeMap<String, Vec<Entry>>,
}

impl Layer {
    fn entries(&self, kind: Kind) -> &BTreeMap<String, Vec<Entry>> {
        match kind {
            Kind::Function => &self.functions,
            Kind::Economic => &self.economic,
        }
    }
}

/// The built-in catalog, possibly with user catalogs laid over it: a lookup takes the
/// entry of the topmost layer that has the code for the year. Cloning is cheap.
#[derive(Debug, Clone)]
pub struct Catalog {
    layers: Vec<Arc<Layer>>,
}

impl Catalog {
    /// The built-in catalog. Its files are part of the program, so a defect in them is a
    /// bug caught by the test suite, not a user error.
    pub fn builtin() -> Catalog {
        let files = BUILTIN
            .iter()
            .map(|(path, text)| SourceFile::new(*path, *text))
            .collect();
        Catalog { layers: Vec::new() }
            .with_files(files)
            .unwrap_or_else(|f| panic!("the built-in catalog is valid:\n{f}"))
    }

    /// The name of a 支出功能分类 code in a year.
    pub fn function(&self, year: i32, code: &str) -> Option<&Entry> {
        self.lookup(Kind::Function, year, code)
    }

    /// The name of a 经济分类 code in a year.
    pub fn economic(&self, year: i32, code: &str) -> Option<&Entry> {
        self.lookup(Kind::Economic, year, code)
    }

    pub fn lookup(&self, kind: Kind, year: i32, code: &str) -> Option<&Entry> {
        self.layers.iter().rev().find_map(|layer| {
            layer
                .entries(kind)
                .get(code)?
                .iter()
                .find(|e| e.applies_to(year))
        })
    }

    /// Every entry of every layer, in code order within a layer.
    pub fn entries(&self, kind: Kind) -> impl Iterator<Item = &Entry> {
        self.layers
            .iter()
            .flat_map(move |layer| layer.entries(kind).values().flatten())
    }

    /// These files as one new layer over this catalog. Every defect of every file is
    /// reported, each at its file, line and column.
    pub fn with_files(&self, files: Vec<SourceFile>) -> Result<Catalog, Failure> {
        let layer = load::layer(self, &files)?;
        let mut layers = self.layers.clone();
        layers.push(Arc::new(layer));
        Ok(Catalog { layers })
    }

    /// The first year of `years` in which no entry of `code` applies, counting this
    /// catalog's entries and `pending` ones (entries of `code` not yet in a layer).
    fn first_gap(
        &self,
        kind: Kind,
        code: &str,
        pending: &[&Entry],
        years: (i32, i32),
    ) -> Option<i32> {
        let mut ranges: Vec<(i32, i32)> = self
            .layers
            .iter()
            .filter_map(|l| l.entries(kind).get(code))
            .flatten()
            .chain(pending.iter().copied())
            .map(Entry::years)
            .collect();
        ranges.sort_unstable();
        let (mut next, last) = years;
        for (lo, hi) in ranges {
            if lo > next {
                break;
            }
            if hi >= last {
                return None;
            }
            next = next.max(hi + 1);
        }
        Some(next)
    }
}

/// The 类 (3 digits) and 款 (5 digits) a 项 code (7 digits) belongs to.
pub fn function_ancestors(code: &str) -> [&str; 2] {
    [&code[..3], &code[..5]]
}

/// The code one level up: 款 → 类, 项 → 款; `None` for a 类.
pub fn parent(code: &str) -> Option<&str> {
    match code.len() {
        5 => Some(&code[..3]),
        7 => Some(&code[..5]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_has_its_class_and_section() {
        let catalog = Catalog::builtin();
        for entry in catalog
            .entries(Kind::Function)
            .filter(|e| e.code.len() == 7)
        {
            for ancestor in function_ancestors(&entry.code) {
                for year in [entry.from, entry.until].into_iter().flatten() {
                    assert!(
                        catalog.function(year, ancestor).is_some(),
                        "{}: {ancestor} missing in {year}",
                        entry.code
                    );
                }
                assert!(catalog.entries(Kind::Function).any(|e| e.code == ancestor));
            }
        }
    }

    #[test]
    fn looks_up_names_from_the_references() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.function(2024, "2013750").unwrap().name, "事业运行");
        assert_eq!(catalog.function(2022, "20137").unwrap().name, "网信事务");
        assert_eq!(
            catalog.function(2024, "2290402").unwrap().name,
            "其他地方自行试点项目收益专项债券收入安排的支出"
        );
        assert_eq!(
            catalog.economic(2024, "30231").unwrap().name,
            "公务用车运行维护费"
        );
        assert!(catalog.function(2024, "2999999").is_none());
    }

    fn entry(code: &str, from: Option<i32>, until: Option<i32>) -> Entry {
        Entry {
            code: code.into(),
            name: "x".into(),
            explanation: None,
            source: None,
            from,
            until,
        }
    }

    #[test]
    fn gaps_are_the_first_year_no_entry_covers() {
        let empty = Catalog { layers: Vec::new() };
        let a = entry("201", None, Some(2019));
        let b = entry("201", Some(2021), None);
        let gap = |years| empty.first_gap(Kind::Function, "201", &[&a, &b], years);
        assert_eq!(gap((2000, 2019)), None);
        assert_eq!(gap((2021, i32::MAX)), None);
        assert_eq!(gap((2018, 2022)), Some(2020));
        assert_eq!(gap((i32::MIN, i32::MAX)), Some(2020));
        let all = entry("201", None, None);
        assert_eq!(
            empty.first_gap(Kind::Function, "201", &[&all], (i32::MIN, i32::MAX)),
            None
        );
        assert_eq!(
            empty.first_gap(Kind::Function, "201", &[], (2024, 2024)),
            Some(2024)
        );
    }
}
