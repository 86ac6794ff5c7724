"""Build speed and scale: Casecast against plain Material baselines of the same pages.

Run:  make bench            (N = 300, 1000, 3000; 3 runs each)
      .venv/bin/python benchmarks/build.py --sizes 300 1000 --runs 3

For each N it generates synthetic content (Chinese cases, Korean translations of a third, every case in
a monthly theme, two displays), then times in separate processes: a full `casecast build`, a rebuild
with nothing changed, a rebuild after editing one case, `casecast build --only site`, and `mkdocs build`
of the same case pages written by hand with Material, (a) default navigation, (b) navigation.prune.
The site-only builds (warm cache, then empty) alternate with Material prune, twice per run, so the machine's
drift hits both alike; no step starts while an earlier build's old site is still being deleted in the
background (a build hands that to a process of its own: it would slow whatever is timed next).
Prints a table of medians and writes benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import approve_again, copy_project  # noqa: E402
from tests.synthetic import write_synthetic_cases  # noqa: E402

PYTHON = sys.executable
DISPLAYS = """displays:
  lobby-tv: {width: 1920, height: 1080, format: png, seconds: 10}
  led-strip: {width: 1280, height: 160, format: png, seconds: 6, kind: strip}
"""


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds, peak RSS (MB) and the log of one command run in its own process."""
    settled(cwd)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{errors[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, errors


def settled(folder: Path, patience: float = 120) -> None:
    """Wait until no old site is being deleted in `folder` or a project in it (.casecast-old-*, generator/swap.py)."""
    deadline = time.monotonic() + patience
    while any(folder.glob(".casecast-old-*")) or any(folder.glob("*/.casecast-old-*")):
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)


def export_log(log: str) -> dict[str, float]:
    """What the build said of its exports: seconds and how many slides were drawn, mobile cases rendered."""
    found: dict[str, float] = {}
    slides = re.search(r"slides: \d+ in \d+ folders \((\d+) drawn.*in ([\d.]+) s", log)
    mobile = re.search(r"mobile: \d+ cases.*\((\d+) rendered.*in ([\d.]+) s", log)
    if slides:
        found["slides drawn"], found["slides seconds"] = int(slides[1]), float(slides[2])
    if mobile:
        found["mobile rendered"], found["mobile seconds"] = int(mobile[1]), float(mobile[2])
    return found


def make_project(folder: Path, n: int) -> Path:
    project = copy_project(folder / "project")
    write_synthetic_cases(project, n, korean_share=1 / 3)
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    text = re.sub(r"displays:\n(  .*\n)+", DISPLAYS, text)
    site.write_text(text, encoding="utf-8")
    return project


def baseline(folder: Path, project: Path, prune: bool) -> Path:
    """The same case pages as hand-made Markdown under Material, in folders of 50."""
    docs = folder / "docs"
    if not docs.exists():
        import yaml

        docs.mkdir(parents=True)
        (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
        for i, path in enumerate(sorted((project / "content/cases").glob("*.yaml"))):
            case = yaml.safe_load(path.read_text(encoding="utf-8"))
            page = docs / f"cases/{i // 50:03d}/{path.stem}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            flags = "\n".join(f"    - {x}" for x in case["red_flags"])
            advice = "\n".join(f"    - {x}" for x in case["advice"])
            page.write_text(
                f"# {case['title']}\n\n**{case['summary']}**\n\n{case['story']}\n\n"
                f'!!! danger "风险提示"\n\n{flags}\n\n!!! tip "防范建议"\n\n{advice}\n\n'
                f'!!! info "热线"\n\n    95599\n',
                encoding="utf-8",
            )
    features = "[navigation.prune]" if prune else "[]"
    config = folder / f"mkdocs-{'prune' if prune else 'default'}.yml"
    config.write_text(
        f"site_name: baseline\ndocs_dir: docs\nsite_dir: site-{'prune' if prune else 'default'}\n"
        f"theme: {{name: material, language: zh, font: false, features: {features}}}\n"
        "plugins: [search]\nmarkdown_extensions: [admonition]\n",
        encoding="utf-8",
    )
    return config


def case_page_kb(site: Path) -> float:
    pages = sorted((site / "cases").rglob("index.html"))
    return round(statistics.median(p.stat().st_size for p in pages) / 1024, 1) if pages else 0.0


def measure(n: int, runs: int) -> dict:
    rows: dict[str, list[float]] = {}
    rss: dict[str, int] = {}
    sizes: dict[str, float] = {}
    counts: dict[str, int] = {}
    exports: dict[str, dict[str, list[float]]] = {}
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            project = make_project(folder, n)
            env = {**os.environ, "PYTHONPATH": str(ROOT), "CASECAST_CACHE_DIR": str(folder / "cache")}
            cli = [PYTHON, "-m", "generator.cli", "build"]
            steps = [
                ("full build", cli),
                ("no-change rebuild", cli),
                ("one case edited", cli),
                ("material default nav", None),
                *[("material prune", None), ("site only", [*cli, "--only", "site"])] * 2,
                *[("material prune", None), ("site only, empty cache", [*cli, "--only", "site"])] * 2,
            ]
            for name, command in steps:
                if name == "one case edited":  # and approved again by the office, as a real edit would be
                    case = project / "content/cases/case-0001.yaml"
                    case.write_text(case.read_text(encoding="utf-8").replace("第2号案例", "第2号案例（更新）"), "utf-8")
                    approve_again(project, "content/cases/case-0001.yaml")
                if name.startswith("material"):
                    prune = name == "material prune"
                    config = baseline(folder, project, prune)
                    seconds, peak, _ = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], folder, env)
                    rows.setdefault(name, []).append(seconds)
                    rss[name] = max(rss.get(name, 0), peak)
                    sizes[name] = case_page_kb(folder / f"site-{'prune' if prune else 'default'}")
                    continue
                step_env = env
                if name == "site only, empty cache":
                    step_env = {**env, "CASECAST_CACHE_DIR": str(folder / "empty-cache")}
                    shutil.rmtree(folder / "empty-cache", ignore_errors=True)
                    shutil.rmtree(project / ".cache", ignore_errors=True)
                seconds, peak, log = timed(command, project, step_env)
                rows.setdefault(name, []).append(seconds)
                rss[name] = max(rss.get(name, 0), peak)
                for key, value in export_log(log).items():
                    exports.setdefault(name, {}).setdefault(key, []).append(value)
                if name == "full build":
                    info = json.loads((project / "site/build-info.json").read_text(encoding="utf-8"))
                    counts = {"pages": len(list((project / "site").rglob("*.html"))), **info["counts"]}
                    sizes["casecast"] = case_page_kb(project / "site")
            settled(project)
            print(f"  N={n} run {run + 1}/{runs} done", file=sys.stderr)
    medians = {name: statistics.median(times) for name, times in rows.items()}
    export_medians = {step: {k: statistics.median(v) for k, v in found.items()} for step, found in exports.items()}
    full = export_medians.get("full build", {})
    again = export_medians.get("no-change rebuild", {})
    full_seconds = full.get("slides seconds", 0) + full.get("mobile seconds", 0)
    again_seconds = again.get("slides seconds", 0) + again.get("mobile seconds", 0)
    return {
        "exports": export_medians,
        "exports_no_change_share": round(again_seconds / full_seconds, 3) if full_seconds else None,
        "n": n,
        "seconds": medians,
        "all_seconds": {name: [round(t, 2) for t in times] for name, times in rows.items()},  # in the order run
        "peak_rss_mb": rss,
        "kb_per_case_page": sizes,
        "counts": counts,
        "pages_per_second": round(counts.get("pages", 0) / medians["full build"], 1),
        "slides_per_second": round(counts.get("slides", 0) / medians["full build"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    out = ROOT / "benchmarks" / "results.json"
    results = []
    for n in args.sizes:  # written after each N: a long run cut short keeps what it measured
        results.append(measure(n, args.runs))
        data = {"machine": machine, "runs": args.runs, "sizes": args.sizes, "results": results}
        out.write_text(json.dumps(data, indent=2) + "\n")
    print(f"machine: {machine}; medians of {args.runs} runs; seconds (peak RSS MB)")
    steps = list(results[0]["seconds"])
    print(f"{'N':>6} " + " ".join(f"{s:>20}" for s in steps) + f" {'KB/case page':>13} {'per case ms':>12}")
    for r in results:
        cells = " ".join(f"{r['seconds'][s]:>12.1f} ({r['peak_rss_mb'][s]:>4})" for s in steps)
        per_case = 1000 * r["seconds"]["full build"] / r["n"]
        print(f"{r['n']:>6} {cells} {r['kb_per_case_page']['casecast']:>13} {per_case:>12.1f}")
    baseline_kb = {r["n"]: r["kb_per_case_page"] for r in results}
    print("KB per case page:", json.dumps(baseline_kb, ensure_ascii=False))
    for r in results:
        edit = r["exports"].get("one case edited", {})
        print(
            f"N={r['n']}: slides+mobile with nothing changed took {100 * (r['exports_no_change_share'] or 0):.1f}% "
            f"of their full render; one case edited drew {edit.get('slides drawn', '?'):.0f} slides and rendered "
            f"{edit.get('mobile rendered', '?'):.0f} mobile case(s); site only / Material prune = "
            f"{r['seconds']['site only'] / r['seconds']['material prune']:.2f} "
            f"(empty cache {r['seconds']['site only, empty cache'] / r['seconds']['material prune']:.2f})"
        )
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
