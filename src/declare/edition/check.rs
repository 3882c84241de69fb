//! Load-time checks of an edition: what serde cannot see. Every table must be drawable
//! and fillable from its declaration alone, so a defect here is the edition author's,
//! reported with its place, never a failed or silently wrong booklet later.

use super::{ColumnSpec, Edition, PartKind, TableKind, TableSpec};
use crate::base::diag::Diagnostic;
use std::collections::BTreeSet;
use std::ops::Range;
use toml::Spanned;

struct Checker<'a> {
    edition: &'a Edition,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, code: &'static str, message: String, span: Range<usize>) {
        self.found.push(
            Diagnostic::error(code, message)
                .at(self.edition.sources.locate(span))
                .help("版式文件的写法见 docs/editions.md"),
        );
    }
}

pub fn check(edition: &Edition) -> Vec<Diagnostic> {
    let mut c = Checker {
        edition,
        found: Vec::new(),
    };
    unique_tables(&mut c);
    for t in &edition.tables {
        table(&mut c, t);
    }
    parts(&mut c);
    classes(&mut c);
    for p in edition.narrative.check() {
        c.error(p.code, p.message, p.span);
    }
    c.found
}

fn unique_tables(c: &mut Checker) {
    let mut ids = BTreeSet::new();
    let mut labels = BTreeSet::new();
    for t in &c.edition.tables {
        if !ids.insert(t.id.get_ref().as_str()) {
            c.error(
                "E0243",
                format!("表的编号“{}”重复：每张表的 id 只能出现一次", t.id.get_ref()),
                t.id.span(),
            );
        }
        if !labels.insert(t.label.get_ref().as_str()) {
            c.error(
                "E0243",
                format!("表号“{}”重复：两张表印着同一个表号", t.label.get_ref()),
                t.label.span(),
            );
        }
    }
}

/// A field that the table's kind does not use, or one it needs.
fn fields(c: &mut Checker, t: &TableSpec) {
    let kind = *t.kind.get_ref();
    let present = [
        ("labels", !t.labels.is_empty()),
        ("columns", !t.columns.is_empty()),
        ("income", t.income.is_some()),
        ("spending", t.spending.is_some()),
        ("groups", !t.groups.is_empty()),
        ("group_columns", t.group_columns.is_some()),
    ];
    let needed: &[&str] = match kind {
        TableKind::Function | TableKind::ByUnit | TableKind::EconomicRows | TableKind::Projects => {
            &["labels", "columns"]
        }
        TableKind::Row => &["columns"],
        TableKind::OverallForm | TableKind::ProjectForm => &[],
        TableKind::Summary => &["income", "spending"],
        TableKind::EconomicGroups => &["groups", "group_columns"],
    };
    for (field, is_present) in present {
        let name = kind.name();
        if needed.contains(&field) && !is_present {
            c.error(
                "E0245",
                format!("kind = \"{name}\" 的表必须写 {field}"),
                t.kind.span(),
            );
        } else if !needed.contains(&field) && is_present {
            c.error(
                "E0245",
                format!("{field} 不适用于 kind = \"{name}\" 的表"),
                t.kind.span(),
            );
        }
    }
}

