//! Part 3 beyond the samples: a unit without last year's figures, a zero base, last
//! year's figures from last year's file, and the diagnostics of the narrative input.

use crate::support;

use gongkai::input::load_str;
use gongkai::load::load_file;
use std::path::{Path, PathBuf};
use support::toolkit;

const UNIT: &str = r#"
[unit]
name = "测试单位"
year = 2024
published = 2025-09-01

[[items]]
code = "2013750"
general_basic = 1000000
general_project = 200000
budget = 1100000

[basic_economic]
"30101" = 996500
"30231" = 3500

[sangong.budget]
car_running = 4000

[sangong.actual]
car_running = 3500
"#;

/// The narrative's headings, sub-headings and paragraphs for `extra` appended to UNIT.
fn texts(extra: &str) -> Vec<String> {
    let loaded = load_str(Path::new("data/test/2024.toml"), &format!("{UNIT}{extra}"))
        .unwrap_or_else(|f| panic!("{f}"));
    let (_, narrative) = toolkit().prepare(&loaded).unwrap_or_else(|f| panic!("{f}"));
    narrative.texts().iter().map(|s| s.to_string()).collect()
}

fn codes(extra: &str) -> Vec<&'static str> {
    let loaded = match load_str(Path::new("data/test/2024.toml"), &format!("{UNIT}{extra}")) {
        Ok(l) => l,
        Err(f) => return f.diagnostics.iter().map(|d| d.code).collect(),
    };
    match toolkit().prepare(&loaded) {
        Ok(_) => Vec::new(),
        Err(f) => f.diagnostics.iter().map(|d| d.code).collect(),
    }
}

#[test]
fn without_last_year_there_is_no_change_to_state() {
    let t = texts("");
    assert!(
        t.contains(&"2024年度收、支总计120.00万元。无上年可比数据。".to_string()),
        "{t:#?}"
    );
    assert!(t.contains(&"2024年度收入合计120.00万元，无上年可比数据。其中：财政拨款收入120.00万元，占本年收入100%。".to_string()), "{t:#?}");
    assert!(
        t.contains(
            &"2024年度财政拨款收入中，一般公共预算财政拨款收入120.00万元，无上年可比数据。"
                .to_string()
        ),
        "{t:#?}"
    );
    assert!(
        t.iter()
            .any(|p| p.contains("完成全年预算的87.5%。无上年可比数据。")),
        "{t:#?}"
    );
    for p in &t {
        assert!(
            !p.contains("增长") && !p.contains("下降") && !p.contains("持平"),
            "{p}"
        );
    }
    // Sections without data print the edition's sentence; 机关运行经费 is left out
    // and the numbering closes up.
    for s in [
        "本单位当年无政府性基金预算财政拨款收入支出。",
        "本单位当年无国有资本经营预算财政拨款支出。",
        "十、政府采购支出说明",
        "本单位当年无政府采购支出。",
        "本单位当年无国有资产占用。",
        "本单位当年未开展预算绩效自评。",
    ] {
        assert!(t.contains(&s.to_string()), "{s} in {t:#?}");
    }
    assert!(!t.iter().any(|p| p.contains("机关运行经费")), "{t:#?}");
}

#[test]
fn a_zero_base_states_the_increase_but_no_rate() {
    let t = texts(
        r#"
[previous]
total = 0
income = 0
spending = 0
fiscal_total = 0
general_income = 0
general_spending = 0

[previous.sangong]
car_running = 0

[narrative.reasons]
total = "本单位2024年新设立。"
"#,
    );
    assert!(
        t.contains(&"2024年度收、支总计120.00万元。与2023年度相比，收、支总计增加120.00万元（2023年度为0，无可比增长率），主要原因是本单位2024年新设立。".to_string()),
        "{t:#?}"
    );
    assert!(
        t.contains(&"2024年度财政拨款收入中，一般公共预算财政拨款收入120.00万元，比2023年度决算数增加120.00万元。".to_string()),
        "{t:#?}"
    );
    assert!(
        t.iter()
            .any(|p| p.contains("完成全年预算的87.5%。较上年增加0.35万元。")),
        "{t:#?}"
    );
    for p in &t {
        assert!(!p.contains("增长0") && !p.contains("增长100"), "{p}");
    }
}

