//! Import layouts: what differs between exporters, as data. A layout names each table by
//! its title, its columns by their header texts, and each column by the figure gongkai
//! computes with (`general_basic`, `income_total`, `sangong.budget.abroad`, …), so an
//! import, the `[typed]` checks and a later export speak the same names.

use super::text::{key, label_key};
use crate::base::diag::{Diagnostic, Failure, SourceFile};
use crate::declare::edition::{LabelContent, TableKind};
use crate::input::BookletKind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The layouts built into the binary, tried in this order.
const BUILTIN: &[(&str, &str)] = &[
    (
        "data/import/wuhan.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/import/wuhan.toml"
        )),
    ),
    (
        "data/import/wuhan-budget.toml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/import/wuhan-budget.toml"
        )),
    ),
];

/// Header texts from top to bottom that pick a column.
pub type HeaderPath = Vec<String>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    id: Spanned<String>,
    description: Spanned<String>,
    /// `final` (部门决算, the default) or `budget` (部门预算).
    #[serde(default)]
    booklet: Option<Spanned<String>>,
    #[serde(default)]
    total_labels: Vec<String>,
    #[serde(default)]
    end_markers: Vec<String>,
    money: LineFile,
    #[serde(default)]
    org: Option<LineFile>,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    tables: Vec<TableFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineFile {
    labels: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    kind: Spanned<String>,
    titles: Spanned<Vec<String>>,
    #[serde(default)]
    code: Option<Spanned<Vec<HeaderPath>>>,
    #[serde(default)]
    name: Option<HeaderPath>,
    #[serde(default)]
    columns: Vec<ColumnFile>,
    #[serde(default)]
    labels: Option<HeaderPath>,
    #[serde(default)]
    values: Option<HeaderPath>,
    #[serde(default)]
    rows: Vec<RowFile>,
    #[serde(default)]
    classes: Vec<Spanned<String>>,
    #[serde(default)]
    label_columns: Vec<LabelColumnFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelColumnFile {
    show: Spanned<String>,
    header: Spanned<HeaderPath>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnFile {
    figure: Spanned<String>,
    header: Spanned<HeaderPath>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowFile {
    label: String,
    figures: Vec<Spanned<String>>,
}

/// How the tables of a table kind are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 功能分类 rows (类/款/项 and 合计) with one figure per column.
    Function,
    /// 经济分类 lines in column groups, and labelled totals.
    Economic,
    /// Labelled rows (公开01, 公开04) and 类 rows.
    Labelled,
    /// One row of figures (公开09).
    Single,
    /// Listed rows with label columns (code, name, unit, …) and figures: budget units
    /// (表5-2), 经济分类 lines (表6), projects (表10).
    Listed,
}

/// The table kinds the 决算 editions declare (`TableKind`), and how each is read.
pub const KINDS: &[(&str, Shape)] = &[
    ("summary", Shape::Labelled),
    ("function", Shape::Function),
    ("economic_groups", Shape::Economic),
    ("row", Shape::Single),
    ("by_unit", Shape::Listed),
    ("economic_rows", Shape::Listed),
    ("projects", Shape::Listed),
];

#[derive(Debug, Clone)]
pub struct Layout {
    pub id: String,
    /// The kind of booklet whose tables this layout reads.
    pub booklet: BookletKind,
    pub description: String,
    pub origin: String,
    pub total_labels: Vec<String>,
    pub end_markers: Vec<String>,
    pub money_labels: Vec<String>,
    pub org_labels: Vec<String>,
    /// key of a variant → key of the name the tables use.
    aliases: BTreeMap<String, String>,
    pub tables: Vec<TableMap>,
}

#[derive(Debug, Clone)]
pub struct TableMap {
    pub kind: String,
    pub shape: Shape,
    /// Keys of the title texts.
    pub titles: Vec<String>,
    pub code: Vec<HeaderPath>,
    pub name: Option<HeaderPath>,
    pub columns: Vec<(String, HeaderPath)>,
    pub labels: Option<HeaderPath>,
    pub values: Option<HeaderPath>,
    /// Label key (without enumeration) and its figures, in reading order.
    pub rows: Vec<(String, Vec<String>)>,
    pub classes: Vec<String>,
    /// `Listed`: what each label column shows (`code`, `name`, `unit`, `code_name`).
    pub label_columns: Vec<(LabelContent, HeaderPath)>,
}

impl TableMap {
    /// Keys of every header text this table's columns are found by.
    pub fn header_keys(&self) -> Vec<String> {
        let mut paths: Vec<&HeaderPath> = self.code.iter().collect();
        paths.extend(self.name.iter());
        paths.extend(self.columns.iter().map(|(_, h)| h));
        paths.extend(self.labels.iter());
        paths.extend(self.values.iter());
        paths.extend(self.label_columns.iter().map(|(_, h)| h));
        paths.into_iter().flatten().cloned().collect()
    }
}

impl Layout {
    /// The name a header text stands for (its key, through the aliases).
    pub fn canonical(&self, text: &str) -> String {
        let k = key(text);
        self.aliases.get(&k).cloned().unwrap_or(k)
    }

    pub fn builtin() -> Vec<Layout> {
        BUILTIN
            .iter()
            .map(|(path, text)| {
                parse(Path::new(path), text)
                    .unwrap_or_else(|f| panic!("built-in import layout {path}: {f}"))
            })
            .collect()
    }

    /// A user's layout file (`--map`), checked with file:line:col diagnostics.
    pub fn from_file(path: &Path) -> Result<Layout, Failure> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::new(
                Diagnostic::error(
                    "E0802",
                    format!("无法读取映射文件 {}（{e}）", path.display()),
                )
                .in_file(path),
            )
        })?;
        parse(path, &text)
    }
}

