//! `gongkai init`: a new unit-year input file with a Chinese comment on every field and
//! 待补充 placeholders that `gongkai check` points at one by one.

use crate::diag::{Diagnostic, Failure};
use crate::render::escape::string_literal;
use std::path::{Path, PathBuf};

/// The skeleton of a new input file.
pub fn skeleton(unit: &str, year: i32) -> String {
    let name = toml_string(unit);
    format!(
        r#"# gongkai 输入文件：{unit} {year} 年度部门决算公开
# 每个字段的说明见 docs/input-format.md。填写后运行：gongkai check <本文件>
# 它会逐条指出还没填的地方（“待补充”）和数据之间对不上的地方。

[unit]
name = {name}               # 单位名称：封面、标题、各部分标题都用它
year = {year}                        # 决算年度
published = {next}-09-30             # 公开日期，印在封面上：请改为实际日期
# name_on_tables = "…"               # 表格“单位：”一栏的名称，与 name 不同时才填

[settings]
amount_unit = "元"                   # 本文件金额的单位：“元”（财务软件导出的数）或“万元”
thousands_separator = false          # 表格数字是否加千分位，如 1,463.06

# 第一部分 概况：每节一个 [[overview.sections]]，按顺序编为一、二、……；空行分段。
[[overview.sections]]
title = "部门主要职责"
text = """
待补充：本单位的主要职责。
"""

[[overview.sections]]
title = "机构设置情况"
text = """
待补充：内设机构、单位构成和人员情况。
"""

# 支出：每个功能分类“项”（7 位编码）一节。类、款两级和所有合计由程序计算，不要填。
# 只用一般公共预算财政拨款的单位，通常只需 general_basic / general_project。
[[items]]
code = "2013750"                     # 功能分类科目编码（项级）；名称取自分类目录
general_basic = 0                    # 一般公共预算财政拨款 基本支出（公开05第2栏）
general_project = 0                  # 一般公共预算财政拨款 项目支出（公开05第3栏）
budget = 0                           # 该项的年初预算（一般公共预算）
# fund_basic / fund_project = 0      # 政府性基金预算财政拨款支出（公开07）
# capital_basic / capital_project = 0  # 国有资本经营预算财政拨款支出（公开08）
# superior_income / business_income / other_income = 0  # 财政拨款以外的收入（公开02）

[[items]]
code = "2080505"                     # 机关事业单位基本养老保险缴费支出
general_basic = 0

[[items]]
code = "2101102"                     # 事业单位医疗
general_basic = 0

[[items]]
code = "2210201"                     # 住房公积金
general_basic = 0

# 公开06 一般公共预算财政拨款基本支出，按经济分类（5 位编码）。各行之和应等于上面
# 所有 general_basic 之和；301、302 等类级合计由程序计算。
[basic_economic]
"30101" = 0                          # 基本工资
"30102" = 0                          # 津贴补贴
"30107" = 0                          # 绩效工资
"30108" = 0                          # 机关事业单位基本养老保险缴费
"30110" = 0                          # 职工基本医疗保险缴费
"30113" = 0                          # 住房公积金
"30201" = 0                          # 办公费
"30228" = 0                          # 工会经费

# 公开09 财政拨款“三公”经费：预算数与决算数；小计、合计由程序计算。
[sangong.budget]
abroad = 0                           # 因公出国（境）费
car_purchase = 0                     # 公务用车购置费
car_running = 0                      # 公务用车运行维护费
reception = 0                        # 公务接待费

[sangong.actual]
abroad = 0
car_purchase = 0
car_running = 0
reception = 0
"#,
        next = year + 1,
    )
}

/// An item with no fund or capital money: it gets at least `general_basic`.
fn only_general(i: &crate::input::ItemInput) -> bool {
    [
        &i.general_project,
        &i.fund_basic,
        &i.fund_project,
        &i.capital_basic,
        &i.capital_project,
    ]
    .iter()
    .all(|f| f.is_none())
}

/// A multi-line text as a TOML multi-line string, readable in an editor.
fn toml_text(text: &str) -> String {
    if text.contains("\"\"\"") || text.contains('\\') {
        toml_string(text)
    } else {
        format!("\"\"\"\n{}\n\"\"\"", text.trim_end())
    }
}

fn toml_string(text: &str) -> String {
    // A Typst string literal escapes exactly what a TOML basic string needs.
    string_literal(text)
}

/// Nothing the user wrote is ever overwritten.
pub(crate) fn refuse_existing(path: &Path) -> Result<(), Failure> {
    if path.exists() {
        return Err(Failure::new(
            Diagnostic::error("E0701", format!("{} 已存在，不会覆盖", path.display()))
                .help("如要重新开始，请先把原文件改名或移走"),
        ));
    }
    Ok(())
}