fn table(c: &mut Checker, t: &TableSpec) {
    fields(c, t);
    // Listed in name order in the messages.
    let mut unit_names: Vec<&str> = crate::vocab::unit_figures().collect();
    unit_names.sort_unstable();
    let row_names: Vec<&str> = crate::vocab::row_figures().collect();
    let kind = *t.kind.get_ref();
    match kind {
        TableKind::Function => {
            figure_columns(c, t, &row_names, "功能分类表各行的数");
            for level in &t.rows.levels {
                if !(1..=3).contains(level) {
                    c.error(
                        "E0246",
                        format!("rows.levels 只能是 1（类）、2（款）、3（项），不能是 {level}"),
                        t.kind.span(),
                    );
                }
            }
        }
        TableKind::ByUnit | TableKind::EconomicRows | TableKind::Projects => {
            let names: Vec<&str> = kind
                .own_figures()
                .map_or_else(|| row_names.clone(), <[&str]>::to_vec);
            let what = match kind {
                TableKind::EconomicRows => "经济分类行的数",
                TableKind::Projects => "项目的数",
                _ => "功能分类表各行的数",
            };
            figure_columns(c, t, &names, what);
        }
        TableKind::OverallForm | TableKind::ProjectForm => {
            if !t.checks.is_empty() {
                c.error(
                    "E0245",
                    format!(
                        "checks 不适用于 kind = \"{}\" 的表：表中各数的关系自动核对",
                        kind.name()
                    ),
                    t.kind.span(),
                );
            }
        }
        TableKind::Row => {
            figure_columns(c, t, &unit_names, "单位合计数");
        }
        TableKind::Summary => {
            let mut shown = Vec::new();
            for (side, name) in [(&t.income, "income"), (&t.spending, "spending")] {
                let Some(side) = side else { continue };
                if side.columns.is_empty() {
                    c.error(
                        "E0246",
                        format!("{name}.columns 至少要有一栏金额"),
                        t.kind.span(),
                    );
                }
                numbers(c, t, &side.columns);
                for col in &side.columns {
                    width(c, &col.width);
                    match (&col.figure, &side.classes) {
                        (Some(f), Some(_)) => {
                            known(c, f, &row_names, "功能分类表各行的数");
                        }
                        (None, Some(_)) => c.error(
                            "E0246",
                            format!("{name}.columns 的每一栏都要用 figure 写明各类支出行印哪个数"),
                            t.kind.span(),
                        ),
                        (Some(f), None) => c.error(
                            "E0245",
                            format!("{name}.columns 的 figure 只用于列出支出分类的一侧"),
                            f.span(),
                        ),
                        (None, None) => {}
                    }
                }
                width(c, &side.label_width);
                width(c, &side.line_width);
                for row in side.rows.iter().chain(&side.tail) {
                    let figures = row.figures();
                    if !figures.is_empty() && figures.len() != side.columns.len() {
                        c.error(
                            "E0246",
                            format!(
                                "“{}”一行写了 {} 个数，而这一侧有 {} 栏金额",
                                row.label,
                                figures.len(),
                                side.columns.len()
                            ),
                            figures[0].span(),
                        );
                    }
                    for f in figures {
                        known(c, f, &unit_names, "单位合计数");
                        shown.push(f.get_ref().as_str());
                    }
                }
            }
            checks(c, t, &shown);
        }
        TableKind::EconomicGroups => {
            for g in &t.groups {
                known(c, &g.total, &unit_names, "单位合计数");
                for code in &g.codes {
                    let text = code.get_ref();
                    if !(text.len() == 3 || text.len() == 5)
                        || !text.chars().all(|ch| ch.is_ascii_digit())
                    {
                        c.error(
                            "E0246",
                            format!("经济分类科目编码“{text}”应为 3 位（类）或 5 位（款）数字"),
                            code.span(),
                        );
                    }
                }
            }
            if let Some(g) = &t.group_columns {
                for w in &g.widths {
                    width(c, &Some(w.clone()));
                }
            }
            if !t.checks.is_empty() {
                c.error(
                    "E0245",
                    "checks 不适用于 kind = \"economic_groups\" 的表：类 = Σ款 与各组合计自动核对"
                        .into(),
                    t.kind.span(),
                );
            }
        }
    }
    let contents = kind.label_contents();
    for col in &t.labels {
        if !contents.contains(&col.show) {
            c.error(
                "E0246",
                format!(
                    "kind = \"{}\" 的表的标签栏不能印 show = \"{}\"",
                    kind.name(),
                    col.show.name()
                ),
                t.kind.span(),
            );
        }
    }
    if !matches!(
        kind,
        TableKind::Function | TableKind::ByUnit | TableKind::EconomicRows | TableKind::Projects
    ) {
        for col in &t.labels {
            width(c, &col.width);
        }
    }
    if let Some(size) = &t.size {
        if !(5.0..=16.0).contains(size.get_ref()) {
            c.error(
                "E0247",
                format!("size 应在 5 至 16（磅）之间，不能是 {}", size.get_ref()),
                size.span(),
            );
        }
    }
    headers(c, t);
}

/// Figure columns: each names a known figure, 栏次 is given for all or none, and the
/// checks name only figures the table prints.
fn figure_columns(c: &mut Checker, t: &TableSpec, names: &[&str], what: &str) {
    for col in &t.columns {
        match &col.figure {
            Some(f) => known(c, f, names, what),
            None => c.error(
                "E0246",
                format!("{} 的每一栏都要用 figure 写明印哪个数", t.label.get_ref()),
                t.kind.span(),
            ),
        }
        width(c, &col.width);
    }
    for col in &t.labels {
        width(c, &col.width);
    }
    numbers(c, t, &t.columns);
    let shown: Vec<&str> = t
        .columns
        .iter()
        .filter_map(|col| col.figure.as_ref().map(|f| f.get_ref().as_str()))
        .collect();
    checks(c, t, &shown);
}

fn numbers(c: &mut Checker, t: &TableSpec, columns: &[ColumnSpec]) {
    let numbered = columns.iter().filter(|col| col.number.is_some()).count();
    if numbered != 0 && numbered != columns.len() {
        c.error(
            "E0246",
            format!(
                "{} 有 {} 栏写了栏次（number），{} 栏没有：栏次要么每栏都写，要么都不写",
                t.label.get_ref(),
                numbered,
                columns.len() - numbered
            ),
            t.kind.span(),
        );
    }
}

