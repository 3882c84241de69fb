//! The imported budget as an input file: the budget skeleton of `gongkai init --kind
//! budget` (one home for what a budget file holds and its 待补充 placeholders) with the
//! tables' facts put in — the unit and its units, the items, 表6's lines, 表7, the
//! projects — each value commented with its cell, and every printed total in `[typed]`.

use super::budget::{BudgetDraft, ProjectDraft};
use super::write::{
    commented, file_unit, insert_economic, insert_table_notes, insert_typed, leaf_item, leaf_value,
    unit_note, Header, Positions,
};
use crate::base::money::AmountUnit;
use crate::declare::catalog::Catalog;
use rust_decimal::Decimal;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// Where the typed totals go: after every table of the skeleton.
const TYPED_POSITION: isize = 10_000;

pub fn document(h: &Header, b: &BudgetDraft, catalog: &Catalog) -> String {
    let leaves = b.items.values().flat_map(|i| i.fields.values());
    let leaves = leaves
        .chain(b.economic.values())
        .chain(b.common.sangong.values())
        .chain(b.projects.iter().flat_map(|p| p.sources.values()));
    let file = file_unit(leaves);
    let year = &h.year.0;
    let name = h.name();
    let skeleton = crate::app::init_budget::skeleton(name, *year);
    let mut doc: DocumentMut = skeleton.parse().expect("the budget skeleton parses");

    let unit = doc["unit"].as_table_mut().expect("[unit]");
    unit.decor_mut().set_prefix(format!(
        "# gongkai 输入文件：{name} {year} 年部门预算公开\n\
         # 由 gongkai import 从 {} 导入（导入版式：{}）。金额单位为{}；每个数后的注释是它\n\
         # 在工作簿中的位置（工作表!单元格）。[typed] 中是表中印出的合计数，gongkai check 用它们\n\
         # 核对导入的明细。表中没有的内容（表11、表12 的文字和测算、人员构成、上年预算等）\n\
         # 写作“待补充”或 0，gongkai check 会列出“待补充”；填好后再运行 gongkai check，\n\
         # 然后 gongkai build。字段说明见 docs/input-format.md（“部门预算”一节）。\n\n",
        h.workbook,
        h.layout,
        file.name()
    ));
    h.insert_unit(unit);
    if let Some(d) = &b.department {
        unit.insert(
            "code",
            commented(d.code.as_str().into(), &format!("部门编码，{}", d.source)),
        );
    }
    let settings = doc["settings"].as_table_mut().expect("[settings]");
    settings.insert(
        "amount_unit",
        commented(file.name().into(), unit_note(file)),
    );
    if let Some(grouped) = h.separators {
        let keep = settings
            .get("thousands_separator")
            .and_then(Item::as_value)
            .map(|v| v.decor().clone());
        let mut value = toml_edit::Value::from(grouped);
        if let Some(decor) = keep {
            *value.decor_mut() = decor;
        }
        settings.insert("thousands_separator", Item::Value(value));
    }
    settings.insert(
        "edition",
        commented(h.edition.id.as_str().into(), "版式，按年度选定"),
    );

    if !b.units.is_empty() {
        let mut units = ArrayOfTables::new();
        let (position, prefix) = first_of(&doc, "units");
        for (i, u) in b.units.iter().enumerate() {
            let mut t = Table::new();
            t.set_position(position);
            if i == 0 {
                t.decor_mut().set_prefix(prefix.clone());
            }
            t.insert("code", commented(u.code.as_str().into(), &u.source));
            t.insert("name", toml_edit::value(u.name.as_str()));
            if i == 0 {
                t.insert("own", commented(true.into(), "本级"));
            }
            units.push(t);
        }
        doc["units"] = Item::ArrayOfTables(units);
    }

    let (position, prefix) = first_of(&doc, "items");
    let mut items = ArrayOfTables::new();
    for (i, (code, item)) in b.items.iter().enumerate() {
        let mut t = Table::new();
        t.set_position(position);
        let mut p = if i == 0 { prefix.clone() } else { "\n".into() };
        p.push_str(&format!("# {}\n", path(catalog, *year, code)));
        t.decor_mut().set_prefix(p);
        t.insert("code", toml_edit::value(code.as_str()));
        if let Some(u) = &item.unit {
            t.insert(
                "unit",
                commented(u.as_str().into(), "待核对：表中看不出此项属于哪个单位"),
            );
        }
        for (field, l) in &item.fields {
            t.insert(field, leaf_item(l, "", file));
        }
        items.push(t);
    }
    doc["items"] = Item::ArrayOfTables(items);

    let economic = doc["basic_economic"]
        .as_table_mut()
        .expect("[basic_economic]");
    economic.clear();
    insert_economic(economic, &b.economic, catalog, *year, file);

    let sangong = doc["sangong"]["budget"]
        .as_table_mut()
        .expect("[sangong.budget]");
    for line in ["abroad", "car_purchase", "car_running", "reception"] {
        let what = sangong
            .get(line)
            .and_then(|i| i.as_value())
            .and_then(|v| v.decor().suffix())
            .and_then(|s| s.as_str())
            .map(|s| s.trim().trim_start_matches('#').trim().to_string())
            .unwrap_or_default();
        match b.common.sangong.get(&format!("sangong.budget.{line}")) {
            Some(l) => sangong.insert(line, leaf_item(l, &what, file)),
            None => sangong.insert(line, commented(0.into(), &what)),
        };
    }

    // 表11's 近两年收支情况, when the workbook has the form.
    if let Some(o) = b.overall.as_ref().filter(|o| !o.years.is_empty()) {
        let (position, prefix) = first_of(&doc, "history");
        let mut years = ArrayOfTables::new();
        for (i, (year, figures)) in o.years.iter().enumerate() {
            let mut t = Table::new();
            t.set_position(position);
            t.decor_mut()
                .set_prefix(if i == 0 { prefix.clone() } else { "\n".into() });
            t.insert(
                "year",
                commented((*year as i64).into(), "表11 近两年收支情况"),
            );
            let names = [
                ("fiscal", "财政拨款"),
                ("other", "其他资金"),
                ("basic", "基本支出"),
                ("project", "项目支出"),
            ];
            for ((name, what), figure) in names.iter().zip(figures) {
                match figure {
                    Some(l) => t.insert(name, leaf_item(l, what, file)),
                    None => t.insert(name, commented(0.into(), &format!("待补充：{what}"))),
                };
            }
            years.push(t);
        }
        doc["history"] = Item::ArrayOfTables(years);
        // Last year's 收入合计 is last year's budget total (R207 compares them).
        let last = o.years.iter().find(|(y, _)| *y == *year - 1);
        if let Some((_, [Some(fiscal), other, ..])) = last {
            let yuan = fiscal.yuan + other.as_ref().map_or(Decimal::ZERO, |l| l.yuan);
            let wan = (yuan / Decimal::from(10_000)).normalize();
            if let Some(previous) = doc["previous"].as_table_mut() {
                previous.insert(
                    "total",
                    commented(
                        super::write::amount(wan),
                        &format!(
                            "上年部门收支总预算：取自表11 {} 年收入合计（{}），请核对",
                            year - 1,
                            fiscal.source
                        ),
                    ),
                );
            }
        }
    }

    if b.projects.is_empty() {
        doc.remove("projects");
    } else {
        let (position, prefix) = first_of(&doc, "projects");
        let mut projects = ArrayOfTables::new();
        for (i, p) in b.projects.iter().enumerate() {
            projects.push(project(p, name, *year, (position, i == 0, &prefix), file));
        }
        doc["projects"] = Item::ArrayOfTables(projects);
    }

    // Every change the edition asks a reason for.
    let reasons = doc["narrative"]["reasons"]
        .as_table_mut()
        .expect("[narrative.reasons]");
    for key in &h.edition.narrative.reasons_required {
        if !reasons.contains_key(key) {
            reasons.insert(key, toml_edit::value("待补充"));
        }
    }

    let mut pos = Positions(TYPED_POSITION);
    insert_table_notes(&mut doc, &mut pos, h.table_notes);
    insert_typed(&mut doc, &mut pos, &b.common, file);
    doc.to_string()
}

