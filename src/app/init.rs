//! `gongkai init`: a new unit-year input file with a Chinese comment on every field and
//! 待补充 placeholders that `gongkai check` points at one by one.

use crate::base::diag::{Diagnostic, Failure};
use std::path::{Path, PathBuf};

/// The skeleton of a new input file.
pub fn skeleton(unit: &str, year: i32) -> String {
    let name = toml_string(unit);
    // The heading comment ends at a line break; no control character may reach it.
    let unit: String = unit.chars().filter(|c| !c.is_control()).collect();
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

/// A string as a TOML value, escaped by the TOML library: any text `check` accepts
/// comes back as a valid string (control characters, quotes, backslashes, `"""`).
/// Text with line breaks becomes a multi-line string, readable in an editor.
fn toml_string(text: &str) -> String {
    toml_edit::Value::from(text).to_string()
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
    crate::app::output::write_atomically(&path, skeleton(unit, year).as_bytes())?;
    Ok(path)
}

/// `gongkai init --from data/x/2023.toml --year 2024`: next year's file beside last
/// year's, carrying over the text that rarely changes and leaving figures to fill.
pub fn continue_from(previous: &Path, year: i32) -> Result<PathBuf, Failure> {
    let loaded = crate::load::load_file(previous)?;
    if loaded.input.kind() == crate::input::BookletKind::Budget {
        return Err(Failure::new(
            Diagnostic::error(
                "E0702",
                "init --from 只续写部门决算文件，还不能续写部门预算文件",
            )
            .in_file(previous)
            .help("新的预算文件请用 gongkai init 目录 --unit 单位名称 --year 年度 --kind budget"),
        ));
    }
    let dir = previous.parent().unwrap_or(Path::new("."));
    let path = dir.join(format!("{year}.toml"));
    refuse_existing(&path)?;
    let file_name = previous
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let text = next_year(&loaded, &file_name, year);
    // The skeleton's guidance comments add a few KB: a previous file near the input limit
    // would give a next-year file that no command could read.
    if text.len() > crate::input::MAX_INPUT_BYTES {
        return Err(Failure::new(
            Diagnostic::error(
                "E0005",
                format!(
                    "续写出的 {year} 年度文件将有 {} 字节，超过输入文件上限 {} 字节（1 MB），未写出",
                    text.len(),
                    crate::input::MAX_INPUT_BYTES
                ),
            )
            .in_file(previous)
            .help("上一年度文件已接近上限：请先精简其中的长篇文字，再续写"),
        ));
    }
    // Whatever the text held, the file written must read back: a failure here is a bug.
    if let Err(failure) = crate::input::load_str(&path, &text) {
        return Err(Failure::new(
            Diagnostic::error(
                "B0006",
                format!(
                    "gongkai 生成的下一年度文件无法读回，这是 gongkai 的缺陷，请报告：{}",
                    failure.diagnostics[0].message
                ),
            )
            .in_file(previous),
        ));
    }
    crate::app::output::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// Next year's file: the skeleton, edited as a TOML document (comments kept), with last
/// year's 概况, names, settings, items and 名词解释 put in.
pub fn next_year(loaded: &crate::input::Loaded, previous_file: &str, year: i32) -> String {
    use toml_edit::{value, ArrayOfTables, DocumentMut, Table};
    let input = &loaded.input;
    let mut doc: DocumentMut = skeleton(input.unit.name.get_ref(), year)
        .parse()
        .expect("the skeleton is valid TOML");

    // Carry the 概况 text over: it rarely changes from one year to the next.
    if !input.overview.sections.is_empty() {
        let mut sections = ArrayOfTables::new();
        for s in &input.overview.sections {
            let mut t = Table::new();
            t["title"] = value(s.title.get_ref().as_str());
            t["text"] = value(s.text.get_ref().as_str());
            sections.push(t);
        }
        replace_array(
            &mut doc["overview"]["sections"],
            sections,
            "# 以下概况沿用上年文件，请按本年实际修改。\n",
        );
    }
    let settings = doc["settings"]
        .as_table_mut()
        .expect("skeleton has settings");
    if let Some(unit) = &input.settings.amount_unit {
        set_keeping_comment(settings, "amount_unit", unit.get_ref().as_str().into());
    }
    if input.settings.thousands_separator {
        set_keeping_comment(settings, "thousands_separator", true.into());
    }
    if let Some(level) = &input.settings.fiscal_level {
        settings["fiscal_level"] = value(level.get_ref().as_str());
    }
    if let Some(n) = &input.unit.name_on_tables {
        doc["unit"]["name_on_tables"] = value(n.get_ref().as_str());
        // The skeleton's commented-out example is answered: drop it.
        if let Some(settings) = doc["settings"].as_table_mut() {
            let prefix = settings
                .decor()
                .prefix()
                .and_then(|p| p.as_str())
                .unwrap_or_default();
            let kept: String = prefix
                .split_inclusive('\n')
                .filter(|line| !line.starts_with("# name_on_tables"))
                .collect();
            settings.decor_mut().set_prefix(kept);
        }
    }

    // The same 功能分类 items as last year, amounts to be filled.
    if !input.items.is_empty() {
        let mut items = ArrayOfTables::new();
        for i in &input.items {
            let mut t = Table::new();
            t["code"] = value(i.code.get_ref().as_str());
            if let Some(n) = &i.name {
                t["name"] = value(n.get_ref().as_str());
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
                t[field] = value(0);
            }
            items.push(t);
        }
        replace_array(
            &mut doc["items"],
            items,
            "# 科目沿用上年，金额请按本年填写。\n",
        );
    }

    // 名词解释 additions and overrides rarely change: carried over as written, with
    // their comments.
    if let Ok(last) = loaded.source.text.parse::<DocumentMut>() {
        if let Some(glossary) = last.get("glossary") {
            let mut glossary = glossary.clone();
            clear_positions(&mut glossary);
            if let Some(t) = glossary.as_table_mut() {
                t.decor_mut()
                    .set_prefix("\n# 名词解释的增补与改写，沿用上年文件。\n");
            }
            doc["glossary"] = glossary;
        }
    }

    // Top-level keys come before the first table: link last year's file for 第三部分,
    // after the file's heading comment.
    let heading = doc["unit"]
        .as_table()
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_string();
    if let Some(unit) = doc["unit"].as_table_mut() {
        unit.decor_mut().set_prefix("\n");
    }
    doc.insert("previous", value(previous_file));
    if let Some(mut key) = doc.key_mut("previous") {
        key.leaf_decor_mut().set_prefix(format!(
            "{heading}# 上年决算文件：第三部分的同比数据从中取得。\n"
        ));
    }
    doc.to_string()
}

/// Replaces an array of tables, keeping the comment above its first table and adding
/// `note` under it.
fn replace_array(item: &mut toml_edit::Item, mut new: toml_edit::ArrayOfTables, note: &str) {
    let comment = item
        .as_array_of_tables()
        .and_then(|a| a.get(0))
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .unwrap_or("\n")
        .to_string();
    if let Some(first) = new.get_mut(0) {
        first.decor_mut().set_prefix(format!("{comment}{note}"));
    }
    for t in new.iter_mut().skip(1) {
        t.decor_mut().set_prefix("\n");
    }
    *item = toml_edit::Item::ArrayOfTables(new);
}

/// Sets `key` in `table`, keeping the comment after the old value.
fn set_keeping_comment(table: &mut toml_edit::Table, key: &str, mut new: toml_edit::Value) {
    if let Some(old) = table.get(key).and_then(|i| i.as_value()) {
        *new.decor_mut() = old.decor().clone();
    }
    table[key] = toml_edit::Item::Value(new);
}

/// Tables taken from another document keep their places in it; cleared, they print
/// where they are inserted.
fn clear_positions(item: &mut toml_edit::Item) {
    match item {
        toml_edit::Item::Table(t) => {
            t.set_position(None);
            for (_, child) in t.iter_mut() {
                clear_positions(child);
            }
        }
        toml_edit::Item::ArrayOfTables(a) => {
            for t in a.iter_mut() {
                t.set_position(None);
                for (_, child) in t.iter_mut() {
                    clear_positions(child);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_are_quoted_safely() {
        for name in ["测试\"单位\\", "a\u{b}b", "\"\"\"x'''", "两行\n名称"] {
            let s = skeleton(name, 2025);
            let parsed: toml::Table = toml::from_str(&s).unwrap_or_else(|e| panic!("{e}\n{s}"));
            assert_eq!(parsed["unit"]["name"].as_str(), Some(name));
            assert!(s.contains("published = 2026-09-30"));
        }
    }
}