#[test]
fn equal_figures_are_level_and_need_no_reason() {
    let t = texts(
        r#"
[previous]
total = 1200000
general_spending = 1200000
[previous.sangong]
car_running = 3500
[narrative.reasons]
total = "不应印出"
"#,
    );
    assert!(
        t.contains(&"2024年度收、支总计120.00万元。与2023年度相比，收、支总计持平。".to_string()),
        "{t:#?}"
    );
    assert!(
        t.iter().any(|p| p.contains("与上年相比无增减变化")),
        "{t:#?}"
    );
    assert!(!t.iter().any(|p| p.contains("不应印出")), "{t:#?}");
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-narrative-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const LAST_YEAR: &str = r#"
[unit]
name = "测试单位"
year = 2023
published = 2024-09-01

[[items]]
code = "2013750"
general_basic = 960000

[sangong.actual]
car_running = 2000

[narrative.operating_costs]
amount = 40000
"#;

#[test]
fn last_years_figures_come_from_last_years_file() {
    let dir = scratch("file");
    // The previous file's own `previous` is not followed (no such file exists).
    let last = format!("previous = \"2022.toml\"\n{LAST_YEAR}");
    std::fs::write(dir.join("2023.toml"), last).unwrap();
    let this =
        format!("previous = \"2023.toml\"\n{UNIT}\n[narrative.operating_costs]\namount = 50000\n");
    std::fs::write(dir.join("2024.toml"), this).unwrap();
    let loaded = load_file(&dir.join("2024.toml")).unwrap_or_else(|f| panic!("{f}"));
    let (_, narrative) = toolkit().prepare(&loaded).unwrap_or_else(|f| panic!("{f}"));
    let t: Vec<&str> = narrative.texts();
    // 120.00 against 96.00: +24.00, +25.0%.
    assert!(
        t.contains(
            &"2024年度收、支总计120.00万元。与2023年度相比，收、支总计增加24.00万元，增长25.0%。"
        ),
        "{t:#?}"
    );
    assert!(t.iter().any(|p| p.contains("较上年增加0.15万元")), "{t:#?}");
    assert!(t.contains(&"2024年度测试单位机关运行经费支出5.00万元。与2023年度相比，机关运行经费增加1.00万元，增长25.0%。"), "{t:#?}");
}

#[test]
fn a_bad_previous_file_is_reported_where_it_is_named() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("2024.toml"),
        format!("previous = \"2023.toml\"\n{UNIT}"),
    )
    .unwrap();
    let loaded = load_file(&dir.join("2024.toml")).unwrap();
    let failure = toolkit().prepare(&loaded).expect_err("missing file");
    let first = &failure.diagnostics[0];
    assert_eq!(first.code, "E0250");
    assert!(first.message.contains("2023.toml"), "{}", first.message);
    assert_eq!(first.location.as_ref().unwrap().line, 1);
    assert!(failure.diagnostics.iter().any(|d| d.code == "E0001"));

    // A file of the wrong year.
    let wrong = LAST_YEAR.replace("year = 2023", "year = 2022");
    std::fs::write(dir.join("2023.toml"), wrong).unwrap();
    let failure = toolkit().prepare(&loaded).expect_err("wrong year");
    assert_eq!(failure.diagnostics[0].code, "E0251");
    assert!(failure.diagnostics[0].message.contains("2022"));
}

