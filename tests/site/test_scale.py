"""A case page must not grow with the number of cases: the nav links months and categories, not cases."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.plugin import build_site
from tests.conftest import copy_project
from tests.synthetic import write_synthetic_cases


def case_page_size(tmp_path: Path, count: int) -> int:
    project = copy_project(tmp_path / f"p{count}")
    write_synthetic_cases(project, count)
    assert build_site(project, exports=[])  # pages only: slides are measured in benchmarks/slides.py
    size = (project / "site" / "cases" / "case-0001" / "index.html").stat().st_size
    shutil.rmtree(project)
    return size


def test_a_case_page_at_500_cases_is_within_20_percent_of_its_size_at_50(tmp_path: Path) -> None:
    small = case_page_size(tmp_path, 50)
    large = case_page_size(tmp_path, 500)  # ten times the cases (benchmarks/build.py goes to 3,000)
    assert large <= small * 1.2, f"{large} bytes at 500 cases vs {small} at 50"
