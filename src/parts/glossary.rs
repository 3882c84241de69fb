//! 第五部分 名词解释: the edition's standard terms in the unit's fiscal level, with the
//! user's changes, and the list of the 支出功能分类 项 the booklet's tables use, each
//! with its 类/款/项 path and its explanation from the catalog.

use crate::base::numeral::chinese_numeral;
use crate::declare::catalog::{function_ancestors, Catalog};
use crate::declare::edition::GlossaryLayout;
use crate::resolve::glossary::Glossary;
use crate::tables::FunctionData;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, Serialize)]
pub struct GlossaryView {
    pub entries: Vec<TermView>,
    /// The edition's closing line (`咨询电话：83426338`).
    pub closing: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    /// `（一）一般公共预算财政拨款收入`
    pub heading: String,
    /// The definition; empty for the list of codes.
    pub text: String,
    /// `1.一般公共服务支出（类）网信事务（款）事业运行（项）。反映…`
    pub functions: Vec<String>,
}

/// The 项 codes that appear in the booklet's detail tables, in code order.
pub fn used_codes(tables: &[&FunctionData]) -> Vec<String> {
    let codes: BTreeSet<&String> = tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .filter(|r| r.level == 3)
        .map(|r| &r.code)
        .collect();
    codes.into_iter().cloned().collect()
}

/// The user's setting, else the edition's.
fn own_or<'a>(own: &'a Option<String>, edition: &'a str) -> &'a str {
    own.as_deref().unwrap_or(edition)
}

pub fn view(
    facts: &Glossary,
    layout: &GlossaryLayout,
    catalog: &Catalog,
    year: i32,
    names: &BTreeMap<String, String>,
    codes: &[String],
    phone: Option<&str>,
) -> GlossaryView {
    let level_name = own_or(&facts.fiscal_level, &layout.default_fiscal_level);
    let departments = layout
        .fiscal_levels
        .iter()
        .find(|l| l.name == level_name)
        .map_or("", |l| l.departments.as_str());
    let fill = |text: &str| {
        text.replace("{fiscal}", level_name)
            .replace("{departments}", departments)
    };
    let term_numbering = own_or(&facts.term_numbering, &layout.term_numbering);
    let code_numbering = own_or(&facts.code_numbering, &layout.code_numbering);
    let user_text = |term: &str| {
        facts
            .terms
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, text)| text.clone())
    };

    // (term, text, is the code list)
    let mut terms: Vec<(String, String, bool)> = layout
        .terms
        .iter()
        .filter(|t| !facts.omit.contains(&t.term))
        .map(|t| {
            let text = user_text(&t.term).unwrap_or_else(|| fill(&t.text));
            (t.term.clone(), text, t.functions)
        })
        .collect();
    for (term, text) in &facts.terms {
        if !layout.terms.iter().any(|t| &t.term == term) {
            terms.push((term.clone(), text.clone(), false));
        }
    }

    let name = |code: &str| names.get(code).cloned().unwrap_or_default();
    let functions: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let [class, section] = function_ancestors(code);
            let explanation = facts.explanations.get(code).cloned().or_else(|| {
                catalog
                    .function(year, code)
                    .and_then(|e| e.explanation.clone())
                    .filter(|_| !names_overridden(catalog, year, names, code))
            });
            format!(
                "{}{}（类）{}（款）{}（项）{}{}",
                code_numbering.replace("{n}", &(i + 1).to_string()),
                name(class),
                name(section),
                name(code),
                layout.code_separator,
                explanation.unwrap_or_default()
            )
        })
        .collect();

    GlossaryView {
        closing: layout
            .closing
            .as_ref()
            .map(|c| c.replace("{phone}", phone.unwrap_or_default())),
        entries: terms
            .into_iter()
            .enumerate()
            .map(|(i, (term, text, is_list))| TermView {
                heading: format!(
                    "{}{term}",
                    term_numbering.replace("{n}", &chinese_numeral(i + 1))
                ),
                text: if is_list { String::new() } else { text },
                functions: if is_list {
                    functions.clone()
                } else {
                    Vec::new()
                },
            })
            .collect(),
    }
}