#[test]
fn narrative_input_is_checked() {
    assert_eq!(codes("[narrative]\nshare_method = \"banker\"\n"), ["E0253"]);
    assert_eq!(codes("[narrative.percent]\nchange = 7\n"), ["E0254"]);
    assert_eq!(
        codes("[narrative.class_uses]\n\"205\" = \"教育\"\n"),
        ["E0255"]
    );
    assert_eq!(
        codes("[[narrative.projects]]\nname = \"甲\"\namount = 200001\n"),
        ["E0256"]
    );
    assert_eq!(
        codes("[narrative.procurement]\ngoods = 100\nsme_goods = 200\n"),
        ["E0257"]
    );
    assert_eq!(
        codes("[narrative.procurement]\ngoods = 100\nsme_goods = 100\nsmall_micro = 150\n"),
        ["E0257"]
    );
    assert_eq!(
        codes("[narrative.sangong]\nforeign_reception = 1\n"),
        ["E0258"]
    );
    assert_eq!(
        codes("[narrative.performance]\nproject_count = 0\n[[narrative.performance.projects]]\nbudget = 1\nspent = 1\n"),
        ["E0259"]
    );
    assert_eq!(codes("[previous]\namount_unit = \"千元\"\n"), ["E0252"]);
    assert_eq!(codes("[previous]\ntotl = 1\n"), ["E0101"]);
    assert_eq!(codes("[narrative.reasons]\ntotal = \"  \"\n"), ["E0202"]);
    assert_eq!(codes("[previous]\ntotal = -1\n"), ["E0201"]);
    assert!(
        codes("[narrative.procurement]\ngoods = 100\nsme_goods = 100\nsmall_micro = 50\n")
            .is_empty()
    );
}

#[test]
fn a_zero_year_and_a_single_part_chart_typeset() {
    // Last year zero: its bars are flat, labelled 0; this year's income is one part.
    let loaded = load_str(
        Path::new("data/test/2024.toml"),
        &format!("{UNIT}\n[previous]\ntotal = 0\nfiscal_total = 0\n"),
    )
    .unwrap();
    let built = toolkit()
        .build(&loaded, gongkai::BuildOptions::default())
        .unwrap_or_else(|f| panic!("{f}"));
    let pages = gongkai::typeset::text::pages(&built.document);
    let lines = support::chart_lines(
        &pages,
        "图1：收、支决算总计变动情况",
        "二、收入决算情况说明",
    );
    let words: Vec<String> = lines
        .iter()
        .flatten()
        .map(|w| w.text.replace(' ', ""))
        .collect();
    for w in ["0", "120.00", "2023年度", "2024年度"] {
        assert!(words.contains(&w.to_string()), "{w} in {words:?}");
    }
}

#[test]
fn rare_characters_in_narrative_texts_are_reported_by_field() {
    let extra = "[narrative.reasons]\ntotal = \"𪚥字村片区业务增加\"\n\n[[narrative.performance.projects]]\nname = \"𪚥字村项目\"\nbudget = 1\nspent = 1\n";
    let loaded = load_str(Path::new("data/test/2024.toml"), &format!("{UNIT}{extra}")).unwrap();
    let failure = toolkit()
        .build(&loaded, gongkai::BuildOptions::default())
        .err()
        .expect("rare glyph");
    let fields: Vec<&str> = failure
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0401")
        .filter_map(|d| d.field.as_deref())
        .collect();
    assert!(fields.contains(&"narrative.reasons.total"), "{fields:?}");
    assert!(
        fields.contains(&"narrative.performance.projects[0].name"),
        "{fields:?}"
    );
}

#[test]
fn huge_counts_do_not_overflow() {
    let t = texts("[narrative.assets]\nvehicles = { other = 4294967295, heads = 4294967295 }\nequipment = 0\n");
    assert!(
        t.iter().any(|p| p.contains("共有车辆8589934590辆")),
        "{t:#?}"
    );
}

