"""A problem withholds exactly what it concerns: one display's slide, the slides, one entry of a month;
never the case page, the other displays or the month. Each says so in one line, at its place."""

from __future__ import annotations

import re
from pathlib import Path

from generator.checking import check_project
from generator.plugin import build_site
from tests.conftest import approve_again
from tests.test_cli import casecast

CASE = "content/cases/card-renting.yaml"


def edit(project: Path, rel: str, pattern: str, replacement: str) -> int:
    """Replace the first line matching `pattern`; return that line's number."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, flags=re.M)
    assert match, pattern
    path.write_text(text[: match.start()] + match.expand(replacement) + text[match.end() :], encoding="utf-8")
    approve_again(project, rel)  # what is tested is the edit, not that it voids the approval
    return text.count("\n", 0, match.start()) + 1


def slides_of(project: Path, display: str, case_id: str) -> list[Path]:
    return sorted((project / "site/exports/slides" / display).rglob(f"*-case-{case_id}.*"))


def test_a_slogan_one_strip_cannot_show_withholds_only_that_slide(project: Path) -> None:
    line = edit(project, CASE, r"^slogan: .*$", "slogan: 客服来电说退款，先挂电话再核实再转账")  # 18 characters
    assert not [p for p in check_project(project).problems if p.file == CASE]  # strips scroll it
    site = project / "content/site.yaml"  # a strip that does not scroll cannot show it
    site.write_text(
        site.read_text(encoding="utf-8").replace("seconds: 6, kind: strip}", "seconds: 6, kind: strip, scroll: none}"),
        "utf-8",
    )
    problems = sorted(p for p in check_project(project).problems if p.file == CASE)
    assert {(p.line, p.rule) for p in problems} == {(line, "too-long")}
    (problem,) = problems
    assert problem.as_text().startswith(f"{CASE}:{line}:9: error: too-long: too long for the led-strip display")
    assert "that slide is left out" in problem.message
    result = casecast(project, "build")
    assert result.returncode == 1 and problem.as_text() in result.stderr
    assert (project / "site/cases/card-renting/index.html").is_file()  # the page
    assert (project / "site/exports/mobile/zh/card-renting.page.html").is_file()  # the app
    assert slides_of(project, "lobby-tv", "card-renting") and slides_of(project, "totem", "card-renting")
    assert not slides_of(project, "led-strip", "card-renting")
    assert any(p.suffix == ".mp4" for p in slides_of(project, "door-strip", "card-renting"))  # still scrolls there


def test_an_emoji_in_a_title_withholds_the_slides_but_not_the_page(project: Path) -> None:
    line = edit(project, CASE, r"^title: (.*)$", r"title: \1 🙅")
    (problem,) = [p for p in check_project(project).problems if p.file == CASE]
    assert (problem.line, problem.rule) == (line, "missing-glyph") and "U+1F645" in problem.message
    assert build_site(project)
    page = (project / "site/cases/card-renting/index.html").read_text(encoding="utf-8")
    assert "🙅" in page
    assert not slides_of(project, "lobby-tv", "card-renting")


def test_a_misspelt_id_in_a_month_drops_that_entry_not_the_month(project: Path) -> None:
    theme = "content/themes/2026-11.yaml"
    text = (project / theme).read_text(encoding="utf-8")
    (project / theme).write_text(text.replace("cases: [card-renting,", "cases: [card-rentng, card-renting,"), "utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file == theme]
    assert problem.rule == "unknown-reference" and "did you mean 'card-renting'" in problem.message
    assert "this entry is left out, the rest of the month is published" in problem.message
    assert build_site(project)
    month = (project / "site/months/2026-11/index.html").read_text(encoding="utf-8")
    assert "card-renting/" in month and "student-card-selling/" in month
    assert list((project / "site/exports/slides/lobby-tv/2026-11/zh").glob("*-case-card-renting.png"))
