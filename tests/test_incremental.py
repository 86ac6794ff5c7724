"""Rebuilds do only what changed: nothing redrawn when nothing changed, one case's outputs after one edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.checking import check_project, publishable
from generator.mobile import build_mobile
from generator.pipeline import slide_options
from generator.slides import build_slides
from tests.conftest import copy_project

TODAY = dt.date(2026, 11, 25)
CASE = "content/cases/fake-tax-refund.yaml"


def exports(project: Path, out: Path):
    """Slides and mobile files into `out`, through the same caches a real build uses."""
    loaded = check_project(project, TODAY)
    content = publishable(loaded)
    slides = build_slides(content, loaded.sources, slide_options(project, TODAY), out / "slides", lambda m: None)
    labels = project / "theme/pages/labels.yaml"
    mobile = build_mobile(content, project, out / "mobile", TODAY, labels, cache=project / ".cache/casecast/mobile")
    return slides, mobile


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_nothing_changed_nothing_redrawn_and_one_edit_renews_only_that_case(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CASECAST_CACHE_DIR", raising=False)
    project = copy_project(tmp_path / "project")
    slides, mobile = exports(project, tmp_path / "one")
    assert slides.rendered > 0 and mobile.rendered == mobile.cases > 0  # (slides that look alike are drawn once)

    slides, mobile = exports(project, tmp_path / "two")
    assert (slides.rendered, mobile.rendered) == (0, 0)
    assert files(tmp_path / "two") == files(tmp_path / "one")  # the cache gives the very same bytes

    path = project / CASE
    path.write_text(path.read_text(encoding="utf-8").replace("7000余元", "8000余元"), encoding="utf-8")
    slides, mobile = exports(project, tmp_path / "three")
    assert mobile.rendered == 1
    before, after = files(tmp_path / "two"), files(tmp_path / "three")
    changed = sorted(name for name in after if after[name] != before.get(name))
    # the summary is on the mobile formats only: the case's fragment and H5 page, and the feed that carries it
    assert changed == ["mobile/zh/fake-tax-refund.html", "mobile/zh/fake-tax-refund.page.html", "mobile/zh/feed.json"]

    path.write_text(path.read_text(encoding="utf-8").replace("是诈骗！", "是骗局！", 1), encoding="utf-8")
    slides, mobile = exports(project, tmp_path / "four")
    before, after = after, files(tmp_path / "four")
    changed = sorted(name for name in after if after[name] != before.get(name))
    # lobby-tv, led-wall and totem show the title; the two LED strips show the case's slogan, unchanged
    assert slides.rendered == 3 and mobile.rendered == 1
    slide_files = [n for n in changed if n.startswith("slides/") and "/contact/" not in n]
    assert all("fake-tax-refund" in n or n.endswith(("playlist.json", "index.html")) for n in slide_files), changed
    assert sorted(n for n in changed if "/contact/" in n) == ["slides/contact/2026-03/zh/contact.png"]