/// The narrative of UNIT + `extra` under the built-in edition with its `[narrative]`
/// changed by `edit` (sections, templates, words), and the booklet's findings.
fn with_layout(
    extra: &str,
    edit: impl FnOnce(&mut gongkai::declare::edition::narrative::NarrativeLayout),
) -> (
    gongkai::wording::Narrative,
    Vec<gongkai::base::diag::Diagnostic>,
) {
    let loaded = load_str(Path::new("data/test/2024.toml"), &format!("{UNIT}{extra}"))
        .unwrap_or_else(|f| panic!("{f}"));
    let catalog = &toolkit().catalog;
    let mut facts =
        gongkai::resolve::resolve(&gongkai::load::around(loaded.clone()), catalog).unwrap();
    edit(&mut facts.edition.narrative);
    let computed = gongkai::figures::compute(&facts);
    let tables = gongkai::tables::tables(&facts, &computed);
    let booklet = gongkai::parts::assemble(&facts, &computed, tables);
    let narrative = gongkai::wording::narrative(&facts, &booklet.part3);
    let found = gongkai::validate::validate(&gongkai::validate::Subject {
        loaded: &loaded,
        facts: &facts,
        computed: &computed,
        booklet: &booklet,
        narrative: &narrative,
        catalog,
    });
    (narrative, found)
}

fn spanned(text: &str) -> toml::Spanned<String> {
    toml::Spanned::new(0..0, text.to_string())
}

fn sections(toml_text: &str) -> Vec<gongkai::declare::edition::narrative::SectionSpec> {
    #[derive(serde::Deserialize)]
    struct Sections {
        sections: Vec<gongkai::declare::edition::narrative::SectionSpec>,
    }
    toml::from_str::<Sections>(toml_text).unwrap().sections
}

/// 2019's layout: a tenth section holding 机关运行经费, 政府采购 and 国有资产占用.
const NESTED: &str = r#"
[[sections]]
key = "overall"
facts = "totals"
heading = "收入支出决算总体情况说明"
figure = "income_grand_total"
prior = "total"
reason = "total"

[[sections]]
key = "other"
facts = "group"
heading = "其他重要事项"

[[sections.sections]]
key = "operating_costs"
heading = "机关运行经费支出情况"
prior = "operating_costs"
reason = "operating_costs"
empty = "本单位当年无机关运行经费支出。"
optional = true

[[sections.sections]]
key = "procurement"
heading = "政府采购支出情况"
empty = "本单位当年无政府采购支出。"

[[sections.sections]]
key = "assets"
heading = "国有资产占用情况"
empty = "本单位当年无国有资产占用。"
"#;

#[test]
fn nested_sections_are_numbered_one_level_down() {
    let (narrative, _) = with_layout("[narrative.operating_costs]\namount = 50000\n", |n| {
        n.sections = sections(NESTED)
    });
    assert_eq!(
        narrative.texts(),
        [
            "一、收入支出决算总体情况说明",
            "2024年度收、支总计120.00万元。无上年可比数据。",
            "二、其他重要事项",
            "（一）机关运行经费支出情况",
            "2024年度测试单位机关运行经费支出5.00万元。",
            "（二）政府采购支出情况",
            "本单位当年无政府采购支出。",
            "（三）国有资产占用情况",
            "本单位当年无国有资产占用。",
        ]
    );
    // Without its data the optional one is left out and the numbering closes up.
    let (narrative, _) = with_layout("", |n| n.sections = sections(NESTED));
    let t = narrative.texts();
    assert_eq!(
        t[2..5],
        [
            "二、其他重要事项",
            "（一）政府采购支出情况",
            "本单位当年无政府采购支出。"
        ]
    );
}

#[test]
fn an_edition_can_word_the_same_facts_its_own_way() {
    // A budget-like wording: 比…年预算, 降低, years without 年度, written in the edition
    // itself; this section's changes with two decimals.
    let extra = "[previous]\ntotal = 1500000\n[narrative.reasons]\ntotal = \"项目减少\"\n";
    let (narrative, found) = with_layout(extra, |n| {
        n.numbering = vec!["（{{ n | chinese }}）".into()];
        n.sections = sections(
            r#"
[[sections]]
key = "overall"
facts = "totals"
heading = "{{ unit.name }}预算收支情况总体说明"
figure = "income_grand_total"
prior = "total"
reason = "total"
percent = { change = 2 }
"#,
        );
        n.inline_templates.insert(
            "overall".into(),
            spanned(
                r#"{% import "macros" as m %}
                {{ year }}年部门收支总预算{{ total | wan }}万元。
                比{{ change.prior_year }}年预算{{ m::moved(c=change) }}
                {% if change.reason %}，主要是{{ change.reason }}{% endif %}。"#,
            ),
        );
        n.inline_templates.insert(
            "macros".into(),
            spanned(
                r#"{% macro moved(c) %}
                {% if c.kind == "up" %}增加{{ c.amount | wan }}万元，增长{{ c.rate }}
                {% elif c.kind == "down" %}减少{{ c.amount | wan }}万元，降低{{ c.rate }}
                {% endif %}
               {% endmacro moved %}"#,
            ),
        );
    });
    assert_eq!(
        narrative.texts(),
        [
            "（一）测试单位预算收支情况总体说明",
            "2024年部门收支总预算120.00万元。比2023年预算减少30.00万元，降低20.00%，主要是项目减少。",
        ]
    );
    assert!(found.iter().all(|d| d.code != "E0504"), "{found:#?}");
}

