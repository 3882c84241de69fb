//! Every figure of every table of the three reference booklets, read back from the
//! typeset pages in its table, row and column. The expected figures under
//! `tests/expected/` were transcribed from the reference texts, not from gongkai.

use crate::support;

use serde::Deserialize;
use support::{read_economic, read_row, samples, table_pages, Cells};

#[derive(Deserialize)]
struct Expected {
    source: String,
    row: Vec<ExpectedRow>,
    table: Vec<ExpectedTable>,
}

#[derive(Deserialize)]
struct ExpectedTable {
    id: String,
    title: String,
    label: Option<String>,
    empty_note: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedRow {
    table: String,
    key: String,
    cells: Cells,
}

fn check_sample(input: &str, expected: &str) {
    let built = samples::built(input);
    let text =
        std::fs::read_to_string(format!("{}/{expected}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let expected: Expected = toml::from_str(&text).unwrap();
    let pages = gongkai::typeset::text::pages(&built.document);
    let tables = &expected.table;
    let part3 = format!(
        "第三部分{}{}年度部门决算情况说明",
        built.booklet.unit.name, built.booklet.unit.year
    );
    let pages_of = |id: &str| {
        let index = tables.iter().position(|t| t.id == id).expect("table id");
        let next = tables
            .get(index + 1)
            .map_or(part3.as_str(), |t| t.title.as_str());
        table_pages(&pages, &tables[index].title, Some(next))
    };
    let mut failures = Vec::new();
    for table in tables {
        let on_pages = pages_of(&table.id);
        let text: String = on_pages
            .iter()
            .map(|p| p.joined().replace([' ', '\n'], ""))
            .collect();
        if let Some(label) = &table.label {
            if !on_pages[0]
                .joined()
                .replace(' ', "")
                .contains(label.as_str())
            {
                failures.push(format!("{}: label {label} missing", table.id));
            }
        }
        let printed_note = built
            .booklet
            .tables
            .iter()
            .find(|t| t.id == table.id)
            .and_then(|t| t.empty_note.clone());
        match &table.empty_note {
            Some(note) if !text.contains(note.as_str()) => {
                failures.push(format!("{}: 说明 line {note} missing", table.id))
            }
            None if printed_note.is_some() => failures.push(format!(
                "{}: unexpected 说明 line {printed_note:?}",
                table.id
            )),
            _ => {}
        }
    }
    for row in &expected.row {
        let on_pages = pages_of(&row.table);
        let got = if row.table == "06" {
            read_economic(on_pages, &row.key)
        } else {
            read_row(on_pages, &row.key)
        };
        match got {
            Some(cells) if cells == row.cells => {}
            Some(cells) => failures.push(format!(
                "{} {}: expected {:?}, typeset {:?}",
                row.table, row.key, row.cells, cells
            )),
            None => failures.push(format!("{} {}: line not found", row.table, row.key)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} (reference {}): {} of {} rows differ:\n{}",
        input,
        expected.source,
        failures.len(),
        expected.row.len(),
        failures.join("\n")
    );
}

#[test]
fn reference_000_huangpi_network_ops_2024() {
    check_sample(
        "data/huangpi-network-ops/2024.toml",
        "tests/expected/huangpi-network-ops-2024.toml",
    );
}

#[test]
fn reference_001_huangpi_bigdata_2022() {
    check_sample(
        "data/huangpi-bigdata/2022.toml",
        "tests/expected/huangpi-bigdata-2022.toml",
    );
}

#[test]
fn reference_003_qingshan_bigdata_2024() {
    check_sample(
        "data/qingshan-bigdata/2024.toml",
        "tests/expected/qingshan-bigdata-2024.toml",
    );
}
