//! `gongkai init --kind budget`: a new 部门预算 input file (`<year>-budget.toml`) with
//! a Chinese comment on every field and 待补充 placeholders, like the 决算 skeleton.

use crate::base::diag::{Diagnostic, Failure};
use std::path::{Path, PathBuf};

/// The skeleton of a new budget input file.
pub fn skeleton(unit: &str, year: i32) -> String {
    let name = toml_edit::Value::from(unit).to_string();
    let unit: String = unit.chars().filter(|c| !c.is_control()).collect();
    format!(
        r#"# gongkai 输入文件：{unit} {year} 年部门预算公开
# 每个字段的说明见 docs/input-format.md（“部门预算”一节）。填写后运行：
# gongkai check <本文件>，它会逐条指出还没填的地方（“待补充”）和对不上的数。

[unit]
kind = "budget"                      # 部门预算（不写则为部门决算）
name = {name}               # 单位名称：封面、标题、各部分标题都用它
year = {year}                        # 预算年度
code = "待补充"                      # 部门编码，印在表5-2（分单位）的部门一行
phone = "待补充"                     # 咨询电话，印在名词解释之后
# name_on_tables = "…"               # 表格“部门/单位：”一栏的名称，与 name 不同时才填
# published = {year}-02-01           # 公开日期：预算封面可以不印日期

[settings]
amount_unit = "元"                   # 本文件金额的单位：“元”或“万元”
thousands_separator = true           # 表格数字加千分位，如 1,757.51
fiscal_level = "区级财政"            # 名词解释：市级财政、区级财政或本级财政

# 第一部分 概况：一、主要职能由你写；二（单位构成）和三（人员构成）由下面的
# [[units]] 和 [overview.staff] 写出。
[[overview.sections]]
title = "部门主要职能"
text = """
待补充：本部门的主要职能，每条一段。
"""

# 人员构成：只填各类人数，合计由程序计算。参照公务员法管理的人员计入事业。
[overview.staff]
authorized = {{ administrative = 0, institutional = 0, civil_servant_managed = 0 }}   # 编制
actual = {{ administrative = 0, institutional = 0, civil_servant_managed = 0 }}       # 在职实有
retirees = {{ veteran = 0, retired = 0 }}                                              # 离休、退休

# 部门的预算单位（表5-2）：本级写 own = true，其余为二级预算单位。
[[units]]
code = "待补充"                      # 单位编码，如 136001
name = "待补充"                      # 如 武汉市某某中心本级
own = true

# 支出：每个功能分类“项”（7 位编码）一节。类、款和所有合计由程序计算。
# 基本支出分人员经费和公用经费；项目支出按下面的 [[projects]] 合计，不用填。
[[items]]
code = "2013750"                     # 功能分类科目编码（项级）
general_personnel = 0                # 一般公共预算 基本支出 人员经费
general_public = 0                   # 一般公共预算 基本支出 公用经费

[[items]]
code = "2080505"                     # 机关事业单位基本养老保险缴费支出
general_personnel = 0

[[items]]
code = "2210201"                     # 住房公积金
general_personnel = 0

# 表6 一般公共预算基本支出，按经济分类（5 位编码），列出的行都会印出（包括 0）。
# 301、303 各行之和应等于人员经费，302、310 各行之和应等于公用经费。
[basic_economic]
"30101" = 0                          # 基本工资
"30108" = 0                          # 机关事业单位基本养老保险缴费
"30113" = 0                          # 住房公积金
"30201" = 0                          # 办公费

# 表7 “三公”经费预算数；小计、合计由程序计算。
[sangong.budget]
abroad = 0                           # 因公出国（境）费
car_purchase = 0                     # 公务用车购置费
car_running = 0                      # 公务用车运行费
reception = 0                        # 公务接待费

# 项目（表10、表12）：每个项目一节，钱按来源填，表12 的其余内容照实填写。
[[projects]]
name = "待补充"                      # 项目名称
code = "2013750"                     # 所在功能分类“项”，须在上面的 [[items]] 中
department = "待补充"                # 项目主管部门
executor = "待补充"                  # 项目执行单位
level1_project = "待补充"            # 一级项目名称
kind = "常年性项目"                  # 项目安排频度
start_year = {year}
end_year = {year}
overview = "待补充"                  # 项目概述
total_budget = 0                     # 项目总预算

[projects.sources]
general = 0                          # 一般公共预算财政拨款（当年）；上年结转写 general_opening

[[projects.estimates]]
task = "待补充"                      # 项目任务明细
price = 0                            # 单价；测算数 = 单价 × 计量数，由程序计算
quantity = 1                         # 计量数

# 表11 部门整体支出绩效目标表：近两年收支情况（本文件的金额单位）。
[[history]]
year = {before_last}
fiscal = 0                           # 财政拨款
other = 0                            # 其他资金
basic = 0                            # 基本支出
project = 0                          # 项目支出

[[history]]
year = {last}
fiscal = 0
other = 0
basic = 0
project = 0

[evaluation.overall]
department = {name}
reporter = "待补充"                  # 填报人
phone = "待补充"
tasks = "待补充"                     # 年度工作任务；部门职能概述取第一部分的主要职能
long_term_goals = ["待补充"]
annual_goals = ["待补充"]

# 第三部分：上年预算数（比上年增减）和原因。
[previous]
amount_unit = "万元"
total = 0                            # 上年部门收支总预算
general_spending = 0                 # 上年一般公共预算支出预算

[narrative.reasons]
total = "待补充"                     # 收支总预算增减的主要原因
"#,
        before_last = year - 2,
        last = year - 1,
    )
}

/// Writes the skeleton to `<dir>/<year>-budget.toml`, never over an existing file.
pub fn write_skeleton(dir: &Path, unit: &str, year: i32) -> Result<PathBuf, Failure> {
    let path = dir.join(format!("{year}-budget.toml"));
    if path.exists() {
        return Err(Failure::new(
            Diagnostic::error("E0701", format!("{} 已存在，不会覆盖", path.display()))
                .help("如要重新开始，请先把原文件改名或移走"),
        ));
    }
    crate::app::output::write_atomically(&path, skeleton(unit, year).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_skeleton_loads_as_a_budget() {
        let text = skeleton("武汉市某某中心", 2025);
        let loaded = crate::input::load_str(Path::new("2025-budget.toml"), &text)
            .unwrap_or_else(|f| panic!("{f}"));
        assert_eq!(loaded.input.kind(), crate::input::BookletKind::Budget);
        assert_eq!(loaded.input.history.len(), 2);
    }
}