#[test]
fn an_edition_naming_unknown_figures_or_failing_templates_is_an_error() {
    let (narrative, found) = with_layout("", |n| {
        n.sections = sections(
            r#"
[[sections]]
key = "overall"
facts = "totals"
heading = "总体情况"
figure = "income_grand_totl"
prior = "totl"

[[sections]]
key = "mystery"
heading = "不知道"
"#,
        );
    });
    let messages: Vec<&str> = narrative
        .problems
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "版式的第三部分“总体情况”：不认识的数“income_grand_totl”",
            "版式的第三部分“总体情况”：不认识的上年数“totl”",
            "版式的第三部分“不知道”：不认识的事实“mystery”",
            "版式的第三部分“不知道”：模板集“wuhan-final”中没有模板“mystery”",
        ]
    );
    let errors: Vec<&str> = found
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert_eq!(errors, ["E0504"; 4]);

    let (narrative, _) = with_layout("", |n| {
        n.inline_templates
            .insert("overall".into(), spanned("{{ no_such_fact }}"));
    });
    let problem = &narrative.problems[0];
    assert_eq!(problem.code, "E0504");
    assert!(
        problem.message.contains("no_such_fact"),
        "{}",
        problem.message
    );
}

#[test]
fn user_text_cannot_cut_or_mark_up_the_narrative() {
    let t = texts(
        "[previous]\ntotal = 1000000\n[narrative.reasons]\ntotal = \"业务¶增加§\\n#strong[不是标记]\"\n",
    );
    assert!(
        t.contains(&"2024年度收、支总计120.00万元。与2023年度相比，收、支总计增加20.00万元，增长20.0%，主要原因是业务¶增加§ #strong[不是标记]。".to_string()),
        "{t:#?}"
    );
}

fn refusal(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/editions")
        .join(file);
    match gongkai::load::edition(&gongkai::declare::edition::Origin::File(path)) {
        Ok(_) => panic!("{file}: the edition loaded"),
        Err(f) => f
            .to_string()
            .replace(concat!(env!("CARGO_MANIFEST_DIR"), "/"), ""),
    }
}

#[test]
fn an_edition_naming_unknown_part3_names_is_refused_at_load() {
    let text = refusal("narrative_names.toml");
    for expected in [
        "错误[E0244]: 第三部分“收入决算情况说明”：不认识的数“income_totl”
 --> tests/editions/narrative_names.toml:9:1
  |
9 | figure = \"income_totl\"",
        "错误[E0504]: 第三部分“神秘”：模板集“wuhan-final”中没有模板“mystery”
  --> tests/editions/narrative_names.toml:12:7",
        "错误[E0504]: 第三部分“神秘”：不认识的原因“why”（[narrative.reasons] 中没有这一项）
  --> tests/editions/narrative_names.toml:16:10",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
    let text = refusal("narrative_template.toml");
    assert!(
        text.starts_with("错误[E0504]: 版式的第三部分模板出错：Failed to parse 'overall'"),
        "{text}"
    );
    assert!(
        text.contains(" --> tests/editions/narrative_template.toml:7:11"),
        "{text}"
    );
}
