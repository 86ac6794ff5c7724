"""A problem withholds exactly what it concerns: one display's slide, the slides, one entry of a month;
never the case page, the other displays or the month. Each says so in one line, at its place.

Each test builds one content folder of tests/fixtures/scopes/ (a small bank's site.yaml, themes and cases,
approved as the office would) and reads what `casecast check` and `casecast build` print and write."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import fixture_project
from tests.published import all_mobile, listed, mobile_files, playlist_cases, problem_lines, says_exactly, slides_of
from tests.test_cli import casecast

# -- one display cannot show a slogan ---------------------------------------------------------------------


def test_a_slogan_one_strip_cannot_show_withholds_only_that_strips_slide(tmp_path: Path) -> None:
    """An 18-character slogan on a strip whose controller cannot scroll: that slide alone is left out; the
    door strip, which scrolls, shows it, and the page, the app and the lobby TV have the case."""
    project = fixture_project("long-slogan", tmp_path / "project")
    line = (
        "content/cases/fake-refund-customer-service.yaml:24:9: error: too-long: too long for the led-strip "
        "display (1280×160): it does not fit one line, so that slide is left out (the rest is published); "
        "shorten it"
    )
    says_exactly(project, [line], "1 error(s), 0 warning(s)", 1)

    site, case = project / "site", "fake-refund-customer-service"
    assert (site / f"cases/{case}/index.html").is_file()
    assert mobile_files(site, "zh", case) == all_mobile(case)
    assert case in (site / "exports/mobile/zh/feed.json").read_text("utf-8")
    assert slides_of(site, "lobby-tv", case)
    assert not slides_of(site, "led-strip", case)
    assert playlist_cases(site, "led-strip", "2026-11", "zh") == ["fake-tax-refund", "card-renting"]
    assert [p.suffix for p in slides_of(site, "door-strip", case)] == [".html", ".mp4", ".png"]  # it scrolls there
    month = site / "months/2026-11/index.html"
    assert all(listed(month, c) for c in (case, "fake-tax-refund", "card-renting"))


# -- a character no font has ------------------------------------------------------------------------------


def test_an_emoji_in_a_title_withholds_the_slides_but_not_the_page_or_the_app(tmp_path: Path) -> None:
    project = fixture_project("emoji-title", tmp_path / "project")
    line = (
        "content/cases/etc-phishing-sms.yaml:2:8: error: missing-glyph: the character '🚨' (U+1F6A8) is in no "
        "installed font, so a lobby screen would show an empty box: its slides are left out (the site and the "
        "app show it); remove the character or install a font that has it"
    )
    says_exactly(project, [line], "1 error(s), 0 warning(s)", 1)

    site, case = project / "site", "etc-phishing-sms"
    assert "🚨收到“ETC认证失效”短信" in (site / f"cases/{case}/index.html").read_text("utf-8")
    assert mobile_files(site, "zh", case) == all_mobile(case)
    assert "🚨" in (site / f"exports/mobile/zh/{case}.page.html").read_text("utf-8")
    assert (site / f"exports/wechat/zh/{case}.html").is_file()
    for display in ("lobby-tv", "totem"):
        assert not slides_of(site, display, case), display
        assert playlist_cases(site, display, "2026-11", "zh") == ["pension-investment-trap", "student-card-selling"]
    month = site / "months/2026-11/index.html"
    assert all(listed(month, c) for c in (case, "pension-investment-trap", "student-card-selling"))


# -- a wrong id in a month's list -------------------------------------------------------------------------


def test_a_misspelt_id_in_a_month_drops_that_entry_not_the_month(tmp_path: Path) -> None:
    project = fixture_project("unknown-id", tmp_path / "project")
    lines = [
        "content/cases/free-gifts-seminar.yaml:1:1: notice: unknown-reference: no month's theme in 'zh' lists this "
        "case, so no month's page shows it (its own page and the category pages do); add 'free-gifts-seminar' to "
        "the cases: of a theme in content/themes/ if it should",
        "content/themes/2026-10.yaml:8:32: error: unknown-reference: case 'free-gift-seminar' has no file in "
        "content/cases/ (did you mean 'free-gifts-seminar'?); this entry is left out, the rest of the month is "
        "published",
    ]
    says_exactly(project, lines, "1 error(s), 0 warning(s), 1 notice(s)", 1)

    site = project / "site"
    month = site / "months/2026-10/index.html"
    assert listed(month, "phone-upgrade-pension") and listed(month, "fake-tax-refund")
    assert not listed(month, "free-gifts-seminar")
    for display in ("led-wall", "led-strip"):
        assert playlist_cases(site, display, "2026-10", "zh") == ["phone-upgrade-pension", "fake-tax-refund"]
    assert list((site / "exports/slides/led-wall/2026-10/zh").glob("01-cover-2026-10.jpg"))
    # the case the entry meant is still published, only no month shows it
    assert (site / "cases/free-gifts-seminar/index.html").is_file()
    assert listed(site / "categories/elderly-scams/index.html", "free-gifts-seminar")
    assert mobile_files(site, "zh", "free-gifts-seminar") == all_mobile("free-gifts-seminar")


# -- a colleague's case still in review -------------------------------------------------------------------


def test_a_case_in_review_is_not_published_and_blocks_no_strict_build(tmp_path: Path) -> None:
    project = fixture_project("in-review", tmp_path / "project")
    line = (
        "content/cases/fake-refund-shopping.yaml:20:11: notice: not-approved: not approved yet (status: "
        "in_review); it stays out of the site, the lobby screens, the app and WeChat until the consumer-protection "
        "office approves it"
    )
    expected = f"{line}\n0 error(s), 0 warning(s), 1 waiting for review\n"
    check = casecast(project, "check")
    assert (check.returncode, check.stdout) == (0, expected)
    strict_check = casecast(project, "check", "--strict")  # a reviewer's list of what is open
    strict_note = "--strict: warnings and what waits for review count as failures (exit 1)\n"
    assert (strict_check.returncode, strict_check.stdout) == (1, expected + strict_note)
    build = casecast(project, "build", "--strict")
    assert build.returncode == 0, build.stderr
    assert problem_lines(build.stderr) == [line]

    site, case = project / "site", "fake-refund-shopping"
    assert not (site / f"cases/{case}").exists()
    assert not [p for p in site.rglob(f"*{case}*")]  # no page, slide, app file or article
    for text_file in ("search/search_index.json", "exports/mobile/zh/feed.json", "sitemap.xml", "index.html"):
        text = (site / text_file).read_text("utf-8")
        assert case not in text and "备用金" not in text, text_file
    month = site / "months/2026-11/index.html"
    assert listed(month, "card-renting") and listed(month, "fake-loan-app") and not listed(month, case)
    for display in ("lobby-tv", "led-strip"):
        assert playlist_cases(site, display, "2026-11", "zh") == ["card-renting", "fake-loan-app"]
    assert mobile_files(site, "zh", "card-renting") == all_mobile("card-renting")
    assert (site / "exports/wechat/zh/fake-loan-app.html").is_file()