fn defect(source: &SourceFile, span: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic::error("E0802", format!("映射文件有误：{message}"))
        .at_span(source, span)
        .help("映射文件的写法见 data/import/wuhan.toml 开头的说明")
}

fn parse(path: &Path, text: &str) -> Result<Layout, Failure> {
    let source = SourceFile::new(path, text.strip_prefix('\u{feff}').unwrap_or(text));
    let file: LayoutFile = toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Failure::new(defect(&source, span, toml_message_zh(e.message())))
    })?;
    let mut found = Vec::new();
    let totals: Vec<&str> = crate::vocab::unit_figures().collect();
    let mut tables = Vec::new();
    for t in &file.tables {
        let kind = t.kind.get_ref().trim().to_string();
        let Some((_, shape)) = KINDS.iter().find(|(k, _)| *k == kind) else {
            let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            found.push(defect(
                &source,
                t.kind.span(),
                format!("不认识的表类型“{kind}”，应为 {}", kinds.join("、")),
            ));
            continue;
        };
        if t.titles.get_ref().is_empty() {
            found.push(defect(
                &source,
                t.titles.span(),
                "titles 至少要有一个标题".into(),
            ));
        }
        let own = own_figures(&kind);
        let allowed = |name: &str| -> bool {
            match (shape, own) {
                (_, Some(own)) => own.contains(&name),
                (Shape::Function | Shape::Listed, None) => {
                    crate::vocab::row_figures().any(|n| n == name)
                }
                _ => totals.contains(&name),
            }
        };
        let own_hint;
        let hint = match (shape, own) {
            (_, Some(own)) => {
                own_hint = format!("{kind} 表的列可为 {}", own.join("、"));
                own_hint.as_str()
            }
            (Shape::Function | Shape::Listed, None) => "应为 docs/input-format.md 中 [[items]] 的金额字段，或 income_total、spending_total、basic、project、general_spending、fund_spending、fund_closing、capital_spending、fiscal_income 等计算数",
            _ => "应为单位级的数（如 income_total、sangong_budget_abroad），即 [typed] figures 可用的名称",
        };
        let mut check_figure = |f: &Spanned<String>| {
            if !allowed(f.get_ref()) {
                found.push(defect(
                    &source,
                    f.span(),
                    format!("没有名为“{}”的数（{kind} 表）：{hint}", f.get_ref()),
                ));
            }
        };
        for c in &t.columns {
            check_figure(&c.figure);
        }
        for r in &t.rows {
            r.figures.iter().for_each(&mut check_figure);
        }
        t.classes.iter().for_each(&mut check_figure);
        let need = |what: &str, present: bool, found: &mut Vec<Diagnostic>| {
            if !present {
                found.push(defect(
                    &source,
                    t.kind.span(),
                    format!("{kind} 表需要写 {what}"),
                ));
            }
        };
        match shape {
            Shape::Function => {
                need("code（科目编码所在的列）", t.code.is_some(), &mut found);
                need("columns", !t.columns.is_empty(), &mut found);
            }
            Shape::Economic => {
                need("code（科目编码所在的列）", t.code.is_some(), &mut found);
                need("values（决算数所在的列）", t.values.is_some(), &mut found);
            }
            Shape::Labelled => {
                need("labels（项目名称所在的列）", t.labels.is_some(), &mut found);
                need("values（金额所在的列）", t.values.is_some(), &mut found);
            }
            Shape::Single => need("columns", !t.columns.is_empty(), &mut found),
            Shape::Listed => {
                need(
                    "label_columns（编码、名称等所在的列）",
                    !t.label_columns.is_empty(),
                    &mut found,
                );
                need("columns", !t.columns.is_empty(), &mut found);
            }
        }
        let mut label_columns = Vec::new();
        for l in &t.label_columns {
            let show = l.show.get_ref().trim();
            match LABEL_CONTENTS.iter().find(|c| c.name() == show) {
                Some(c) => label_columns.push((*c, l.header.get_ref().clone())),
                None => found.push(defect(
                    &source,
                    l.show.span(),
                    format!(
                        "不认识的标签列“{show}”，应为 {}",
                        LABEL_CONTENTS
                            .iter()
                            .map(|c| c.name())
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                )),
            }
            if l.header.get_ref().is_empty() {
                found.push(defect(&source, l.header.span(), "表头不能为空".into()));
            }
        }
        if let Some(code) = &t.code {
            if !(1..=3).contains(&code.get_ref().len()) {
                found.push(defect(
                    &source,
                    code.span(),
                    "code 应列出 1 至 3 列（整列编码，或 类、款、项 分列）".into(),
                ));
            }
        }
        let mut paths: Vec<&Spanned<HeaderPath>> = t.columns.iter().map(|c| &c.header).collect();
        if let Some(code) = &t.code {
            if code.get_ref().iter().any(Vec::is_empty) {
                found.push(defect(&source, code.span(), "表头不能为空".into()));
            }
        }
        paths.retain(|p| p.get_ref().is_empty());
        for p in paths {
            found.push(defect(&source, p.span(), "表头不能为空".into()));
        }
        tables.push(TableMap {
            kind,
            shape: *shape,
            titles: t.titles.get_ref().iter().map(|s| key(s)).collect(),
            code: t
                .code
                .as_ref()
                .map(|c| c.get_ref().clone())
                .unwrap_or_default(),
            name: t.name.clone(),
            columns: t
                .columns
                .iter()
                .map(|c| (c.figure.get_ref().clone(), c.header.get_ref().clone()))
                .collect(),
            labels: t.labels.clone(),
            values: t.values.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    (
                        label_key(&r.label),
                        r.figures.iter().map(|f| f.get_ref().clone()).collect(),
                    )
                })
                .collect(),
            classes: t.classes.iter().map(|c| c.get_ref().clone()).collect(),
            label_columns,
        });
    }
    if file.money.labels.is_empty() {
        found.push(defect(
            &source,
            file.id.span(),
            "[money] labels 至少要有一个（如“金额单位”）".into(),
        ));
    }
    let booklet = match file.booklet.as_ref().map(|b| b.get_ref().trim()) {
        None | Some("final") => BookletKind::Final,
        Some("budget") => BookletKind::Budget,
        Some(other) => {
            let span = file.booklet.as_ref().map_or(0..0, |b| b.span());
            found.push(defect(
                &source,
                span,
                format!("booklet 应为 final（部门决算）或 budget（部门预算），不是“{other}”"),
            ));
            BookletKind::Final
        }
    };
    if !found.is_empty() {
        return Err(Failure::many(found));
    }
    let mut layout = Layout {
        id: file.id.get_ref().clone(),
        booklet,
        description: file.description.get_ref().clone(),
        origin: path.display().to_string(),
        total_labels: file.total_labels.iter().map(|s| key(s)).collect(),
        end_markers: file.end_markers.iter().map(|s| key(s)).collect(),
        money_labels: file.money.labels.clone(),
        org_labels: file.org.map(|o| o.labels).unwrap_or_default(),
        aliases: BTreeMap::new(),
        tables: Vec::new(),
    };
    for (name, variants) in &file.aliases {
        for v in variants {
            layout.aliases.insert(key(v), key(name));
        }
    }
    // Header paths are compared as canonical keys.
    for t in &mut tables {
        let canon = |p: &mut HeaderPath| p.iter_mut().for_each(|s| *s = layout.canonical(s));
        t.code.iter_mut().for_each(canon);
        t.name.iter_mut().for_each(canon);
        t.columns.iter_mut().for_each(|(_, h)| canon(h));
        t.labels.iter_mut().for_each(canon);
        t.values.iter_mut().for_each(canon);
        t.label_columns.iter_mut().for_each(|(_, h)| canon(h));
    }
    layout.tables = tables;
    if layout.total_labels.is_empty() {
        layout.total_labels = vec![key("合计"), key("总计")];
    }
    Ok(layout)
}

