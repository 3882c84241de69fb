//! Watch-mode latency: one paragraph edited and saved → new PDF written, through the
//! real watch loop (file-system notification, settle, rebuild with Typst's cache kept
//! warm, atomic write). Also the rebuild alone, without the notification. Run with
//! `cargo bench --bench rebuild` (or bench/run.sh).

use gongkai::app::watch::Session;
use gongkai::Toolkit;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EDITS: usize = 21;

fn median_max(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}

/// The sample with a marker added to its first paragraph: a real text edit.
fn edited(sample: &str, round: usize) -> String {
    sample.replacen(
        "text = \"\"\"\n",
        &format!("text = \"\"\"\n第{round}次修改。"),
        1,
    )
}

fn bench(label: &str, sample_path: &str) {
    let dir = std::env::temp_dir().join(format!("gongkai-bench-rebuild-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("2024.toml");
    let sample =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(sample_path)).unwrap();
    assert_ne!(
        edited(&sample, 0),
        sample,
        "the sample has a paragraph to edit"
    );
    std::fs::write(&input, &sample).unwrap();
    let mut session = Session {
        toolkit: Toolkit::new(),
        input: input.clone(),
        output: Some(dir.join("b.pdf")),
        draft: false,
        templates: None,
    };

    // The rebuild alone (warm), for comparison.
    session.rebuild().unwrap();
    let mut alone = Vec::new();
    for round in 0..EDITS {
        std::fs::write(&input, edited(&sample, 1000 + round)).unwrap();
        let started = Instant::now();
        session.rebuild().unwrap();
        alone.push(started.elapsed().as_secs_f64() * 1000.0);
    }

    // Save → PDF written, through the watch loop.
    let (done_tx, done_rx) = mpsc::channel();
    let mut latencies = Vec::new();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut builds = 0;
            session
                .run(|result| {
                    assert!(result.is_ok(), "rebuild failed");
                    done_tx.send(Instant::now()).unwrap();
                    builds += 1;
                    builds <= EDITS
                })
                .unwrap();
        });
        done_rx.recv().unwrap(); // the first build, on start
        for round in 0..EDITS {
            // Let the watcher settle back into waiting, as between a person's saves.
            std::thread::sleep(Duration::from_millis(300));
            let saved = Instant::now();
            std::fs::write(&input, edited(&sample, round)).unwrap();
            let written = done_rx.recv_timeout(Duration::from_secs(30)).unwrap();
            latencies.push((written - saved).as_secs_f64() * 1000.0);
        }
    });
    let (median, max) = median_max(latencies);
    let (alone_median, _) = median_max(alone);
    println!(
        "{label}: paragraph saved → PDF written (watch loop, {EDITS} edits): median {median:.0} ms, max {max:.0} ms; the rebuild alone: median {alone_median:.0} ms"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn main() {
    bench("sample 000", "data/huangpi-network-ops/2024.toml");
    bench("sample 003", "data/qingshan-bigdata/2024.toml");
}
