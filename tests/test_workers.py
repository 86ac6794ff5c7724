"""The build's worker processes work however Python starts them: fork, forkserver (Linux's default from
Python 3.14) and spawn; and under each, a killed build leaves none of them behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import keep_displays
from tests.processes import assert_they_end, processes

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(project: Path) -> Path:
    """The sample with one display, so that drawing every slide from an empty cache takes seconds."""
    return keep_displays(project, "lobby-tv")


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_a_build_draws_its_slides_in_workers_started_by_any_method(project: Path, method: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CASECAST_START_METHOD": method}
    env["CASECAST_CACHE_DIR"] = str(project / f".cache-{method}")  # empty: every slide is drawn by a worker
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--only", "slides"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "BrokenProcessPool" not in run.stderr
    drawn = next(line for line in run.stderr.splitlines() if line.startswith("slides: ") and " drawn" in line)
    assert " 0 drawn" not in drawn
    assert any((project / "site/exports/slides/lobby-tv").rglob("*.png"))


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_workers_leave_when_the_build_is_killed_under_any_start_method(project: Path, method: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CASECAST_START_METHOD": method}
    env["CASECAST_CACHE_DIR"] = str(project / f".cache-{method}")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--only", "slides"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not any((project / f".cache-{method}" / "slides").glob("*.png")):
        assert build.poll() is None, "the build finished before it could be killed during its slides"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    group = os.getpgid(build.pid)
    workers = [pid for pid in processes(2, group) if pid != build.pid]
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert_they_end(workers)