/// What a label column of a listed table can show.
const LABEL_CONTENTS: &[LabelContent] = &[
    LabelContent::Code,
    LabelContent::Name,
    LabelContent::Unit,
    LabelContent::CodeName,
];

/// The figures of a table kind that has its own (`economic_rows`, `projects`).
fn own_figures(kind: &str) -> Option<&'static [&'static str]> {
    [TableKind::EconomicRows, TableKind::Projects]
        .into_iter()
        .find(|k| k.name() == kind)
        .and_then(TableKind::own_figures)
}

/// serde's English, said in Chinese.
fn toml_message_zh(message: &str) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        format!("未知字段 `{name}`，可用字段：{}", candidates.join("、"))
    } else if let Some(rest) = m.strip_prefix("missing field `") {
        format!("缺少必填字段 `{}`", rest.split('`').next().unwrap_or(rest))
    } else if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!("类型错误：应为 {expected}，实际是 {found}")
    } else {
        format!("TOML 格式错误（{m}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_layouts_parse() {
        let layouts = Layout::builtin();
        assert_eq!(layouts[0].id, "wuhan");
        let kinds: Vec<&str> = layouts[0].tables.iter().map(|t| t.kind.as_str()).collect();
        assert_eq!(kinds.len(), 9);
        assert_eq!(kinds.iter().filter(|k| **k == "function").count(), 5);
        assert_eq!(layouts[0].canonical("科目\n编码"), key("功能分类科目编码"));
    }

    #[test]
    fn defects_are_reported_with_line_and_column() {
        let text = "id = \"x\"\ndescription = \"x\"\n[money]\nlabels = [\"单位\"]\n[[tables]]\nkind = \"function\"\ntitles = [\"收入决算表\"]\ncode = [[\"编码\"]]\ncolumns = [{ figure = \"genral_basic\", header = [\"基本支出\"] }]\n";
        let f = parse(Path::new("m.toml"), text).unwrap_err();
        let d = &f.diagnostics[0];
        assert_eq!(d.code, "E0802");
        assert!(d.message.contains("genral_basic"), "{}", d.message);
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (9, 23));

        let text = "id = \"x\"\ndescription = \"x\"\n[money]\nlabels = [\"单位\"]\n[[tables]]\nkind = \"收入\"\ntitles = [\"收入决算表\"]\n";
        let f = parse(Path::new("m.toml"), text).unwrap_err();
        let d = &f.diagnostics[0];
        assert!(d.message.contains("不认识的表类型“收入”"), "{}", d.message);
        assert_eq!(d.location.as_ref().unwrap().line, 6);

        let text = "id = \"x\"\ndescription = \"x\"\n[money]\nlabel = [\"单位\"]\n";
        let f = parse(Path::new("m.toml"), text).unwrap_err();
        let d = &f.diagnostics[0];
        assert!(d.message.contains("未知字段 `label`"), "{}", d.message);
        assert_eq!(d.location.as_ref().unwrap().line, 4);
    }
}
