"""A published release behind Debian's nginx with docs/nginx.conf: a reader's whole path, offline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish import publish
from tests.nginx import Nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nginx(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("nginx")
    site = work / "site"
    shutil.copytree(built_site, site)
    publish(site, work / "srv")
    server = Nginx(work / "srv" / "current", work / "nginx")
    yield server
    server.stop()


def test_a_reader_goes_home_month_case_search_and_korean(open_page, nginx: Nginx) -> None:
    tab = open_page()
    page = tab.page
    page.goto(nginx.url + "/")
    page.click("article h2 a[href*='months/2026-11']")  # "this month" on the home page
    page.wait_for_load_state()
    assert "/months/2026-11/" in page.url
    page.locator("article li strong a").first.click()
    page.wait_for_load_state()
    assert "/cases/" in page.url and page.locator(".admonition.danger").count() == 1
    page.locator("input.md-search__input").click()
    page.fill("input.md-search__input", "退税")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert "/cases/fake-tax-refund/" in page.url
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='ko']")
    page.wait_for_load_state()
    assert "/ko/cases/fake-tax-refund/" in page.url and "세금 환급" in page.inner_text("h1")


def test_headers_mime_types_gzip_and_caching(nginx: Nginx, built_site: Path) -> None:
    css = next((built_site / "assets/stylesheets").glob("main.*.min.css")).name
    status, headers, body = nginx.get(f"/assets/stylesheets/{css}")
    assert status == 200 and headers["Content-Encoding"] == "gzip" and body.startswith(b"@charset") or b"{" in body
    assert "immutable" in headers["Cache-Control"]
    status, headers, _ = nginx.get("/exports/mobile/zh/feed.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    status, headers, _ = nginx.get("/")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert headers["Content-Type"].startswith("text/html")
    assert nginx.get("/exports/mobile/zh/card-renting.txt")[1]["Content-Type"].startswith("text/plain")
    assert nginx.get("/no-such-page/")[0] == 404
