"""The files a designer or an administrator edits are checked like content: one line with the file and the
line, never a traceback; a broken slide layout holds back the slides, not the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checking import check_project
from generator.plugin import build_site
from tests.test_cli import casecast

LAYOUTS = "theme/slides/layouts.yaml"


@pytest.mark.parametrize(
    ("edit", "line", "words"),
    [
        (lambda text: "", 1, "no layouts in it"),
        (lambda text: text.replace("mono:", "monochrome:"), 1, "no 'mono' layout, which the door-strip display needs"),
        (lambda text: text.replace('bullet: "■ "', 'bulet: "■ "', 1), None, "unknown setting 'bulet'; did you mean"),
        (lambda text: text.replace("box: [0, 0, 1, 0.1]", "box: [0, 0, 1]", 1), None, "box must be [x, y, width"),
        (lambda text: text.replace("margin: 0.05", "margin: lots", 1), None, "must be a fraction of the display"),
    ],
    ids=["empty", "layout-missing", "misspelt-setting", "short-box", "bad-margin"],
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
