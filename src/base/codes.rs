//! The registry of diagnostic codes: each code once, with its severity and title.
//!
//! Input, output and bug codes (E…, B…) are listed here; the validation rules (R…, W…,
//! N…) in `validate/rules.rs`, which also say why each has its severity. `lookup` and
//! `all` see both. Adding a code is one line; the tests check that every code the
//! program emits is registered with the severity it is emitted with, that the README's
//! tables agree with the registry, and that a test exercises every code.

use crate::base::diag::Severity;

/// One diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    /// What the code means, in a line.
    pub title: &'static str,
}

/// `NAME = "E0101", Error, "…";` declares `pub const NAME: Code` and lists it in `ALL`.
#[macro_export]
macro_rules! registry {
    ($($name:ident = $code:literal, $sev:ident, $title:literal;)*) => {
        $(pub const $name: $crate::base::codes::Code = $crate::base::codes::Code {
            code: $code,
            severity: $crate::base::diag::Severity::$sev,
            title: $title,
        };)*
        /// Every code of this table, in declaration order.
        pub const ALL: &[$crate::base::codes::Code] = &[$($name),*];
    };
}

registry! {
    INPUT_UNREADABLE = "E0001", Error, "输入文件找不到或无法读取";
    NOT_UTF8 = "E0002", Error, "输入文件不是 UTF-8 编码";
    DIRECTORY_UNREADABLE = "E0003", Error, "批量生成时目录无法读取";
    NOT_A_FILE = "E0004", Error, "输入不是普通文件（命名管道、设备等）";
    INPUT_TOO_LARGE = "E0005", Error, "输入文件超过 1 MiB";
    TOML_SYNTAX = "E0100", Error, "TOML 语法错误";
    UNKNOWN_FIELD = "E0101", Error, "未知字段";
    MISSING_FIELD = "E0102", Error, "缺少必填字段";
    WRONG_TYPE = "E0103", Error, "字段类型错误";
    BAD_AMOUNT = "E0104", Error, "无法识别的金额";
    DUPLICATE_KEY = "E0105", Error, "同一个键写了两次";
    NEGATIVE_AMOUNT = "E0201", Error, "金额为负数";
    EMPTY_TEXT = "E0202", Error, "文本为空";
    AMOUNT_UNIT = "E0203", Error, "不认识的金额单位";
    UNKNOWN_EDITION = "E0204", Error, "没有这个名称的版式";
    NO_EDITION_FOR_YEAR = "E0205", Error, "没有适用于该年度的版式";
    BAD_DATE = "E0206", Error, "日期格式错误";
    YEAR_OUT_OF_RANGE = "E0207", Error, "年度不在 2000 至 2099 之间";
    AMOUNT_OUT_OF_RANGE = "E0208", Error, "金额达到 10^13 元或以上";
    AMOUNT_TOO_PRECISE = "E0209", Error, "金额精确到分以下";
    FUNCTION_CODE_MALFORMED = "E0210", Error, "功能分类科目编码不是 7 位数字";
    FUNCTION_CODE_DUPLICATE = "E0211", Error, "功能分类科目重复";
    FUNCTION_CODE_UNKNOWN = "E0212", Error, "目录中没有该功能分类科目";
    FUNCTION_PARENT_MISSING = "E0213", Error, "目录中没有该科目的上级科目";
    FUNCTION_CLASS_OUTSIDE = "E0214", Error, "科目所属的类不在版式的支出分类中";
    EDITION_CLASS_UNNAMED = "E0215", Error, "版式要列出的类在该年度的科目目录中没有";
    ECONOMIC_CODE_MALFORMED = "E0220", Error, "经济分类科目编码不是 5 位数字";
    ECONOMIC_CODE_UNKNOWN = "E0221", Error, "目录中没有该经济分类科目";
    ECONOMIC_CODE_NOT_PRINTED = "E0222", Error, "经济分类科目不在版式的基本支出明细表中";
    EDITION_ECONOMIC_UNNAMED = "E0223", Error, "版式要列出的经济分类科目在该年度的目录中没有";
    TABLE_NOTE_UNKNOWN = "E0230", Error, "table_notes 指向不存在的表";
    TYPED_TABLE_UNKNOWN = "E0231", Error, "[typed] 指向不存在的表";
    TYPED_COLUMN_UNKNOWN = "E0232", Error, "[typed] 指向不存在的栏";
    TYPED_FIGURE_UNKNOWN = "E0233", Error, "[typed] 指向不存在的数";
    EDITION_UNREADABLE = "E0240", Error, "版式文件无法读取";
    EDITION_EXTENDS = "E0241", Error, "版式的 extends 写法错误";
    EDITION_EXTENDS_CYCLE = "E0242", Error, "版式 extends 循环引用";
    EDITION_TABLE_TWICE = "E0243", Error, "版式中两张表用了同一个编号或表号";
    EDITION_FIGURE_UNKNOWN = "E0244", Error, "版式引用了不认识的数，或核对表中没有的数";
    EDITION_FIELD = "E0245", Error, "版式中表的字段与表的种类不符";
    EDITION_ROWS = "E0246", Error, "版式中表的行、栏次或表头不成立";
    EDITION_SIZE = "E0247", Error, "版式中的尺寸不是长度或超出范围";
    EDITION_PARTS = "E0248", Error, "版式的部分缺少小节或类编码错误";
    PREVIOUS_FILE = "E0250", Error, "上年文件无法读取或有错误";
    PREVIOUS_YEAR = "E0251", Error, "上年文件的年度不是上一年";
    PREVIOUS_AMOUNT_UNIT = "E0252", Error, "上年数的金额单位不认识";
    SHARE_METHOD = "E0253", Error, "不认识的占比取整方法";
    PERCENT_PRECISION = "E0254", Error, "百分比小数位数超出范围";
    CLASS_USE = "E0255", Error, "用途说明所指的类没有一般公共预算财政拨款支出";
    PROJECTS_EXCEED = "E0256", Error, "所列主要项目金额合计超过项目支出";
    PROCUREMENT_EXCEEDS = "E0257", Error, "授予中小企业、小微企业的合同金额超过其整体";
    RECEPTION_EXCEEDS = "E0258", Error, "外宾接待支出超过公务接待费";
    EVALUATION_COUNT = "E0259", Error, "自评项目数少于所列项目";
    CATALOG_SETTING = "E0260", Error, "settings.catalog 无法读取";
    CATALOG_TOML = "E0261", Error, "科目目录文件 TOML 错误";
    CATALOG_FIELD = "E0262", Error, "科目目录文件中有未知字段";
    CATALOG_CODE = "E0263", Error, "科目目录中的编码格式错误或名称为空";
    CATALOG_CODE_TWICE = "E0264", Error, "科目目录同一时期中编码重复";
    CATALOG_PARENT = "E0265", Error, "科目目录中的款、项缺少上级科目";
    CATALOG_PERIOD = "E0266", Error, "科目目录中起始年度晚于截止年度";
    PARAGRAPH_TOO_LONG = "E0270", Error, "一段文字超过 10000 个字符";
    OTHER_KIND_FIELD = "E0280", Error, "预算/决算文件中用了另一种公开的字段";
    OTHER_KIND_EDITION = "E0281", Error, "版式排印的是另一种公开";
    BUDGET_UNIT_TWICE = "E0282", Error, "预算单位编码重复";
    BUDGET_STAFF = "E0283", Error, "人员编制数前后不一致";
    BUDGET_HISTORY_YEAR = "E0284", Error, "前两年预算情况的年度错误";
    BUDGET_PROJECT_ITEM = "E0285", Error, "项目所在的科目不在 [[items]] 中";
    EDITION_NEEDS_FIELD = "E0286", Error, "版式要印的内容在输入中缺少";
    PREVIOUS_OTHER_KIND = "E0287", Error, "上年文件是另一种公开";
    OUTPUT_UNWRITABLE = "E0301", Error, "输出文件无法写入";
    OUTPUT_NOT_PDF = "E0302", Error, "输出文件不以 .pdf 结尾";
    OUTPUT_IS_INPUT = "E0303", Error, "输出文件就是输入文件";
    OUTPUT_SHARED = "E0304", Error, "批量生成时两个输入写到同一个输出文件";
    MISSING_GLYPH = "E0401", Error, "内置字体中没有的字符";
    TEMPLATE_UNREADABLE = "E0501", Error, "--templates 中的模板无法读取";
    TEMPLATE_DIR_MISSING = "E0502", Error, "--templates 目录不存在";
    TEMPLATE_FAILS = "E0503", Error, "--templates 中改写的模板出错";
    NARRATIVE_TEMPLATE = "E0504", Error, "版式的第三部分模板、事实或数出错";
    FISCAL_LEVEL = "E0601", Error, "不认识的财政级次";
    GLOSSARY_OMIT = "E0602", Error, "要略去的名词解释版式中没有";
    GLOSSARY_CODE = "E0603", Error, "名词解释给出的科目不在 [[items]] 中";
    GLOSSARY_PATTERN = "E0604", Error, "名词解释编号格式中没有 {n}";
    BUDGET_SCORE_WEIGHT = "E0610", Error, "预算执行分值与指标权重合计不等于总分";
    EXECUTION_RATE = "E0611", Error, "执行率与执行数、预算数不符";
    SCORE = "E0612", Error, "得分与权重、目标值、完成值不符";
    TOTAL_SCORE = "E0613", Error, "总分不是各项得分之和";
    SCORE_MISSING = "E0614", Error, "指标缺少得分";
    SCORE_RANGE = "E0615", Error, "分值为负或超过权重";
    ZERO_BUDGET_RATE = "E0616", Error, "预算数为零，无法计算执行率";
    INDICATOR_UNITS = "E0617", Error, "目标值与完成值的单位不同";
    NOT_AN_OPTION = "E0618", Error, "不是可选项";
    PROJECT_FUNDS = "E0619", Error, "项目支出明细合计与资金来源合计不符";
    CURRENT_YEAR_FUNDS = "E0620", Error, "当年预算拨款大于所属金额";
    FORM_ECONOMIC_CODE = "E0621", Error, "自评表中的经济分类科目不在目录中";
    FORM_YEARS = "E0622", Error, "终止年度早于起始年度";
    INIT_EXISTS = "E0701", Error, "init 要写的文件已存在";
    INIT_FROM_BUDGET = "E0702", Error, "init --from 给的是部门预算文件";
    WORKBOOK_UNREADABLE = "E0801", Error, "import：工作簿无法读取";
    IMPORT_LAYOUT = "E0802", Error, "import：导入版式文件有缺陷";
    IMPORT_NOTHING = "E0803", Error, "import：找不到表、年度或版式";
    IMPORT_HEADER = "E0804", Error, "import：表头与版式不符";
    IMPORT_FORMULA = "E0805", Error, "import：公式没有保存计算结果";
    IMPORT_NOT_AMOUNT = "E0806", Error, "import：单元格不是金额";
    IMPORT_ROW = "E0807", Error, "import：无法识别的行";
    IMPORT_TABLE_TWICE = "E0808", Error, "import：同一张表出现两次";
    IMPORT_NO_UNIT_LINE = "E0809", Error, "import：找不到金额单位行";
    IMPORT_SHEET_SKIPPED = "W0801", Warning, "import：工作表不是版式中的表，已跳过";
    IMPORT_CLASS_VS_LINES = "W0802", Warning, "import：经济分类类级数与其下各款之和不同";
    IMPORT_NEGATIVE_DERIVED = "W0803", Warning, "import：推出的非财政拨款数为负";
    IMPORT_OPENING_NO_ITEM = "W0804", Warning, "import：年初结转和结余没有可记入的项";
    IMPORT_TOTALS_DIFFER = "W0805", Warning, "import：两张表印的同一合计不同";
    IMPORT_CARRYOVER = "W0806", Warning, "import：上年结转可能属于项目";
    IMPORT_UNITS = "W0807", Warning, "import：多个预算单位的项都记在本级";
    IMPORT_FORM_WITHOUT_PROJECT = "W0808", Warning, "import：绩效目标表的项目不在表10中";
    TEMPLATE_BUG = "B0001", Error, "内置模板渲染失败（gongkai 的缺陷）";
    TYPESET_BUG = "B0002", Error, "排版失败（gongkai 的缺陷）";
    PDF_EXPORT_BUG = "B0003", Error, "PDF 导出失败（gongkai 的缺陷）";
    PDF_FALLBACK = "B0004", Warning, "PDF 未满足 PDF/UA-1 或 PDF/A-2b，退为较低的标准";
    PANIC = "B0005", Error, "处理一个文件时程序内部出错（gongkai 的缺陷）";
    INIT_READBACK_BUG = "B0006", Error, "init --from 写出的下一年度文件读不回（gongkai 的缺陷）";
    IMPORT_READBACK_BUG = "B0007", Error, "import 写出的文件读不回（gongkai 的缺陷）";
    EXPORT_BUG = "B0008", Error, "export 无法生成工作簿（gongkai 的缺陷）";
}

