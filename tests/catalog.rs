//! The classification catalog: every code the references and the issue list, with its
//! 类 and 款, its source, and the official explanation where one is known. Names and
//! explanations below are transcribed from the references (and the 2024 政府收支分类科目
//! where a reference misprints them), not from the catalog file.

use gongkai::catalog::{function_ancestors, Catalog};

/// 项 codes required by the issue and the references, with their names.
const ITEMS: &[(&str, &str)] = &[
    ("2010301", "行政运行"),
    ("2010302", "一般行政管理事务"),
    ("2010350", "事业运行"),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出"),
    ("2010504", "信息事务"),
    ("2013701", "行政运行"),
    ("2013704", "信息安全事务"),
    ("2013750", "事业运行"),
    ("2013799", "其他网信事务支出"),
    ("2014099", "其他信访事务支出"),
    ("2080501", "行政单位离退休"),
    ("2080502", "事业单位离退休"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("2080599", "其他行政事业单位养老支出"),
    ("2101101", "行政单位医疗"),
    ("2101102", "事业单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("2101199", "其他行政事业单位医疗支出"),
    ("2109901", "其他卫生健康支出"),
    ("2210201", "住房公积金"),
    ("2210202", "提租补贴"),
    ("2210203", "购房补贴"),
    ("2290402", "其他地方自行试点项目收益专项债券收入安排的支出"),
    ("2299901", "其他支出"),
];

#[test]
fn every_required_item_is_named_with_its_class_and_section_and_a_source() {
    let catalog = Catalog::builtin();
    for (code, name) in ITEMS {
        let entry = catalog
            .function(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(&entry.name, name, "{code}");
        assert!(entry.source.is_some(), "{code}: no source");
        for ancestor in function_ancestors(code) {
            let parent = catalog
                .function(ancestor)
                .unwrap_or_else(|| panic!("{code}: {ancestor} missing"));
            assert!(parent.source.is_some(), "{ancestor}: no source");
        }
    }
}

#[test]
fn classes_and_sections_as_the_tables_print_them() {
    let catalog = Catalog::builtin();
    let name = |code: &str| catalog.function(code).unwrap().name.clone();
    // Reference 003 公开02, 000 公开02, 001 表2.
    assert_eq!(name("20103"), "政府办公厅（室）及相关机构事务");
    assert_eq!(name("20140"), "信访事务");
    assert_eq!(name("20805"), "行政事业单位养老支出");
    assert_eq!(name("21011"), "行政事业单位医疗");
    assert_eq!(name("22102"), "住房改革支出");
    assert_eq!(name("229"), "其他支出");
    assert_eq!(name("22904"), "其他政府性基金及对应专项债务收入安排的支出");
    assert_eq!(name("210"), "卫生健康支出");
}

#[test]
fn explanations_of_the_references_glossaries() {
    let catalog = Catalog::builtin();
    let explanation = |code: &str| catalog.function(code).unwrap().explanation.clone();
    // Reference 000 第五部分 (= 001).
    assert_eq!(
        explanation("2013750").as_deref(),
        Some("反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。")
    );
    assert_eq!(
        explanation("2080505").as_deref(),
        Some("反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。")
    );
    assert_eq!(
        explanation("2210201").as_deref(),
        Some("反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。")
    );
    // 001 prints 高退休人员, a misprint of 离退休人员.
    assert_eq!(
        explanation("2210202").as_deref(),
        Some("反映按房改政策规定的标准，行政事业单位向职工（含离退休人员）发放的租金补贴。")
    );
    // 000 drops 待遇 of the official sentence.
    assert_eq!(
        explanation("2101102").as_deref(),
        Some("反映财政部门集中安排的事业单位基本医疗保险缴费经费，未参加医疗保险的事业单位的公费医疗经费，按国家规定享受离休人员待遇的医疗经费。")
    );
}

#[test]
fn economic_classes_of_the_forms() {
    let catalog = Catalog::builtin();
    let name = |code: &str| catalog.economic(code).map(|e| e.name.clone());
    for (code, expected) in [
        ("301", "工资福利支出"),
        ("302", "商品和服务支出"),
        ("303", "对个人和家庭的补助"),
        ("307", "债务利息及费用支出"),
        ("310", "资本性支出"),
        ("312", "对企业补助"),
        ("399", "其他支出"),
        ("30201", "办公费"),
        ("30231", "公务用车运行维护费"),
    ] {
        assert_eq!(name(code).as_deref(), Some(expected), "{code}");
    }
    assert_eq!(name("30230"), None);
}
