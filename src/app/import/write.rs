//! The imported facts as an input file, built with `toml_edit` so every value carries its
//! comment: the cell it came from. What exports never hold is written as 待补充, which
//! `gongkai check` lists one by one (R401).

use super::assemble::{Draft, ItemDraft, Leaf};
use super::extract::Value;
use super::notes::Note;
use crate::base::money::{decimal_from_toml_float, AmountUnit};
use crate::declare::catalog::Catalog;
use crate::declare::edition::Edition;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

/// What the file is about, beside the figures.
pub struct Header<'a> {
    pub workbook: &'a str,
    pub layout: &'a str,
    pub unit_name: Option<(String, String)>,
    pub year: (i32, String),
    pub edition: &'a Edition,
    pub table_notes: &'a [Note],
    /// Thousands separators as the sheets show them.
    pub separators: Option<bool>,
}

impl Header<'_> {
    /// The unit's name as the sheets give it, or a placeholder.
    pub(super) fn name(&self) -> &str {
        self.unit_name
            .as_ref()
            .map_or("待补充：单位名称", |(n, _)| n)
    }

    /// `name` and `year` of `[unit]`, each commented with the cell it came from.
    pub(super) fn insert_unit(&self, unit: &mut Table) {
        let source = self
            .unit_name
            .as_ref()
            .map_or("导出表中没有单位名称", |(_, c)| c);
        unit.insert("name", commented(self.name().into(), source));
        let (year, cell) = &self.year;
        unit.insert("year", commented((*year as i64).into(), cell));
    }
}

/// 经济分类 lines, each commented with its catalog name and cell.
pub(super) fn insert_economic(
    t: &mut Table,
    lines: &BTreeMap<String, Leaf>,
    catalog: &Catalog,
    year: i32,
    file: AmountUnit,
) {
    for (code, l) in lines {
        let name = catalog.economic(year, code).map_or("", |e| e.name.as_str());
        t.insert(code, leaf_item(l, name, file));
    }
}

/// An amount as TOML: an integer, a float that reads back to exactly this decimal, or
/// else a string (which the input format also accepts).
pub(super) fn amount(d: Decimal) -> toml_edit::Value {
    let d = d.normalize();
    if d.scale() == 0 {
        if let Ok(i) = i64::try_from(d) {
            return i.into();
        }
    }
    let text = d.to_string();
    if let Ok(f) = text.parse::<f64>() {
        if decimal_from_toml_float(f) == Some(d) {
            return f.into();
        }
    }
    text.into()
}

pub(super) fn commented(mut v: toml_edit::Value, comment: &str) -> Item {
    if !comment.is_empty() {
        v.decor_mut().set_suffix(format!("  # {comment}"));
    }
    Item::Value(v)
}

/// A leaf in the file's unit: in 元 exactly; in 万元 with the decimals its sheet
/// printed, or to the 元 (four decimals) when it was exact, so the written digits say
/// how exact the amount is (`check` reads them).
pub(super) fn leaf_value(l: &Leaf, unit: AmountUnit) -> toml_edit::Value {
    if unit == AmountUnit::Yuan {
        return amount(l.yuan);
    }
    let mut wan = l.yuan / Decimal::from(10_000);
    let decimals = l.wan_decimals.unwrap_or(4).max(wan.normalize().scale());
    wan.rescale(decimals);
    let text = wan.to_string();
    match text.parse::<f64>() {
        Ok(f) if decimal_from_toml_float(f) == Some(wan.normalize()) => text
            .parse::<toml_edit::Value>()
            .unwrap_or_else(|_| f.into()),
        _ => text.into(),
    }
}

pub(super) fn leaf_item(l: &Leaf, what: &str, unit: AmountUnit) -> Item {
    let comment = if what.is_empty() {
        l.source.clone()
    } else {
        format!("{what}，{}", l.source)
    };
    commented(leaf_value(l, unit), &comment)
}

pub(super) struct Positions(pub(super) isize);

impl Positions {
    pub(super) fn table(&mut self, prefix: &str) -> Table {
        let mut t = Table::new();
        self.0 += 1;
        t.set_position(Some(self.0));
        if !prefix.is_empty() {
            t.decor_mut().set_prefix(prefix);
        }
        t
    }
}

fn implicit() -> Table {
    let mut t = Table::new();
    t.set_implicit(true);
    t
}

const PLACEHOLDER_REASON: &str = "待补充：与上年相比增减变动的主要原因（没有变动的，删去本行）";

