"""Publishing: whole releases, an atomic switch, rollback, refusals, and reproducible builds."""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.plugin import build_site
from generator.publish import PublishError, list_releases, publish, rollback, stamped_files, tree_files, tree_hash
from tests.conftest import REPO, add_draft, approve_again, copy_project, keep_displays
from tests.nginx import Nginx
from tests.test_cli import start_casecast


def rename_site(project: Path, name: str) -> None:
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(re.sub(r"^name: \{zh: [^,]+,", f"name: {{zh: {name},", text, count=1, flags=re.M), encoding="utf-8")


def test_build_info_describes_the_build(project: Path) -> None:
    assert build_site(project, strict=True)
    info = json.loads((project / "site/build-info.json").read_text(encoding="utf-8"))
    assert info["problems"] == [] and info["drafts"] is False and info["strict"] is True
    assert info["counts"]["cases"] >= 12 and info["counts"]["slides"] > 100 and info["counts"]["mobile_files"] > 40
    assert info["tree_sha256"] == tree_hash(project / "site")
    assert info["time_zone"] == "Asia/Shanghai"  # content/site.yaml's


def test_releases_show_their_build_time_in_the_sites_time_zone(tmp_path: Path) -> None:
    """Staff in Shanghai or Seoul read when a release was built on their own clock, not in UTC."""
    builds = {
        "20261204T091200.000000Z-aaaaaa": {"build_time": "2026-12-04T09:12:00+00:00", "time_zone": "Asia/Seoul"},
        "20261204T093000.000000Z-bbbbbb": {"build_time": "2026-12-04T09:30:00+00:00", "time_zone": "Asia/Shanghai"},
        "20261204T094500.000000Z-cccccc": {"build_time": "2026-12-04T09:45:00+00:00"},  # an older build-info
        "20261204T095000.000000Z-dddddd": {"build_time": "yesterday", "time_zone": "../../etc/passwd"},
    }
    for name, info in builds.items():
        (tmp_path / "srv/releases" / name).mkdir(parents=True)
        (tmp_path / "srv/releases" / name / "build-info.json").write_text(json.dumps(info), encoding="utf-8")
    assert [r.built for r in list_releases(tmp_path / "srv")] == [
        "2026-12-04 18:12 (Asia/Seoul)",
        "2026-12-04 17:30 (Asia/Shanghai)",
        "2026-12-04 09:45 (UTC)",
        "yesterday",
    ]


