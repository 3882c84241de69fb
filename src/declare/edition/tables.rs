//! The declaration of a table: its kind, label, title, columns (figure, header path,
//! 栏次, width), row rules, checks, notes and empty-table line. Everything that draws,
//! fills or checks a table reads this one declaration.

use serde::Deserialize;
use toml::Spanned;

/// What a table shows, and so how it is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Two sides, income and spending, with rows of unit figures and the spending
    /// classes (公开01, 公开04, budget 表1/表4).
    Summary,
    /// One row per 功能分类 类/款/项 with figures of each row (公开02/03/05/07/08).
    Function,
    /// 经济分类 lines in column groups (公开06).
    EconomicGroups,
    /// One row of unit figures (公开09 三公).
    Row,
    /// One row per budget unit under its department, with the figures of its 项
    /// summed (budget 表5-2).
    ByUnit,
    /// 经济分类 lines as rows, each 类 and the lines entered under it, with the
    /// columns 合计, 人员经费, 公用经费 (budget 表6).
    EconomicRows,
    /// One row per project with its money by source (budget 表10).
    Projects,
    /// The overall performance target form with its money block (budget 表11).
    OverallForm,
    /// One project performance target form per project (budget 表12-1 … 12-n).
    ProjectForm,
}

impl TableKind {
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Summary => "summary",
            TableKind::Function => "function",
            TableKind::EconomicGroups => "economic_groups",
            TableKind::Row => "row",
            TableKind::ByUnit => "by_unit",
            TableKind::EconomicRows => "economic_rows",
            TableKind::Projects => "projects",
            TableKind::OverallForm => "overall_form",
            TableKind::ProjectForm => "project_form",
        }
    }

    /// The figures a row of this kind can show in a column, when the kind has its own
    /// (the others show 功能分类 row figures or unit figures).
    pub fn own_figures(self) -> Option<&'static [&'static str]> {
        match self {
            TableKind::EconomicRows => Some(&["total", "personnel", "public"]),
            TableKind::Projects => Some(crate::vocab::PROJECT_FIGURES),
            _ => None,
        }
    }

    /// What the label columns of this kind can show.
    pub fn label_contents(self) -> &'static [LabelContent] {
        match self {
            TableKind::Function | TableKind::ByUnit | TableKind::EconomicRows => {
                &[LabelContent::Code, LabelContent::Name]
            }
            TableKind::Projects => &[
                LabelContent::Unit,
                LabelContent::Name,
                LabelContent::Code,
                LabelContent::CodeName,
            ],
            _ => &[],
        }
    }

    /// A form, laid out by its own template rather than a grid of figures.
    pub fn is_form(self) -> bool {
        matches!(self, TableKind::OverallForm | TableKind::ProjectForm)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// The stable key of the table in this edition (`[typed]`, `table_notes` use it).
    pub id: Spanned<String>,
    /// The entry of the contents shared by adjacent tables (`一般公共预算支出表` for 表5-1
    /// and 表5-2); absent: the table's own title.
    pub group: Option<String>,
    /// Printed label: `公开01表`, `表5`, `表5-1`, `附表-5-2`.
    pub label: Spanned<String>,
    /// The title's own words; the printed title comes from the head's title template.
    pub title: String,
    pub kind: Spanned<TableKind>,
    #[serde(default)]
    pub landscape: bool,
    /// Font size in pt (the booklet's table size when absent).
    pub size: Option<Spanned<f64>>,
    #[serde(default)]
    pub head: HeadPatch,
    #[serde(default)]
    pub format: FormatPatch,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Identity lines printed under the table, as the edition words them.
    #[serde(default)]
    pub identities: Vec<String>,
    /// The 说明 line of a table without figures (`{subject}`, `{year}`).
    pub empty_note: Option<String>,

    /// `function`: the label columns (code, name) before the figures.
    #[serde(default)]
    pub labels: Vec<LabelColumn>,
    /// `function`, `row`: the figure columns.
    #[serde(default)]
    pub columns: Vec<ColumnSpec>,
    /// `function`: which rows print.
    #[serde(default)]
    pub rows: RowRule,
    /// Identities among the table's figures, checked on the printed figures.
    #[serde(default)]
    pub checks: Vec<CheckSpec>,

    /// `summary`: the income (left) and spending (right) sides.
    pub income: Option<SideSpec>,
    pub spending: Option<SideSpec>,
    /// `summary`: print 行次 numbers.
    #[serde(default)]
    pub line_numbers: bool,

    /// `economic_groups`: the column groups, left to right.
    #[serde(default)]
    pub groups: Vec<GroupSpec>,
    /// `economic_groups`: the header of each group's columns (code, name, amount).
    pub group_columns: Option<GroupColumns>,
}

/// Overrides of the edition's table head for one table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadPatch {
    pub title: Option<String>,
    pub label_beside_title: Option<bool>,
    pub org: Option<String>,
    pub money: Option<String>,
    pub year_line: Option<bool>,
    pub label_above: Option<bool>,
}