/// A 项 the user renamed is not the catalog's 项: its explanation would not fit.
fn names_overridden(
    catalog: &Catalog,
    year: i32,
    names: &BTreeMap<String, String>,
    code: &str,
) -> bool {
    match (catalog.function(year, code), names.get(code)) {
        (Some(entry), Some(name)) => &entry.name != name,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declare::edition::Edition;
    use crate::figures::Figures;
    use crate::tables::FunctionRow;

    fn table(codes: &[&str]) -> FunctionData {
        FunctionData {
            columns: vec!["general_spending".into()],
            rows: codes
                .iter()
                .map(|c| FunctionRow {
                    code: c.to_string(),
                    name: String::new(),
                    level: match c.len() {
                        3 => 1,
                        5 => 2,
                        _ => 3,
                    },
                    f: Figures::default(),
                })
                .collect(),
            total: Figures::default(),
        }
    }

    /// The glossary `edition` prints for `codes`, with the items the user `renamed`.
    fn glossary(
        facts: &Glossary,
        edition: &str,
        codes: &[&str],
        renamed: &[(&str, &str)],
    ) -> GlossaryView {
        let catalog = Catalog::builtin();
        let edition = Edition::builtin(edition).unwrap();
        let mut names: BTreeMap<String, String> = codes
            .iter()
            .flat_map(|c| [&c[..3], &c[..5], *c])
            .map(|c| {
                (
                    c.to_string(),
                    catalog.function(2024, c).unwrap().name.clone(),
                )
            })
            .collect();
        for (code, name) in renamed {
            names.insert(code.to_string(), name.to_string());
        }
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        view(
            facts,
            edition.glossary.as_ref().unwrap(),
            &catalog,
            2024,
            &names,
            &codes,
            None,
        )
    }

    /// The entry that lists the 功能分类 items.
    fn listed(view: &GlossaryView) -> &TermView {
        view.entries
            .iter()
            .find(|e| !e.functions.is_empty())
            .unwrap()
    }

    #[test]
    fn the_list_holds_each_item_of_any_detail_table_once_in_code_order() {
        let income = table(&["201", "20137", "2013750", "221", "22102", "2210201"]);
        let fund = table(&["229", "22904", "2290402"]);
        let spending = table(&["201", "20137", "2013704", "2013750"]);
        assert_eq!(
            used_codes(&[&income, &spending, &fund]),
            ["2013704", "2013750", "2210201", "2290402"]
        );
        assert!(used_codes(&[&table(&["201", "20137"])]).is_empty());
    }

    #[test]
    fn each_code_gets_its_path_and_catalog_explanation() {
        let view = glossary(
            &Glossary::default(),
            "wuhan-2024",
            &["2013750", "2290402"],
            &[],
        );
        let list = listed(&view);
        assert_eq!(list.heading, "（十）本部门使用的支出功能分类科目（到项级）");
        assert_eq!(
            list.functions,
            [
                "1.一般公共服务支出（类）网信事务（款）事业运行（项）。反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。",
                // No explanation is known for this one: the path alone.
                "2.其他支出（类）其他政府性基金及对应专项债务收入安排的支出（款）其他地方自行试点项目收益专项债券收入安排的支出（项）。",
            ]
        );
    }

    #[test]
    fn fiscal_level_numbering_and_the_users_terms() {
        let facts = Glossary {
            fiscal_level: Some("区级财政".into()),
            term_numbering: Some("{n}、".into()),
            code_numbering: Some("({n})".into()),
            omit: vec!["结余分配".into(), "经营支出".into()],
            terms: vec![
                ("事业收入".into(), "指本单位的事业收入。".into()),
                ("数据要素".into(), "指新的名词。".into()),
            ],
            explanations: BTreeMap::from([("2210201".into(), "反映自己的说明。".into())]),
        };
        let view = glossary(
            &facts,
            "wuhan-2024",
            &["2210201"],
            &[("2210201", "职工住房公积金")],
        );
        let headings: Vec<&str> = view.entries.iter().map(|e| e.heading.as_str()).collect();
        assert_eq!(headings[0], "一、一般公共预算财政拨款收入");
        assert!(!headings.iter().any(|h| h.contains("结余分配")));
        assert_eq!(headings.len(), 17 - 2 + 1);
        assert_eq!(*headings.last().unwrap(), "十六、数据要素");
        assert_eq!(
            view.entries[0].text,
            "指区级财政一般公共预算当年拨付的资金。"
        );
        assert_eq!(view.entries[4].text, "指本单位的事业收入。");
        let sangong = view
            .entries
            .iter()
            .find(|e| e.heading.ends_with("“三公”经费"))
            .unwrap();
        assert!(sangong
            .text
            .starts_with("纳入区级财政预决算管理的“三公”经费，是指区直部门用财政拨款安排的"));
        assert_eq!(
            listed(&view).functions,
            ["(1)住房保障支出（类）住房改革支出（款）职工住房公积金（项）。反映自己的说明。"]
        );
    }

    #[test]
    fn a_renamed_item_does_not_borrow_the_catalogs_explanation() {
        let view = glossary(
            &Glossary::default(),
            "wuhan-2022",
            &["2013750"],
            &[("2013750", "本单位运行")],
        );
        assert_eq!(
            listed(&view).functions,
            ["1.一般公共服务支出（类）网信事务（款）本单位运行（项）。"]
        );
    }
}