def test_the_tree_hash_covers_every_file_in_a_fixed_order_however_it_was_listed(tmp_path: Path) -> None:
    """Folder by folder ('a/x' before 'a-b'); a file renamed or changed changes it; folders a build listed already
    (the exports `--only site` carries over) and the hashes it knew give the very same digest."""
    site = tmp_path / "site"
    for name, data in {"a/x.png": b"1", "a-b": b"2", "a/y/z.html": b"3", "exports/slides/s.png": b"4"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    assert tree_files(site) == ["a/x.png", "a/y/z.html", "a-b", "exports/slides/s.png"]
    digest = tree_hash(site)
    known: dict[str, str] = {}
    assert tree_hash(site, known=known) == digest and len(known) == 4
    listed = {"exports/slides": stamped_files(site / "exports/slides", "exports/slides/")}
    assert tree_hash(site, known=dict(known), listed=listed) == digest
    assert tree_hash(site, known={}, listed=listed) == digest

    (site / "a-b").rename(site / "a-c")
    assert tree_hash(site) != digest
    (site / "a-c").rename(site / "a-b")
    (site / "exports/slides/s.png").write_bytes(b"55")  # a new stamp: read again, not taken from `known`
    assert (
        tree_hash(
            site,
            known=dict(known),
            listed={"exports/slides": stamped_files(site / "exports/slides", "exports/slides/")},
        )
        == tree_hash(site)
        != digest
    )


def test_publish_twice_roll_back_and_the_served_home_page_changes_back(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "srv"
    rename_site(project, "第一版")
    assert build_site(project, strict=True)
    first = publish(project / "site", target)
    server = Nginx(target / "current", tmp_path / "nginx")
    try:
        assert "第一版" in server.get("/")[2].decode("utf-8")
        rename_site(project, "第二版")
        assert build_site(project, strict=True)
        second = publish(project / "site", target)
        assert "第二版" in server.get("/")[2].decode("utf-8")
        assert [r.name for r in list_releases(target)] == [first.name, second.name]
        back = rollback(target)
        assert back.name == first.name
        assert "第一版" in server.get("/")[2].decode("utf-8")
    finally:
        server.stop()


def test_killing_a_publish_mid_copy_leaves_the_old_release_served(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "srv"
    assert build_site(project, strict=True)
    old = publish(project / "site", target)
    rename_site(project, "半途而废")
    assert build_site(project, strict=True)
    process = start_casecast(project, "publish", "--to", str(target))
    deadline = time.monotonic() + 60
    while not list((target / "releases").glob(".*.partial/exports")):
        assert process.poll() is None, "publish finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (target / "current").resolve() == old.path.resolve()
    assert "半途而废" not in (target / "current/index.html").read_text(encoding="utf-8")
    assert [r.name for r in list_releases(target)] == [old.name]
    publish(project / "site", target)  # the next publish clears the half copy away
    assert not list((target / "releases").glob(".*.partial"))


def test_publish_keeps_the_last_n_releases(project: Path, tmp_path: Path) -> None:
    assert build_site(project, strict=True)
    for _ in range(4):
        publish(project / "site", tmp_path / "srv", keep=2)
    releases = list_releases(tmp_path / "srv")
    assert len(releases) == 2 and releases[-1].current


def test_a_wrong_stored_hash_is_refused_at_publish_and_building_again_mends_it(project: Path, tmp_path: Path) -> None:
    """`--only site` trusts the last build's hashes of the exports it carries over (a hard link keeps its file's
    stamp). If they are wrong (a slide edited in place with its time put back, a doctored cache), publish
    refuses, as it must; building again, as its message says, then reads every file and publishes."""
    env = {**os.environ, "CASECAST_CACHE_DIR": str(tmp_path / "cache"), "CASECAST_LANG": "en"}
    run = functools.partial(subprocess.run, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    cli = [sys.executable, "-m", "generator.cli"]
    assert run([*cli, "build"]).returncode == 0
    store = tmp_path / "cache/tree-hashes.json"
    stored = json.loads(store.read_text(encoding="utf-8"))
    store.write_text(json.dumps({stamp: "00" * 32 for stamp in stored} | {"x:1:2:3": "zz", "y:1:2:3": 5}), "utf-8")
    assert run([*cli, "build", "--only", "site"]).returncode == 0  # and no traceback for the garbled entries
    refused = run([*cli, "publish", "--to", str(tmp_path / "srv")])
    assert refused.returncode == 1 and "changed after it was built: build again before publishing" in refused.stderr
    assert run([*cli, "build", "--only", "site"]).returncode == 0
    published = run([*cli, "publish", "--to", str(tmp_path / "srv")])
    assert published.returncode == 0, published.stderr
    assert (tmp_path / "srv/current/exports/mobile/zh/feed.json").is_file()


def test_a_case_in_review_does_not_block_publishing_the_others(project: Path, tmp_path: Path) -> None:
    add_draft(project)
    assert build_site(project, strict=True)  # it is simply not published
    release = publish(project / "site", tmp_path / "srv")
    assert not (release.path / "cases/fake-refund-shopping").exists()
    assert (release.path / "cases/card-renting/index.html").is_file()


def test_publish_refuses_warnings_drafts_and_changed_trees(project: Path, tmp_path: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("summary: ", "summary: <b>注意</b>", 1), "utf-8")
    approve_again(project, "content/cases/card-renting.yaml")
    assert build_site(project)  # not strict: raw HTML is a warning, shown as text
    with pytest.raises(PublishError, match="warnings"):
        publish(project / "site", tmp_path / "srv")
    publish(project / "site", tmp_path / "srv", allow_warnings=True)
    add_draft(project)
    assert build_site(project, drafts=True)
    with pytest.raises(PublishError, match="drafts"):
        publish(project / "site", tmp_path / "srv2", allow_warnings=True)
    case.write_text(case.read_text(encoding="utf-8").replace("<b>注意</b>", ""), "utf-8")
    approve_again(project, "content/cases/card-renting.yaml")
    assert build_site(project, strict=True)
    (project / "site/index.html").write_text("tampered", encoding="utf-8")
    with pytest.raises(PublishError, match="changed after it was built"):
        publish(project / "site", tmp_path / "srv3")


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    for n, (seed, tz) in enumerate((("1", "UTC"), ("4242", "Asia/Seoul"))):
        # a PNG screen, a JPEG one and a mono strip with its scrolling videos: every kind of file a build writes
        project = keep_displays(copy_project(tmp_path / f"place-{n}" / "project"), "led-wall", "totem", "door-strip")
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "SOURCE_DATE_EPOCH": "1795000000",
            "PYTHONHASHSEED": seed,
            "TZ": tz,
            "CASECAST_CACHE_DIR": str(tmp_path / f"cache-{n}"),  # each renders its own slides
        }
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--strict"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        info = json.loads((project / "site/build-info.json").read_text(encoding="utf-8"))
        trees.append((info["tree_sha256"], info["build_time"], project / "site"))
    assert trees[0][0] == trees[1][0]
    assert trees[0][1] == trees[1][1] == "2026-11-18T11:06:40+00:00"  # SOURCE_DATE_EPOCH, not the clock
    first, second = trees[0][2], trees[1][2]
    assert (first / "build-info.json").read_bytes() == (second / "build-info.json").read_bytes()


def test_a_published_release_is_readable_by_the_web_server_user(project: Path, tmp_path: Path) -> None:
    assert build_site(project, strict=True)
    release = publish(project / "site", tmp_path / "srv")
    assert (project / "site").stat().st_mode & 0o005 == 0o005
    assert release.path.stat().st_mode & 0o005 == 0o005


def test_building_only_the_site_keeps_the_last_builds_slides_and_mobile_files(project: Path, tmp_path: Path) -> None:
    """`casecast build --only site` renews the pages; the lobby slides and app files already made stay, and the
    build can still be published (its tree digest includes them)."""
    assert build_site(project, strict=True)
    exports = project / "site/exports"
    before = {p.relative_to(exports): p.read_bytes() for p in exports.rglob("*") if p.is_file()}
    assert any(p.suffix == ".png" for p in before) and any(p.name == "feed.json" for p in before)
    rename_site(project, "只更新页面")
    assert build_site(project, strict=True, exports=[])
    assert "只更新页面" in (project / "site/index.html").read_text(encoding="utf-8")
    after = {p.relative_to(exports): p.read_bytes() for p in exports.rglob("*") if p.is_file()}
    assert after == before
    publish(project / "site", tmp_path / "srv")  # refuses a tree changed after its build-info was written
    assert (tmp_path / "srv/current/exports/mobile/zh/feed.json").is_file()
