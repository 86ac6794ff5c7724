"""Text is text in every output, even when no check stops it: the hostile corpus (tests/hostile.py) is built
with the text rules switched off, so every value reaches the site, the kiosk pages and the mobile files;
then every page is opened in Chromium, and nothing may run, no dialog open, no on* attribute exist."""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import checking
from generator.plugin import build_site
from generator.yamlsource import read_source
from tests.conftest import _QuietHandler, _Server, copy_project, keep_displays
from tests.hostile import write_hostile_project

pytestmark = pytest.mark.browser

RECORD_RUNS = """(() => {
  const runs = [];
  Object.defineProperty(window, "__ccRuns", { value: runs });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (message) => { runs.push(name + "(" + message + ")"); };
  }
})();"""

# Whatever could run: on* attributes, script or data links, srcdoc frames, inline scripts that call alert.
FIND_LIVE_MARKUP = """() => {
  const found = [...(window.__ccRuns || [])];
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase(), value = attribute.value;
      if (name.startsWith("on")) found.push(`${el.tagName} ${name}="${value}"`);
      if (/^(href|src|action|formaction|data|xlink:href|srcdoc)$/.test(name)
          && /^\\s*(javascript|vbscript|data:text\\/html)|<script/i.test(value))
        found.push(`${el.tagName} ${name}="${value}"`);
    }
    if (el.tagName === "SCRIPT" && !/json/.test(el.type) && /alert\\(/.test(el.textContent))
      found.push(`SCRIPT ${el.textContent.slice(0, 80)}`);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, list]]:
    # a screen's kiosk page and a scrolling strip's are what a hostile value could reach; one of each will do
    root = keep_displays(copy_project(tmp_path_factory.mktemp("hostile-site") / "project"), "led-wall", "door-strip")
    placed = write_hostile_project(root)
    with pytest.MonkeyPatch.context() as patch:
        # Every check that would withhold these values is off: what is left to stop them is the output.
        patch.setattr(checking, "_find_in_files", lambda sources, site: {file: [] for file in sources})
        patch.setattr(checking, "_slide_problems", lambda loaded, root, today: [])
        patch.setenv("CASECAST_CACHE_DIR", str(root / ".cache-hostile"))
        assert build_site(root), "the hostile project must build when its text checks are off"
    site = root / "site"
    (site / "control.html").write_text("<p>control</p><img src=x onerror=alert(999)>", encoding="utf-8")
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}", placed
    server.shutdown()


def live_markup(tab, url: str) -> list[str]:
    tab.page.goto(url)
    tab.page.wait_for_load_state("load")
    tab.page.wait_for_timeout(150)  # onerror, onload and ontoggle fire just after load
    found = []
    for frame in tab.page.frames:
        found += frame.evaluate(FIND_LIVE_MARKUP)
    return found + tab.dialogs


@pytest.fixture
def tab(open_page):
    tab = open_page()
    tab.context.add_init_script(RECORD_RUNS)
    tab.dialogs = []

    def on_dialog(dialog) -> None:
        tab.dialogs.append(f"dialog {dialog.message}")
        dialog.dismiss()

    tab.page.on("dialog", on_dialog)
    return tab


def test_the_detector_sees_a_handler_run(tab, hostile_site) -> None:
    _, url, _ = hostile_site
    assert any("999" in hit for hit in live_markup(tab, f"{url}/control.html"))


def test_every_hostile_case_is_published_so_the_test_means_something(hostile_site) -> None:
    site, _, placed = hostile_site
    files = {p.file for p in placed if p.file.startswith("content/cases/")}
    for file in files:
        case_id, *lang = Path(file).name.removesuffix(".yaml").split(".")
        prefix = f"{lang[0]}/" if lang and lang[0] != "zh" else ""
        assert (site / f"{prefix}cases/{case_id}/index.html").is_file(), file
        assert (site / "exports/mobile" / (lang[0] if lang else "zh") / f"{case_id}.page.html").is_file(), file
    assert list((site / "exports/slides").glob("*/2026-11/*/index.html")), "kiosk pages"


def test_nothing_runs_on_any_page_of_the_site_the_kiosks_and_the_mobile_files(tab, hostile_site) -> None:
    site, url, _ = hostile_site
    pages = sorted(p for p in site.rglob("*.html") if p.name != "control.html")
    assert len(pages) > 40
    found = {}
    for page in pages:
        rel = page.relative_to(site).as_posix()
        hits = live_markup(tab, f"{url}/{rel}")
        if hits:
            found[rel] = hits[:3]
    assert found == {}


@pytest.mark.parametrize("lang", ["", "ko/", "en/"])
def test_nothing_runs_in_search_results(tab, hostile_site, lang: str) -> None:
    _, url, _ = hostile_site
    tab.page.goto(f"{url}/{lang}")
    tab.page.locator("input.md-search__input").click()
    tab.page.fill("input.md-search__input", "hostil")  # as the index stems it (lunr: hostile -> hostil)
    tab.page.keyboard.press("End")  # Material searches on the key events that follow the input
    tab.page.wait_for_selector(".md-search-result__item", timeout=15000)
    tab.page.wait_for_timeout(300)
    assert tab.page.locator(".md-search-result__item").count() >= 2
    assert tab.page.evaluate(FIND_LIVE_MARKUP) + tab.dialogs == []


def test_a_hostile_title_is_shown_exactly_as_typed(tab, hostile_site) -> None:
    site, url, placed = hostile_site
    for placement in placed:
        if placement.path != ("title",) or not placement.file.startswith("content/cases/"):
            continue
        name = Path(placement.file).name.removesuffix(".yaml").split(".")
        prefix = f"{name[1]}/" if len(name) > 1 else ""
        tab.page.goto(f"{url}/{prefix}cases/{name[0]}/")
        shown = tab.page.inner_text("article h1")
        assert _visible(shown) == _visible(placement.value), placement.file
        assert _visible(placement.value) in _visible(tab.page.title()), placement.file


def test_the_feed_carries_no_live_markup(hostile_site) -> None:
    site, _, _ = hostile_site
    for feed in site.glob("exports/mobile/*/feed.json"):
        for item in json.loads(feed.read_text(encoding="utf-8"))["items"]:
            finder = _LiveMarkup()
            finder.feed(item["content_html"])
            assert finder.found == [], item["id"]


def test_the_values_really_were_in_the_files(hostile_site) -> None:
    """The corpus went into the YAML as written (a guard against a writer that quietly drops them)."""
    site, _, placed = hostile_site
    root = site.parent
    for placement in placed:
        source = read_source(root / placement.file)
        value = source.data
        for key in placement.path:
            value = value[key]
        assert value.strip() == placement.value.strip()


class _LiveMarkup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "iframe", "object", "embed", "svg", "math"):
            self.found.append(tag)
        self.found += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]


def _visible(text: str) -> str:
    """Text as a reader sees it: control characters as nothing, runs of spaces as one."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\u202a-\u202e\u2066-\u2069]", "", text)
    return re.sub(r"\s+", " ", text).strip()
