//! No input makes gongkai panic: mutated versions of the samples and of the faulty
//! corpus go through load → resolve → compute → validate, a bounded number of cases
//! with fixed seeds, and each gives either a result or diagnostics.

mod support;

use gongkai::input::load_str;
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
}

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

#[test]
fn mutated_inputs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = [
        "data/huangpi-network-ops/2024.toml",
        "data/huangpi-bigdata/2022.toml",
        "data/qingshan-bigdata/2024.toml",
        "tests/check/clean.toml",
        "tests/check/typed_total_mismatch.toml",
    ];
    let toolkit = support::toolkit();
    let mut outcomes = [0usize; 2];
    for (n, seed) in seeds.iter().enumerate() {
        let text = std::fs::read_to_string(root.join(seed)).unwrap();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1));
        for case in 0..120 {
            let mutated = mutate(&text, &mut rng);
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                load_str(Path::new("fuzz.toml"), &mutated).and_then(|l| toolkit.check(&l))
            }));
            match result {
                Ok(Ok(_)) => outcomes[0] += 1,
                Ok(Err(f)) => {
                    assert!(!f.diagnostics.is_empty(), "a failure always says why");
                    outcomes[1] += 1;
                }
                Err(_) => panic!("{seed}, case {case} panicked on:\n{mutated}"),
            }
        }
    }
    // The mutations reach both outcomes, so the test exercises more than the parser.
    assert!(outcomes[0] > 20 && outcomes[1] > 20, "{outcomes:?}");
}
