//! Parts 4–6 of the three samples, read back from the typeset pages: key-work headings
//! and table, the 名词解释 with exactly the codes each booklet uses, and the
//! self-evaluation forms with their figures on the right lines. Expected texts and
//! figures are transcribed from the reference booklets; where a reference is wrong, the
//! comment says what it printed.

use crate::support;

use gongkai::typeset::text::{pages, PageText, Word};
use support::{build_sample, samples};

/// The text of a line, words joined without spaces.
fn squash(line: &[Word]) -> String {
    line.iter()
        .map(|w| w.text.replace([' ', '\u{3000}'], ""))
        .collect()
}

/// The pages of the part whose heading starts with `part` (e.g. `第五部分`), up to the
/// next part.
fn part<'a>(all: &'a [PageText], part: &str) -> &'a [PageText] {
    let starts = |p: &PageText, prefix: &str| {
        p.lines
            .iter()
            .take(3)
            .any(|l| squash(l).starts_with(prefix))
    };
    let start = all
        .iter()
        .position(|p| starts(p, part))
        .unwrap_or_else(|| panic!("no page starts {part}"));
    let end = all[start + 1..]
        .iter()
        .position(|p| starts(p, "第") && p.lines.iter().take(3).any(|l| squash(l).contains("部分")))
        .map_or(all.len(), |i| start + 1 + i);
    &all[start..end]
}

/// The running text of some pages: running header and page number left out, lines
/// joined without spaces, so a paragraph reads as one string across lines and pages.
fn body(pages: &[PageText]) -> String {
    pages
        .iter()
        .flat_map(|p| {
            let n = p.lines.len();
            p.lines[1..n.saturating_sub(1)].iter()
        })
        .map(|l| squash(l))
        .collect()
}

/// The words of the first line holding a word equal to `word`.
fn line_with(pages: &[PageText], word: &str) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .find(|l| l.iter().any(|w| w.text == word))
        .unwrap_or_else(|| panic!("no line with {word}"))
        .iter()
        .map(|w| w.text.clone())
        .collect()
}

/// Every line holding `word`, as word lists.
fn lines_with(pages: &[PageText], word: &str) -> Vec<Vec<String>> {
    pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .filter(|l| l.iter().any(|w| w.text == word))
        .map(|l| l.iter().map(|w| w.text.clone()).collect())
        .collect()
}

/// The 项 names of the code list of 名词解释, in printed order.
fn listed_items(text: &str) -> Vec<String> {
    text.split("（项）")
        .filter_map(|chunk| {
            chunk
                .rsplit_once("（款）")
                .map(|(_, item)| item.to_string())
        })
        .collect()
}

fn assert_in_order(text: &str, pieces: &[&str]) {
    let mut from = 0;
    for piece in pieces {
        match text[from..].find(piece) {
            Some(i) => from += i + piece.len(),
            None => panic!("{piece} missing (or out of order) in:\n{text}"),
        }
    }
}

