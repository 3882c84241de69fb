//! The validation rules: a stable code, a severity, what each checks and why it has
//! that severity. The README's table of rules is this list.
//!
//! Severities: an *error* is data that cannot be right (the build refuses to print); a
//! *warning* is data that may be right but that a person must look at
//! (`check --deny-warnings` gates a publication run on them); a *note* is information,
//! such as a rounding tail that the tables' own note already discloses.

use crate::base::diag::Severity;

pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub checks: &'static str,
    /// Why a finding of this rule is an error, a warning or a note.
    pub why: &'static str,
}

macro_rules! rules {
    ($($name:ident = $code:literal, $sev:ident, $checks:literal, $why:literal;)*) => {
        $(pub const $name: Rule = Rule { code: $code, severity: Severity::$sev, checks: $checks, why: $why };)*
        /// Every rule, in code order.
        pub const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    ROUNDING_TAIL = "N101", Note,
        "表内恒等式按精确金额成立，按印出的数相差几分：尾数误差，如实印出，不作调整",
        "The exact amounts satisfy the identity; the printed figures are each rounded half-up to 0.01 万元, so their sum can differ by a few cents. The tables' note discloses this; nothing needs doing.";
    PRINTED_IDENTITY = "R101", Error,
        "表内恒等式（公开01第27/30/57/60行、公开04、各表1栏=2+…栏、公开07 6栏=1+2−3栏、公开09 1=2+3+6栏等、类=Σ款=Σ项）按精确金额不成立",
        "Totals are computed from the exact amounts, so an identity that fails on them means the computation is wrong: a bug in gongkai, which must not print.";
    TYPED_MISMATCH = "R102", Error,
        "手工录入的合计/小计（[typed]）与按明细计算的数不一致，超出录入精度能解释的范围",
        "The typed total disagrees with the detail by more than the rounding of the typed figures can explain: one of them is wrong.";
    TYPED_ROUNDING = "W102", Warning,
        "手工录入的合计/小计与计算数的差异在明细金额录入时四舍五入可能造成的范围以内",
        "The detail was entered rounded (e.g. 万元 with two decimals), so the gap may be rounding or a real difference; only the user can tell, with the exact amounts.";
    BASIC_VS_ECONOMIC_TAIL = "N201", Note,
        "公开05基本支出与公开06人员经费+公用经费精确金额相等，印出的数相差0.01",
        "Both tables print the same exact money, each rounded on its own: the unavoidable tail the tables' note discloses.";
    BASIC_VS_ECONOMIC = "R201", Error,
        "公开05基本支出 ≠ 公开06人员经费+公用经费（预算：表5-1人员经费、公用经费 ≠ 表6人员经费、公用经费），超出录入精度能解释的范围",
        "公开06 breaks down exactly the money of 公开05's 基本支出; amounts that disagree beyond their rounding mean a line is missing or wrong.";
    BASIC_VS_ECONOMIC_ROUNDING = "W201", Warning,
        "公开05基本支出与公开06人员经费+公用经费的差异在录入金额四舍五入可能造成的范围以内",
        "The amounts were entered rounded, so the gap may come from that rounding or be real; the user must check against the exact amounts.";
    SANGONG_VS_ECONOMIC = "R202", Error,
        "公开06中30212/30217/30231/31013各行（基本支出）大于公开09对应的“三公”经费决算数（预算：表6各行大于表7预算数）",
        "三公 spending includes every such expense of 基本 and 项目支出, so it cannot be smaller than its 基本支出 part.";
    PROJECTS_VS_ITEM = "R203", Error,
        "预算：科目填写的项目支出（核对数）≠ 该科目下各项目资金来源之和",
        "Both state the same money of one 项; a typed figure that disagrees means a project is missing, misfiled under another 项, or the figure is wrong.";
    ESTIMATES_VS_SOURCES = "R204", Error,
        "预算：项目支出明细测算之和 ≠ 项目资金来源合计（项目当年预算）",
        "表12 prints both as the project's money for the year; 测算 lines that do not add up to the sources leave the form contradicting itself.";
    PROJECT_OVER_TOTAL = "R205", Error,
        "预算：项目当年预算大于项目总预算",
        "The year's budget is part of the project's whole budget and cannot exceed it: one of the two figures is wrong.";
    PURCHASES_OVER_PROJECT = "R206", Error,
        "预算：项目采购金额合计大于项目当年预算",
        "What a project buys is paid from its budget for the year; purchases above it cannot be right.";
    HISTORY_VS_PREVIOUS = "R207", Error,
        "预算：表11上年收入合计 ≠ 上年部门收支总预算（previous.total）",
        "Both are last year's budget total, entered twice; a disagreement means one was mistyped, and either the table or the text's comparison would print it.";
    HISTORY_UNBALANCED = "W208", Warning,
        "预算：表11某一年的收入合计（财政拨款+其他资金）≠ 支出合计（基本支出+项目支出）",
        "A department budget balances, so the two totals normally agree; a carry-over can make them differ, which only the user can confirm.";
    SERVICES_BELOW_PURCHASES = "R209", Error,
        "预算：政府采购服务类少于表12各项目采购的服务合计",
        "The services bought by the projects are part of the 政府采购 budget, so its 服务类 cannot be smaller.";
    INDICATOR_CLASSED_TWICE = "W210", Warning,
        "预算：同一个三级指标在表11（部门整体支出绩效目标表）和表12（项目支出绩效目标表）中归在不同的一级或二级指标下",
        "The same indicator measures the same thing in both forms, so it belongs under the same 一级/二级指标 (reference 004 files one under 数量指标 in 表11 and 质量指标 in 表12); classes only one form has are its framework and not compared; one of the two is probably a slip, but only the user can tell which.";
    NEGATIVE_CLOSING = "R301", Error,
        "年末结转和结余为负：某类资金的支出超过了年初结转和结余与本年收入之和",
        "A fund cannot spend more than it had: the income, spending or carry-over is wrong.";
    TYPED_CLOSING = "R302", Error,
        "手工录入的年末结转和结余 ≠ 年初结转和结余 + 本年收入 − 本年支出",
        "The carry-over is an identity of the accounts, not a judgement; a typed one that breaks it is wrong.";
    PLACEHOLDER = "R401", Error,
        "文字中留有占位符（XX、××、……、待补充、TODO 等）",
        "Unfinished text must never reach a published booklet (a draft can still be printed with --draft).";
    NAME_VS_CATALOG = "W402", Warning,
        "科目名称与分类目录不一致（name 覆盖了目录名称）",
        "An outdated name may be intended (the reference used it), but it may also be a typo.";
    UNIT_NAME_VARIANT = "W403", Warning,
        "文字中出现与单位名称相近但不相同的写法",
        "Usually a slip, but the text may name another unit on purpose.";
    NO_FIGURES = "W404", Warning,
        "收入和支出全部为零：金额还没有填写",
        "A fresh skeleton prints empty tables; a unit without money is possible but rare.";
    OPERATING_COSTS_NOT_ADMIN = "W405", Warning,
        "机关运行经费不为零，而人员构成中没有行政编制或参照公务员法管理的人员",
        "机关运行经费 is defined for 行政单位 and 参公 事业单位 (reference 004 reports a 事业单位's 公用经费 as such); the unit may have such staff the counts miss, so a person must check.";
    DUPLICATE_PROJECT_CODE = "R405", Error,
        "两个项目用了同一个项目编码",
        "A 项目编码 identifies one project in the budget system; two forms with one code are a copy slip.";
    REASON_MISSING = "W501", Warning,
        "版式要求说明原因的增减变动或预决算差异，没有写主要原因",
        "The edition asks for a reason; the booklet prints without one, but a reader will miss it.";
    PUBLISHED_EARLY = "R601", Error,
        "公开日期在决算年度结束之前",
        "决算 covers a whole year and can only be published after that year has ended; the date or the year is wrong.";
    PUBLISHED_LATE = "W602", Warning,
        "公开日期在决算年度之后第二年或更晚",
        "决算 are published in the year after the fiscal year; a later date is possible (a reissue) but is usually a typo.";
    FILLED_DATE = "W603", Warning,
        "绩效自评表的填报日期早于决算年度开始，或晚于公开日期",
        "A self-evaluation of the year is filled in after the year began and before the booklet that prints it is published.";
    PROJECT_OUTSIDE_YEAR = "W605", Warning,
        "自评项目的起止年份不含决算年度",
        "A project evaluated in this year's booklet normally ran during the year; the years may be mistyped.";
    PRIOR_SCALE = "W606", Warning,
        "上年数与本年数相差50倍以上，多半是金额单位（元/万元）写错",
        "Such a change is almost always last year's figure entered in the wrong unit, which prints a change such as 增长1507800.0%; but a unit can really change that much.";
    OVER_EXECUTED = "W607", Warning,
        "项目执行数大于预算数（执行率超过100%）",
        "Spending is normally within the year's budget (A = 全年预算数, after adjustments); an 执行率 over 100% is printed as is but must be explained or corrected.";
    BUDGET_ZERO_SPENT = "R608", Error,
        "项目预算数为零却有执行数",
        "Money cannot be spent on a project without a budget, and no 执行率 can be printed: the budget is missing.";
    DUPLICATE_ENTRY = "W609", Warning,
        "同一重点工作（重要事项）或同一项目列了两次",
        "Usually a copy slip; two entries with one name can be intended when their content differs.";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's table of rules gives each rule's code, severity and why, as here.
    #[test]
    fn readme_lists_every_rule_with_its_severity_and_why() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        for rule in ALL {
            let severity = match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| {} |", rule.code)))
                .unwrap_or_else(|| panic!("README has no row for {}", rule.code));
            assert!(
                row.starts_with(&format!("| {} | {severity} |", rule.code)),
                "{row}"
            );
            assert!(row.ends_with(&format!("| {} |", rule.why)), "{row}");
        }
    }

    #[test]
    fn codes_are_unique_and_say_their_severity() {
        for (i, rule) in ALL.iter().enumerate() {
            assert!(
                ALL[i + 1..].iter().all(|r| r.code != rule.code),
                "{}",
                rule.code
            );
            let letter = match rule.severity {
                Severity::Error => 'R',
                Severity::Warning => 'W',
                Severity::Note => 'N',
            };
            assert!(rule.code.starts_with(letter), "{}", rule.code);
        }
    }
}
