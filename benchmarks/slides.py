"""Slide rendering speed: one core against all cores, and a rebuild with nothing changed.

Run:  .venv/bin/python benchmarks/slides.py [--runs 3]
Prints a table of medians; each run starts from an empty cache except the "unchanged" row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.checking import check_project, publishable  # noqa: E402
from generator.slides import SlideOptions, build_slides  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def run(workers: int, cache: Path, out: Path) -> tuple[float, int, int]:
    loaded = check_project(ROOT, dt.date(2026, 11, 25))
    options = SlideOptions(root=ROOT, today=dt.date(2026, 11, 25), cache=cache, workers=workers)
    started = time.perf_counter()
    result = build_slides(publishable(loaded), loaded.sources, options, out, progress=lambda m: None)
    return time.perf_counter() - started, result.slides, result.rendered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for label, workers, fresh in (
        ("1 worker, empty cache", 1, True),
        (f"{os.cpu_count()} workers, empty cache", os.cpu_count() or 1, True),
        ("unchanged, warm cache", os.cpu_count() or 1, False),
    ):
        times = []
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            if not fresh:
                run(workers, cache, Path(tmp) / "warm")
            for i in range(args.runs):
                if fresh:
                    shutil.rmtree(cache, ignore_errors=True)
                seconds, slides, rendered = run(workers, cache, Path(tmp) / f"out{i}")
                times.append(seconds)
        rows.append((label, slides, rendered, statistics.median(times)))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}; median of {args.runs} runs")
    print(f"{'run':28} {'slides':>7} {'drawn':>6} {'seconds':>8}")
    for label, slides, rendered, seconds in rows:
        print(f"{label:28} {slides:7d} {rendered:6d} {seconds:8.2f}")
    print(f"speed-up with {os.cpu_count()} workers: {rows[0][3] / rows[1][3]:.2f}x")


if __name__ == "__main__":
    main()
