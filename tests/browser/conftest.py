from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test', which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class OfflinePage:
    """A page whose every request to another host is blocked and recorded: the test then fails."""

    def __init__(self, browser, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "file") or url.hostname in LOCAL_HOSTS:  # file://: the portable site
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser) -> Iterator[object]:
    opened: list[OfflinePage] = []

    def factory(width: int = 1280) -> OfflinePage:
        page = OfflinePage(browser, width)
        opened.append(page)
        return page

    yield factory
    for page in opened:
        outside = page.outside
        page.close()
        assert outside == [], f"the page tried to reach another host: {outside}"


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