#[test]
fn reference_000_key_work_glossary_and_no_attachments() {
    let built = samples::built("data/huangpi-network-ops/2024.toml");
    let all = pages(&built.document);

    let p4 = body(part(&all, "第四部分"));
    assert_in_order(
        &p4,
        &[
            "第四部分2024年重点工作完成情况",
            "一、加强政府网站建设，提升政务效能",
            "一是聚焦政府网站优化。",
            "二是聚焦网站安全建设。",
            "三是聚焦网站运维工作。",
            "二、建强信息网络基础，强化服务支撑",
            "三、用好信息系统平台，推进数据应用",
            "四、持续抓好党建工作，打造坚强堡垒",
            "三是强化廉政建设。",
            "序号重要事项工作内容及目标完成情况",
        ],
    );
    let p4_pages = part(&all, "第四部分");
    // Each row: 序号 and 完成 on one line, the cell's points one per line.
    for n in ["1", "2", "3", "4"] {
        let row = line_with(p4_pages, n);
        assert!(row.contains(&"完成".to_string()), "row {n}: {row:?}");
    }
    // The points of a cell stay one per line, as typed.
    for point in [
        "1.聚焦政府网站优化。",
        "2.聚焦网站安全建设。",
        "3.聚焦网站运维工作。",
    ] {
        line_with(p4_pages, point);
    }

    let p5 = body(part(&all, "第五部分"));
    assert_in_order(
        &p5,
        &[
            "（一）一般公共预算财政拨款收入：指市级财政一般公共预算当年拨付的资金。",
            "（八）使用非财政拨款结余（含专用结余）：指事业单位按预算管理要求使用非财政拨款结余（含专用结余）弥补收支差额的金额。",
            "（九）年初结转和结余：",
            "（十）本部门使用的支出功能分类科目（到项级）",
            // The reference prints the class as 一般公共服务(类); its tables say 一般公共服务支出.
            "1.一般公共服务支出（类）网信事务（款）事业运行（项）。反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。",
            "2.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。",
            // The reference drops 待遇 from the official explanation.
            "3.卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。反映财政部门集中安排的事业单位基本医疗保险缴费经费，未参加医疗保险的事业单位的公费医疗经费，按国家规定享受离休人员待遇的医疗经费。",
            "4.住房保障支出（类）住房改革支出（款）住房公积金（项）。反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
            "（十一）结余分配：",
            "（十六）“三公”经费：纳入市级财政预决算管理的“三公”经费，是指市直部门用财政拨款安排的因公出国（境）费",
            "（十七）机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行",
        ],
    );
    assert_eq!(listed_items(&p5).len(), 4);
    assert!(!p5.contains("（十八）"), "no empty 其他专用名词");

    // No self-evaluation: no Part 6, not even in the contents.
    let everything: String = all.iter().map(|p| p.joined()).collect();
    assert!(!everything.contains("第六部分"), "000 has no Part 6");
    assert!(!everything.contains("绩效自评表"));
}

#[test]
fn reference_001_listed_titles_glossary_and_target_forms() {
    let built = samples::built("data/huangpi-bigdata/2022.toml");
    let all = pages(&built.document);

    let p4 = body(part(&all, "第四部分"));
    assert_in_order(
        &p4,
        &[
            "第四部分2022年重点工作完成情况",
            "一、重点工作事项标题",
            "（一）强保障重落实，确保政府网站安全稳定；",
            "（二）强部署重攻坚，做好政务网络运维管理；",
            "（三）强应用重成效，数字化赋能基层社会治理；",
            "（四）强行动重举措，服务群众践行为民初心。",
            "二、重点工作事项内容",
            "（一）强保障重落实，确保政府网站安全稳定",
            "1.聚焦网站栏目优化合理。",
            "3.聚焦网站运维水平提升。",
            "（二）强部署重攻坚，做好政务网络运维管理",
            "6、IPV6协议全支持。",
            "（四）强行动重举措，服务群众践行为民初心",
            "三是结合乡村振兴办实事。",
            "序号重要事项工作内容及目标完成情况",
        ],
    );

    let p5 = body(part(&all, "第五部分"));
    assert_in_order(
        &p5,
        &[
            "（一）一般公共预算财政拨款收入：指市级财政一般公共预算当年拨付的资金。",
            "（八）使用非财政拨款结余：指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。",
            "（十）本部门使用的支出功能分类科目（到项级）",
            "（十一）结余分配：指事业单位按照会计制度规定缴纳的企业所得税、提取的专用结余以及转入非财政拨款结余的金额等。",
        ],
    );
    // The reference lists six items and forgets 其他网信事务支出, which its 表3 spends.
    assert_eq!(
        listed_items(&p5),
        [
            "信息安全事务",
            "事业运行",
            "其他网信事务支出",
            "机关事业单位基本养老保险缴费支出",
            "事业单位医疗",
            "住房公积金",
            "提租补贴",
        ]
    );
    // The explanation is 001's own (its 第五部分 1.), from the catalog.
    assert!(p5.contains(
        "1.一般公共服务支出（类）网信事务（款）信息安全事务（项）。反映信息安全事业单位项目支出。"
    ));
    // The reference prints 高退休人员 for 离退休人员.
    assert!(p5.contains("7.住房保障支出（类）住房改革支出（款）提租补贴（项）。反映按房改政策规定的标准，行政事业单位向职工（含离退休人员）发放的租金补贴。"));

    let p6_pages = part(&all, "第六部分");
    let p6 = body(p6_pages);
    assert_in_order(
        &p6,
        &[
            "一、2022年度武汉市黄陂区大数据中心（本级）整体绩效自评表",
            "二、2022年度武汉市黄陂区大数据中心（本级）项目绩效自评表",
            "附件1：",
            "2022年度大数据中心整体绩效自评表",
            "填报日期：2023年10月15日",
            "单位：万元",
            "武汉市黄陂区大数据中心",
            "长期目标1：做好政府网站建设运维工作，提高政务服务水平",
            "年度目标2：做好机房安全建设",
            "附件2-1：",
            "2022年度大数据中心运行经费绩效自评表",
            "附件2-2：",
            "2022年度政务网站网络运行维护安全防护绩效自评表",
            "附件2-3：",
            "2022年度“一张网”运行维护经费绩效自评表",
        ],
    );
    assert_eq!(
        line_with(p6_pages, "填报人"),
        ["填报人", "管立林", "联系电话", "85916419"]
    );
    // 项目决算 of the three projects, and the 合计 of their funding.
    let settled: Vec<Vec<String>> = lines_with(p6_pages, "项目决算");
    assert_eq!(
        settled,
        [
            ["项目决算", "72.83"],
            ["项目决算", "314.65"],
            ["项目决算", "325.03"]
        ]
    );
    let totals: Vec<String> = lines_with(p6_pages, "合计")
        .into_iter()
        .map(|l| l.join(" "))
        .collect();
    assert_eq!(totals, ["合计 72.83", "合计 314.65", "合计 325.03"]);
    // 支出明细测算 of the three projects: 经济分类 and 金额 of each line, in order.
    let amounts: Vec<String> = lines_with(p6_pages, "商品和服务支出")
        .iter()
        .map(|l| {
            let at = l.iter().position(|w| w == "商品和服务支出").unwrap();
            l[at + 1].clone()
        })
        .collect();
    assert_eq!(
        amounts,
        [
            "72.83", "60", "70", "60", "80", "44.65", "40", "20", "40", "60", "88", "25", "25",
            "27.03"
        ]
    );
    // The 满意度 rows of the 年度绩效目标表: 前年, 上年, 预计当年实现, 依据. The reference
    // prints five: two in the overall form and one in each project form (2-3's included).
    let annual_satisfaction = lines_with(p6_pages, "满意度指标")
        .into_iter()
        .filter(|l| l.ends_with(&["98%".into(), "98%".into(), "98%".into(), "行业标准".into()]))
        .count();
    assert_eq!(annual_satisfaction, 5);
}

