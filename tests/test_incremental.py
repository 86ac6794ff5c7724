"""Rebuilds do only what changed: nothing redrawn when nothing changed, one case's outputs after one edit."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from generator.checking import check_project, publishable
from generator.markup import render_markdown, stored_renderings
from generator.mobile import build_mobile
from generator.pipeline import slide_options
from generator.slides import build_slides
from tests.conftest import approve_again, copy_project, keep_displays

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
    project = keep_displays(copy_project(tmp_path / "project"), "lobby-tv", "totem", "door-strip")
    slides, mobile = exports(project, tmp_path / "one")
    assert slides.rendered > 0 and mobile.rendered == mobile.cases > 0  # (slides that look alike are drawn once)

    slides, mobile = exports(project, tmp_path / "two")
    assert (slides.rendered, mobile.rendered) == (0, 0)
    assert files(tmp_path / "two") == files(tmp_path / "one")  # the cache gives the very same bytes

    path = project / CASE
    path.write_text(path.read_text(encoding="utf-8").replace("7000余元", "8000余元"), encoding="utf-8")
    approve_again(project, CASE)
    slides, mobile = exports(project, tmp_path / "three")
    assert mobile.rendered == 1
    before, after = files(tmp_path / "two"), files(tmp_path / "three")
    changed = sorted(name for name in after if after[name] != before.get(name))
    # the summary is on the mobile formats only: the case's fragment and H5 page, and the feed that carries it
    assert changed == ["mobile/zh/fake-tax-refund.html", "mobile/zh/fake-tax-refund.page.html", "mobile/zh/feed.json"]

    path.write_text(path.read_text(encoding="utf-8").replace("是诈骗！", "是骗局！", 1), encoding="utf-8")
    approve_again(project, CASE)
    slides, mobile = exports(project, tmp_path / "four")
    before, after = after, files(tmp_path / "four")
    changed = sorted(name for name in after if after[name] != before.get(name))
    # lobby-tv and totem show the title on both of the case's slides (its four red flags take two); the door
    # strip shows the case's slogan, unchanged
    assert slides.rendered == 4 and mobile.rendered == 1
    slide_files = [n for n in changed if n.startswith("slides/") and "/contact/" not in n]
    assert all("fake-tax-refund" in n or n.endswith(("playlist.json", "index.html")) for n in slide_files), changed
    assert sorted(n for n in changed if "/contact/" in n) == ["slides/contact/2026-03/zh/contact.png"]


def test_changing_the_drawing_code_redraws_every_slide_without_a_version_to_bump(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CASECAST_CACHE_DIR", raising=False)
    project = keep_displays(copy_project(tmp_path / "project"), "led-wall", "door-strip")
    first, _ = exports(project, tmp_path / "one")
    import generator.slides.slide as plan

    drawn_by = plan.code_digest
    monkeypatch.setattr(plan, "code_digest", lambda *parts: drawn_by(*parts) + "-edited")  # as after an edit
    again, _ = exports(project, tmp_path / "two")
    assert again.rendered == first.rendered > 0


def test_cache_entries_no_build_used_for_two_weeks_are_pruned(tmp_path: Path, monkeypatch) -> None:
    import os
    import time

    monkeypatch.delenv("CASECAST_CACHE_DIR", raising=False)
    project = keep_displays(copy_project(tmp_path / "project"), "led-wall", "door-strip")
    cache = project / ".cache/casecast/slides"
    cache.mkdir(parents=True)
    stale, recent = cache / "0123abcd.png", cache / "4567ef01.png"  # another project's, or an old drawing's
    stale.write_bytes(b"old")
    recent.write_bytes(b"new")
    month_ago = time.time() - 30 * 24 * 3600
    os.utime(stale, (month_ago, month_ago))
    exports(project, tmp_path / "one")
    assert not stale.exists() and recent.exists()
    assert (cache / "fits.json").exists() and len(list(cache.glob("*.png"))) > 10  # what the build uses stays
    used = [p for p in cache.glob("*.png") if p != recent]
    os.utime(used[0], (month_ago, month_ago))  # used by this build again: touched, kept
    exports(project, tmp_path / "two")
    assert used[0].exists()


def test_a_story_rendered_by_an_earlier_build_is_reused_and_still_sanitised(tmp_path: Path) -> None:
    """Stories' HTML is kept between builds (Markdown is the slow part of a thousand case pages); what the cache
    folder holds is sanitised again on the way out, so a doctored cache cannot put a script on a page."""
    store = tmp_path / "stories.json"
    story = "冒充**税务局**的短信：\n\n- 不点链接\n- 拨打官方电话核实"
    with stored_renderings(store):
        first = render_markdown(story)
    assert "<strong>税务局</strong>" in first and "<li>不点链接</li>" in first
    data = json.loads(store.read_text(encoding="utf-8"))
    assert list(data["texts"].values()) == [first]

    key = next(iter(data["texts"]))
    data["texts"][key] = '<p>已缓存</p><script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">链接</a>'
    store.write_text(json.dumps(data), encoding="utf-8")
    with stored_renderings(store):
        reused = render_markdown(story)
        other = render_markdown("另一个案例")
    assert "已缓存" in reused  # read from the store, not rendered again
    assert "script" not in reused and "javascript" not in reused and "onclick" not in reused
    assert set(json.loads(store.read_text(encoding="utf-8"))["texts"]) == {key, _digest("另一个案例")}

    with stored_renderings(store):  # a build that no longer has the first story drops it from the store
        render_markdown("另一个案例")
    assert set(json.loads(store.read_text(encoding="utf-8"))["texts"]) == {_digest("另一个案例")}
    assert other == "<p>另一个案例</p>"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def test_a_garbled_or_unwritable_cache_file_costs_time_never_the_build(tmp_path: Path) -> None:
    """Nested past what a parser can follow, or a folder where the file should be: the text is rendered anew."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000, encoding="utf-8")
    with stored_renderings(deep):
        assert render_markdown("**退税**不用ATM") == "<p><strong>退税</strong>不用ATM</p>"
    blocked = tmp_path / "stories.json"
    (blocked / "inside").mkdir(parents=True)
    with stored_renderings(blocked):
        assert render_markdown("转账之前多核实") == "<p>转账之前多核实</p>"
    assert blocked.is_dir()


def test_exported_slides_are_read_only_so_an_edit_cannot_reach_the_cache(tmp_path: Path, monkeypatch) -> None:
    """An exported slide is the cached file itself (a hard link). Saved over in an image editor, it would change
    what every later build publishes without a reviewer seeing it: the file is read-only, so the editor has to
    save a copy instead."""
    monkeypatch.delenv("CASECAST_CACHE_DIR", raising=False)
    project = keep_displays(copy_project(tmp_path / "project"), "lobby-tv", "door-strip")
    exports(project, tmp_path / "one")
    slides = [p for p in (tmp_path / "one/slides").rglob("*") if p.suffix in (".png", ".jpg", ".mp4")]
    assert any(p.suffix == ".png" for p in slides)
    cached = {p.stat().st_ino for p in (project / ".cache/casecast/slides").iterdir() if p.is_file()}
    shared = [p for p in slides if p.stat().st_ino in cached]
    assert shared and all(p.stat().st_mode & 0o222 == 0 for p in shared)
