//! The classification catalog: every code the references and the issue list, with its
//! 类 and 款, its source, and the official explanation where one is known. Names and
//! explanations below are transcribed from the references (and the 2024 政府收支分类科目
//! where a reference misprints them), not from the catalog file. Then the periods of
//! years, catalogs loaded with `settings.catalog`, and each defect such a file can have.

use crate::support;

use gongkai::declare::catalog::{function_ancestors, parent, Catalog, Entry, Kind};
use gongkai::input::load_str;
use std::path::{Path, PathBuf};

/// The year of the references 000 and 003, whose tables print these names.
const YEAR: i32 = 2024;

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
            .function(YEAR, code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(&entry.name, name, "{code}");
        assert!(entry.source.is_some(), "{code}: no source");
        for ancestor in function_ancestors(code) {
            let parent = catalog
                .function(YEAR, ancestor)
                .unwrap_or_else(|| panic!("{code}: {ancestor} missing"));
            assert!(parent.source.is_some(), "{ancestor}: no source");
        }
    }
}

#[test]
fn classes_and_sections_as_the_tables_print_them() {
    let catalog = Catalog::builtin();
    let name = |code: &str| catalog.function(YEAR, code).unwrap().name.clone();
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
    let explanation = |code: &str| catalog.function(YEAR, code).unwrap().explanation.clone();
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
    // Reference 001 第五部分 (1.): the only source of an explanation for this 项.
    assert_eq!(
        explanation("2013704").as_deref(),
        Some("反映信息安全事业单位项目支出。")
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
    let name = |code: &str| catalog.economic(YEAR, code).map(|e| e.name.clone());
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

/// Codes and names printed in the sources beyond the references' own items:
/// shared/catalog/codes-seen-2024-2025.tsv (普陀区 budget booklets) and reference 004.
#[test]
fn codes_seen_in_published_booklets_are_named() {
    let catalog = Catalog::builtin();
    for (code, name) in [
        ("2010507", "专项普查活动"),
        ("20129", "群众团体事务"),
        ("2013802", "一般行政管理事务"),
        ("2040607", "公共法律服务"),
        ("2060702", "科普活动"),
        ("2070308", "群众体育"),
        ("2080705", "公益性岗位补贴"),
        ("2082501", "其他城市生活救助"),
        ("2100717", "计划生育服务"),
        ("2120104", "城管执法"),
        ("2129999", "其他城乡社区支出"),
        ("2210399", "其他城乡社区住宅支出"),
    ] {
        for year in [2024, 2025] {
            let entry = catalog
                .function(year, code)
                .unwrap_or_else(|| panic!("{code} missing in {year}"));
            assert_eq!(entry.name, name, "{code}");
            assert!(entry.source.as_deref().unwrap().contains("codes-seen"));
        }
    }
    // The tsv's 4-digit rows (3012, 3017) are parsing noise, not codes.
    assert!(catalog.economic(2024, "3012").is_none());
}

/// 2024 budget booklets list 类 233 (reference 004 表1: 廿四、债务发行费用支出).
#[test]
fn class_233_exists_from_the_period_it_appears_in() {
    let catalog = Catalog::builtin();
    for year in [2024, 2025] {
        let entry = catalog.function(year, "233").expect("233");
        assert_eq!(entry.name, "债务发行费用支出");
        assert!(entry.source.as_deref().unwrap().contains("ref 004"));
        assert!(entry.applies_to(year));
    }
    assert!(catalog
        .entries(Kind::Function)
        .filter(|e| e.code == "233")
        .all(|e| e.from.is_none_or(|from| from <= 2024)));
}

/// The years an entry applies to that are worth checking: its ends, and the years of
/// the samples and references.
fn years_of(entry: &Entry) -> Vec<i32> {
    [2019, 2022, 2023, 2024, 2025]
        .into_iter()
        .chain(entry.from)
        .chain(entry.until)
        .filter(|&y| entry.applies_to(y))
        .collect()
}

#[test]
fn every_builtin_entry_has_a_source_and_its_parent() {
    let catalog = Catalog::builtin();
    let mut count = 0;
    for kind in [Kind::Function, Kind::Economic] {
        for entry in catalog.entries(kind) {
            count += 1;
            let source = entry.source.as_deref().unwrap_or_default();
            assert!(!source.trim().is_empty(), "{}: no source", entry.code);
            let Some(up) = parent(&entry.code) else {
                assert_eq!(entry.code.len(), 3, "{}", entry.code);
                continue;
            };
            for year in years_of(entry) {
                assert!(
                    catalog.lookup(kind, year, up).is_some(),
                    "{} has no parent {up} in {year}",
                    entry.code
                );
            }
        }
    }
    // Every [[function]] and [[economic]] table of data/catalog/ is embedded.
    let written: usize = files_under(&root().join("data/catalog"))
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.matches("[[function]]").count() + text.matches("[[economic]]").count()
        })
        .sum();
    assert_eq!(
        count, written,
        "a file under data/catalog/ is not in BUILTIN"
    );
    assert!(count > 180, "the catalog has grown: {count}");
}