#[test]
fn reference_003_glossary_and_scored_forms() {
    let built = samples::built("data/qingshan-bigdata/2024.toml");
    let all = pages(&built.document);

    let p4_pages = part(&all, "第四部分");
    assert_in_order(
        &body(p4_pages),
        &[
            "一、群众投诉办理情况",
            "2024年，共办理市民热线等各类群众诉求77614件",
            "四、深化拓展网格化服务管理工作情况",
            "序号重要事项工作内容及目标完成情况",
        ],
    );
    // Long cells: each point of 工作内容及目标 starts its own line.
    for point in ["1.", "2.", "3.", "4.", "5."] {
        assert!(
            p4_pages
                .iter()
                .flat_map(|p| p.lines.iter())
                .any(|l| l.iter().any(|w| w.text.starts_with(point)
                    && w.text.contains("着眼市级工作重点") == (point == "1."))),
            "{point}"
        );
    }

    let p5 = body(part(&all, "第五部分"));
    assert_in_order(
        &p5,
        &[
            "一、一般公共预算财政拨款收入：指本级财政一般公共预算当年拨付的资金。",
            "七、其他收入：",
            "八、年初结转和结余：",
            "九、本部门使用的支出功能分类科目（到项级）",
            "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）。",
            "十、年末结转和结余：",
            "十一、基本支出：",
            "十二、项目支出：",
            "十三、“三公”经费：纳入本级财政预决算管理的“三公”经费，是指用财政拨款安排的因公出国（境）费",
        ],
    );
    for left_out in ["结余分配", "经营支出", "机关运行经费", "使用非财政拨款结余"]
    {
        assert!(!p5.contains(left_out), "{left_out}");
    }
    assert!(!p5.contains("十四、"));
    // Every item this unit uses (公开02/05/07), not the reference's partial list.
    assert_eq!(
        listed_items(&p5),
        [
            "事业运行",
            "其他政府办公厅（室）及相关机构事务支出",
            "其他信访事务支出",
            "机关事业单位基本养老保险缴费支出",
            "事业单位医疗",
            "公务员医疗补助",
            "其他行政事业单位医疗支出",
            "住房公积金",
            "提租补贴",
            "其他地方自行试点项目收益专项债券收入安排的支出",
        ]
    );

    let p6_pages = part(&all, "第六部分");
    let p6 = body(p6_pages);
    assert_in_order(
        &p6,
        &[
            "2024年度原青山区大数据中心整体绩效自评表",
            "2024年度网上群众工作部年度费用项目绩效自评表",
            "2024年度青山区网格员终端服务项目绩效自评表",
            "2024年度政务网平台运行项目绩效自评表",
        ],
    );
    assert!(!p6.contains("附件1："), "wuhan-2024 labels no form");

    // Overall form.
    assert_eq!(
        line_with(p6_pages, "449.39"),
        ["基本支出总额", "449.39", "项目支出总额", "752.04"]
    );
    // The reference prints 88.9%; 1201.43 / 1352.94 is 88.80%.
    assert_eq!(
        line_with(p6_pages, "1352.94"),
        ["1352.94", "1201.43", "88.8%", "9"]
    );
    let totals: Vec<Vec<String>> = lines_with(p6_pages, "总分");
    // 网上群众工作部年度费用 totals 99 as in the reference: its 得分 20 × 333.96/341.6 =
    // 19.55 prints 19, the project forms cutting decimals off (the edition's rule).
    assert_eq!(
        totals,
        [
            ["总分", "99"],
            ["总分", "99"],
            ["总分", "100"],
            ["总分", "100"]
        ]
    );
    // Indicator rows: target, actual, score.
    assert_eq!(
        lines_with(p6_pages, "工作满意率")
            .iter()
            .map(|l| l[l.len() - 3..].join(" "))
            .collect::<Vec<_>>(),
        ["≥85% 97.6% 5", "≥85% 97.6% 20"]
    );
    let row = line_with(p6_pages, "机房巡查次数");
    assert_eq!(row[row.len() - 3..], ["≥240次", "366", "10"]);
    // An adjusted indicator: the replacement on its own line, without a score of its own.
    let row = line_with(p6_pages, "制发市民热线办理情况分析报告");
    assert_eq!(
        row[row.len() - 2..],
        ["制发市民热线办理情况分析报告", "55期"]
    );

    // Project forms: 预算数, 执行数, 执行率, 得分.
    // The first: 20 × 97.76% = 19.55 prints 19, as in the reference.
    assert_eq!(
        line_with(p6_pages, "341.6"),
        ["341.6", "333.96", "98%", "19"]
    );
    assert_eq!(
        line_with(p6_pages, "83.88"),
        ["83.88", "83.88", "100%", "20"]
    );
    assert_eq!(line_with(p6_pages, "435"), ["435", "435", "100%", "20"]);
    assert!(p6.contains("1、部门预算项目"));
    assert!(p6.contains("备注："));
    assert!(p6.contains("得分不得突破权重总额"));
}

#[test]
fn markup_in_parts_4_to_6_prints_literally() {
    let built = build_sample("tests/inputs/markup_back_matter.toml");
    let text: String = pages(&built.document)
        .iter()
        .flat_map(|p| p.lines.iter())
        .map(|l| squash(l))
        .collect::<Vec<_>>()
        .join("\n");
    for wanted in [
        "一、重点#strong[不是标记]=标题",
        "一是*不是强调*与$1+1$。",
        "-不是列表@不是引用",
        "#pagebreak()",
        "1.不是编号",
        "+不是列表<不是标签>",
        "完成_不是下标_",
        "名词`代码`：解释[不是内容块]\\反斜杠",
        "偏差#let x=1",
        "目标//不是注释",
        "指标#[块]",
        "≥5<次>",
        "6<次>",
    ] {
        let wanted = wanted.replace(' ', "");
        assert!(text.contains(&wanted), "{wanted} missing in:\n{text}");
    }
    // 6 of 5 <次> met: the full 80 points, and 20 for the budget executed in full.
    assert!(text.contains("总分100"), "{text}");
}
