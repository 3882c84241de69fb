//! No input makes gongkai panic: mutated versions of the samples and of the faulty
//! corpus, and inputs generated from scratch with huge, tiny and malformed numbers, go
//! through load → resolve → compute → validate → render (Typst source), a bounded
//! number of cases with fixed seeds; a few of them are typeset too. Each gives either a
//! result or diagnostics. The limits on input size are checked here as well.

use crate::support;

use gongkai::base::diag::Failure;
use gongkai::input::{load_str, MAX_INPUT_BYTES};
use gongkai::Toolkit;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// xorshift64*: a tiny deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Numbers at and beyond every edge: Decimal's range, the 10^13 bound, the 分, floats
/// that do not round-trip, i32 years.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.01",
    "0.001",
    "0.30000000000000004",
    "1e-30",
    "1e-300",
    "5e-324",
    "119.17",
    "1190268.40",
    "9999999999999.99",
    "1e13",
    "-1e13",
    "1e25",
    "4e28",
    "1.7976931348623157e308",
    "79228162514264337593543950335",
    "\"79228162514264337593543950335\"",
    "\"79,228,162,514,264,337,593,543,950,335\"",
    "\"1,201.43\"",
    "\"0.\"",
    "\"-\"",
    "\"1e5\"",
    "2147483647",
    "-2147483648",
    "9223372036854775807",
    "-9223372036854775808",
    "nan",
    "-inf",
];

const SNIPPETS: &[&str] = &[
    "\"",
    "[",
    "]",
    "=",
    "\n",
    "#",
    "-",
    "1",
    "0",
    "9.99",
    "-5",
    "1e308",
    "\"1,2,3\"",
    "[[items]]\n",
    "code = \"201\"\n",
    "general_basic = -1\n",
    "x = 1\n",
    "[typed]\n",
    "figures = { a = 1 }\n",
    "\u{0}",
    "𪚥",
    "XX",
    "\"2999999\"",
    "99999999999999999999999999999",
    "nan",
    "inf",
    "''' '''",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1).min(chars.len());
        match rng.below(5) {
            0 if !chars.is_empty() => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            1 if !chars.is_empty() => {
                let i = rng.below(chars.len());
                chars[i] = ['0', '9', '"', '.', ',', '-', '中'][rng.below(7)];
            }
            2 => {
                let lines: Vec<&str> = text.lines().collect();
                let line = lines[rng.below(lines.len())];
                chars.splice(at..at, format!("{line}\n").chars());
            }
            _ => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())];
                chars.splice(at..at, s.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// What one input did: loaded and checked (and rendered), or refused with reasons.
#[derive(Default)]
struct Outcomes {
    rendered: usize,
    refused: usize,
    /// Typst sources of rendered cases, some of which are typeset.
    sources: Vec<String>,
}

impl std::fmt::Debug for Outcomes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} rendered, {} refused", self.rendered, self.refused)
    }
}

/// load → check → render, never a panic; a refusal always says why.
fn run(toolkit: &Toolkit, text: &str, outcomes: &mut Outcomes) -> Result<(), String> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let loaded = load_str(Path::new("fuzz.toml"), text)?;
        let checked = toolkit.check(&loaded)?;
        // A draft renders despite errors, as `build --draft` does.
        toolkit
            .renderer
            .render(&checked.booklet, &checked.narrative, checked.has_errors())
    }));
    match result {
        Ok(Ok(source)) => {
            outcomes.rendered += 1;
            if outcomes.sources.len() < 40 {
                outcomes.sources.push(source);
            }
            Ok(())
        }
        Ok(Err(Failure { diagnostics })) => {
            if diagnostics.is_empty() {
                return Err("a failure without a diagnostic".into());
            }
            outcomes.refused += 1;
            Ok(())
        }
        Err(_) => Err("panicked".into()),
    }
}

#[test]
fn mutated_inputs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = [
        "data/huangpi-network-ops/2024.toml",
        "data/huangpi-bigdata/2022.toml",
        "data/qingshan-bigdata/2024.toml",
        "tests/check/clean.toml",
        "tests/check/typed_total_mismatch.toml",
        "tests/check/over_executed.toml",
        "tests/check/prior_scale.toml",
        "data/qiaokou-bigdata/2024-budget.toml",
        "tests/check/budget_clean.toml",
    ];
    let toolkit = support::toolkit();
    let mut outcomes = Outcomes::default();
    for (n, seed) in seeds.iter().enumerate() {
        let text = std::fs::read_to_string(root.join(seed)).unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1));
        for case in 0..100 {
            let mut mutated = mutate(&text, &mut rng);
            if rng.chance(30) {
                mutated = swap_numbers(&mutated, &mut rng);
            }
            if rng.chance(20) {
                mutated = in_wan(&mutated);
            }
            if let Err(why) = run(toolkit, &mutated, &mut outcomes) {
                panic!("{seed}, case {case} {why} on:\n{mutated}");
            }
        }
    }
    eprintln!("mutated inputs: {outcomes:?}");
    // The mutations reach both outcomes, so the test exercises more than the parser.
    assert!(
        outcomes.rendered > 20 && outcomes.refused > 20,
        "{outcomes:?}"
    );
}

