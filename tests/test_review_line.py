"""The review line each bank prints (content/site.yaml `review_line:`), on every page, H5 page, fragment,
feed item and case slide, in each language; a placeholder it does not know is a schema problem at its line,
and a line too long for a slide is too-long on that display."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.checking import check_project

SITE = "content/site.yaml"
ZH_LINE = "  zh: 审查编号：{number}"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECAST_LANG", "en")


def set_zh_line(project: Path, line: str) -> int:
    path = project / SITE
    text = path.read_text(encoding="utf-8")
    assert ZH_LINE in text
    path.write_text(text.replace(ZH_LINE, f"  zh: {line}"), encoding="utf-8")
    return text[: text.index(ZH_LINE)].count("\n") + 1


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("审查编号：{numbr}", "has an unknown placeholder {numbr}; a review line may use {number}, {date}, {until}"),
        ("审查编号：{number", "has a { or } that does not pair up"),
        ("审查编号：{number:%Y}", "cannot be printed (Invalid format specifier"),
    ],
)
def test_a_review_line_the_generator_cannot_fill_is_a_schema_problem_at_its_line(
    project: Path, line: str, says: str
) -> None:
    at = set_zh_line(project, line)
    (problem,) = [p for p in check_project(project).problems if p.file == SITE]
    assert (problem.rule, problem.line) == ("schema", at)
    assert problem.message.startswith("'review_line.zh' ") and says in problem.message


def text_of(html: str, start: str, end: str = "</p>") -> str:
    at = html.index(start) + len(start)
    return html[at : html.index(end, at)]


def test_the_review_line_is_printed_on_every_page_snippet_feed_and_slide(built_site: Path) -> None:
    zh, ko = "审查编号：XB-2026-031", "심의필 제XB-2026-031-KO호 (26.02.24~27.12.31)"
    assert text_of((built_site / "cases/fake-tax-refund/index.html").read_text("utf-8"), '"cc-review">') == zh
    assert text_of((built_site / "ko/cases/fake-tax-refund/index.html").read_text("utf-8"), '"cc-review">') == ko
    en = (built_site / "en/cases/fake-tax-refund/index.html").read_text("utf-8")
    assert text_of(en, '"cc-review">') == "Review no. XB-2026-031-EN (2026-02-24)"
    mobile = built_site / "exports/mobile/ko"
    assert text_of((mobile / "fake-tax-refund.page.html").read_text("utf-8"), '"review">') == "시범은행 · " + ko
    assert f"시범은행 · {ko}</p>" in (mobile / "fake-tax-refund.html").read_text("utf-8")
    feed = json.loads((mobile / "feed.json").read_text("utf-8"))
    item = next(i for i in feed["items"] if i["url"].endswith("/ko/cases/fake-tax-refund/"))
    assert item["_casecast"] == {"review_number": "XB-2026-031-KO", "review_line": ko}
    wechat = (built_site / "exports/wechat/zh/fake-tax-refund.html").read_text("utf-8")
    assert f"示范银行 · {zh}</p>" in wechat
    for display in ("lobby-tv", "totem", "led-wall"):
        for lang, line in (("zh", zh), ("ko", ko)):
            playlist = json.loads((built_site / f"exports/slides/{display}/2026-03/{lang}/playlist.json").read_text())
            reviews = [
                " ".join(block["lines"])
                for slide in playlist["slides"]
                if slide["case"] == "fake-tax-refund"
                for block in slide["text"]
                if block["role"] == "review"
            ]
            assert reviews and set(reviews) == {line}, (display, lang, reviews)


def test_a_review_line_too_long_for_a_slide_is_too_long_on_that_display(project: Path) -> None:
    set_zh_line(project, "审查编号：{number}，经{reviewer}审查同意于{date}发布，有效期至{until}，请勿转载")
    problems = [p for p in check_project(project).problems if p.rule == "too-long"]
    case = "content/cases/fake-tax-refund.yaml"
    mine = [p for p in problems if p.file == case]
    assert mine and {p.scope for p in mine} <= {"display:lobby-tv", "display:led-wall", "display:totem"}
    lines = (project / case).read_text(encoding="utf-8").splitlines()
    assert all(lines[p.line - 1].strip().startswith("number:") for p in mine)  # at the review number
    assert all(p.file.endswith(".yaml") and "." not in Path(p.file).stem for p in problems)  # Chinese cases only
