//! The vocabulary: every name an input, an edition or a template may use, declared once,
//! below both the editions that name them and the code that implements them.
//!
//! Each list is a macro that hands its names to a macro of the caller's
//! (`with_item_amounts!(my_macro)` expands to `my_macro! { general_basic: "…", … }`), so
//! the structs that carry one field per name — the input's `[[items]]`, the resolved
//! amounts, a row's figures, the reasons, last year's figures, a project's sources — are
//! generated from the list and cannot miss a name or gain one. Lists whose names the code
//! implements by hand (the fact builders of 第三部分, the figures of a unit or of 表10)
//! are constants here; a unit test beside each implementation checks it against them.

/// Calls `$m! { name: "label", … }` with the amounts of one 功能分类 项 as the input
/// writes them (`[[items]]`), in the input's order. Each is a leaf: every total is
/// derived from them.
#[macro_export]
macro_rules! with_item_amounts {
    ($m:ident $(, $($pre:tt)*)?) => {
        $m! {
            $($($pre)*)?
            general_basic: "一般公共预算财政拨款 基本支出",
            general_personnel: "一般公共预算 基本支出：人员经费（预算）",
            general_public: "一般公共预算 基本支出：公用经费（预算）",
            special_account_income: "财政专户管理资金收入（预算）",
            general_project: "一般公共预算财政拨款 项目支出",
            general_income: "一般公共预算财政拨款收入",
            general_opening: "年初一般公共预算财政拨款结转和结余",
            fund_basic: "政府性基金预算财政拨款 基本支出",
            fund_project: "政府性基金预算财政拨款 项目支出",
            fund_income: "政府性基金预算财政拨款收入",
            fund_opening: "年初政府性基金预算财政拨款结转和结余",
            capital_basic: "国有资本经营预算财政拨款 基本支出",
            capital_project: "国有资本经营预算财政拨款 项目支出",
            capital_income: "国有资本经营预算财政拨款收入",
            capital_opening: "年初国有资本经营预算财政拨款结转和结余",
            nonfiscal_basic: "非财政拨款 基本支出",
            nonfiscal_project: "非财政拨款 项目支出",
            to_superior: "上缴上级支出",
            operating_spending: "经营支出",
            to_affiliated: "对附属单位补助支出",
            superior_income: "上级补助收入",
            business_income: "事业收入",
            operating_income: "经营收入",
            affiliated_income: "附属单位上缴收入",
            other_income: "其他收入",
            budget: "一般公共预算财政拨款 年初预算",
        }
    };
}

/// Calls `$m! { name: "label", … }` with the figures of a 功能分类 row derived from its
/// amounts (`figures::Figures::derive` computes each).
#[macro_export]
macro_rules! with_derived_figures {
    ($m:ident $(, $($pre:tt)*)?) => {
        $m! {
            $($($pre)*)?
            general_spending: "一般公共预算财政拨款支出",
            fund_spending: "政府性基金预算财政拨款支出",
            capital_spending: "国有资本经营预算财政拨款支出",
            fiscal_spending: "财政拨款支出",
            general_closing: "年末一般公共预算财政拨款结转和结余",
            fund_closing: "年末政府性基金预算财政拨款结转和结余",
            capital_closing: "年末国有资本经营预算财政拨款结转和结余",
            fiscal_income: "财政拨款收入",
            nonfiscal_income: "非财政拨款收入",
            income_total: "本年收入合计",
            basic: "基本支出",
            project: "项目支出",
            spending_total: "本年支出合计",
            fiscal_opening: "年初财政拨款结转和结余",
            income_and_carryover: "本年收入与年初结转合计",
        }
    };
}

/// Calls `$m! { name: "label", … }` with the reasons the input may give in
/// `[narrative.reasons]` and an edition's sections may ask for.
#[macro_export]
macro_rules! with_reasons {
    ($m:ident $(, $($pre:tt)*)?) => {
        $m! {
            $($($pre)*)?
            total: "收、支总计增减",
            income: "本年收入增减",
            spending: "本年支出增减",
            fiscal: "财政拨款收、支总计增减",
            general_income: "一般公共预算财政拨款收入增减",
            fund_income: "政府性基金预算财政拨款收入增减",
            capital_income: "国有资本经营预算财政拨款收入增减",
            general_spending: "一般公共预算财政拨款支出增减",
            budget: "一般公共预算财政拨款支出决算与年初预算的差异",
            sangong: "“三公”经费增减",
            abroad: "因公出国（境）费增减",
            car: "公务用车购置及运行维护费增减",
            reception: "公务接待费增减",
            operating_costs: "机关运行经费增减",
        }
    };
}

/// Calls `$m! { name: "label", … }` with last year's amounts a section may compare
/// with, as `[previous]` writes them (三公, given by its lines or total, is apart:
/// [`PRIOR_FIGURES`] adds it).
#[macro_export]
macro_rules! with_prior_amounts {
    ($m:ident $(, $($pre:tt)*)?) => {
        $m! {
            $($($pre)*)?
            total: "收、支总计（公开01 总计）",
            income: "本年收入合计",
            spending: "本年支出合计",
            fiscal_total: "财政拨款收、支总计（公开04 总计）",
            general_income: "一般公共预算财政拨款收入",
            fund_income: "政府性基金预算财政拨款收入",
            capital_income: "国有资本经营预算财政拨款收入",
            general_spending: "一般公共预算财政拨款支出",
            operating_costs: "机关运行经费",
        }
    };
}

