"""Preview speed: from saving a case file to `casecast serve` serving the rebuilt page.

Run:  .venv/bin/python benchmarks/preview.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402
from tests.nginx import free_port  # noqa: E402
from tests.test_cli import start_casecast  # noqa: E402


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        port = free_port()
        server = start_casecast(project, "serve", "--port", str(port))
        url = f"http://127.0.0.1:{port}/cases/fake-tax-refund/"
        try:
            deadline = time.monotonic() + 120
            while "退税" not in fetch(url):
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
            time.sleep(2)
            case = project / "content/cases/fake-tax-refund.yaml"
            times = []
            for run in range(args.runs):
                marker = f"预览第{run}次"
                text = case.read_text(encoding="utf-8")
                text = (
                    text.replace("title: 接到", f"title: {marker}接到", 1)
                    if run == 0
                    else text.replace(f"预览第{run - 1}次", marker, 1)
                )
                started = time.perf_counter()
                case.write_text(text, encoding="utf-8")
                while marker not in fetch(url):
                    time.sleep(0.05)
                times.append(time.perf_counter() - started)
                time.sleep(3)  # let the watcher settle before the next save
        finally:
            server.terminate()
            server.wait(timeout=20)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}")
    print(f"save-to-served on the sample content: median {statistics.median(times):.2f} s over {args.runs} saves")
    print("each:", " ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    main()
