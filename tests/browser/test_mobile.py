"""Mobile pages, fragments and WeChat articles in real Chromium: no sideways scroll, big enough text,
contrast, axe; and the Nu HTML Checker finds no error."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser
VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CASES = [("zh", "fake-tax-refund"), ("ko", "fake-tax-refund"), ("zh", "high-return-wealth")]

HOSTS = {"light": ("#ffffff", "#1f1f1f"), "dark": ("#121212", "#ececec")}

CONTRAST_JS = """() => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (c) => c.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const bg = (el) => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  let worst = 21;
  for (const el of document.querySelectorAll('article *, article')) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const fg = parse(getComputedStyle(el).color).slice(0, 3), back = bg(el);
    const [a, b] = [lum(fg), lum(back)].sort((x, y) => y - x);
    worst = Math.min(worst, (a + 0.05) / (b + 0.05));
  }
  return worst;
}"""


def host_page(fragment: str, mode: str) -> str:
    background, color = HOSTS[mode]
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>host</title></head>'
        f'<body style="margin:0;padding:12px;background:{background};color:{color}">'
        f"<main>{fragment}</main></body></html>"
    )


@pytest.fixture(scope="module")
def mobile_url(mobile_out: Path, site_url: str) -> str:
    # Serve the mobile files from the same local server as the site: copy them next to it.
    return site_url


@pytest.mark.parametrize("width", [360, 320])
@pytest.mark.parametrize(("lang", "case"), CASES)
def test_page_has_no_sideways_scroll_and_large_enough_text(open_page, site_url, width, lang, case) -> None:
    tab = open_page(width=width)
    tab.page.goto(f"{site_url}/exports/mobile/{lang}/{case}.page.html")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    assert tab.page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= 16
    tab.page.goto(f"{site_url}/exports/mobile/{lang}/{case}.page.html#large")
    assert tab.page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= 22
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize(("lang", "case"), CASES)
def test_fragment_keeps_contrast_and_passes_axe_in_a_host_page(open_page, built_site, mode, lang, case) -> None:
    fragment = (built_site / "exports/mobile" / lang / f"{case}.html").read_text(encoding="utf-8")
    tab = open_page(width=390)
    tab.page.set_content(host_page(fragment, mode))
    assert tab.page.evaluate(CONTRAST_JS) >= 4.5
    violations = run_axe(tab.page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("lang", "case"), CASES)
def test_page_passes_axe_in_light_and_dark(browser, site_url, scheme, lang, case) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/exports/mobile/{lang}/{case}.page.html")
    violations = run_axe(page)
    context.close()
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def wechat_page(article: Path, mode: str) -> str:
    """A WeChat article as the reader sees it: its title above the content, in a page of the host's colours."""
    title = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))["title"]
    content = article.read_text(encoding="utf-8")
    return host_page(f"<h1>{html.escape(title)}</h1>{content}", mode)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("case", ["fake-tax-refund", "high-return-wealth"])
def test_wechat_article_keeps_contrast_and_passes_axe(open_page, built_site, site_url, mode, case) -> None:
    article = built_site / "exports/wechat/zh" / f"{case}.html"
    tab = open_page(width=390)
    tab.page.goto(f"{site_url}/exports/wechat/zh/")  # its pictures are files beside it
    tab.page.set_content(wechat_page(article, mode))
    shown = "[...document.images].map(i => i.complete && i.naturalWidth > 0)"
    assert tab.page.evaluate(shown) == ([True] if case == "fake-tax-refund" else [])
    assert tab.page.evaluate(CONTRAST_JS.replace("article *, article", "section *, section")) >= 4.5
    violations = run_axe(tab.page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_the_nu_html_checker_finds_no_error(built_site: Path, tmp_path: Path) -> None:
    assert VNU.is_file() and shutil.which("java"), "make test installs vnu-jar (npm) and Java"
    pages = sorted((built_site / "exports/mobile").rglob("*.page.html"))
    wrapped = []
    for fragment in sorted((built_site / "exports/mobile").rglob("*.html")):
        if fragment.name.endswith(".page.html"):
            continue
        target = tmp_path / f"{fragment.parent.name}-{fragment.name}"
        target.write_text(host_page(fragment.read_text(encoding="utf-8"), "light"), encoding="utf-8")
        wrapped.append(target)
    for article in sorted((built_site / "exports/wechat").rglob("*.html")):
        target = tmp_path / f"wechat-{article.parent.name}-{article.name}"
        target.write_text(wechat_page(article, "light"), encoding="utf-8")
        wrapped.append(target)
    assert any(p.name.startswith("wechat-") for p in wrapped)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages + wrapped)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == [], messages[:5]