/// Overrides of the edition's number format for one table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatPatch {
    pub unit: Option<super::MoneyUnit>,
    pub decimals: Option<u32>,
    pub zero: Option<super::ZeroDisplay>,
    pub separators: Option<bool>,
    pub trim: Option<bool>,
}

/// A column of figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// The figure shown: a field of a 功能分类 row (`function`), or a unit figure
    /// (`row`, and the value columns of a summary side).
    pub figure: Option<Spanned<String>>,
    /// Header path from the top row down: `["本年支出", "小计"]`.
    pub header: Vec<String>,
    /// 栏次 printed under the header (`"1"`), or an empty cell (`""`).
    pub number: Option<String>,
    pub width: Option<Spanned<String>>,
}

/// What a label column shows in each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelContent {
    /// The whole code; adjacent code columns print it as one cell.
    Code,
    Name,
    /// `projects`: the name of the project's unit.
    Unit,
    /// `projects`: the name of the project's 功能分类 项.
    CodeName,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelColumn {
    pub show: LabelContent,
    pub header: Vec<String>,
    /// Text in the 栏次 row (`栏次`).
    pub number: Option<String>,
    pub width: Option<Spanned<String>>,
}

impl LabelContent {
    pub fn name(self) -> &'static str {
        match self {
            LabelContent::Code => "code",
            LabelContent::Name => "name",
            LabelContent::Unit => "unit",
            LabelContent::CodeName => "code_name",
        }
    }
}

/// Which 功能分类 rows a table prints.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowRule {
    /// 1 类, 2 款, 3 项.
    #[serde(default = "all_levels")]
    pub levels: Vec<u8>,
    /// Leave out rows whose figures are all zero.
    #[serde(default = "yes")]
    pub drop_zero: bool,
    /// The label of the total row (`合计`); none: no total row.
    #[serde(default = "total_label")]
    pub total: Option<String>,
    /// A table without rows still prints its 合计 row and one blank line (the 决算
    /// tables); `false`: only the header (the budget's 表8/表9).
    #[serde(default = "yes")]
    pub empty_lines: bool,
}

impl Default for RowRule {
    fn default() -> Self {
        RowRule {
            levels: all_levels(),
            drop_zero: true,
            total: total_label(),
            empty_lines: true,
        }
    }
}

fn all_levels() -> Vec<u8> {
    vec![1, 2, 3]
}

fn yes() -> bool {
    true
}

fn total_label() -> Option<String> {
    Some("合计".into())
}

/// `total = Σ plus − Σ minus`, by figure names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    pub total: Spanned<String>,
    #[serde(default)]
    pub plus: Vec<Spanned<String>>,
    #[serde(default)]
    pub minus: Vec<Spanned<String>>,
}

/// One side of a summary table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideSpec {
    /// The side's top header (`收入`).
    pub header: String,
    /// The header of its label column (`项目`).
    pub label_header: String,
    /// Text in the 栏次 row of the label column (`栏次`).
    pub label_number: Option<String>,
    pub label_width: Option<Spanned<String>>,
    /// Width of the 行次 column.
    pub line_width: Option<Spanned<String>>,
    /// The value columns; on the spending side each names the 功能分类 figure its class
    /// rows show.
    pub columns: Vec<ColumnSpec>,
    /// Rows before the classes.
    #[serde(default)]
    pub rows: Vec<RowSpec>,
    /// The expenditure classes (spending side), numbered with this pattern.
    pub classes: Option<ClassRows>,
    /// Rows at the foot, bottom-aligned with the other side's.
    #[serde(default)]
    pub tail: Vec<RowSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRows {
    /// `{n}、` or `（{n}）`, `{n}` being the Chinese numeral.
    pub numbering: String,
    #[serde(default)]
    pub numerals: Numerals,
}

/// How 21…29 are written: 二十一 or 廿一.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numerals {
    #[default]
    Standard,
    Nian,
}

/// A row of a summary side: a label and the unit figure(s) it shows, one per value
/// column; a row without figures prints its label only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    #[serde(default)]
    pub label: String,
    pub value: Option<Spanned<String>>,
    #[serde(default)]
    pub values: Vec<Spanned<String>>,
    #[serde(default)]
    pub indent: bool,
}

impl RowSpec {
    /// The figure names, one per value column (`value` is the one-column shorthand).
    pub fn figures(&self) -> Vec<&Spanned<String>> {
        self.value.iter().chain(&self.values).collect()
    }
}

/// A group of 经济分类 lines (公开06 prints 人员经费 | 公用经费 | 公用经费 (310)).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub header: String,
    /// The unit figure totalling the group (groups sharing it share one total cell).
    pub total: Spanned<String>,
    pub total_label: String,
    /// The lines printed, 类 (3 digits) and 款 (5 digits).
    pub codes: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupColumns {
    pub code: String,
    pub name: String,
    pub amount: String,
    /// Widths of the code, name and amount columns.
    pub widths: [Spanned<String>; 3],
}