fn reason_hint(key: &str) -> &'static str {
    match key {
        "total" => "收、支总计",
        "income" => "本年收入合计",
        "spending" => "本年支出合计",
        "fiscal" => "财政拨款收、支总计",
        "general_income" => "一般公共预算财政拨款收入",
        "fund_income" => "政府性基金预算财政拨款收入",
        "capital_income" => "国有资本经营预算财政拨款收入",
        "general_spending" => "一般公共预算财政拨款支出",
        "budget" => "决算数与年初预算数的差异",
        "sangong" => "“三公”经费",
        "abroad" => "因公出国（境）费",
        "car" => "公务用车购置及运行维护费",
        "reception" => "公务接待费",
        "operating_costs" => "机关运行经费",
        _ => "",
    }
}

/// The file's unit: 万元 when a leaf is only as exact as a 万元 sheet printed it.
pub(super) fn file_unit<'a>(leaves: impl IntoIterator<Item = &'a Leaf>) -> AmountUnit {
    if super::assemble::any_coarse(leaves) {
        AmountUnit::Wan
    } else {
        AmountUnit::Yuan
    }
}

pub fn document(h: &Header, d: &Draft, catalog: &Catalog) -> String {
    let leaves = d.items.values().flat_map(|i| i.fields.values());
    let leaves = leaves
        .chain(d.balances.values())
        .chain(d.economic.values())
        .chain(d.sangong.values());
    let file = file_unit(leaves);
    let mut doc = DocumentMut::new();
    let mut pos = Positions(0);
    let year = &h.year.0;
    let unit_name = h.name();
    doc.decor_mut().set_prefix(format!(
        "# gongkai 输入文件：{unit_name} {year} 年度部门决算公开\n\
         # 由 gongkai import 从 {} 导入（导入版式：{}）。金额单位为{}；每个数后的注释是它\n\
         # 在工作簿中的位置（工作表!单元格）。[typed] 中是表中印出的合计数，gongkai check 用它们\n\
         # 核对导入的明细。导出表中没有的内容写作“待补充”，gongkai check 会逐条列出；填好后\n\
         # 再运行 gongkai check，然后 gongkai build。字段说明见 docs/input-format.md。\n\n",
        h.workbook,
        h.layout,
        file.name()
    ));

    let mut unit = pos.table("");
    h.insert_unit(&mut unit);
    let published: toml_edit::Datetime =
        format!("{}-09-30", year + 1).parse().expect("a valid date");
    unit.insert(
        "published",
        commented(published.into(), "公开日期，印在封面上：请改为实际日期"),
    );
    doc.insert("unit", Item::Table(unit));

    let mut settings = pos.table("\n");
    settings.insert(
        "edition",
        commented(h.edition.id.as_str().into(), "版式，按年度选定"),
    );
    settings.insert(
        "amount_unit",
        commented(file.name().into(), unit_note(file)),
    );
    settings.insert(
        "thousands_separator",
        commented(
            h.separators.unwrap_or(false).into(),
            "表格数字是否加千分位，如 1,463.06",
        ),
    );
    doc.insert("settings", Item::Table(settings));

    let mut overview = implicit();
    let mut sections = ArrayOfTables::new();
    for (i, (title, text)) in [
        ("部门主要职责", "待补充：本单位的主要职责。"),
        ("机构设置情况", "待补充：内设机构、单位构成和人员情况。"),
    ]
    .into_iter()
    .enumerate()
    {
        let prefix = if i == 0 {
            "\n# 第一部分 概况：导出表中没有，请填写。\n"
        } else {
            "\n"
        };
        let mut s = pos.table(prefix);
        s.insert("title", toml_edit::value(title));
        s.insert("text", toml_edit::value(text));
        sections.push(s);
    }
    overview.insert("sections", Item::ArrayOfTables(sections));
    doc.insert("overview", Item::Table(overview));

    let mut items = ArrayOfTables::new();
    for (i, (code, item)) in d.items.iter().enumerate() {
        items.push(item_table(
            &mut pos,
            code,
            item,
            catalog,
            *year,
            i == 0,
            file,
        ));
    }
    if !items.is_empty() {
        doc.insert("items", Item::ArrayOfTables(items));
    }

    if !d.balances.is_empty() {
        let mut b = pos.table("\n# 公开01 的单位级数字。\n");
        for (k, l) in &d.balances {
            b.insert(k, leaf_item(l, "", file));
        }
        doc.insert("balances", Item::Table(b));
    }

    if !d.economic.is_empty() {
        let mut e = pos.table(
            "\n# 公开06 一般公共预算财政拨款基本支出，按经济分类的款；类级和合计由程序计算。\n",
        );
        insert_economic(&mut e, &d.economic, catalog, *year, file);
        doc.insert("basic_economic", Item::Table(e));
    }

    if !d.sangong.is_empty() {
        let mut sangong = implicit();
        for (part, label) in [("budget", "预算数"), ("actual", "决算数")] {
            let mut t = pos.table(if part == "budget" {
                "\n# 公开09 财政拨款“三公”经费；小计、合计由程序计算。\n"
            } else {
                "\n"
            });
            for line in ["abroad", "car_purchase", "car_running", "reception"] {
                if let Some(l) = d.sangong.get(&format!("sangong.{part}.{line}")) {
                    t.insert(line, leaf_item(l, label, file));
                }
            }
            sangong.insert(part, Item::Table(t));
        }
        doc.insert("sangong", Item::Table(sangong));
    }

    insert_table_notes(&mut doc, &mut pos, h.table_notes);
    doc.insert("narrative", Item::Table(narrative(&mut pos, h, d)));
    insert_typed(&mut doc, &mut pos, d, file);
    let mut text = doc.to_string();
    text.push_str(TRAILER);
    text
}

