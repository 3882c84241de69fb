//! `amount_unit = "万元"`: the same booklet as the same figures written in 元. The
//! tables always print 万元; only the way the input is written differs, including
//! last year's figures, which follow the file's unit unless they say otherwise.

use crate::support;

use gongkai::input::load_str;
use std::path::Path;

/// What both inputs say alike: the unit, its 概况 and the reasons for the changes.
macro_rules! unit_head {
    () => {
        r#"
[unit]
name = "武汉市测试区网络运维服务中心"
year = 2024
published = 2025-09-26

[[overview.sections]]
title = "部门主要职责"
text = "负责全区政务网络的运行维护。"
"#
    };
}

macro_rules! reasons {
    () => {
        r#"
[narrative.reasons]
total = "人员增加"
general_spending = "人员增加"
"#
    };
}

const YUAN: &str = concat!(
    unit_head!(),
    r#"
[[items]]
code = "2013750"
general_basic = 1190268.40
general_project = 1455
budget = 1200000

[[items]]
code = "2080505"
general_basic = 100000.04

[basic_economic]
"30101" = 900000
"30108" = 290268.44
"30201" = 100000

[sangong.actual]
car_running = 3500

[previous]
total = 1235500
general_spending = 1235500
"#,
    reasons!()
);

/// The same figures in 万元, exactly (1190268.40 元 = 119.02684 万元).
const WAN: &str = concat!(
    unit_head!(),
    r#"
[settings]
amount_unit = "万元"

[[items]]
code = "2013750"
general_basic = 119.02684
general_project = 0.1455
budget = 120

[[items]]
code = "2080505"
general_basic = 10.000004

[basic_economic]
"30101" = 90
"30108" = 29.026844
"30201" = 10

[sangong.actual]
car_running = 0.35

[previous]
total = 123.55
general_spending = 123.55
"#,
    reasons!()
);

fn rendered(text: &str) -> (String, Vec<String>) {
    let loaded = load_str(Path::new("2024.toml"), text).unwrap_or_else(|f| panic!("{f}"));
    let toolkit = support::toolkit();
    let checked = toolkit.check(&loaded).unwrap_or_else(|f| panic!("{f}"));
    let codes = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    let source = toolkit
        .render(
            &loaded,
            gongkai::BuildOptions {
                draft: true,
                keep_cache: false,
            },
        )
        .unwrap_or_else(|f| panic!("{f}"))
        .typst_source;
    (source, codes)
}

#[test]
fn wan_input_gives_the_booklet_of_the_same_figures_in_yuan() {
    let (yuan_source, yuan_findings) = rendered(YUAN);
    let (wan_source, wan_findings) = rendered(WAN);
    assert_eq!(wan_findings, yuan_findings);
    assert!(wan_source == yuan_source, "the generated booklets differ");
    // And it is the booklet of those figures: 119.03 + 0.15 = 119.17 (a rounding
    // tail against 119.18 would show otherwise), 合计 129.17.
    let plain = yuan_source.replace('\\', "");
    assert!(plain.contains("[119.17]"), "项 total");
    assert!(plain.contains("[129.17]"), "合计");
    assert!(
        plain.contains("增加5.62万元"),
        "change on last year's 123.55: {plain}"
    );
}

#[test]
fn a_wan_figure_finer_than_a_yuan_cent_is_kept_exactly() {
    // 0.000001 万元 = 0.01 元: exact, not rounded away at input.
    let text = WAN.replace("general_basic = 10.000004", "general_basic = 10.000001");
    let loaded = load_str(Path::new("2024.toml"), &text).unwrap();
    let (booklet, _) = support::toolkit().prepare(&loaded).unwrap();
    let yuan = load_str(
        Path::new("2024.toml"),
        &YUAN.replace("general_basic = 100000.04", "general_basic = 100000.01"),
    )
    .unwrap();
    let (booklet_yuan, _) = support::toolkit().prepare(&yuan).unwrap();
    assert_eq!(
        booklet.totals.general_basic,
        booklet_yuan.totals.general_basic
    );
}