/// Calls `$m! { name: "label", … }` with the sources of a budget project's money
/// (`[projects.sources]`); `*_opening` is money carried over from last year.
#[macro_export]
macro_rules! with_project_sources {
    ($m:ident $(, $($pre:tt)*)?) => {
        $m! {
            $($($pre)*)?
            general: "一般公共预算财政拨款",
            general_opening: "上年结转的一般公共预算财政拨款",
            fund: "政府性基金预算财政拨款",
            fund_opening: "上年结转的政府性基金预算财政拨款",
            capital: "国有资本经营预算财政拨款",
            capital_opening: "上年结转的国有资本经营预算财政拨款",
            special_account: "财政专户管理资金",
            business: "事业收入",
            operating: "事业单位经营收入",
            superior: "上级补助收入",
            affiliated: "附属单位上缴收入",
            other: "其他收入",
        }
    };
}

/// `names!` as a callback: the names of a list as a `&[&str]`.
macro_rules! names {
    ($($name:ident: $label:literal,)*) => {
        &[$(stringify!($name)),*]
    };
}

/// The amounts of a 项 (`[[items]]`), in the input's order.
pub const ITEM_AMOUNTS: &[&str] = with_item_amounts!(names);
/// The figures a row derives from its amounts.
pub const DERIVED_FIGURES: &[&str] = with_derived_figures!(names);
/// The reasons of `[narrative.reasons]`.
pub const REASONS: &[&str] = with_reasons!(names);
/// Last year's amounts of `[previous]`, without 三公.
pub const PRIOR_AMOUNTS: &[&str] = with_prior_amounts!(names);
/// The sources of a budget project's money.
pub const PROJECT_SOURCES: &[&str] = with_project_sources!(names);

/// The figures of a 功能分类 row (a 项, 款, 类 or the unit): its amounts, then what it
/// derives from them. What a `function` table's column and a section's `class_figure`
/// may name.
pub fn row_figures() -> impl Iterator<Item = &'static str> {
    ITEM_AMOUNTS.iter().chain(DERIVED_FIGURES).copied()
}

/// Last year's figures a section may compare with (`prior = …`).
pub const PRIOR_FIGURES: &[&str] = &[
    "total",
    "income",
    "spending",
    "fiscal_total",
    "general_income",
    "fund_income",
    "capital_income",
    "general_spending",
    "operating_costs",
    "sangong",
];

/// The unit's figures beyond a row's (the named totals of 公开01/04, 人员经费 and
/// 公用经费, the 三公 lines): with [`row_figures`], what summary and row tables show,
/// what `[typed]` cross-checks and 第三部分's `figure = …` name.
pub const UNIT_FIGURES: &[&str] = &[
    "nonfiscal_surplus_used",
    "business_fund_used",
    "opening_total",
    "income_grand_total",
    "surplus_distribution",
    "closing_total",
    "spending_grand_total",
    "fiscal_income_grand_total",
    "fiscal_closing",
    "fiscal_spending_grand_total",
    "general_spending_grand_total",
    "fund_spending_grand_total",
    "capital_spending_grand_total",
    "personnel_total",
    "public_total",
    "sangong_budget_total",
    "sangong_budget_abroad",
    "sangong_budget_car_total",
    "sangong_budget_car_purchase",
    "sangong_budget_car_running",
    "sangong_budget_reception",
    "sangong_actual_total",
    "sangong_actual_abroad",
    "sangong_actual_car_total",
    "sangong_actual_car_purchase",
    "sangong_actual_car_running",
    "sangong_actual_reception",
];

/// Every figure of the unit by name: a row's figures summed over the unit, then
/// [`UNIT_FIGURES`].
pub fn unit_figures() -> impl Iterator<Item = &'static str> {
    row_figures().chain(UNIT_FIGURES.iter().copied())
}

/// The figures a column of a budget `projects` table (表10) can show.
pub const PROJECT_FIGURES: &[&str] = &[
    "total",
    "general",
    "fund",
    "capital",
    "special_account",
    "unit_funds",
    "opening",
];

/// The fact builders an edition's 第三部分 section may name (`facts = …`).
pub const FACT_BUILDERS: &[&str] = &[
    "totals",
    "general",
    "basic",
    "fund",
    "capital",
    "sangong",
    "operating_costs",
    "procurement",
    "assets",
    "performance",
    "group",
    "budget_general",
    "budget_basic",
    "budget_sangong",
    "budget_performance",
    "purchased_services",
    "nontax",
];

/// The vehicle categories the input may count (`[narrative.assets.vehicles]`).
pub const VEHICLE_KEYS: &[&str] = &[
    "general",
    "leaders",
    "heads",
    "confidential",
    "emergency",
    "enforcement",
    "special",
    "retirees",
    "other",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_list_names_a_figure_twice() {
        let all: Vec<&str> = unit_figures().collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "{all:?}");
        for list in [
            REASONS,
            PRIOR_FIGURES,
            PROJECT_SOURCES,
            PROJECT_FIGURES,
            FACT_BUILDERS,
        ] {
            let mut l = list.to_vec();
            l.sort_unstable();
            l.dedup();
            assert_eq!(l.len(), list.len(), "{list:?}");
        }
        assert!(PRIOR_AMOUNTS.iter().all(|p| PRIOR_FIGURES.contains(p)));
    }
}
