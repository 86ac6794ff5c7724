"""`casecast new case` and `casecast new theme`: a file to fill in, commented in its own language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.checking import check_project
from generator.scaffold import ScaffoldError, new_case, new_theme
from tests.test_cli import casecast


def test_a_korean_case_has_korean_comments_and_copies_category_and_audience(project: Path) -> None:
    path = new_case(project, "fake-police-safe-account", "ko")
    text = path.read_text(encoding="utf-8")
    assert path.name == "fake-police-safe-account.ko.yaml"
    assert "위험 신호: 짧은 문장 1~6개" in text and "세금 환급" in text  # Korean comment, Korean example
    assert "风险提示" not in text and "red flags" not in text
    data = yaml.safe_load(text)
    assert data["category"] == "telecom-fraud"  # as in fake-police-safe-account.yaml
    assert data["audience"] == ["elderly", "everyone"]
    assert "content/cases/fake-police-safe-account.yaml에서 가져옴" in text


def test_an_english_translation_copies_too_and_a_new_chinese_case_lists_the_choices(project: Path) -> None:
    english = new_case(project, "fake-police-safe-account", "en").read_text(encoding="utf-8")
    assert "red flags: 1 to 6 short lines" in english and "category: telecom-fraud" in english
    chinese = new_case(project, "fake-lottery-win").read_text(encoding="utf-8")
    assert "风险提示：1 到 6 条短句" in chinese
    assert "category: TODO" in chinese and "从下列中选一个：telecom-fraud" in chinese
    assert "audience: [TODO]" in chinese and "可多选：elderly" in chinese


def test_a_new_theme_defaults_its_checkup_day_and_passes_check_once_filled(project: Path) -> None:
    path = new_theme(project, "2026-12")
    text = path.read_text(encoding="utf-8")
    assert path == project / "content/themes/2026-12.yaml"
    assert "# checkup_day: 2026-12-16" in text and "第三个星期三（2026-12-16）" in text
    filled = (
        text.replace("title: TODO", "title: 年末防诈骗宣传月")
        .replace("  TODO\n", "  年底资金往来多，**转账之前多核实**。\n")
        .replace("cases: []", "cases: [fake-tax-refund]")
    )
    path.write_text(filled, encoding="utf-8")
    problems = [p for p in check_project(project).problems if p.file == "content/themes/2026-12.yaml"]
    assert problems == []
    korean = new_theme(project, "2026-12", "ko").read_text(encoding="utf-8")
    assert "셋째 주 수요일(2026-12-16)" in korean and "cases: [fake-tax-refund]" in korean


def test_new_theme_refuses_an_existing_file_or_a_bad_month_in_one_sentence(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASECAST_LANG", "en")
    existing = casecast(project, "new", "theme", "2026-11")
    assert existing.returncode == 2
    assert existing.stderr.strip() == "error: content/themes/2026-11.yaml already exists; nothing was written"
    bad = casecast(project, "new", "theme", "2026-13")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: '2026-13' is not a month written YYYY-MM, e.g. 2026-03"
    with pytest.raises(ScaffoldError, match="'jp' is not one of the site's languages"):
        new_theme(project, "2027-01", "jp")
