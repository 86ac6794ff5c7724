"""The files a designer or an administrator edits are checked like content: one line with the file and the
line, never a traceback; a broken slide layout holds back the slides, not the site. The empty layouts file
and the missing font are content folders of tests/fixtures/scopes/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checking import check_project
from generator.plugin import build_site
from tests.conftest import fixture_project
from tests.published import all_mobile, listed, mobile_files, playlist_cases, problem_lines, says_exactly, slides_of
from tests.test_cli import casecast

LAYOUTS = "theme/slides/layouts.yaml"


@pytest.mark.parametrize(
    ("edit", "line", "words"),
    [
        (lambda text: text.replace("mono:", "monochrome:"), 1, "no 'mono' layout, which the door-strip display needs"),
        (lambda text: text.replace('bullet: "■ "', 'bulet: "■ "', 1), None, "unknown setting 'bulet'; did you mean"),
        (lambda text: text.replace("box: [0, 0, 1, 0.1]", "box: [0, 0, 1]", 1), None, "box must be [x, y, width"),
        (lambda text: text.replace("margin: 0.05", "margin: lots", 1), None, "must be a fraction of the display"),
    ],
    ids=["layout-missing", "misspelt-setting", "short-box", "bad-margin"],
)
def test_a_mistake_in_the_slide_layouts_is_one_line_and_the_site_is_still_built(project: Path, edit, line, words):
    path = project / LAYOUTS
    text = path.read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file == LAYOUTS]
    assert words in problem.message and problem.severity == "error"
    if line is None:  # at the line where the slip is
        pairs = zip(text.splitlines(), edit(text).splitlines(), strict=True)
        line = next(i for i, (before, after) in enumerate(pairs, 1) if before != after)
    assert problem.line == line
    result = casecast(project, "build")
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert (project / "site/cases/card-renting/index.html").is_file()
    assert not (project / "site/exports/slides").exists() or not any((project / "site/exports/slides").rglob("*.png"))
    assert not build_site(project, strict=True)


def test_an_impossible_today_in_mkdocs_yml_is_one_sentence(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"today: '[^']*'", "today: '2026-13-01'", config.read_text("utf-8")), encoding="utf-8")
    result = casecast(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'2026-13-01' is not a day written YYYY-MM-DD" in result.stderr


def test_an_empty_layouts_file_holds_back_the_slides_and_nothing_else(tmp_path: Path) -> None:
    """The designer emptied theme/slides/layouts.yaml (a comment is all that is left) to start again."""
    project = fixture_project("empty-layouts", tmp_path / "project")
    line = (
        "theme/slides/layouts.yaml:1:1: error: schema: layouts.yaml: no layouts in it; each display in "
        "content/site.yaml needs the one for its shape (landscape, portrait, strip or mono)"
    )
    build_log = says_exactly(project, [line], "1 error(s), 0 warning(s)", 1)
    assert "Traceback" not in build_log

    site = project / "site"
    cases = ["high-return-wealth", "original-shares-scam", "fake-police-safe-account"]
    assert not (site / "exports/slides").exists()
    for case in cases:
        assert (site / f"cases/{case}/index.html").is_file()
        assert listed(site / "months/2026-11/index.html", case)
        assert mobile_files(site, "zh", case) == all_mobile(case)
        assert (site / f"exports/wechat/zh/{case}.html").is_file()
    assert casecast(project, "build", "--strict").returncode == 1


def test_a_font_path_that_does_not_exist_is_one_line_and_every_slide_is_drawn(tmp_path: Path) -> None:
    """site.yaml names a font in a folder that never reached the build computer: the slides are drawn with
    the font Casecast finds, and a strict build refuses until the path is fixed."""
    project = fixture_project("missing-font", tmp_path / "project")
    line = (
        "content/site.yaml:18:13: warning: missing-file: font 'fonts/SourceHanSansSC-Bold.otf' was not found (a "
        "path from the project folder, or a system font's full path); until it is fixed the zh slides use the "
        "font Casecast finds itself"
    )
    says_exactly(project, [line], "0 error(s), 1 warning(s)", 0)

    site = project / "site"
    cases = ["fake-customer-service", "student-card-selling", "free-gifts-seminar"]
    for display in ("lobby-tv", "led-wall"):
        assert playlist_cases(site, display, "2026-11", "zh") == cases
        assert all(slides_of(site, display, case) for case in cases)
    for case in cases:
        assert (site / f"cases/{case}/index.html").is_file() and listed(site / "months/2026-11/index.html", case)
        assert mobile_files(site, "zh", case) == all_mobile(case)
    strict = casecast(project, "build", "--strict")
    assert strict.returncode == 1 and problem_lines(strict.stderr) == [line]
