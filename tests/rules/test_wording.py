"""Forbidden promises: caught when made, not when quoted to warn; normalised before matching."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.checking import check_project
from generator.rules.wording import find_forbidden_terms, terms_for

TERMS = terms_for({}, [])


def found(text: str) -> list[str]:
    return [hit.term for hit in find_forbidden_terms(text, TERMS)]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("本产品保本，年化5%", "保本"),
        ("保 本理财", "保本"),
        ("保-本理财", "保本"),
        ("保\u200b本理财", "保本"),
        ("这是零风险的投资", "零风险"),
        ("稳赚不赔，快来投", "稳赚不赔"),
        ("원금 보장 상품입니다", "원금 보장"),
        ("원금보장 상품", "원금 보장"),
        ("A risk-free deposit", "risk-free"),
        ("A ＲＩＳＫ－ＦＲＥＥ deposit", "risk-free"),
        ("We offer guaranteed returns", "guaranteed returns"),
    ],
)
def test_an_unquoted_promise_is_caught(text: str, term: str) -> None:
    assert found(text) == [term]


@pytest.mark.parametrize(
    "text",
    [
        "警惕“零风险”的说法",
        '骗子常说"稳赚不赔"',
        "所谓「保本保息」都是骗局",
        "'원금 보장'이라는 말을 조심하세요",
        'Beware of anyone who says "risk-free"',
        "请确保本人办理业务",
        "投资有风险，入市需谨慎",
    ],
)
def test_quoted_or_harmless_text_does_not_fire(text: str) -> None:
    assert found(text) == []


def test_site_yaml_can_add_and_allow_terms() -> None:
    terms = terms_for({"zh": ["包过"]}, ["保息"])
    assert [h.term for h in find_forbidden_terms("贷款包过，保息", terms)] == ["包过"]


def test_the_finding_names_the_word_and_why_at_its_line(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("slogan: ", "slogan: 保本稳赚，"), encoding="utf-8")
    problems = [p for p in check_project(project).problems if p.rule == "forbidden-term"]
    assert {p.message.split("'")[1] for p in problems} == {"保本", "稳赚"}
    line = next(i for i, t in enumerate(case.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("slogan"))
    assert {p.line for p in problems} == {line}
    assert all("“" in p.message and p.severity == "error" for p in problems)


def test_site_yaml_terms_are_used_by_check(project: Path) -> None:
    site = project / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "forbidden_terms:\n  add: {zh: [秒批]}\n", encoding="utf-8")
    case = project / "content/cases/fake-loan-app.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("slogan: ", "slogan: 秒批贷款，"), encoding="utf-8")
    assert [p.message.split("'")[1] for p in check_project(project).problems if p.rule == "forbidden-term"] == ["秒批"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("本產品穩賺不賠", "稳赚不赔"),  # traditional characters
        ("零風險，高回報", "零风险"),
        (unicodedata.normalize("NFD", "원금 보장 상품입니다"), "원금 보장"),  # decomposed Hangul, as macOS saves it
        ("零⻛险理财", "零风险"),  # ⻛ U+2EDB, a radical that looks like 风
        ("A r\u0456sk-free deposit", "risk-free"),  # Cyrillic і
        ("我们的产品“保本”，欢迎购买", "保本"),  # quoted, but said as a promise
        ("本行理财「稳赚不赔」，名额有限", "稳赚不赔"),
        ("确保本金安全，放心投资", "确保本金"),  # the exception for 确保本人 must not excuse this
    ],
)
def test_a_promise_disguised_or_quoted_as_a_promise_is_caught(text: str, term: str) -> None:
    assert found(text) == [term]


def test_a_quoted_promise_in_a_red_flag_is_a_warning_not_a_promise(project: Path) -> None:
    problems = [p for p in check_project(project).problems if p.rule == "forbidden-term"]
    assert problems == []  # high-return-wealth's red flag: 收益远高于正常水平，且说“稳赚不赔”


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("本行郑重承诺“保本保息”，欢迎选购", "保本"),  # 承诺 here is the bank's own promise
        ("我们的理财产品“稳赚不赔”，名额有限，不要错过！", "稳赚不赔"),  # 不要 sells, it does not warn
        ("本产品“保本”，不会让您失望", "保本"),
        ("본 상품은 원금이 보장됩니다", "원금 보장"),  # a particle between the words
        ("무조건 수익 보장", "수익 보장"),
        ("保底收益8%", "保底收益"),
        ("投资没有风险", "没有风险"),
        ("Returns are guaranteed", "returns are guaranteed"),
    ],
)
def test_a_promise_in_sales_talk_is_caught(text: str, term: str) -> None:
    assert found(text)[:1] == [term]


@pytest.mark.parametrize(
    "text",
    [
        "老人毫无风险意识，轻信了对方",
        "在无风险评估的情况下签了合同",
        "投保本产品前请阅读条款",
        "请及时投保，本行将为您服务",  # no term runs across a comma
        "谁也无法确保收益",
        "Older people at risk: free health seminars",
        "Casino risk is high",
        "금융업무 위험을 줄이려면",
        "Remember: no investment is risk-free.",
        "世上没有零风险的高收益投资",
        "손실 없는 투자는 없습니다",
        "本产品不保本，投资需谨慎",
        "本理财产品并非保本产品",
    ],
)
def test_a_denial_and_words_that_only_contain_a_term_do_not_fire(text: str) -> None:
    assert found(text) == []
