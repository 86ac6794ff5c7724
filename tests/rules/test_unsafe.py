"""Unsafe input: HTML, script links and handlers are reported where they are typed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.checking import check_project
from generator.rules.unsafe import find_unsafe
from generator.yamlsource import SourceError, read_source


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("<b>粗</b>", "warning"),
        ("<script>alert(1)</script>", "warning"),
        ('<img src=x onerror="alert(1)">', "error"),
        ("[点我](javascript:alert(1))", "error"),
        ("[点我](java\u200bscript:alert(1))", "error"),
        ("[点我](JAVASCRIPT:alert(1))", "error"),
    ],
)
def test_unsafe_markup_is_found(text: str, severity: str) -> None:
    assert severity in {f[2] for f in find_unsafe(text)}


@pytest.mark.parametrize("text", ["收益 < 成本", "a -> b", "<<骗局>>", "**粗体** [链接](https://example.com)"])
def test_ordinary_text_is_not_html(text: str) -> None:
    assert find_unsafe(text) == []


def test_a_reference_that_is_not_a_web_address_is_an_error(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    text = case.read_text(encoding="utf-8").replace('url: "https://www.mps.gov.cn/"', 'url: "javascript:alert(1)"')
    case.write_text(text, encoding="utf-8")
    problems = [p for p in check_project(project).problems if p.rule == "unsafe-content"]
    assert problems and all(p.severity == "error" for p in problems)


def test_a_nine_level_alias_bomb_is_refused_within_a_second(project: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    bomb = project / "content/cases/billion-laughs.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(SourceError) as refused:
        read_source(bomb)
    assert time.perf_counter() - started < 1.0  # 9**9 strings if expanded; refused before anything is built
    assert refused.value.rule == "unsafe-content"
    (problem,) = [p for p in check_project(project).problems if p.file.endswith("billion-laughs.yaml")]
    assert problem.rule == "unsafe-content" and "aliases" in problem.message


def test_a_huge_file_is_refused_with_a_plain_message(project: Path) -> None:
    (project / "content/cases/huge.yaml").write_text("title: " + "长" * 400_000 + "\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file.endswith("huge.yaml")]
    assert "KB" in problem.message


def test_a_deeply_nested_file_is_refused(project: Path) -> None:
    (project / "content/cases/deep.yaml").write_text("a: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file.endswith("deep.yaml")]
    assert "nested" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "<img/src/onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<IMG SRC=x OnError=alert(1)>",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&#60;svg onload=alert(1)&#62;",
        "<a href=&#106;avascript:alert(1)>x</a>",
        "java&#x09;script:alert(1)",
        "<img src=x onerror=alert(1)",
        '退税 {: autofocus onfocus="alert(1)" }',
        '" onmouseover="alert(1)',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "标题\x7f结尾",
        "\u202e反向文字",
    ],
)
def test_markup_however_it_is_spelt_and_hidden_characters_are_errors(text: str) -> None:
    assert "error" in {f[2] for f in find_unsafe(text)}, find_unsafe(text)


@pytest.mark.parametrize(
    "text", ["A&B 银行", "时间：10:30", "请拨打95588：转账前核实", "👨\u200d👩\u200d👧 全家", "{name}"]
)
def test_ampersands_colons_braces_and_emoji_are_ordinary_text(text: str) -> None:
    assert find_unsafe(text) == []


def test_an_invisible_character_is_a_warning_at_its_place() -> None:
    (finding,) = find_unsafe("转账前\u200b核实")
    assert finding[:3] == (3, 1, "warning") and "U+200B" in finding[3]


@pytest.mark.parametrize("text", ["实际收益 < CPI 涨幅时", "When returns < inflation, you lose"])
def test_a_less_than_sign_before_a_space_is_no_tag(text: str) -> None:
    assert find_unsafe(text) == []


def test_an_unfinished_tag_in_a_story_is_reported_at_its_own_line(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    lines = case.read_text(encoding="utf-8").splitlines()
    at = lines.index("story: |") + 3
    lines[at] = "  他说<img src=x onerror=alert(1) 然后挂了电话"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.rule == "unsafe-content"]
    assert (problem.line, problem.column) == (at + 1, 5)
