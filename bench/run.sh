#!/usr/bin/env bash
# Benchmarks recorded in the README. Needs: a release build, hyperfine and GNU time
# (Debian packages), and the typst CLI of the same Typst version (installed with
# `cargo install typst-cli --version 0.15.1 --locked` when missing). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
TYPST=${TYPST:-$(command -v typst || echo /tmp/typst-cli/bin/typst)}
[ -x "$TYPST" ] || cargo install typst-cli --version 0.15.1 --locked --root /tmp/typst-cli
cargo build --release --quiet
G=$PWD/target/release/gongkai
W=$(mktemp -d)
SAMPLE=data/huangpi-network-ops/2024.toml

echo "## One booklet, cold process: gongkai vs typst CLI on the same emitted source"
$G build $SAMPLE -o "$W/g.pdf" --emit typ "$W/src" 2>/dev/null
hyperfine --warmup 2 --runs 15 --export-markdown "$W/one.md" \
  -n gongkai "$G build $SAMPLE -o $W/g.pdf" \
  -n "typst compile" "$TYPST compile --ignore-system-fonts --font-path fonts --pdf-standard a-2b --pdf-standard ua-1 $W/src/main.typ $W/t.pdf"
cat "$W/one.md"

echo "## Release binary size"
ls -l target/release/gongkai | awk '{printf "%.0f MB\n", $5 / 1e6}'

echo "## Watch mode: paragraph saved → PDF written, through the watch loop"
cargo bench --quiet --bench rebuild

echo "## 100 units in one batch, and peak memory for one booklet"
python3 bench/make_units.py "$W/units" 100
# Run where the batch's out/ is a scratch directory.
(cd "$W" && /usr/bin/time -f "batch of 100: %e s wall, %M KB peak RSS" $G build units 2>&1 >/dev/null | tail -1)
/usr/bin/time -f "one booklet: %e s wall, %M KB peak RSS" $G build $SAMPLE -o "$W/g.pdf" 2>&1 >/dev/null | tail -1
rm -rf "$W"
