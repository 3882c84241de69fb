//! The classification catalogs (支出功能分类 and 经济分类): names, explanations and the
//! source of each entry. They are data files under `data/catalog/`, embedded at build
//! time so the binary works from anywhere.

use serde::Deserialize;
use std::collections::BTreeMap;

const FUNCTIONS_TOML: &str = include_str!("../data/catalog/functions.toml");
const ECONOMIC_TOML: &str = include_str!("../data/catalog/economic.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub name: String,
    pub explanation: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    functions: BTreeMap<String, Entry>,
    economic: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct FunctionFile {
    function: Vec<Entry>,
}

#[derive(Deserialize)]
struct EconomicFile {
    economic: Vec<Entry>,
}

impl Catalog {
    /// The built-in catalog. Its files are part of the program, so a parse failure is a
    /// bug caught by the test suite, not a user error.
    pub fn builtin() -> Catalog {
        let functions: FunctionFile =
            toml::from_str(FUNCTIONS_TOML).expect("data/catalog/functions.toml is valid");
        let economic: EconomicFile =
            toml::from_str(ECONOMIC_TOML).expect("data/catalog/economic.toml is valid");
        Catalog {
            functions: functions
                .function
                .into_iter()
                .map(|e| (e.code.clone(), e))
                .collect(),
            economic: economic
                .economic
                .into_iter()
                .map(|e| (e.code.clone(), e))
                .collect(),
        }
    }

    pub fn function(&self, code: &str) -> Option<&Entry> {
        self.functions.get(code)
    }

    pub fn economic(&self, code: &str) -> Option<&Entry> {
        self.economic.get(code)
    }
}

/// The 类 (3 digits) and 款 (5 digits) a 项 code (7 digits) belongs to.
pub fn function_ancestors(code: &str) -> [&str; 2] {
    [&code[..3], &code[..5]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_has_its_class_and_section() {
        let catalog = Catalog::builtin();
        for code in catalog.functions.keys().filter(|c| c.len() == 7) {
            for ancestor in function_ancestors(code) {
                assert!(
                    catalog.function(ancestor).is_some(),
                    "{code}: {ancestor} missing"
                );
            }
        }
    }

    #[test]
    fn looks_up_names_from_the_references() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.function("2013750").unwrap().name, "事业运行");
        assert_eq!(catalog.function("20137").unwrap().name, "网信事务");
        assert_eq!(
            catalog.function("2290402").unwrap().name,
            "其他地方自行试点项目收益专项债券收入安排的支出"
        );
        assert_eq!(
            catalog.economic("30231").unwrap().name,
            "公务用车运行维护费"
        );
        assert!(catalog.function("2999999").is_none());
    }
}
