"""Approval and expiry: only approved, unexpired material goes out, and the reviewer sees why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.checking import check_project
from generator.plugin import build_site
from tests.conftest import add_draft, approve_again

TODAY = dt.date(2026, 11, 25)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_case_in_review_is_a_warning_that_strict_turns_into_a_failure(project: Path) -> None:
    add_draft(project)
    problems = check_project(project, TODAY).problems
    (problem,) = [p for p in problems if p.rule == "not-approved"]
    assert problem.severity == "warning" and "in_review" in problem.message
    assert not problems.failed() and problems.failed(strict=True)


def test_approved_without_a_review_number_is_an_error(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    replace(case, "  number: XB-2026-111\n", "")
    (problem,) = [p for p in check_project(project, TODAY).problems if p.rule == "not-approved"]
    assert problem.severity == "error" and "number" in problem.message


def test_an_expired_case_listed_for_this_month_is_reported(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    replace(case, "valid_until: 2027-12-31", "valid_until: 2026-11-01")
    (problem,) = [p for p in check_project(project, TODAY).problems if p.rule == "expired"]
    assert "2026-11" in problem.message


def test_an_expired_case_leaves_the_lists_but_stays_in_the_archive_with_a_notice(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    replace(case, "valid_until: 2027-12-31", "valid_until: 2026-04-30")
    approve_again(project, "content/cases/fake-tax-refund.yaml")
    assert build_site(project, today="2026-11-25")
    site = project / "site"
    assert "fake-tax-refund" not in (site / "months/2026-03/index.html").read_text(encoding="utf-8")
    assert "fake-tax-refund" in (site / "archive/index.html").read_text(encoding="utf-8")
    page = (site / "cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    assert "本案例已过有效期" in page