/// Writes the skeleton to `<dir>/<year>.toml`, never over an existing file.
pub fn write_skeleton(dir: &Path, unit: &str, year: i32) -> Result<PathBuf, Failure> {
    let path = dir.join(format!("{year}.toml"));
    refuse_existing(&path)?;
    crate::output::write_atomically(&path, skeleton(unit, year).as_bytes())?;
    Ok(path)
}

/// `gongkai init --from data/x/2023.toml --year 2024`: next year's file beside last
/// year's, carrying over the text that rarely changes and leaving figures to fill.
pub fn continue_from(previous: &Path, year: i32) -> Result<PathBuf, Failure> {
    let loaded = crate::input::load_file(previous)?;
    let dir = previous.parent().unwrap_or(Path::new("."));
    let path = dir.join(format!("{year}.toml"));
    refuse_existing(&path)?;
    let input = &loaded.input;
    let mut text = skeleton(input.unit.name.get_ref(), year);
    // Carry the 概况 text over: it rarely changes from one year to the next.
    let sections: String = input
        .overview
        .sections
        .iter()
        .map(|s| {
            format!(
                "[[overview.sections]]\ntitle = {}\ntext = {}\n\n",
                toml_string(s.title.get_ref()),
                toml_text(s.text.get_ref())
            )
        })
        .collect();
    if !sections.is_empty() {
        let start = text
            .find("\n[[overview.sections]]")
            .expect("skeleton has sections")
            + 1;
        let end = text.find("# 支出：").expect("skeleton has items");
        text.replace_range(
            start..end,
            &format!("# 以下概况沿用上年文件，请按本年实际修改。\n{sections}"),
        );
    }
    if let Some(n) = &input.unit.name_on_tables {
        text = text.replace(
            "# name_on_tables = \"…\"",
            &format!("name_on_tables = {}", toml_string(n.get_ref())),
        );
    }
    if let Some(unit) = &input.settings.amount_unit {
        text = text.replace(
            "amount_unit = \"元\"",
            &format!("amount_unit = {}", toml_string(unit.get_ref())),
        );
    }
    if input.settings.thousands_separator {
        text = text.replace("thousands_separator = false", "thousands_separator = true");
    }
    // The same 功能分类 items as last year, amounts to be filled.
    let items: String = input
        .items
        .iter()
        .map(|i| {
            let mut block = format!("[[items]]\ncode = {}\n", toml_string(i.code.get_ref()));
            if let Some(n) = &i.name {
                block.push_str(&format!("name = {}\n", toml_string(n.get_ref())));
            }
            // Zeroes for the kinds of money the item had last year.
            let had = [
                (
                    "general_basic",
                    i.general_basic.is_some() || only_general(i),
                ),
                ("general_project", i.general_project.is_some()),
                ("fund_basic", i.fund_basic.is_some()),
                ("fund_project", i.fund_project.is_some()),
                ("capital_basic", i.capital_basic.is_some()),
                ("capital_project", i.capital_project.is_some()),
                ("budget", true),
            ];
            for (field, _) in had.iter().filter(|(_, present)| *present) {
                block.push_str(&format!("{field} = 0\n"));
            }
            block.push('\n');
            block
        })
        .collect();
    if !items.is_empty() {
        let start = text.find("[[items]]").expect("skeleton has items");
        let end = text.find("# 公开06").expect("skeleton has basic_economic");
        text.replace_range(
            start..end,
            &format!("# 科目沿用上年，金额请按本年填写。\n{items}"),
        );
    }
    if let Some(level) = &input.settings.fiscal_level {
        text = text.replace(
            "thousands_separator =",
            &format!(
                "fiscal_level = {}\nthousands_separator =",
                toml_string(level.get_ref())
            ),
        );
    }
    // 名词解释 additions and overrides rarely change: carried over as written.
    let glossary = raw_sections(&loaded.source.text, "glossary");
    if !glossary.is_empty() {
        text.push_str("\n# 名词解释的增补与改写，沿用上年文件。\n");
        text.push_str(&glossary);
    }
    // Top-level keys go before the first table: link last year's file for 第三部分.
    let file_name = previous
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let unit_header = text.find("[unit]").expect("skeleton has [unit]");
    text.insert_str(
        unit_header,
        &format!(
            "# 上年决算文件：第三部分的同比数据从中取得。\nprevious = {}\n\n",
            toml_string(&file_name)
        ),
    );
    crate::output::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// The tables `[name…]` / `[[name…]]` of a TOML text, as written (comments included),
/// in their order.
fn raw_sections(text: &str, name: &str) -> String {
    let mut out = String::new();
    let mut copying = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with('[') {
            let header = t.trim_start_matches('[');
            copying = header.starts_with(name) && header[name.len()..].starts_with([']', '.']);
        }
        if copying {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_are_quoted_safely() {
        let s = skeleton("测试\"单位\\", 2025);
        assert!(s.contains(r#"name = "测试\"单位\\""#));
        assert!(s.contains("published = 2026-09-30"));
    }
}