/// The position and leading comment of the first table of an array in the skeleton,
/// so the imported tables take its place.
fn first_of(doc: &DocumentMut, key: &str) -> (Option<isize>, String) {
    let first = doc
        .get(key)
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.get(0));
    let position = first.and_then(Table::position);
    let prefix = first
        .and_then(|t| t.decor().prefix())
        .and_then(|p| p.as_str())
        .unwrap_or("\n")
        .to_string();
    (position, prefix)
}

/// A 计量数 as TOML: an integer when whole.
fn quantity(q: rust_decimal::Decimal) -> toml_edit::Value {
    super::write::amount(q)
}

/// `201 一般公共服务支出 / 20103 … / 2010350 事业运行`.
fn path(catalog: &Catalog, year: i32, code: &str) -> String {
    [&code[..3.min(code.len())], &code[..5.min(code.len())], code]
        .iter()
        .map(|c| {
            let name = catalog
                .function(year, c)
                .map_or("（目录中没有）", |e| e.name.as_str());
            format!("{c} {name}")
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A project of 表10 with the form's placeholders; `place` is where it stands (the
/// skeleton project's position, whether it is the first, the skeleton's comment).
fn project(
    p: &ProjectDraft,
    department: &str,
    year: i32,
    place: (Option<isize>, bool, &str),
    file: AmountUnit,
) -> Table {
    let (position, first, prefix) = place;
    let mut t = Table::new();
    t.set_position(position);
    let mut lead = if first {
        prefix.to_string()
    } else {
        "\n".into()
    };
    lead.push_str(&match &p.form {
        Some(sheet) => format!(
            "# {}（{}；金额和测算取自绩效目标表 {sheet}）：表12 的文字和目标请填写。\n",
            p.name, p.source
        ),
        None => format!(
            "# {}（{}）：表12 的文字、测算和目标表中没有，请填写。\n",
            p.name, p.source
        ),
    });
    t.decor_mut().set_prefix(lead);
    t.insert("name", commented(p.name.as_str().into(), &p.source));
    t.insert("code", toml_edit::value(p.code.as_str()));
    if let Some(u) = &p.unit {
        t.insert("unit", toml_edit::value(u.as_str()));
    }
    let text = |s: &str| toml_edit::value(s);
    t.insert("department", commented(department.into(), "项目主管部门"));
    t.insert(
        "executor",
        commented(p.unit_name.as_str().into(), "项目执行单位（表10 的单位）"),
    );
    t.insert("level1_project", text("待补充：一级项目名称"));
    t.insert(
        "kind",
        commented(
            "常年性项目".into(),
            "项目安排频度：常年性项目或一次性项目，请核对",
        ),
    );
    t.insert(
        "start_year",
        commented((year as i64).into(), "起始年度，请核对"),
    );
    t.insert(
        "end_year",
        commented((year as i64).into(), "终止年度，请核对"),
    );
    t.insert("overview", text("待补充：项目概述"));
    match &p.total_budget {
        Some(l) => t.insert("total_budget", leaf_item(l, "项目总预算", file)),
        None => t.insert(
            "total_budget",
            commented(
                leaf_value(&p.total, file),
                "项目总预算：暂按当年预算，请改为实际（不能小于当年预算）",
            ),
        ),
    };
    if !p.history.is_empty() {
        let mut years = toml_edit::Array::new();
        for (year, budget, executed) in &p.history {
            let mut line = toml_edit::InlineTable::new();
            line.insert("year", (*year as i64).into());
            line.insert("budget", leaf_value(budget, file));
            line.insert("executed", leaf_value(executed, file));
            line.decor_mut().set_prefix("\n  ");
            years.push_formatted(toml_edit::Value::InlineTable(line));
        }
        years.set_trailing("\n");
        years.set_trailing_comma(true);
        let cells: Vec<&str> = p
            .history
            .iter()
            .map(|(_, b, _)| b.source.as_str())
            .collect();
        t.insert(
            "history",
            commented(
                toml_edit::Value::Array(years),
                &format!("项目前两年预算情况，{}", cells.join("、")),
            ),
        );
    }
    let mut sources = Table::new();
    sources.set_position(position);
    for (field, l) in &p.sources {
        let what = match *field {
            "general" => "一般公共预算（含上年结转）",
            "fund" => "政府性基金预算（含上年结转）",
            "capital" => "国有资本经营预算（含上年结转）",
            "special_account" => "财政专户管理资金",
            _ => "单位资金（表中只有合计，可分列为 business、operating、superior、affiliated、other）",
        };
        sources.insert(field, leaf_item(l, what, file));
    }
    t.insert("sources", Item::Table(sources));
    let mut estimates = ArrayOfTables::new();
    for e in &p.estimates {
        let mut line = Table::new();
        line.set_position(position);
        line.insert("task", text(&e.task));
        if !e.standard.is_empty() {
            line.insert("standard", text(&e.standard));
        }
        line.insert("price", leaf_item(&e.price, "单价", file));
        line.insert("quantity", Item::Value(quantity(e.quantity)));
        if !e.basis.is_empty() {
            line.insert("basis", text(&e.basis));
        }
        estimates.push(line);
    }
    if estimates.is_empty() {
        let mut estimate = Table::new();
        estimate.set_position(position);
        estimate.insert(
            "task",
            text("待补充：项目任务明细（测算数 = 单价 × 计量数，各行之和应等于当年预算）"),
        );
        estimate.insert(
            "price",
            commented(
                leaf_value(&p.total, file),
                &format!("暂按当年预算，{}", p.total.source),
            ),
        );
        estimate.insert("quantity", toml_edit::value(1));
        estimates.push(estimate);
    }
    t.insert("estimates", Item::ArrayOfTables(estimates));
    t
}
