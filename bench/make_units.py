#!/usr/bin/env python3
"""Writes N unit-year files for the batch benchmark: the three samples, each copy under
its own unit name, so every booklet is a distinct, valid document."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1])
count = int(sys.argv[2])
samples = ["data/huangpi-network-ops/2024.toml", "data/huangpi-bigdata/2022.toml", "data/qingshan-bigdata/2024.toml"]
for i in range(count):
    src = (root / samples[i % 3]).read_text(encoding="utf-8")
    src = src.replace('name = "', f'name = "第{i + 1}号', 1)
    unit = out / f"unit-{i + 1:03d}"
    unit.mkdir(parents=True, exist_ok=True)
    year = re.search(r"^year = (\d+)", src, re.M).group(1)
    (unit / f"{year}.toml").write_text(src, encoding="utf-8")
