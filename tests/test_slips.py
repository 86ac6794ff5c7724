"""The slips staff make typing YAML by hand (tests/fixtures/slips/, one realistic file and one slip each) come
back at the line of the slip, naming it and what to type instead, in Chinese and in Korean, and never in the
parser's own words. Each file is checked on its own: nothing is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import i18n
from generator.loading import load_file, load_project
from generator.model import Case, Site, Theme

REPO = Path(__file__).resolve().parent.parent
SLIPS = REPO / "tests/fixtures/slips"
PARSER_WORDS = ("mapping", "block", "token", "scalar", "alias", "anchor")

# file, line of the slip, words of the Chinese message, words of the Korean message (the fix is in both)
CORPUS = [
    ("01-fullwidth-colon", 2, ["全角冒号", "title: 接到"], ["전각 콜론", "title: 接到"]),
    ("02-fullwidth-colon-in-review", 31, ["全角冒号", "status: approved"], ["전각 콜론", "status: approved"]),
    (
        "03-no-space-after-colon",
        3,
        ["缺少空格", "category: telecom-fraud"],
        ["공백이 없습니다", "category: telecom-fraud"],
    ),
    ("04-tab-before-list-item", 22, ["制表符", "空格"], ["탭", "공백"]),
    ("05-tab-before-key", 32, ["制表符", "空格"], ["탭", "공백"]),
    ("06-fullwidth-space-indent", 23, ["全角空格", "半角空格"], ["전각 공백", "반각"]),
    ("07-list-item-one-space-too-far", 17, ["缩进了 3 个空格", "2 个", "对齐"], ["3칸", "2칸", "맞추세요"]),
    ("08-list-item-one-space-short", 18, ["缩进了 1 个空格", "2 个", "对齐"], ["1칸", "2칸", "맞추세요"]),
    ("09-key-one-space-too-far", 32, ["'number'", "'status'", "对齐"], ["'number'", "'status'", "맞추세요"]),
    ("10-key-one-space-short", 33, ["'reviewer'", "'status'", "对齐"], ["'reviewer'", "'status'", "맞추세요"]),
    ("11-story-line-not-indented", 11, ["'story'", "没有缩进", "2 个空格"], ["'story'", "들여쓰기가 없습니다", "2칸"]),
    ("12-story-first-line-not-indented", 7, ["'story'", "没有缩进"], ["'story'", "들여쓰기가 없습니다"]),
    ("13-story-list-not-indented", 14, ["'story'", "没有缩进"], ["'story'", "들여쓰기가 없습니다"]),
    ("14-title-starts-with-hash", 2, ["“#”开头", "注释", 'title: "#防诈骗#'], ["'#'", "주석", 'title: "#防诈骗#']),
    ("15-slogan-starts-with-hash", 24, ["“#”开头", "引号", 'slogan: "#退税'], ["'#'", "따옴표", 'slogan: "#退税']),
    ("16-slogan-starts-with-star", 24, ["“*”开头", "引号", 'slogan: "*退税'], ["'*'", "따옴표", 'slogan: "*退税']),
    ("17-summary-starts-with-ampersand", 5, ["“&”开头", "引号", 'summary: "&重要'], ["'&'", "따옴표", 'summary: "&']),
    ("18-title-starts-with-exclamation", 2, ["“!”开头", "引号", 'title: "!!!警惕'], ["'!'", "따옴표", 'title: "!!!']),
    ("19-title-starts-with-at", 2, ["“@”开头", "引号", 'title: "@所有客户'], ["'@'", "따옴표", 'title: "@']),
    ("20-slogan-in-backticks", 24, ["“`”开头", "引号", 'slogan: "`退税'], ["'`'", "따옴표", 'slogan: "`']),
    ("21-red-flag-starts-with-percent", 19, ["“%”开头", "引号", '- "%100退款'], ["'%'", "따옴표", '- "%100']),
    (
        "22-site-hotline-unquoted",
        7,
        ["当成数字", "引号", 'hotline: "95599"'],
        ["숫자로 읽습니다", "따옴표", 'hotline: "95599"'],
    ),
    ("23-review-number-unquoted", 32, ["当成数字", 'number: "2026031"'], ["숫자로", 'number: "2026031"']),
    ("24-source-is-a-date", 27, ["当成日期", 'source: "2013-10-08"'], ["날짜로", 'source: "2013-10-08"']),
    (
        "25-audience-chinese-list",
        4,
        ["列表", "“、”", "audience: [elderly, students]"],
        ["목록", "audience: [elderly, students]"],
    ),
    ("26-red-flags-comma-list", 15, ["列表", "“，”", "red_flags: [自称政府部门来电"], ["목록", "red_flags: ["]),
    ("27-theme-cases-chinese-list", 8, ["列表", "cases: [fake-tax-refund, fake"], ["목록", "cases: [fake-tax-refund"]),
    ("28-audience-name-not-id", 4, ["受众", "small-business"], ["대상", "small-business"]),
    ("29-category-name-not-id", 3, ["类别", "telecom-fraud"], ["분류", "telecom-fraud"]),
    ("30-status-in-chinese", 31, ["审查状态", "draft, in_review, approved, withdrawn"], ["심의 상태", "approved"]),
    (
        "31-colon-inside-summary",
        5,
        ["': '", "全角冒号", 'summary: "注意: 自称'],
        ["': '", "전각 콜론", 'summary: "注意'],
    ),
    (
        "32-quote-then-more-text",
        5,
        ["引号", "单引号", 'summary: \'"房管局"来电'],
        ["따옴표", "작은따옴표", "summary: '"],
    ),
    ("33-quote-never-closed", 2, ["引号", "没有闭合"], ["따옴표", "닫히지 않았습니다"]),
    ("34-list-item-without-space", 22, ["'-'", "空格", "- 挂断电话"], ["'-'", "공백", "- 挂断电话"]),
    ("35-title-empty", 2, ["'title'", "空的", "'title: '"], ["'title'", "비어 있습니다"]),
    ("36-title-starts-with-bracket", 2, ["“[”开头", "列表", 'title: "[提醒]'], ["'['", "목록", 'title: "[提醒]']),
    ("37-review-date-with-slashes", 34, ["YYYY-MM-DD", "2026-03-15"], ["YYYY-MM-DD", "2026-03-15"]),
    ("38-ko-item-one-space-too-far", 15, ["缩进了 3 个空格", "对齐"], ["3칸", "2칸", "맞추세요"]),
    ("39-ko-fullwidth-colon", 21, ["全角冒号", "slogan: 화면"], ["전각 콜론", "slogan: 화면 공유는"]),
]


@pytest.fixture(scope="module")
def site() -> Site:
    content = load_project(REPO).content
    assert content is not None
    return content.site


def test_every_fixture_is_in_the_table_and_there_are_at_least_25() -> None:
    assert sorted(path.stem for path in SLIPS.glob("*.yaml")) == [name for name, *_ in CORPUS]
    assert len(CORPUS) >= 25


@pytest.mark.parametrize(("name", "line", "zh", "ko"), CORPUS, ids=[c[0] for c in CORPUS])
def test_a_slip_is_named_at_its_line_with_the_fix_in_chinese_and_korean(
    name: str, line: int, zh: list[str], ko: list[str], site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = SLIPS / f"{name}.yaml"
    model = Site if "-site-" in name else Theme if "-theme-" in name else Case
    for lang, words in (("zh", zh), ("ko", ko)):
        monkeypatch.setenv(i18n.ENV, lang)
        loaded, problems = load_file(path, model, site)
        assert loaded is None, "a file with a slip is never published"
        assert [p.line for p in problems] == [line], [p.as_text() for p in problems]
        (problem,) = problems
        assert problem.severity == "error" and problem.rule in ("yaml-syntax", "schema")
        for word in words:
            assert word in problem.message, (lang, problem.message)
        assert not any(vocabulary in problem.message.lower() for vocabulary in PARSER_WORDS), problem.message
