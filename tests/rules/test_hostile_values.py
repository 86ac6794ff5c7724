"""Every hostile value in the corpus (tests/hostile.py) is reported by check at its own line, and refused by
a strict build; the harmless ones are not reported as markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checking import check_project
from generator.plugin import build_site
from generator.rules.unsafe import find_unsafe
from generator.yamlsource import read_source
from tests.conftest import copy_project
from tests.hostile import PAYLOADS, URL_PAYLOADS, Hostile, Placement, write_hostile_project


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Placement]]:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    return root, write_hostile_project(root)


def span_of(root: Path, placement: Placement) -> tuple[str, int, int]:
    """The file's text and where the value stands in it (start and end offsets, quotes included)."""
    source = read_source(root / placement.file)
    start, end = source.spans[placement.path]
    return source.text, start, end


def offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return starts[line - 1] + column - 1


def test_every_hostile_value_is_reported_where_it_stands(hostile) -> None:
    root, placed = hostile
    problems = check_project(root).problems
    missed = []
    for placement in placed:
        if not placement.payload.reported:
            continue
        text, start, end = span_of(root, placement)
        if not any(p.file == placement.file and start <= offset(text, p.line, p.column) <= end for p in problems):
            missed.append(f"{placement.file} {'.'.join(map(str, placement.path))}: {placement.value!r}")
    assert missed == [], "not reported:\n" + "\n".join(missed)


@pytest.mark.parametrize("payload", [p for p in PAYLOADS + URL_PAYLOADS if not p.reported], ids=lambda p: str(p.n))
def test_harmless_text_is_not_taken_for_markup(payload: Hostile) -> None:
    assert find_unsafe(payload.text) == []


def test_a_strict_build_refuses_the_hostile_project_and_keeps_the_old_site(hostile) -> None:
    root, _ = hostile
    assert not build_site(root, strict=True)
    assert not (root / "site").exists()


def test_a_binary_value_is_refused_at_its_line(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    lines = case.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    # "<img src=x onerror=alert(1)> 保本保息 13812345678", base64-encoded so no text rule would read it
    lines[at] = "summary: !!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPiDkv53mnKzkv53mga8gMTM4MTIzNDU2Nzg="
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file.endswith("card-renting.yaml")]
    assert (problem.line, problem.rule, problem.severity) == (at + 1, "unsafe-content", "error")
    assert "!!binary" in problem.message
    assert build_site(project)
    assert not (project / "site/cases/card-renting").exists()
    assert not build_site(project, strict=True)


def test_file_names_with_quotes_or_angle_brackets_are_reported(hostile) -> None:
    root, _ = hostile
    problems = check_project(root).problems
    logo = [p for p in problems if p.file == "content/site.yaml" and "file name" in p.message]
    assert [p.line for p in logo] == [read_source(root / "content/site.yaml").position(("brand", "logo"))[0]]
    cases = sorted((root / "content/cases").glob("*.yaml"))
    photos = {p.file for p in problems if "file name" in p.message and p.file.startswith("content/cases/")}
    assert photos == {c.relative_to(root).as_posix() for c in cases}
