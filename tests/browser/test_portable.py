"""`casecast build --portable`: the site opened from a folder (file://), no server: links reach every page and
search finds Chinese and Korean words; nothing is fetched from another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.plugin import build_site
from tests.browser.test_site import search
from tests.conftest import copy_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def portable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("portable") / "project")
    assert build_site(root, strict=True, portable=True)
    assert not (root / "site").exists()  # the intranet build is another folder, untouched
    return root / "site-portable"


def test_home_month_case_and_search_work_from_the_file_system(open_page, portable: Path) -> None:
    tab = open_page()
    page = tab.page
    page.goto((portable / "index.html").as_uri())
    page.click("article h2 a")  # 本月主题：“断卡”行动宣传月
    page.wait_for_load_state()
    assert page.url.endswith("/months/2026-11.html")
    assert "金融体检日：2026-11-18" in page.inner_text("article")
    page.click("article li strong a >> nth=0")
    page.wait_for_load_state()
    assert page.url.endswith("/cases/card-renting.html")
    assert "出租出借" in page.inner_text("article")

    results = search(tab, portable.as_uri(), "index.html", "出租")
    assert "出租银行卡“日赚300元”" in results.replace("\u200b", "")  # the index marks word breaks
    page.click(".md-search-result__link:has-text('300')")  # the case's title: 出租银行卡“日赚300元”…
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.split("?")[0].endswith("/cases/card-renting.html")
    assert "出租出借" in page.inner_text("article")


def test_korean_pages_search_the_korean_index_from_the_file_system(open_page, portable: Path) -> None:
    tab = open_page()
    results = search(tab, portable.as_uri(), "ko/index.html", "보이스피싱")
    assert "수사기관 사칭 보이스피싱" in results