/// The 说明 lines the workbook words otherwise than the edition.
pub(super) fn insert_table_notes(doc: &mut DocumentMut, pos: &mut Positions, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    let mut t = pos.table("\n# 空表下的说明行，照录工作簿（与版式的默认说法不同）。\n");
    for n in notes {
        t.insert(&n.id, commented(n.text.as_str().into(), &n.source));
    }
    doc.insert("table_notes", Item::Table(t));
}

/// What the exports never hold and has no text field to mark: shown as comments.
const TRAILER: &str = "
# ---- 导出表中没有、需要手工补充的其他内容（按需取消注释并填写，说明见 docs/input-format.md）：
# 政府采购（第三部分）：
# [narrative.procurement]
# goods = 0          # 货物
# works = 0          # 工程
# services = 0       # 服务
#
# 国有资产占用（第三部分）：
# [narrative.assets]
# equipment = 0                     # 单价100万元（含）以上设备，台（套）
# vehicles = { other = 0 }          # 车辆，按用途
#
# 上年数据（第三部分的同比）：在文件开头写 previous = \"上年文件.toml\"，或填 [previous] 表。
# 第四部分 重点工作完成情况：[[key_work.sections]]；第六部分 绩效自评表：[evaluation]。
";

fn item_table(
    pos: &mut Positions,
    code: &str,
    item: &ItemDraft,
    catalog: &Catalog,
    year: i32,
    first: bool,
    file: AmountUnit,
) -> Table {
    let path: Vec<&str> = [&code[..3], &code[..5], code]
        .iter()
        .map(|c| {
            catalog
                .function(year, c)
                .map_or("（目录中没有）", |e| e.name.as_str())
        })
        .collect();
    let mut prefix = String::from("\n");
    if first {
        prefix.push_str("# 功能分类“项”的明细（公开02/03/05/07/08 的项级行）；类、款和合计由程序计算，\n# 表中印出的类、款、合计在文末 [typed] 中核对。\n");
    }
    prefix.push_str(&format!("# {}\n", path.join(" / ")));
    let mut t = pos.table(&prefix);
    t.insert("code", toml_edit::value(code));
    if catalog.function(year, code).is_none() {
        if let Some(n) = &item.name {
            t.insert(
                "name",
                commented(n.as_str().into(), "分类目录中没有此科目，名称取自导出表"),
            );
        }
    }
    for (field, l) in &item.fields {
        t.insert(field, leaf_item(l, "", file));
    }
    if item.has_general_spending {
        t.insert(
            "budget_reason",
            toml_edit::value(
                "待补充：在上面写 budget = 该项的年初预算；决算数与年初预算不同时在此写主要原因，相同时删去本行",
            ),
        );
    }
    t
}

