//! Resolve: the parsed input checked against the catalog and the edition, amounts
//! converted to exact 元, text split into paragraphs. Every problem found is collected,
//! so the user sees all of them at once.

mod amounts;
pub mod back_matter;
pub mod budget;
pub mod check;
pub mod evaluation;
pub mod glossary;
pub mod key_work;
pub mod narrative;

pub use amounts::ItemAmounts;

use crate::base::diag::{Diagnostic, Failure, SourceFile};
use crate::base::money::{AmountUnit, Money};
use crate::declare::catalog::{function_ancestors, Catalog};
use crate::declare::edition::Edition;
use crate::input::narrative::Previous;
use crate::input::BookletKind;
use crate::input::{Input, ItemInput, Loaded, SangongFigures};
use crate::load::Bundle;
use check::Checker;
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
    pub narrative: narrative::NarrativeFacts,
    /// Parts 4–6.
    pub back_matter: back_matter::BackMatter,
    /// The budget booklet's units, staff, projects and history (empty for 决算).
    pub budget: budget::BudgetFacts,
    /// Last year's facts, when `previous` names last year's file (its own `previous` not
    /// followed): the figures compare with them.
    pub previous: Option<Box<Facts>>,
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
    pub amounts: ItemAmounts,
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

/// The facts of a loaded input: `catalog` is the built-in catalog, under the input's
/// own overlay. Reads no file: everything comes from the bundle.
pub fn resolve(bundle: &Bundle, catalog: &Catalog) -> Result<Facts, Failure> {
    let catalog = &match &bundle.catalog {
        None => catalog.clone(),
        Some(Ok(files)) => catalog.with_files(files.clone())?,
        Some(Err(failure)) => return Err(failure.clone()),
    };
    let loaded = &bundle.input;
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
    let edition = edition_of(
        &mut r,
        settings,
        bundle.edition.as_ref(),
        kind,
        year,
        unit.year.span(),
    );
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
    budget::kind::check(&mut r, input, kind);
    if let Some(e) = &edition {
        budget::kind::required(&mut r, input, e);
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
        BookletKind::Budget => budget::resolve(&mut r, input, &catalog_has),
        BookletKind::Final => Default::default(),
    };

    let overview = overview
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| TextSection {
            title: r.text(&s.title, &format!("overview.sections[{i}].title")),
            paragraphs: crate::base::text::paragraphs(s.text.get_ref()),
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
            BookletKind::Budget => budget::unit_of(
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
            amounts: item_amounts(&mut r, item, kind, &field),
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
                    budget.typed_projects.push(budget::TypedProject {
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
        budget::add_projects(&mut resolved_items, &budget.projects);
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

    let previous = previous_facts(&mut r, bundle, catalog);
    let narrative = narrative::resolve(loaded, r.unit, &resolved_items, &mut r.problems);
    let back_matter = back_matter::resolve(
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
            previous,
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
        .any(|t| *t.kind.get_ref() == crate::declare::edition::TableKind::EconomicRows);
    let c = &e.economic_classes;
    !lists_entered || c.personnel.iter().chain(&c.public).any(|x| x == class)
}

/// The edition the input names (a built-in id, or a file relative to the input, read by
/// the load stage), or the built-in one for its year.
fn edition_of(
    r: &mut Checker,
    settings: &crate::input::Settings,
    texts: Option<&Result<Vec<SourceFile>, Diagnostic>>,
    kind: BookletKind,
    year: i32,
    year_span: std::ops::Range<usize>,
) -> Option<Edition> {
    let (Some(name), Some(texts)) = (&settings.edition, texts) else {
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
    let edition = texts
        .clone()
        .map_err(Failure::new)
        .and_then(Edition::from_chain);
    match edition {
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

/// Last year's facts, when `previous` names last year's file: resolved as its own
/// booklet resolves them, and of the year before and the same kind.
fn previous_facts(r: &mut Checker, bundle: &Bundle, catalog: &Catalog) -> Option<Box<Facts>> {
    let previous = bundle.input.input.previous.as_ref()?;
    let Previous::File(name) = previous.get_ref() else {
        return None;
    };
    let span = previous.span();
    let path = bundle
        .input
        .previous_path()
        .unwrap_or_else(|| std::path::PathBuf::from(name));
    let failed = |r: &mut Checker, inner: Vec<Diagnostic>, why: &str| {
        r.error(
            "E0250",
            format!("无法从上年文件 {} 取得上年数：{why}", path.display()),
            "previous",
            span.clone(),
        );
        r.problems.extend(inner);
        None
    };
    let loaded = match bundle.previous.as_ref()? {
        Ok(loaded) => loaded,
        Err(f) => return failed(r, f.diagnostics.clone(), "文件无法读取或有错误"),
    };
    let facts = match resolve(loaded, catalog) {
        Ok(f) => f,
        Err(f) => return failed(r, f.diagnostics, "文件有错误"),
    };
    let year = *bundle.input.input.unit.year.get_ref();
    if facts.unit.year != year.saturating_sub(1) {
        r.error(
            "E0251",
            format!(
                "上年文件 {} 是 {} 年度的，本文件是 {year} 年度，上年应为 {} 年度",
                path.display(),
                facts.unit.year,
                year.saturating_sub(1)
            ),
            "previous",
            span,
        );
        return None;
    }
    let kind = bundle.input.input.kind();
    if facts.kind != kind {
        r.error(
            "E0287",
            format!(
                "上年文件 {} 是{}文件，本文件是{}：比较的应是同一种公开",
                path.display(),
                facts.kind.name(),
                kind.name()
            ),
            "previous",
            span,
        );
        return None;
    }
    Some(Box::new(facts))
}

fn item_amounts(
    r: &mut Checker,
    item: &ItemInput,
    kind: BookletKind,
    field: &dyn Fn(&str) -> String,
) -> ItemAmounts {
    let mut a = ItemAmounts::default();
    // A budget derives each fund's income (and refuses one written: kind::check).
    let derived_here = |name: &str| {
        kind == BookletKind::Budget
            && matches!(name, "general_income" | "fund_income" | "capital_income")
    };
    for (name, value) in item.amounts() {
        if derived_here(name) {
            continue;
        }
        if let Some(amount) = a.get_mut(name) {
            *amount = r.opt_money(value, &field(name));
        }
    }
    if kind == BookletKind::Budget {
        // 项目支出 comes from the projects, and each fund's 本年收入 is what the 项
        // spends of it beyond its 上年结转 (set once the projects are added).
        a.general_basic = a.general_personnel + a.general_public;
        a.general_project = Money::ZERO;
        a.fund_project = Money::ZERO;
        a.capital_project = Money::ZERO;
        a.nonfiscal_project = Money::ZERO;
        return a;
    }
    // Income of a fund defaults to what the item spent of it (no carry-over).
    if item.general_income.is_none() {
        a.general_income = a.general_basic + a.general_project;
    }
    if item.fund_income.is_none() {
        a.fund_income = a.fund_basic + a.fund_project;
    }
    if item.capital_income.is_none() {
        a.capital_income = a.capital_basic + a.capital_project;
    }
    a
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
    for (field, value) in loaded.text_fields() {
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
