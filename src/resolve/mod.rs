//! Resolve: the parsed input checked against the catalog and the edition, amounts
//! converted to exact 元, text split into paragraphs. Every problem found is collected,
//! so the user sees all of them at once.

use super::check::Checker;
use super::figures::Figures;
use crate::catalog::{function_ancestors, Catalog};
use crate::diag::Failure;
use crate::edition::{BookletKind, Edition};
use crate::input::{Input, ItemInput, Loaded, SangongFigures};
use crate::money::{AmountUnit, Money};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Facts {
    /// 决算 or budget: what the input declares (and its edition lays out).
    pub kind: BookletKind,
    pub unit: Unit,
    pub edition: Edition,
    /// The unit the file's amounts are written in (`settings.amount_unit`).
    pub amount_unit: AmountUnit,
    pub thousands_separator: bool,
    pub overview: Vec<TextSection>,
    pub items: Vec<Item>,
    pub balances: Balances,
    pub economic: BTreeMap<String, Money>,
    pub sangong: Sangong,
    pub table_notes: BTreeMap<String, String>,
    /// The built-in catalog with the input's `settings.catalog` laid over it.
    pub catalog: Catalog,
    /// Names of every 类, 款 and 项 the items use (catalog, or the item's override).
    pub function_names: BTreeMap<String, String>,
    pub economic_names: BTreeMap<String, String>,
    /// What 第三部分 needs beyond the tables (last year's figures, reasons, …).
    pub narrative: super::narrative::NarrativeFacts,
    /// Parts 4–6.
    pub back_matter: super::back_matter::BackMatter,
    /// The budget booklet's units, staff, projects and history (empty for 决算).
    pub budget: super::budget::BudgetFacts,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub name_on_tables: String,
    pub year: i32,
    /// The publication date; a budget booklet may have none.
    pub published: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct TextSection {
    pub title: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub code: String,
    /// The budget unit it belongs to (`[[units]]`), when the department lists units.
    pub unit: Option<String>,
    pub figures: Figures,
}

#[derive(Debug, Clone, Default)]
pub struct Balances {
    pub nonfiscal_surplus_used: Money,
    /// 用事业基金弥补收支差额 (editions before 2020).
    pub business_fund_used: Money,
    pub nonfiscal_opening: Money,
    pub surplus_distribution: Money,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SangongLine {
    pub abroad: Money,
    pub car_purchase: Money,
    pub car_running: Money,
    pub reception: Money,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Sangong {
    pub budget: SangongLine,
    pub actual: SangongLine,
}

/// The fiscal years gongkai accepts. 部门决算公开 began in the 2010s; a year outside
/// this range is a typo, and keeping it in range keeps `year - 1` and `year + 1` safe.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

const CATALOG_HELP: &str =
    "目录里没有的科目，可在 [settings] 中用 catalog 指定补充的科目目录文件（见 docs/catalog.md）";

pub fn resolve(loaded: &Loaded, catalog: &Catalog) -> Result<Facts, Failure> {
    let catalog = &catalog.for_input(loaded)?;
    let Loaded { source, input } = loaded;
    let mut r = Checker::new(source, AmountUnit::Yuan);
    let Input {
        unit,
        settings,
        overview,
        items,
        balances,
        basic_economic,
        sangong,
        table_notes,
        ..
    } = input;

    if let Some(u) = &settings.amount_unit {
        match AmountUnit::parse(u.get_ref()) {
            Some(unit) => r.unit = unit,
            None => r.error(
                "E0203",
                format!("不认识的金额单位“{}”，应为“元”或“万元”", u.get_ref()),
                "settings.amount_unit",
                u.span(),
            ),
        }
    }

    let year = *unit.year.get_ref();
    let kind = input.kind();
    if !YEARS.contains(&year) {
        r.error_help(
            "E0207",
            format!(
                "{}年度 {year} 不合理：应为 {} 至 {} 之间的年份",
                match kind {
                    BookletKind::Final => "决算",
                    BookletKind::Budget => "预算",
                },
                YEARS.start(),
                YEARS.end()
            ),
            "unit.year",
            unit.year.span(),
            match kind {
                BookletKind::Final => "year 写决算所属的年度，如 2024（不是公开的年份）",
                BookletKind::Budget => "year 写预算所属的年度，如 2024",
            }
            .into(),
        );
    }
    let edition = edition_of(&mut r, settings, kind, year, unit.year.span());
    if let (Some(e), Some(k)) = (&edition, &unit.kind) {
        if e.kind != kind {
            r.error_help(
                "E0281",
                format!(
                    "版式“{}”排印的是{}，而本文件是{}",
                    e.id,
                    e.kind.name(),
                    kind.name()
                ),
                "settings.edition",
                settings.edition.as_ref().map_or(k.span(), |n| n.span()),
                format!(
                    "改用{}的版式，或删去 edition 以使用 {year} 年度的内置版式",
                    kind.name()
                ),
            );
        }
    }
    super::budget::kind::check(&mut r, input, kind);
    if let Some(e) = &edition {
        super::budget::kind::required(&mut r, input, e);
    }

    // The edition's 类 print by name whether used or not: each needs one for the year.
    let known_year = YEARS.contains(&year);
    for class in edition
        .iter()
        .filter(|_| known_year)
        .flat_map(|e| e.class_codes())
    {
        if catalog.function(year, class).is_none() {
            r.error_help(
                "E0215",
                format!("科目目录中没有 {year} 年度的类 {class}，本版式的支出分类要列出它"),
                "unit.year",
                unit.year.span(),
                CATALOG_HELP.into(),
            );
        }
    }

    let name = r.text(&unit.name, "unit.name");
    let name_on_tables = match &unit.name_on_tables {
        Some(n) => r.text(n, "unit.name_on_tables"),
        None => name.clone(),
    };
    let published = match &unit.published {
        Some(p) => Some(toml_date(p.get_ref()).unwrap_or_else(|| {
            r.error(
                "E0206",
                "发布日期应为年月日，如 2025-09-26（不加引号，不带时间）".into(),
                "unit.published",
                p.span(),
            );
            NaiveDate::default()
        })),
        None if kind == BookletKind::Final => {
            r.error_help(
                "E0286",
                "缺少发布日期 `published`（部门决算的封面印有公开日期）".into(),
                "unit.published",
                unit.name.span(),
                "请在 [unit] 中写 published = 2025-09-26（不加引号）".into(),
            );
            None
        }
        None => None,
    };
    let catalog_has = |code: &str| catalog.function(year, code).is_some();
    let mut budget = match kind {
        BookletKind::Budget => super::budget::resolve(&mut r, input, &catalog_has),
        BookletKind::Final => Default::default(),
    };

    let overview = overview
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| TextSection {
            title: r.text(&s.title, &format!("overview.sections[{i}].title")),
            paragraphs: paragraphs(s.text.get_ref()),
        })
        .collect();

    let mut function_names = BTreeMap::new();
    let mut seen_codes: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    let mut resolved_items = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = |f: &str| format!("items[{i}].{f}");
        let code = item.code.get_ref().trim().to_string();
        if code.len() != 7 || !code.chars().all(|c| c.is_ascii_digit()) {
            r.error(
                "E0210",
                format!("功能分类科目编码“{code}”应为 7 位数字（项级，如 2013750）"),
                field("code"),
                item.code.span(),
            );
            continue;
        }
        let unit = match kind {
            BookletKind::Budget => super::budget::unit_of(
                &mut r,
                &budget.units,
                &item.unit,
                &field("unit"),
                item.code.span(),
            ),
            BookletKind::Final => None,
        };
        if let Some(first) = seen_codes.insert((unit.clone(), code.clone()), i) {
            r.error(
                "E0211",
                format!(
                    "功能分类科目 {code} 重复出现（第一次在 items[{first}]），每个项只能写一次"
                ),
                field("code"),
                item.code.span(),
            );
            continue;
        }
        let override_name = item.name.as_ref().map(|n| r.text(n, &field("name")));
        let known = catalog.function(year, &code).is_some() || override_name.is_some();
        match (catalog.function(year, &code), override_name) {
            (_, Some(n)) => {
                function_names.insert(code.clone(), n);
            }
            (Some(e), None) => {
                function_names.insert(code.clone(), e.name.clone());
            }
            (None, None) => r.error_help(
                "E0212",
                format!("目录中没有功能分类科目 {code}，请核对编码，或用 name 字段写明科目名称"),
                &field("code"),
                item.code.span(),
                format!("科目名称以财政部当年的《政府收支分类科目》为准；{CATALOG_HELP}"),
            ),
        }
        for ancestor in function_ancestors(&code) {
            match catalog.function(year, ancestor) {
                Some(e) => {
                    function_names.insert(ancestor.to_string(), e.name.clone());
                }
                None if known => r.error(
                    "E0213",
                    format!("目录中没有 {code} 的上级科目 {ancestor}，无法列出类、款两级"),
                    field("code"),
                    item.code.span(),
                ),
                None => {}
            }
        }
        if let Some(e) = &edition {
            if !e.class_codes().any(|c| c == &code[..3]) {
                r.error(
                    "E0214",
                    format!("科目 {code} 所属的类 {} 不在本版式的支出分类中", &code[..3]),
                    field("code"),
                    item.code.span(),
                );
            }
        }
        resolved_items.push(Item {
            code,
            unit,
            figures: item_figures(&mut r, item, kind, &field),
        });
        if kind == BookletKind::Budget {
            for (name, typed) in [
                ("general_project", &item.general_project),
                ("fund_project", &item.fund_project),
                ("capital_project", &item.capital_project),
                ("nonfiscal_project", &item.nonfiscal_project),
            ] {
                if let Some(v) = typed {
                    let typed = r.money(v, &field(name));
                    let last = resolved_items.last().expect("just pushed");
                    budget.typed_projects.push(super::budget::TypedProject {
                        item: i,
                        field: name,
                        unit: last.unit.clone(),
                        code: last.code.clone(),
                        typed,
                    });
                }
            }
        }
    }
    if kind == BookletKind::Budget {
        super::budget::add_projects(&mut resolved_items, &budget.projects);
    }
    resolved_items.sort_by(|a, b| a.code.cmp(&b.code));

    let balances = Balances {
        nonfiscal_surplus_used: r.opt_money(
            &balances.nonfiscal_surplus_used,
            "balances.nonfiscal_surplus_used",
        ),
        business_fund_used: r
            .opt_money(&balances.business_fund_used, "balances.business_fund_used"),
        nonfiscal_opening: r.opt_money(&balances.nonfiscal_opening, "balances.nonfiscal_opening"),
        surplus_distribution: r.opt_money(
            &balances.surplus_distribution,
            "balances.surplus_distribution",
        ),
    };

    let mut economic = BTreeMap::new();
    let mut economic_names = BTreeMap::new();
    // The lines a layout prints, where it fixes them (公开06); otherwise any line.
    let printable: BTreeSet<&String> = edition
        .iter()
        .flat_map(|e| &e.tables)
        .flat_map(|t| &t.groups)
        .flat_map(|g| g.codes.iter().map(|c| c.get_ref()))
        .collect();
    for code in &printable {
        match catalog.economic(year, code) {
            Some(entry) => {
                economic_names.insert(code.to_string(), entry.name.clone());
            }
            None => r.error_help(
                "E0223",
                format!("科目目录中没有 {year} 年度的经济分类科目 {code}，本版式的基本支出明细表要列出它"),
                "unit.year",
                unit.year.span(),
                CATALOG_HELP.into(),
            ),
        }
    }
    for (code, value) in basic_economic {
        let field = format!("basic_economic.\"{code}\"");
        let money = r.money(value, &field);
        if code.len() != 5 || !code.chars().all(|c| c.is_ascii_digit()) {
            r.error(
                "E0220",
                format!("经济分类科目编码“{code}”应为 5 位数字（款级，如 30101）"),
                field,
                value.span(),
            );
        } else if catalog.economic(year, code).is_none() {
            r.error(
                "E0221",
                format!("目录中没有经济分类科目 {code}"),
                field,
                value.span(),
            );
        } else if !printable.is_empty() && !printable.contains(code) {
            r.error(
                "E0222",
                format!("经济分类科目 {code} 不在本版式的基本支出明细表中"),
                field,
                value.span(),
            );
        } else if !basic_class(edition.as_ref(), &code[..3]) {
            r.error(
                "E0222",
                format!(
                    "经济分类科目 {code} 不属于基本支出的人员经费或公用经费（{}）",
                    edition
                        .iter()
                        .flat_map(|e| e
                            .economic_classes
                            .personnel
                            .iter()
                            .chain(&e.economic_classes.public))
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                field,
                value.span(),
            );
        } else {
            for c in [&code[..3], code.as_str()] {
                if let Some(entry) = catalog.economic(year, c) {
                    economic_names.insert(c.to_string(), entry.name.clone());
                }
            }
            economic.insert(code.clone(), money);
        }
    }

    let sangong = Sangong {
        budget: sangong_line(&mut r, &sangong.budget, "sangong.budget"),
        actual: sangong_line(&mut r, &sangong.actual, "sangong.actual"),
    };

    let mut notes = BTreeMap::new();
    for (id, text) in table_notes {
        let known = edition.as_ref().map(|e| e.table(id).is_some());
        if known != Some(false) {
            notes.insert(id.clone(), r.text(text, &format!("table_notes.\"{id}\"")));
        } else {
            let ids: Vec<&str> = edition
                .iter()
                .flat_map(|e| &e.tables)
                .map(|t| t.id.get_ref().as_str())
                .collect();
            r.error(
                "E0230",
                format!("本版式没有编号为“{id}”的表，可用：{}", ids.join("、")),
                format!("table_notes.\"{id}\""),
                text.span(),
            );
        }
    }

    long_paragraphs(&mut r, loaded);

    let narrative =
        super::narrative::facts::resolve(loaded, catalog, r.unit, &resolved_items, &mut r.problems);
    let back_matter = super::back_matter::resolve(
        loaded,
        catalog,
        edition.as_ref(),
        r.unit,
        &resolved_items,
        &mut r.problems,
    );

    match edition {
        Some(edition) if r.problems.is_empty() => Ok(Facts {
            kind,
            unit: Unit {
                name,
                name_on_tables,
                year,
                published,
            },
            edition,
            amount_unit: r.unit,
            catalog: catalog.clone(),
            thousands_separator: settings.thousands_separator,
            overview,
            items: resolved_items,
            balances,
            economic,
            sangong,
            table_notes: notes,
            function_names,
            economic_names,
            narrative,
            back_matter,
            budget,
        }),
        _ => Err(Failure::many(r.problems)),
    }
}

/// Whether an edition's 基本支出 table can print lines of 经济分类 类 `class`: the
/// 人员经费 and 公用经费 classes of an edition that lists lines as entered.
fn basic_class(edition: Option<&Edition>, class: &str) -> bool {
    let Some(e) = edition else { return true };
    let lists_entered = e
        .tables
        .iter()
        .any(|t| *t.kind.get_ref() == crate::edition::TableKind::EconomicRows);
    let c = &e.economic_classes;
    !lists_entered || c.personnel.iter().chain(&c.public).any(|x| x == class)
}

/// The edition the input names (a built-in id, or a file relative to the input), or
/// the built-in one for its year.
fn edition_of(
    r: &mut Checker,
    settings: &crate::input::Settings,
    kind: BookletKind,
    year: i32,
    year_span: std::ops::Range<usize>,
) -> Option<Edition> {
    let Some(name) = &settings.edition else {
        if !YEARS.contains(&year) {
            return None; // E0207 says why
        }
        return Edition::for_year(kind, year).or_else(|| {
            r.error(
                "E0205",
                format!(
                    "没有适用于 {year} 年度{}的内置版式，请在 [settings] 中用 edition 指定",
                    kind.name()
                ),
                "unit.year",
                year_span,
            );
            None
        });
    };
    let dir = r.source.path.parent();
    match Edition::load(&crate::edition::origin_of(name.get_ref().trim(), dir)) {
        Ok(edition) => Some(edition),
        Err(failure) => {
            for mut d in failure.diagnostics {
                // A missing built-in or file is the input's mistake: point at its line.
                if d.location.is_none() || matches!(d.code, "E0204" | "E0240") {
                    d = d.field("settings.edition").at_span(r.source, name.span());
                }
                r.problems.push(d);
            }
            None
        }
    }
}

fn item_figures(
    r: &mut Checker,
    item: &ItemInput,
    kind: BookletKind,
    field: &dyn Fn(&str) -> String,
) -> Figures {
    macro_rules! amount {
        ($name:ident) => {
            r.opt_money(&item.$name, &field(stringify!($name)))
        };
    }
    let mut f = Figures {
        general_basic: amount!(general_basic),
        general_project: amount!(general_project),
        general_opening: amount!(general_opening),
        fund_basic: amount!(fund_basic),
        fund_project: amount!(fund_project),
        fund_opening: amount!(fund_opening),
        capital_basic: amount!(capital_basic),
        capital_project: amount!(capital_project),
        capital_opening: amount!(capital_opening),
        nonfiscal_basic: amount!(nonfiscal_basic),
        nonfiscal_project: amount!(nonfiscal_project),
        to_superior: amount!(to_superior),
        operating_spending: amount!(operating_spending),
        to_affiliated: amount!(to_affiliated),
        superior_income: amount!(superior_income),
        business_income: amount!(business_income),
        operating_income: amount!(operating_income),
        affiliated_income: amount!(affiliated_income),
        other_income: amount!(other_income),
        budget: amount!(budget),
        general_personnel: amount!(general_personnel),
        general_public: amount!(general_public),
        special_account_income: amount!(special_account_income),
        ..Default::default()
    };
    if kind == BookletKind::Budget {
        // 项目支出 comes from the projects and each fund's 本年收入 is what the 项 spends
        // of it beyond its 上年结转 (set once the projects are added).
        f.general_basic = f.general_personnel + f.general_public;
        f.general_project = Money::ZERO;
        f.fund_project = Money::ZERO;
        f.capital_project = Money::ZERO;
        f.nonfiscal_project = Money::ZERO;
        f.derive();
        return f;
    }
    // Income of a fund defaults to what the item spent of it (no carry-over).
    f.general_income = match item.general_income {
        Some(_) => amount!(general_income),
        None => f.general_basic + f.general_project,
    };
    f.fund_income = match item.fund_income {
        Some(_) => amount!(fund_income),
        None => f.fund_basic + f.fund_project,
    };
    f.capital_income = match item.capital_income {
        Some(_) => amount!(capital_income),
        None => f.capital_basic + f.capital_project,
    };
    f.derive();
    f
}

fn sangong_line(r: &mut Checker, f: &SangongFigures, table: &str) -> SangongLine {
    SangongLine {
        abroad: r.opt_money(&f.abroad, &format!("{table}.abroad")),
        car_purchase: r.opt_money(&f.car_purchase, &format!("{table}.car_purchase")),
        car_running: r.opt_money(&f.car_running, &format!("{table}.car_running")),
        reception: r.opt_money(&f.reception, &format!("{table}.reception")),
    }
}

pub(crate) fn toml_date(value: &toml::value::Datetime) -> Option<NaiveDate> {
    match (value.date, value.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
        _ => None,
    }
}

/// The longest paragraph gongkai typesets, in characters. The references' longest
/// paragraphs have well under 2,000; Typst lays out a paragraph as a whole (optimal
/// line breaking), in time that grows faster than its length, so one paragraph of
/// megabytes would take many minutes — and is never what the user meant.
pub const MAX_PARAGRAPH_CHARS: usize = 10_000;

/// Every paragraph (text between blank lines) of every text that reaches the booklet
/// is at most [`MAX_PARAGRAPH_CHARS`] long.
fn long_paragraphs(r: &mut Checker, loaded: &Loaded) {
    for (field, value) in crate::glyphs::text_fields(loaded) {
        let longest = value
            .get_ref()
            .split('\n')
            .collect::<Vec<_>>()
            .split(|line| line.trim().is_empty())
            .map(|lines| lines.iter().map(|l| l.chars().count()).sum::<usize>())
            .max()
            .unwrap_or(0);
        if longest > MAX_PARAGRAPH_CHARS {
            r.error_help(
                "E0270",
                format!(
                    "一段文字有 {longest} 个字符，超过了每段 {MAX_PARAGRAPH_CHARS} 个字符的上限"
                ),
                &field,
                value.span(),
                "请用空行把文字分成若干段；整篇材料不要粘贴进一个字段".into(),
            );
        }
    }
}

/// Paragraphs are separated by blank lines; line breaks inside a paragraph (from
/// copying out of a PDF) are joined, without a space between CJK characters.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let needs_space = current
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if needs_space {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_and_join_wrapped_lines() {
        let text = "\n第一段第一行\n第一段续行。\n\n  第二段 with ASCII\nwords\n\n\n";
        assert_eq!(
            paragraphs(text),
            vec!["第一段第一行第一段续行。", "第二段 with ASCII words"]
        );
    }
}
