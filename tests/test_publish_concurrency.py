"""Publishing and the site swap under concurrency and kills: the web server's folder always serves one
whole, verified release, and site/ is never missing.

Each test repeats its race several times (CASECAST_RACE_ROUNDS, default 4; the note's figures come from 20)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import BUILD_INFO, PublishError, list_releases, publish, tree_hash
from generator.swap import exchange, recover, swap_in

REPO = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("CASECAST_RACE_ROUNDS", "4"))
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def fake_build(folder: Path, label: str, files: int = 400) -> Path:
    """A built site as publish sees it: many files and a build-info.json with the tree's digest."""
    for i in range(files):
        page = folder / f"cases/c{i:03d}/index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<h1>{label} {i}</h1>" + "案例" * 400, encoding="utf-8")
    info = {"build_time": label, "drafts": False, "problems": [], "tree_sha256": tree_hash(folder)}
    (folder / BUILD_INFO).write_text(json.dumps(info), encoding="utf-8")
    return folder


def serves_a_whole_release(target: Path) -> str:
    current = (target / "current").resolve()
    info = json.loads((current / BUILD_INFO).read_text(encoding="utf-8"))
    assert tree_hash(current) == info["tree_sha256"], f"{current.name} is not the whole build"
    return info["build_time"]


def publish_in_background(site: Path, target: Path) -> subprocess.Popen:
    code = f"from pathlib import Path; from generator.publish import publish; publish(Path({str(site)!r}), Path({str(target)!r}))"  # noqa: E501
    return subprocess.Popen([sys.executable, "-c", code], env=ENV, stderr=subprocess.PIPE, text=True)


def test_two_publishes_at_once_both_publish_whole_releases_one_after_the_other(tmp_path: Path) -> None:
    a, b = fake_build(tmp_path / "a", "build-a"), fake_build(tmp_path / "b", "build-b")
    target = tmp_path / "srv"
    for round_ in range(ROUNDS):
        before = {r.name for r in list_releases(target)}
        runs = [publish_in_background(a, target), publish_in_background(b, target)]
        for run in runs:
            _, errors = run.communicate(timeout=120)
            assert run.returncode == 0, errors
        new = {r.name for r in list_releases(target)} - before
        assert len(new) == 2, f"round {round_}: {new}"  # two releases, two names
        assert serves_a_whole_release(target) in ("build-a", "build-b")
        assert not list((target / "releases").glob(".*.partial"))
    names = [r.name for r in list_releases(target)]
    assert len(names) == len(set(names)) == min(5, 2 * ROUNDS)  # --keep 5 pruned the oldest


def test_a_publish_killed_at_any_moment_leaves_the_last_release_served(tmp_path: Path) -> None:
    a, b = fake_build(tmp_path / "a", "build-a"), fake_build(tmp_path / "b", "build-b", files=3000)
    target = tmp_path / "srv"
    publish(a, target)
    rng = random.Random(17)
    for _ in range(ROUNDS):
        run = publish_in_background(b, target)
        time.sleep(rng.uniform(0.05, 0.6))  # anywhere in the copy, the check, the switch or the pruning
        run.send_signal(signal.SIGKILL)
        run.wait()
        assert serves_a_whole_release(target) in ("build-a", "build-b")
    publish(b, target)  # the next publish is not blocked, and clears what the killed ones left
    assert serves_a_whole_release(target) == "build-b"
    assert not list((target / "releases").glob(".*.partial"))


def test_a_copy_that_does_not_match_the_build_is_not_switched_to(tmp_path: Path, monkeypatch) -> None:
    a, b = fake_build(tmp_path / "a", "build-a"), fake_build(tmp_path / "b", "build-b")
    target = tmp_path / "srv"
    publish(a, target)
    copy = shutil.copytree

    def lossy_copy(source, destination, *args, **kwargs):  # as a full disk would: one file short
        monkeypatch.setattr(shutil, "copytree", copy)  # the rest of the copy as usual
        result = copy(source, destination, *args, **kwargs)
        next(Path(destination).rglob("index.html")).unlink()
        return result

    monkeypatch.setattr(shutil, "copytree", lossy_copy)
    with pytest.raises(PublishError, match="does not match the build"):
        publish(b, target)
    assert serves_a_whole_release(target) == "build-a"
    assert len(list_releases(target)) == 1


SWAP = """
import sys
from pathlib import Path
from generator.swap import swap_in
swap_in(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_site_swap_killed_at_any_moment_leaves_a_whole_site(tmp_path: Path) -> None:
    rng = random.Random(29)
    site = fake_build(tmp_path / "site", "old", files=1500)
    for round_ in range(ROUNDS):
        label = f"new-{round_}"
        new = fake_build(tmp_path / f".casecast-build-{round_}", label, files=1500)
        run = subprocess.Popen([sys.executable, "-c", SWAP, str(new), str(site)], env=ENV)
        time.sleep(rng.uniform(0.0, 0.25))  # before, during or after the exchange, or while the old is deleted
        run.send_signal(signal.SIGKILL)
        run.wait()
        recover(site)
        info = json.loads((site / BUILD_INFO).read_text(encoding="utf-8"))
        assert tree_hash(site) == info["tree_sha256"], f"round {round_}: site/ is not a whole build"
        for leftover in tmp_path.glob(".casecast-build-*"):
            shutil.rmtree(leftover)  # what the next build's clean-up does


def test_the_swap_is_one_atomic_exchange_on_this_machine(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/one").touch()
    assert exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b/one").exists() and not (tmp_path / "a/one").exists()


def test_where_there_is_no_exchange_a_kill_between_the_renames_is_undone(tmp_path: Path, monkeypatch) -> None:
    site = fake_build(tmp_path / "site", "old", files=3)
    new = fake_build(tmp_path / "new", "new", files=3)
    monkeypatch.setattr("generator.swap.exchange", lambda a, b: False)
    replace = os.replace

    def killed_after_first(source, destination):
        replace(source, destination)
        if Path(destination).name == "site.old":
            raise KeyboardInterrupt  # the process dies between the two renames

    monkeypatch.setattr(os, "replace", killed_after_first)
    with pytest.raises(KeyboardInterrupt):
        swap_in(new, site)
    monkeypatch.setattr(os, "replace", replace)
    assert not site.exists()
    recover(site)  # what the next build does first
    assert json.loads((site / BUILD_INFO).read_text())["build_time"] == "old"
