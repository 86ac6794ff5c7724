"""The kiosk pages a lobby PC shows full screen: a scrolling strip moves left at the strip's speed."""

from __future__ import annotations

import json

import pytest

STRIP = "exports/slides/door-strip/2026-03/zh"


def scrolling_entry(built_site) -> dict:
    playlist = json.loads((built_site / STRIP / "playlist.json").read_text(encoding="utf-8"))
    return next(s for s in playlist["slides"] if s["kind"] == "scroll")


def offset(page) -> float:
    return page.evaluate("() => new DOMMatrix(getComputedStyle(document.querySelector('.track')).transform).m41")


@pytest.mark.browser
def test_a_scrolling_strip_page_moves_the_slogan_left_at_the_strip_speed(open_page, site_url, built_site) -> None:
    entry = scrolling_entry(built_site)
    tab = open_page(width=384)
    tab.page.set_viewport_size({"width": 384, "height": 32})  # the strip's own pixels
    tab.page.goto(f"{site_url}/{STRIP}/{entry['page']}")
    tab.page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    first = offset(tab.page)
    tab.page.wait_for_timeout(1000)
    second = offset(tab.page)
    assert second < first  # it moves left
    assert abs((first - second) - entry["speed"]) < entry["speed"] * 0.35  # about `speed` px in a second
    label = tab.page.get_attribute("[role=marquee]", "aria-label")
    assert label == entry["text"][0]["lines"][0]  # what a screen reader reads: the whole slogan


@pytest.mark.browser
def test_the_month_loop_plays_a_scrolling_strip_among_still_ones(open_page, site_url, built_site) -> None:
    tab = open_page(width=384)
    tab.page.goto(f"{site_url}/{STRIP}/index.html")
    shown = tab.page.eval_on_selector_all(".slide", "slides => slides.map(s => s.className)")
    assert any("scroll" in c for c in shown) and any("scroll" not in c for c in shown)
    assert tab.page.eval_on_selector_all(".slide.on", "s => s.length") == 1