#[test]
fn an_explanation_is_only_where_a_source_gives_one() {
    for entry in Catalog::builtin().entries(Kind::Function) {
        if entry.explanation.is_some() {
            assert_eq!(
                entry.code.len(),
                7,
                "{}: only a 项 is explained",
                entry.code
            );
            let source = entry.source.as_deref().unwrap();
            assert!(
                source.contains("explanation")
                    || source.contains("第四部分")
                    || source.contains("第五部分")
                    || source.contains("政府收支分类科目"),
                "{}: the source of the explanation is not named: {source}",
                entry.code
            );
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out
}

/// The built-in catalog with one fixture of tests/catalogs/ laid over it.
fn with_fixture(name: &str) -> Result<Catalog, String> {
    let path = Path::new("tests/catalogs").join(name);
    let text = std::fs::read_to_string(root().join(&path)).unwrap();
    Catalog::builtin()
        .with_files(vec![gongkai::base::diag::SourceFile::new(path, text)])
        .map_err(|f| f.to_string())
}

#[test]
fn a_year_picks_the_name_of_its_period() {
    let catalog = with_fixture("periods.toml").unwrap();
    let name = |year, code| catalog.function(year, code).map(|e| e.name.as_str());
    assert_eq!(name(2018, "210"), Some("医疗卫生与计划生育支出"));
    assert_eq!(name(2019, "210"), Some("卫生健康支出（测试）"));
    assert_eq!(name(2024, "210"), Some("卫生健康支出（测试）"));
    // Where the user's catalog has no entry for the year, the built-in one applies.
    assert_eq!(name(2018, "21011"), Some("行政事业单位医疗"));
    // The built-in catalog alone.
    assert_eq!(
        Catalog::builtin().function(2018, "210").unwrap().name,
        "卫生健康支出"
    );
}

/// Each defect of a catalog file, with its code, message and file:line:col.
#[test]
fn defective_catalog_files_are_refused_where_the_defect_is() {
    for (fixture, expected) in [
        (
            "bad_toml.toml",
            &["错误[E0261]: 科目目录文件有误：TOML 语法错误：文本缺少结尾的英文双引号", "tests/catalogs/bad_toml.toml:4:"][..],
        ),
        (
            "unknown_field.toml",
            &[
                "错误[E0262]: 科目目录文件有误：未知字段 `nmae`",
                " --> tests/catalogs/unknown_field.toml:4:1",
                "字段：function[0].nmae",
                "您是否想写 `name`？",
            ],
        ),
        (
            "malformed_code.toml",
            &[
                "错误[E0263]: 功能分类科目编码“201130”应为 3、5 或 7 位数字",
                " --> tests/catalogs/malformed_code.toml:3:8",
                "字段：function[0].code",
            ],
        ),
        (
            "duplicate.toml",
            &[
                "错误[E0264]: 功能分类科目 20113 在 2020 年度及以后重复出现（第一次在 tests/catalogs/duplicate.toml:3）",
                " --> tests/catalogs/duplicate.toml:7:8",
                "字段：function[1].code",
            ],
        ),
        (
            "orphan.toml",
            &[
                "错误[E0265]: 功能分类科目 2011308“招商引资”缺少上级科目 20113",
                " --> tests/catalogs/orphan.toml:3:8",
            ],
        ),
        (
            "reversed.toml",
            &[
                "错误[E0266]: 功能分类科目 20113 的起始年度 2024 晚于截止年度 2019",
                " --> tests/catalogs/reversed.toml:5:8",
                "字段：function[0].from",
            ],
        ),
    ] {
        let message = with_fixture(fixture).expect_err(fixture);
        for part in expected {
            assert!(message.contains(part), "{fixture}: {part:?} not in\n{message}");
        }
    }
}

#[test]
fn a_parent_must_cover_every_year_of_its_child() {
    let text = "[[function]]\ncode = \"20113\"\nname = \"商贸事务\"\nfrom = 2022\n\n\
                [[function]]\ncode = \"2011308\"\nname = \"招商引资\"\nfrom = 2020\n";
    let failure = Catalog::builtin()
        .with_files(vec![gongkai::base::diag::SourceFile::new("c.toml", text)])
        .expect_err("20113 is missing in 2020 and 2021");
    let message = failure.to_string();
    assert!(
        message.contains(
            "错误[E0265]: 功能分类科目 2011308“招商引资”缺少上级科目 20113（2020 年度没有 20113）"
        ),
        "{message}"
    );
    assert!(message.contains("c.toml:7:8"), "{message}");
}

/// The sample 000 as if it lived in tests/catalogs/, with `settings.catalog` set and its
/// project spending moved to a 项 that only the loaded catalog knows.
fn sample_with_catalog(catalog: &str) -> gongkai::input::Loaded {
    let text = std::fs::read_to_string(root().join("data/huangpi-network-ops/2024.toml"))
        .unwrap()
        .replacen(
            "[settings]\n",
            &format!("[settings]\ncatalog = \"{catalog}\"\n"),
            1,
        )
        .replacen("general_project = 1455.00\n", "", 1)
        .replacen(
            "[basic_economic]",
            "[[items]]\ncode = \"2011308\"\ngeneral_project = 1455\n\n[basic_economic]",
            1,
        );
    load_str(&root().join("tests/catalogs/2024.toml"), &text).unwrap_or_else(|f| panic!("{f}"))
}

#[test]
fn a_booklet_is_built_with_a_catalog_loaded_from_files() {
    let built = support::toolkit()
        .build(
            &sample_with_catalog("extra"),
            gongkai::BuildOptions::default(),
        )
        .unwrap_or_else(|f| panic!("{f}"));
    // The loaded 款 and 项 in the tables, and the 项 with its explanation in 名词解释.
    let spending = &built.booklet.table("03").unwrap().function().unwrap().rows;
    let named = |code: &str| {
        spending
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.as_str())
    };
    assert_eq!(named("20113"), Some("商贸事务"));
    assert_eq!(named("2011308"), Some("招商引资"));
    let listed: Vec<&String> = built
        .booklet
        .glossary
        .entries
        .iter()
        .flat_map(|e| &e.functions)
        .collect();
    assert!(
        listed.iter().any(|f| f.ends_with(
            "一般公共服务支出（类）商贸事务（款）招商引资（项）。反映测试用的招商引资支出。"
        )),
        "{listed:?}"
    );
    // The file-level `from = 2024` of extra/economic.toml renames 30201 for this year.
    assert!(built.typst_source.contains("办公费（测试）"));
    assert!(built.typst_source.contains("招商引资"));
    let pages = gongkai::typeset::text::pages(&built.document);
    assert!(
        pages
            .iter()
            .any(|p| p.contains("2011308") && p.contains("招商引资")),
        "the 项 is on the typeset pages"
    );
}

#[test]
fn without_the_catalog_the_code_needs_a_name() {
    let loaded = sample_with_catalog("extra");
    let mut plain = loaded.clone();
    plain.input.settings.catalog = None;
    let failure = support::toolkit()
        .check(&plain)
        .err()
        .expect("2011308 is unknown");
    let message = failure.to_string();
    assert!(
        message.contains(
            "错误[E0212]: 目录中没有功能分类科目 2011308，请核对编码，或用 name 字段写明科目名称"
        ),
        "{message}"
    );
    assert!(message.contains("settings] 中用 catalog"), "{message}");
}

#[test]
fn a_missing_catalog_file_points_at_the_setting() {
    let failure = support::toolkit()
        .check(&sample_with_catalog("nowhere.toml"))
        .err()
        .expect("no such file");
    let message = failure.to_string();
    assert!(
        message.contains("错误[E0260]: 找不到科目目录文件或目录"),
        "{message}"
    );
    assert!(
        message.contains("tests/catalogs/2024.toml:13:11"),
        "{message}"
    );
    assert!(message.contains("字段：settings.catalog"), "{message}");
}

#[test]
fn a_defect_in_a_loaded_catalog_stops_the_check() {
    let failure = support::toolkit()
        .check(&sample_with_catalog("orphan.toml"))
        .err()
        .expect("orphan.toml is defective");
    assert!(failure.to_string().contains("错误[E0265]"), "{failure}");
}