/// Every number of the text replaced, with some chance, by an edge case.
fn swap_numbers(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.split_once(" = ") {
            Some((key, value))
                if value.trim_start().starts_with(|c: char| c.is_ascii_digit())
                    && rng.chance(25) =>
            {
                out.push_str(key);
                out.push_str(" = ");
                out.push_str(rng.pick(NUMBERS));
                out.push('\n');
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The same file with its amounts declared in 万元 (ten thousand times larger).
fn in_wan(text: &str) -> String {
    if text.contains("amount_unit = \"元\"") {
        text.replacen("amount_unit = \"元\"", "amount_unit = \"万元\"", 1)
    } else {
        format!("{text}\n[settings]\namount_unit = \"万元\"\n")
    }
}

/// A whole input built from random parts: items with random codes and amounts, last
/// year's figures, typed totals, projects, dates and years, each sometimes extreme.
fn generate(rng: &mut Rng) -> String {
    let num = |rng: &mut Rng| -> String {
        if rng.chance(6) {
            rng.pick(NUMBERS).to_string()
        } else {
            format!("{}.{:02}", rng.below(5_000_000), rng.below(100))
        }
    };
    let year = if rng.chance(92) {
        rng.pick(&["2022", "2024", "2025"]).to_string()
    } else {
        rng.pick(&["0", "-2147483648", "2147483647", "1999", "2100", "2023"])
            .to_string()
    };
    let mut t = format!(
        "[unit]\nname = \"武汉市测试区网络运维服务中心\"\nyear = {year}\npublished = {}\n",
        rng.pick(&[
            "2025-09-26",
            "2023-10-25",
            "2024-01-01",
            "2031-12-31",
            "1970-01-01"
        ])
    );
    t.push_str("\n[settings]\n");
    if rng.chance(50) {
        t.push_str(&format!(
            "amount_unit = \"{}\"\n",
            rng.pick(&["元", "万元", "元", "万元", "千元"])
        ));
    }
    if rng.chance(30) {
        t.push_str("thousands_separator = true\n");
    }
    if rng.chance(30) {
        t.push_str(&format!(
            "edition = \"{}\"\n",
            rng.pick(&["wuhan-2024", "wuhan-2022"])
        ));
    }
    t.push_str("\n[[overview.sections]]\ntitle = \"部门主要职责\"\ntext = \"负责全区政务网络的运行维护。\"\n");
    let codes = [
        "2013750", "2080505", "2101102", "2210201", "2010350", "2290402", "2010399",
    ];
    let fields = [
        "general_basic",
        "general_project",
        "general_income",
        "general_opening",
        "fund_project",
        "fund_income",
        "capital_basic",
        "business_income",
        "other_income",
        "to_superior",
        "budget",
    ];
    for _ in 0..1 + rng.below(4) {
        let code = if rng.chance(3) {
            "9999999"
        } else {
            rng.pick(&codes)
        };
        t.push_str(&format!("\n[[items]]\ncode = \"{code}\"\n"));
        for field in fields {
            if rng.chance(35) {
                t.push_str(&format!("{field} = {}\n", num(rng)));
            }
        }
    }
    t.push_str("\n[basic_economic]\n");
    for code in ["30101", "30201", "30217", "31013"] {
        if rng.chance(50) {
            t.push_str(&format!("\"{code}\" = {}\n", num(rng)));
        }
    }
    if rng.chance(40) {
        t.push_str("\n[sangong.actual]\n");
        for key in ["abroad", "car_running", "reception"] {
            t.push_str(&format!("{key} = {}\n", num(rng)));
        }
    }
    if rng.chance(40) {
        t.push_str("\n[previous]\n");
        if rng.chance(50) {
            t.push_str(&format!(
                "amount_unit = \"{}\"\n",
                rng.pick(&["元", "万元"])
            ));
        }
        for key in ["total", "income", "spending", "general_spending"] {
            t.push_str(&format!("{key} = {}\n", num(rng)));
        }
    }
    if rng.chance(30) {
        t.push_str(&format!(
            "\n[typed]\nunit = \"{}\"\nfigures = {{ spending_total = {}, personnel_total = {} }}\nrows = [{{ table = \"05\", code = \"合计\", values = [{}, {}] }}]\n",
            rng.pick(&["元", "万元"]),
            num(rng),
            num(rng),
            num(rng),
            num(rng)
        ));
    }
    if rng.chance(40) {
        t.push_str(&format!(
            "\n[narrative.performance]\nproject_count = {}\nproject_funds = {}\n",
            rng.pick(&["0", "3", "4294967295"]),
            num(rng)
        ));
        for _ in 0..rng.below(3) {
            t.push_str(&format!(
                "\n[[narrative.performance.projects]]\nname = \"{}\"\nbudget = {}\nspent = {}\n",
                rng.pick(&["网络运维项目", "网格项目"]),
                num(rng),
                num(rng)
            ));
        }
    }
    if rng.chance(30) {
        for _ in 0..1 + rng.below(2) {
            t.push_str(&format!(
                "\n[[narrative.projects]]\nname = \"网络运维项目\"\namount = {}\n",
                num(rng)
            ));
        }
    }
    if rng.chance(30) {
        t.push_str(&format!(
            "\n[narrative.assets]\nequipment = {}\n[narrative.assets.vehicles]\nleaders = {}\nother = {}\n",
            rng.pick(&["0", "4294967295"]),
            rng.pick(&["0", "4294967295"]),
            rng.pick(&["1", "4294967295"])
        ));
    }
    t
}

#[test]
fn generated_inputs_never_panic() {
    let toolkit = support::toolkit();
    let mut outcomes = Outcomes::default();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for case in 0..300 {
        let text = generate(&mut rng);
        if let Err(why) = run(toolkit, &text, &mut outcomes) {
            panic!("generated case {case} {why} on:\n{text}");
        }
    }
    eprintln!("generated inputs: {outcomes:?}");
    assert!(
        outcomes.rendered > 40 && outcomes.refused > 60,
        "{outcomes:?}"
    );
    // Typesetting each case would take minutes: a few rendered ones are typeset,
    // and Typst accepts the source gongkai generated for them.
    let library = toolkit.renderer.typst_library();
    for source in outcomes.sources.iter().step_by(13).take(3) {
        let typeset = catch_unwind(AssertUnwindSafe(|| {
            gongkai::typeset::typeset(source, library, &toolkit.fonts, false)
        }));
        match typeset {
            Ok(Ok(_)) => {}
            Ok(Err(f)) => panic!("Typst refused generated source: {f}\n{source}"),
            Err(_) => panic!("typesetting panicked on:\n{source}"),
        }
    }
}

/// Each reproducer of issue 13 that once panicked gives a located Chinese error.
#[test]
fn amounts_that_once_panicked_are_located_errors() {
    let toolkit = support::toolkit();
    let head =
        "[unit]\nname = \"武汉市测试区网络运维服务中心\"\nyear = 2024\npublished = 2025-09-26\n";
    let cases = [
        ("[settings]\namount_unit = \"万元\"\n[[items]]\ncode = \"2013750\"\ngeneral_basic = 1e25\n", "E0104", "1e25"),
        ("[settings]\namount_unit = \"万元\"\n[[items]]\ncode = \"2013750\"\ngeneral_basic = 1\n[previous]\ntotal = 1e25\n", "E0104", "1e25"),
        ("[[items]]\ncode = \"2013750\"\ngeneral_basic = 4e28\ngeneral_project = 4e28\n", "E0104", "4e28"),
        ("[[items]]\ncode = \"2013750\"\nbudget = \"79228162514264337593543950335\"\n", "E0104", "\"79228162514264337593543950335\""),
        ("[settings]\namount_unit = \"万元\"\n[[items]]\ncode = \"2013750\"\ngeneral_basic = 9999999999\n", "E0208", "9999999999"),
        ("[[items]]\ncode = \"2013750\"\ngeneral_basic = 1e-30\n", "E0104", "1e-30"),
        ("[[items]]\ncode = \"2013750\"\ngeneral_basic = 0.30000000000000004\n", "E0209", "0.30000000000000004"),
    ];
    for (body, code, written) in cases {
        let text = format!("{head}{body}");
        let result = catch_unwind(AssertUnwindSafe(|| {
            load_str(Path::new("x.toml"), &text)
                .and_then(|l| toolkit.check(&l).map(|c| c.diagnostics))
        }))
        .unwrap_or_else(|_| panic!("panicked on:\n{text}"));
        let diagnostics = match result {
            Ok(d) => d,
            Err(f) => f.diagnostics,
        };
        let d = diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code} for:\n{text}\n{diagnostics:?}"));
        let location = d.location.as_ref().expect("located");
        assert!(
            location.line > 0 && location.line_text.contains(written),
            "{d}"
        );
        assert!(d.message.contains("金额"), "{d}");
    }
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let line = format!("x = \"{}\"\n", "长".repeat(MAX_INPUT_BYTES / 3));
    let failure = load_str(Path::new("big.toml"), &line).unwrap_err();
    assert_eq!(failure.diagnostics[0].code, "E0005");
    assert!(failure.diagnostics[0].message.contains("输入文件过大"));
    // Just under the limit, a broken 1 MB line: the diagnostic stays short.
    let line = format!("{}\n", "x".repeat(MAX_INPUT_BYTES - 1));
    let failure = load_str(Path::new("line.toml"), &line).unwrap_err();
    let shown = failure.to_string();
    assert!(shown.len() < 2_000, "{} bytes of diagnostics", shown.len());
}

#[test]
fn oversized_file_is_refused_without_reading_it_whole() {
    let dir = support::scratch("robustness", "big");
    let path = dir.join("2024.toml");
    std::fs::write(&path, vec![b'#'; MAX_INPUT_BYTES + 1]).unwrap();
    let failure = gongkai::load::load_file(&path).unwrap_err();
    assert_eq!(failure.diagnostics[0].code, "E0005");
}
