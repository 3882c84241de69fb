#!/usr/bin/env python3
"""Writes N unit-year files for the batch benchmark: the three samples, renamed and with
their amounts scaled, so every booklet is distinct but valid."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
count = int(sys.argv[2])
samples = ["data/huangpi-network-ops/2024.toml", "data/huangpi-bigdata/2022.toml", "data/qingshan-bigdata/2024.toml"]
for i in range(count):
    src = (root / samples[i % 3]).read_text(encoding="utf-8")
    factor = 1 + (i % 7)
    # Scale every amount by a whole factor: sums stay consistent, figures differ.
    def scale(m):
        return f"{m.group(1)}{int(round(float(m.group(2)) * 100)) * factor / 100:.2f}"
    src = re.sub(r'^((?:general|fund|capital)_\w+ = |budget = |"\d{5}" = |car_\w+ = )([\d.]+)', scale, src, flags=re.M)
    src = src.replace('name = "', f'name = "第{i + 1}号', 1)
    unit = out / f"unit-{i + 1:03d}"
    unit.mkdir(parents=True, exist_ok=True)
    year = re.search(r"^year = (\d+)", src, re.M).group(1)
    (unit / f"{year}.toml").write_text(src, encoding="utf-8")