fn narrative(pos: &mut Positions, h: &Header, d: &Draft) -> Table {
    let mut n = implicit();
    let mut reasons = pos.table("\n# 第三部分 决算情况说明：导出表中没有的文字，请填写或删去。\n");
    for key in &h.edition.narrative.reasons_required {
        if key == "items" {
            continue;
        }
        let hint = reason_hint(key);
        let text = if hint.is_empty() {
            PLACEHOLDER_REASON.to_string()
        } else {
            PLACEHOLDER_REASON.replacen("与上年相比", &format!("{hint}与上年相比"), 1)
        };
        reasons.insert(key, toml_edit::value(text));
    }
    n.insert("reasons", Item::Table(reasons));

    let used = |line: &str| {
        d.sangong
            .get(&format!("sangong.actual.{line}"))
            .is_some_and(|l| !l.yuan.is_zero())
    };
    let mut sangong = pos.table("\n");
    for (line, key, what) in [
        ("abroad", "abroad_uses", "因公出国（境）费的开支内容"),
        ("car_purchase", "car_purchase_uses", "公务用车购置费的用途"),
        (
            "car_running",
            "car_running_uses",
            "公务用车运行维护费的用途（如车辆保险、加油和过路过桥费）",
        ),
        ("reception", "reception_uses", "公务接待费的用途"),
    ] {
        if used(line) {
            sangong.insert(key, toml_edit::value(format!("待补充：{what}")));
        }
    }
    if used("car_purchase") || used("car_running") {
        sangong.insert(
            "cars_held",
            commented(0.into(), "待补充：年末公务用车保有量（辆）"),
        );
    }
    if !sangong.is_empty() {
        n.insert("sangong", Item::Table(sangong));
    }

    let mut costs = pos.table("\n");
    costs.insert("amount", commented(0.into(), "机关运行经费（元）"));
    costs.insert(
        "note",
        toml_edit::value("待补充：机关运行经费的说明（不适用的单位删去本节）"),
    );
    n.insert("operating_costs", Item::Table(costs));

    let mut perf = pos.table("\n");
    perf.insert(
        "not_evaluated",
        toml_edit::value("待补充：未开展绩效自评的原因；已开展自评的，删去本行，按 docs/input-format.md 填写自评结果"),
    );
    n.insert("performance", Item::Table(perf));
    n
}

/// A printed total as the sheet holds it. A 万元 figure with more than two decimals is
/// exact (gongkai's own export writes them so) and is compared in 元; one with two
/// decimals is as printed, and keeps its unit so a rounding tail is told apart.
fn typed_value(v: &Value, unit: AmountUnit) -> toml_edit::Value {
    let (value, own) = if v.unit == AmountUnit::Wan && v.amount.normalize().scale() > 2 {
        (v.yuan(), AmountUnit::Yuan)
    } else {
        (v.amount, v.unit)
    };
    let mut t = InlineTable::new();
    t.insert("value", amount(value));
    if own != unit && !value.is_zero() {
        t.insert("unit", unit_name(own).into());
    }
    t.insert("source", v.source().into());
    toml_edit::Value::InlineTable(t)
}

fn unit_name(u: AmountUnit) -> &'static str {
    match u {
        AmountUnit::Yuan => "元",
        AmountUnit::Wan => "万元",
    }
}

/// What the file's unit says about its amounts.
pub(super) fn unit_note(unit: AmountUnit) -> &'static str {
    match unit {
        AmountUnit::Yuan => "本文件金额的单位",
        AmountUnit::Wan => {
            "本文件金额的单位：表是按万元印的，金额照表中的位数写出，gongkai check 据此判断尾数误差"
        }
    }
}

pub(super) fn insert_typed(
    doc: &mut DocumentMut,
    pos: &mut Positions,
    d: &Draft,
    unit: AmountUnit,
) {
    if d.typed_rows.is_empty() && d.typed_figures.is_empty() {
        return;
    }
    let mut typed = pos.table(
        "\n# 表中印出的合计、类、款和项级各栏数字，按原表照录（source 为所在单元格），供 gongkai check 核对。\n",
    );
    typed.insert(
        "unit",
        commented(unit_name(unit).into(), "另有 unit 的数按其所注单位"),
    );
    let mut rows = ArrayOfTables::new();
    for r in &d.typed_rows {
        let mut t = pos.table("\n");
        t.insert("table", toml_edit::value(r.table.as_str()));
        t.insert("code", toml_edit::value(r.code.as_str()));
        let mut values = Array::new();
        for v in &r.values {
            let mut value = typed_value(v, unit);
            value.decor_mut().set_prefix("\n  ");
            values.push_formatted(value);
        }
        values.set_trailing("\n");
        values.set_trailing_comma(true);
        t.insert("values", toml_edit::value(values));
        rows.push(t);
    }
    typed.insert("rows", Item::ArrayOfTables(rows));
    let mut figures = pos.table("\n");
    for (name, v) in &d.typed_figures {
        figures.insert(name, Item::Value(typed_value(v, unit)));
    }
    typed.insert("figures", Item::Table(figures));
    doc.insert("typed", Item::Table(typed));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_read_back_exactly() {
        for text in ["1190268.40", "1455", "0.07", "12345678901234.5678", "-3"] {
            let d = Decimal::from_str(text).unwrap();
            let v = amount(d);
            let back = match &v {
                toml_edit::Value::Integer(i) => Decimal::from(*i.value()),
                toml_edit::Value::Float(f) => decimal_from_toml_float(*f.value()).unwrap(),
                toml_edit::Value::String(s) => Decimal::from_str(s.value()).unwrap(),
                _ => unreachable!(),
            };
            assert_eq!(back, d, "{text} → {v}");
        }
    }
}
