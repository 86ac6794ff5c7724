"""`casecast serve`: drafts are visible, and saving a case reloads the open page by itself."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import add_draft
from tests.nginx import free_port
from tests.test_cli import start_casecast

pytestmark = pytest.mark.browser


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_saving_a_case_reloads_the_page_in_the_browser(project: Path, open_page) -> None:
    add_draft(project)
    port = free_port()
    server = start_casecast(project, "serve", "--port", str(port), stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/")
        tab = open_page()
        tab.page.goto(f"{base}/cases/fake-refund-shopping/")
        assert "草稿 · 审查中，尚未批准" in tab.page.inner_text(".cc-draft")  # drafts shown, under the banner

        tab.page.goto(f"{base}/cases/fake-tax-refund/")
        case = project / "content/cases/fake-tax-refund.yaml"
        case.write_text(
            case.read_text(encoding="utf-8").replace("title: 接到", "title: 【预览已更新】接到", 1), encoding="utf-8"
        )
        tab.page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').innerText.includes('预览已更新')",
            timeout=60000,
        )
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "Traceback" not in errors


def test_a_mistake_in_the_theme_while_previewing_is_one_line_and_the_preview_recovers(project: Path) -> None:
    port = free_port()
    server = start_casecast(project, "serve", "--port", str(port), stderr=subprocess.PIPE)
    override = project / "theme/overrides/main.html"
    good = override.read_text(encoding="utf-8")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/")
        override.write_text(good + "{% if %}\n", encoding="utf-8")
        time.sleep(4)  # the preview notices the save and fails to rebuild
        override.write_text(good, encoding="utf-8")
        case = project / "content/cases/fake-tax-refund.yaml"
        case.write_text(case.read_text(encoding="utf-8").replace("title: 接到", "title: 【修好了】接到", 1), "utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:  # the preview answers once the rebuild under way has finished: on a busy machine, not in 5 s
                with urllib.request.urlopen(f"{base}/cases/fake-tax-refund/", timeout=5) as response:
                    if "修好了" in response.read().decode("utf-8"):
                        break
            except TimeoutError:
                continue
            time.sleep(0.5)
        else:
            raise AssertionError("the preview did not rebuild after the template was fixed")
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    lines = len(good.splitlines()) + 1
    assert f"theme/overrides/main.html, line {lines}: Expected an expression" in errors
    assert "Traceback" not in errors


def test_a_case_with_an_error_shows_its_problem_in_the_preview_and_comes_back_when_fixed(
    project: Path, open_page, monkeypatch
) -> None:
    monkeypatch.setenv("CASECAST_LANG", "zh")  # the staff member's language (`--lang`, else the site's)
    case = project / "content/cases/fake-tax-refund.yaml"
    good = case.read_text(encoding="utf-8")
    korean = project / "content/cases/fake-loan-app.ko.yaml"
    korean.write_text(korean.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    port = free_port()
    server = start_casecast(project, "serve", "--port", str(port), stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/")
        tab = open_page()
        page = tab.page
        # Broken from the start: the problem, and no earlier version to show
        response = page.goto(f"{base}/ko/cases/fake-loan-app/")
        assert response.status == 200
        box = page.inner_text(".cc-problems")
        assert "content/cases/fake-loan-app.ko.yaml:2:1" in box and "没有正常生成过" in box

        page.goto(f"{base}/cases/fake-tax-refund/")
        assert "自称房管局" in page.inner_text("article")
        case.write_text(good.replace("title:", "tittle:", 1), encoding="utf-8")
        page.wait_for_selector(".cc-problems", timeout=60000)  # the preview reloads the open page by itself
        response = page.goto(f"{base}/cases/fake-tax-refund/")
        assert response.status == 200  # not Material's "404 - Not found"
        box = page.inner_text(".cc-problems")
        assert "content/cases/fake-tax-refund.yaml:2:1" in box and "tittle" in box
        assert "content/cases/fake-tax-refund.yaml 有需要修改的问题" in box
        assert "上一次正常生成的版本" in box
        assert "自称房管局" in page.inner_text("article")  # below the problems, the page as it last built well

        case.write_text(good, encoding="utf-8")
        page.wait_for_function(
            "!document.querySelector('.cc-problems') && document.querySelector('h1')"
            " && document.querySelector('h1').innerText.includes('退税')",
            timeout=60000,
        )

        # A misspelt id in a month's list leaves out that entry: the month page says why, above the month
        page.goto(f"{base}/months/2026-11/")
        theme = project / "content/themes/2026-11.yaml"
        listed = theme.read_text(encoding="utf-8")
        theme.write_text(listed.replace("cases: [card-renting,", "cases: [card-rentng, card-renting,"), "utf-8")
        page.wait_for_selector(".cc-problems", timeout=60000)
        box = page.inner_text(".cc-problems")
        assert "content/themes/2026-11.yaml:" in box and "'card-rentng'" in box and "'card-renting'" in box
        assert "content/themes/2026-11.yaml 有需要修改的问题" in box
        assert page.locator("article a[href$='cases/card-renting/']").count() == 1  # the rest of the month
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "Traceback" not in errors
