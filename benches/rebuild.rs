//! Watch-mode latency: one paragraph edited → new PDF written, in one process with
//! Typst's cache kept warm. Run with `cargo bench --bench rebuild` (or bench/run.sh).

use gongkai::watch::rebuild;
use gongkai::Toolkit;
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = std::env::temp_dir().join("gongkai-bench-rebuild");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("2024.toml");
    let output = dir.join("b.pdf");
    let sample =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(gongkai::SAMPLE_PATH))
            .unwrap();
    let toolkit = Toolkit::new();
    std::fs::write(&input, &sample).unwrap();
    let cold = Instant::now();
    rebuild(&toolkit, &input, &output, false).unwrap();
    let cold = cold.elapsed();

    let mut times = Vec::new();
    for round in 0..15 {
        let edited = sample.replace(
            "我单位是独立核算单位。",
            &format!("我单位是独立核算单位（第{round}次修改）。"),
        );
        let started = Instant::now();
        std::fs::write(&input, &edited).unwrap();
        rebuild(&toolkit, &input, &output, false).unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "first build in process: {:.0} ms",
        cold.as_secs_f64() * 1000.0
    );
    println!(
        "paragraph edited → PDF written (warm, 15 edits): median {:.0} ms, max {:.0} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
