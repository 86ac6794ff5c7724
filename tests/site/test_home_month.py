"""The home page's month: this month's theme, else the next one marked as coming, never a past month's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.loading import load_project
from generator.model import Content
from generator.site import SiteOptions, render_site

REPO = Path(__file__).resolve().parent.parent.parent
NOVEMBER = "“断卡”行动宣传月"  # the sample's theme for 2026-11; the next one before it is 2026-09, the last is 2026-11


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_project(REPO)
    assert loaded.content is not None
    return loaded.content


def home(content: Content, today: dt.date, lang: str = "zh") -> str:
    pages = render_site(content, SiteOptions(templates=REPO / "theme/pages", today=today))
    return pages.pages["index.md" if lang == "zh" else f"index.{lang}.md"]


def test_a_month_with_a_theme_shows_it_as_this_months(content: Content) -> None:
    page = home(content, dt.date(2026, 11, 25))
    assert f"## 本月主题：[{NOVEMBER}" in page
    assert "金融体检日：**2026-11-18**" in page
    assert "下期主题" not in page


def test_a_month_without_a_theme_shows_the_next_one_as_coming(content: Content) -> None:
    page = home(content, dt.date(2026, 10, 2))
    assert f"## 下期主题（即将开始）：[{NOVEMBER}" in page
    assert "**2026-11**" in page and "本月主题" not in page
    korean = home(content, dt.date(2026, 10, 2), "ko")
    assert "## 다음 주제 (곧 시작): [11월 계좌 지키기의 달" in korean


def test_after_the_last_theme_no_past_month_is_shown_as_this_months(content: Content) -> None:
    page = home(content, dt.date(2026, 12, 3))
    assert "本月主题" not in page and "下期主题" not in page and NOVEMBER not in page
    assert "本月暂无宣传主题" in page
