"""Nothing lost: a killed or failed build leaves the previous site/ exactly as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.plugin import build_site
from tests.conftest import approve_again
from tests.processes import assert_they_end, processes

REPO = Path(__file__).resolve().parent.parent


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_killing_a_build_half_way_leaves_the_old_site(project: Path) -> None:
    assert build_site(project)
    before = fingerprint(project / "site")
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: 出租", "title: 新标题出租"), encoding="utf-8")
    approve_again(project, "content/cases/card-renting.yaml")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any((w / "index.html").exists() for w in project.glob(".casecast-build-*")):
        assert build.poll() is None, "the build finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert fingerprint(project / "site") == before
    assert build_site(project)  # the next build clears what the killed one left behind
    assert not list(project.glob(".casecast-build-*"))
    assert "新标题出租" in (project / "site/cases/card-renting/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("moment", ["pages", "slides"])
def test_a_killed_build_leaves_no_worker_process_behind(project: Path, moment: str) -> None:
    """Its word-cutting and slide-drawing workers go too: nothing keeps running (and holding memory) for ever."""
    cache = project / ".cache-killed"
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), "CASECAST_CACHE_DIR": str(cache)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while True:
        assert build.poll() is None, f"the build finished before it could be killed during its {moment}"
        assert time.monotonic() < deadline
        workers = processes(1, build.pid)
        if moment == "pages":  # MkDocs writes pages while the word-cutter waits for more
            reached = any((w / "index.html").exists() for w in project.glob(".casecast-build-*"))
        else:
            reached = any((cache / "slides").glob("*.png"))
        if workers and reached:
            break
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert_they_end(workers)


def test_the_old_site_is_deleted_in_the_background_and_a_leftover_by_the_next_build(project: Path) -> None:
    leftover = project / ".casecast-old-1-casecast-build-1-x"  # a deleting process that never finished
    (leftover / "cases").mkdir(parents=True)
    (leftover / "cases/index.html").write_text("old", encoding="utf-8")
    assert build_site(project, exports=[])
    assert build_site(project, exports=[])  # the first build's site is now the old tree
    deadline = time.monotonic() + 30
    while list(project.glob(".casecast-old-*")):
        assert time.monotonic() < deadline, list(project.glob(".casecast-old-*"))
        time.sleep(0.1)
    assert (project / "site/index.html").is_file()