impl From<&crate::base::rules::Rule> for Code {
    fn from(rule: &crate::base::rules::Rule) -> Code {
        Code {
            code: rule.code,
            severity: rule.severity,
            title: rule.checks,
        }
    }
}

/// Every registered code: these, then the validation rules.
pub fn all() -> impl Iterator<Item = Code> {
    ALL.iter()
        .copied()
        .chain(crate::base::rules::ALL.iter().map(Code::from))
}

/// The registry's entry for `code`.
pub fn lookup(code: &str) -> Option<Code> {
    all().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for c in all() {
            assert!(seen.insert(c.code), "{} is registered twice", c.code);
            let (letter, digits) = c.code.split_at(1);
            assert!(
                well_formed(letter, digits) && digits.chars().all(|d| d.is_ascii_digit()),
                "{} is not a code",
                c.code
            );
            // The letter says the severity of a rule: R is an error, W a warning, N a note.
            match letter {
                "R" => assert_eq!(c.severity, Severity::Error, "{}", c.code),
                "W" => assert_eq!(c.severity, Severity::Warning, "{}", c.code),
                "N" => assert_eq!(c.severity, Severity::Note, "{}", c.code),
                _ => {}
            }
        }
    }

    /// Every code literal in the program's source is registered, and a code given to
    /// `Diagnostic::error` is registered as an error.
    #[test]
    fn every_code_the_program_emits_is_registered() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        collect_rs(&src, &mut files);
        let mut unregistered = Vec::new();
        let mut found = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (code, before) in code_literals(&text) {
                found += 1;
                match lookup(code) {
                    None => unregistered.push(format!("{code} in {}", file.display())),
                    Some(entry) => {
                        if before.ends_with("Diagnostic::error(") {
                            assert_eq!(entry.severity, Severity::Error, "{code}");
                        }
                    }
                }
            }
        }
        assert!(found > 60, "the scan sees the codes ({found})");
        assert!(
            unregistered.is_empty(),
            "codes used but not registered in src/codes.rs: {unregistered:?}"
        );
    }

    /// E and B codes have four digits, R and N rules three, W rules three and
    /// `import`'s warnings four (W0801).
    fn well_formed(letter: &str, digits: &str) -> bool {
        let widths: &[usize] = match letter {
            "E" | "B" => &[4],
            "R" | "N" => &[3],
            "W" => &[3, 4],
            _ => return false,
        };
        widths.contains(&digits.len()) && digits.chars().all(|d| d.is_ascii_digit())
    }

    fn collect_rs(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_rs(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }

    /// `"E0101"`-like string literals, with the text just before each (whitespace
    /// squeezed out, so a constructor on the previous line is seen).
    fn code_literals(text: &str) -> Vec<(&str, String)> {
        let mut found = Vec::new();
        for (at, _) in text.match_indices('"') {
            let Some(rest) = text.get(at + 1..) else {
                continue;
            };
            let Some(end) = rest.find('"') else { continue };
            let candidate = &rest[..end];
            if !candidate.is_ascii() || !(4..=5).contains(&candidate.len()) {
                continue;
            }
            let (letter, digits) = candidate.split_at(1);
            if well_formed(letter, digits) {
                let mut start = at.saturating_sub(80);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let before: String = text[start..at]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                found.push((candidate, before));
            }
        }
        found
    }
}