fn known(c: &mut Checker, name: &Spanned<String>, names: &[&str], what: &str) {
    if !names.contains(&name.get_ref().as_str()) {
        c.error(
            "E0244",
            format!(
                "不认识的数“{}”：应为{what}之一（{}）",
                name.get_ref(),
                names.join("、")
            ),
            name.span(),
        );
    }
}

/// The figures of a check must be shown by the table it belongs to.
fn checks(c: &mut Checker, t: &TableSpec, shown: &[&str]) {
    for check in &t.checks {
        for f in std::iter::once(&check.total)
            .chain(&check.plus)
            .chain(&check.minus)
        {
            if !shown.contains(&f.get_ref().as_str()) {
                c.error(
                    "E0244",
                    format!(
                        "checks 中的“{}”不是 {} 印出的数：只能核对本表印出的数（{}）",
                        f.get_ref(),
                        t.label.get_ref(),
                        shown.join("、")
                    ),
                    f.span(),
                );
            }
        }
        if check.plus.is_empty() {
            c.error(
                "E0246",
                "checks 的每一条至少要有一个加数（plus）".into(),
                check.total.span(),
            );
        }
    }
}

/// Header paths must nest: a column whose path ends where its neighbour's goes on
/// would leave a header cell straddling two levels.
fn headers(c: &mut Checker, t: &TableSpec) {
    let paths = super::shape::header_paths(t);
    for (i, path) in paths.iter().enumerate() {
        if path.is_empty() {
            c.error(
                "E0246",
                format!("{} 第 {} 栏没有表头（header）", t.label.get_ref(), i + 1),
                t.kind.span(),
            );
        }
    }
    // Where each column is written, for the columns that carry a figure.
    let mut spans: Vec<Option<Range<usize>>> = Vec::new();
    let labelled = matches!(
        t.kind.get_ref(),
        TableKind::Function | TableKind::ByUnit | TableKind::EconomicRows | TableKind::Projects
    );
    if labelled {
        spans.extend(t.labels.iter().map(|_| None));
    }
    if labelled || *t.kind.get_ref() == TableKind::Row {
        spans.extend(
            t.columns
                .iter()
                .map(|c| c.figure.as_ref().map(|f| f.span())),
        );
    }
    for (i, pair) in paths.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let span = spans
            .get(i + 1)
            .cloned()
            .flatten()
            .unwrap_or_else(|| t.kind.span());
        let shared = a.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
        if shared > 0 && shared == a.len().min(b.len()) && a.len() != b.len() {
            c.error(
                "E0246",
                format!(
                    "{} 的表头层级不一致：“{}”与“{}”相邻，一个在“{}”下分栏，一个没有",
                    t.label.get_ref(),
                    a.join("/"),
                    b.join("/"),
                    a[..shared].join("/")
                ),
                span,
            );
        }
    }
}

fn width(c: &mut Checker, width: &Option<Spanned<String>>) {
    if let Some(w) = width {
        if super::shape::Length::parse(w.get_ref()).is_none() {
            c.error(
                "E0247",
                format!(
                    "栏宽“{}”写法不对：应为数字加单位，如 7em、2.6em、20mm、1fr",
                    w.get_ref()
                ),
                w.span(),
            );
        }
    }
}

fn parts(c: &mut Checker) {
    let e = c.edition;
    let mut seen = BTreeSet::new();
    let span = e.sources.main_span();
    for p in &e.parts {
        if !seen.insert(format!("{:?}", p.kind)) {
            c.error(
                "E0248",
                format!("parts 中 {:?} 出现了两次", p.kind),
                span.clone(),
            );
        }
        let missing = match p.kind {
            PartKind::KeyWork => e.key_work.is_none().then_some("key_work"),
            PartKind::Glossary => e.glossary.is_none().then_some("glossary"),
            PartKind::Attachments => e.attachments.is_none().then_some("attachments"),
            _ => None,
        };
        if let Some(field) = missing {
            c.error(
                "E0248",
                format!("parts 列出了这一部分，但版式没有 [{field}] 一节"),
                span.clone(),
            );
        }
    }
}

fn classes(c: &mut Checker) {
    let mut seen = BTreeSet::new();
    for class in &c.edition.classes {
        let code = class.get_ref();
        if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_digit()) {
            c.error(
                "E0248",
                format!("支出分类“{code}”应为 3 位数字的类级科目编码"),
                class.span(),
            );
        } else if !seen.insert(code.as_str()) {
            c.error("E0248", format!("支出分类 {code} 重复"), class.span());
        }
    }
}
