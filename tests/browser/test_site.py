"""The built sample site in real headless Chromium, with every outside request failing the test."""

from __future__ import annotations

import pytest

from tests.browser.conftest import run_axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": ("", "出租银行卡“日赚300元”"),
    "month": ("months/2026-03/", "3·15 金融消费者权益保护教育宣传月"),
    "case": ("cases/fake-tax-refund/", "退税不用ATM"),
    "korean case": ("ko/cases/fake-tax-refund/", "세금 환급"),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_the_case_text(open_page, site_url: str, name: str) -> None:
    path, text = PAGES[name]
    tab = open_page()
    tab.page.goto(f"{site_url}/{path}")
    body = tab.page.inner_text("body")
    assert text in body


def test_case_page_shows_red_flags_advice_hotline_and_review_number(open_page, site_url: str) -> None:
    tab = open_page()
    tab.page.goto(f"{site_url}/cases/fake-tax-refund/")
    page = tab.page
    assert "风险提示" in page.inner_text(".admonition.danger")
    assert "自称房管局、税务局等政府部门来电" in page.inner_text(".admonition.danger")
    assert "防范建议" in page.inner_text(".admonition.tip")
    assert "95599" in page.inner_text(".admonition.info")
    assert "XB-2026-031" in page.inner_text(".cc-review")


def test_month_page_lists_its_cases_in_order_with_checkup_day(open_page, site_url: str) -> None:
    tab = open_page()
    tab.page.goto(f"{site_url}/months/2026-03/")
    body = tab.page.inner_text("article")
    assert "金融体检日：2026-03-18" in body
    titles = tab.page.locator("article li strong a").all_inner_texts()
    assert [t[:6] for t in titles] == ["接到“退税”", "“快递丢了给", "“你涉嫌洗钱"]
    assert "转账之前多核实，陌生账户不转账" in body and "客服来电说退款，先挂电话再核实" in body


def search(tab, site_url: str, path: str, query: str) -> str:
    page = tab.page
    page.goto(f"{site_url}/{path}")
    page.locator("input.md-search__input").click()
    # Hangul arrives through an input method; Material reacts to the key events that follow it.
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.inner_text(".md-search-result__list")


def test_search_finds_a_chinese_word(open_page, site_url: str) -> None:
    results = search(open_page(), site_url, "", "退税")
    assert "退税" in results and "ATM" in results


def test_search_on_korean_pages_finds_a_korean_word_in_korean_pages(open_page, site_url: str) -> None:
    tab = open_page()
    results = search(tab, site_url, "ko/", "보이스피싱")
    assert "수사기관 사칭 보이스피싱" in results
    tab.page.click(".md-search-result__link")
    tab.page.wait_for_load_state()
    assert "/ko/cases/prosecutor-voice-phishing/" in tab.page.url


def test_language_switcher_reaches_the_korean_page(open_page, site_url: str) -> None:
    tab = open_page()
    page = tab.page
    page.goto(f"{site_url}/cases/fake-tax-refund/")
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang='ko']")
    page.wait_for_load_state()
    assert "/ko/" in page.url
    assert "세금 환급" in page.inner_text("h1")
    assert page.get_attribute("html", "lang") == "ko"
    assert "위험 신호" in page.inner_text("body")  # Korean interface text, not Chinese


@pytest.mark.parametrize("path", [p for p, _ in PAGES.values()])
def test_no_horizontal_scroll_at_360_px(open_page, site_url: str, path: str) -> None:
    tab = open_page(width=360)
    tab.page.goto(f"{site_url}/{path}")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", [p for p, _ in PAGES.values()])
def test_axe_finds_no_serious_violation(open_page, site_url: str, path: str, width: int) -> None:
    tab = open_page(width=width)
    tab.page.goto(f"{site_url}/{path}")
    violations = run_axe(tab.page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_korean_links_and_text_break_between_words_not_inside_them(open_page, site_url: str) -> None:
    tab = open_page(width=360)
    tab.page.goto(f"{site_url}/ko/")
    styles = tab.page.evaluate(
        "[...document.querySelectorAll('article p, article a')].map(e => getComputedStyle(e).wordBreak)"
    )
    assert styles and set(styles) == {"keep-all"}


@pytest.mark.parametrize("path", ["cases/fake-tax-refund/", "months/2026-03/", "cases/fake-police-safe-account/"])
def test_a_chinese_title_breaks_between_phrases_on_a_phone(open_page, site_url: str, path: str) -> None:
    from generator.phrases import phrases

    tab = open_page(width=360)
    tab.page.goto(f"{site_url}/{path}")
    shown = tab.page.evaluate(
        """() => {
          const walker = document.createTreeWalker(document.querySelector('.md-typeset h1'), NodeFilter.SHOW_TEXT);
          let text = '', tops = [];
          while (walker.nextNode()) {
            const node = walker.currentNode;
            for (let i = 0; i < node.length; i++) {
              const range = document.createRange();
              range.setStart(node, i); range.setEnd(node, i + 1);
              text += node.data[i]; tops.push(Math.round(range.getBoundingClientRect().top));
            }
          }
          return {text, tops};
        }"""
    )
    text, tops = shown["text"], shown["tops"]
    breaks = {i for i in range(1, len(tops)) if tops[i] > tops[i - 1] + 2}
    assert breaks, f"{text} fits one line at 360 px: nothing was tested"
    allowed, at = set(), 0
    for piece in phrases(text):
        at += len(piece)
        allowed |= {at, at + 1} if piece == " " else {at}
    assert breaks <= allowed, [text[:b] + "|" + text[b:] for b in sorted(breaks - allowed)]
