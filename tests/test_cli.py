"""The casecast command as staff use it: exit codes, messages, JSON, new case, build."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.schema import SCHEMAS, schema_text
from tests.conftest import approve_again

REPO = Path(__file__).resolve().parent.parent


def start_casecast(project: Path, *args: str, stderr=subprocess.DEVNULL) -> subprocess.Popen[str]:
    """`casecast ARGS` in the project, running in the background (serve, a publish to interrupt)."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )


def casecast(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )


def test_check_passes_on_the_sample_content(project: Path) -> None:
    result = casecast(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout


def test_check_fails_on_tittle_and_says_file_line_and_title(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "tittle:", 1), encoding="utf-8")
    result = casecast(project, "check")
    assert result.returncode == 1
    assert re.search(r"content/cases/card-renting\.yaml:2:1: error: schema: .*'title'", result.stdout)
    assert "Traceback" not in result.stdout + result.stderr


def test_check_json_has_the_contract_shape(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "tittle:", 1), encoding="utf-8")
    result = casecast(project, "check", "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 1
    (problem,) = report["problems"]
    assert set(problem) == {"file", "line", "column", "rule", "severity", "message"}
    assert (problem["file"], problem["line"], problem["column"]) == ("content/cases/card-renting.yaml", 2, 1)


def test_check_limited_to_a_path_reports_only_that_file(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "tittle:", 1), encoding="utf-8")
    assert casecast(project, "check", "content/cases/fake-loan-app.yaml").returncode == 0
    assert casecast(project, "check", "content/cases/card-renting.yaml").returncode == 1


def test_bad_usage_exits_2(project: Path) -> None:
    assert casecast(project, "check", "--format", "xml").returncode == 2
    assert casecast(project, "build", "--only", "posters").returncode == 2


def test_a_new_case_fails_until_filled_then_passes(project: Path) -> None:
    result = casecast(project, "new", "case", "fake-lottery-win")
    assert result.returncode == 0, result.stderr
    path = project / "content/cases/fake-lottery-win.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../schema/case.schema.json" in text
    first = casecast(project, "check")
    assert first.returncode == 1 and "still says TODO" in first.stdout
    filled = (
        text.replace("title: TODO", "title: 中奖要先交税？是诈骗")
        .replace("category: TODO", "category: telecom-fraud")
        .replace("audience: [TODO]", "audience: [elderly]")
        .replace("summary: TODO", "summary: 陌生短信称中奖，要求先交个人所得税。")
        .replace("  TODO\n", "  一位客户收到中奖短信，对方要求先转账交税。\n")
        .replace("  - TODO", "  - 陌生短信称中奖", 1)
        .replace("  - TODO", "  - 中奖不需要先交钱", 1)
    )
    path.write_text(filled, encoding="utf-8")
    second = casecast(project, "check")
    assert second.returncode == 0, second.stdout


def test_new_case_refuses_to_overwrite(project: Path) -> None:
    result = casecast(project, "new", "case", "fake-tax-refund")
    assert result.returncode == 2 and "already exists" in result.stderr


def test_a_korean_new_case_gets_the_suffix(project: Path) -> None:
    assert casecast(project, "new", "case", "loan-scam", "--lang", "ko").returncode == 0
    assert (project / "content/cases/loan-scam.ko.yaml").is_file()


def test_json_schemas_are_in_sync_with_the_models() -> None:
    for name in SCHEMAS:
        committed = (REPO / "content" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(name), f"run 'casecast schema': {name}.schema.json is stale"
        assert json.loads(committed)["additionalProperties"] is False


def test_every_sample_file_points_its_editor_at_the_schema() -> None:
    for path in (REPO / "content").rglob("*.yaml"):
        kind = "site" if path.name == "site.yaml" else path.parent.name.rstrip("s")
        assert "$schema=" in path.read_text(encoding="utf-8").splitlines()[0], path
        assert f"{kind}.schema.json" in path.read_text(encoding="utf-8").splitlines()[0], path


def test_build_with_a_broken_case_builds_the_rest_and_exits_1(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "tittle:", 1), encoding="utf-8")
    result = casecast(project, "build")
    assert result.returncode == 1
    assert "card-renting.yaml" in result.stderr
    assert (project / "site/cases/fake-loan-app/index.html").is_file()
    assert not (project / "site/cases/card-renting").exists()


def test_a_strict_build_that_fails_leaves_the_previous_site(project: Path) -> None:
    assert casecast(project, "build", "--strict").returncode == 0
    marker = project / "site/index.html"
    before = marker.read_bytes()
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "tittle:", 1), encoding="utf-8")
    result = casecast(project, "build", "--strict")
    assert result.returncode == 1
    assert marker.read_bytes() == before
    assert (project / "site/cases/card-renting/index.html").is_file()


@pytest.mark.parametrize(
    ("name", "mistake", "said"),
    [
        ("pages/case.html.j2", "{{ case.tittle }}", "has no attribute 'tittle'"),
        ("pages/case.html.j2", "{% if case.slogan %}", "Unexpected end of template"),
        ("overrides/main.html", "{% if %}", "Expected an expression"),
    ],
)
def test_a_mistake_in_a_template_names_the_file_and_line(project: Path, name: str, mistake: str, said: str) -> None:
    assert casecast(project, "build", "--only", "site").returncode == 0
    before = (project / "site/index.html").read_bytes()
    template = project / "theme" / name
    template.write_text(template.read_text(encoding="utf-8") + mistake + "\n", encoding="utf-8")
    lines = len(template.read_text(encoding="utf-8").splitlines())
    result = casecast(project, "build", "--only", "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"theme/{name}, line {lines}: " in result.stderr and said in result.stderr
    assert (project / "site/index.html").read_bytes() == before


@pytest.mark.parametrize(
    ("slip", "said"),
    [
        ("\tyear: 年\n", "yaml-syntax: a tab at the start of the line"),
        ("  no_cases:\n    - 没有\n", "schema: 'en.no_cases' must be words"),
        ("  year: no\n", "schema: 'en.year' reads as yes/no; put the words in quotes"),
    ],
)
def test_a_slip_in_the_interface_words_is_reported_at_its_line_and_stops_the_build(
    project: Path, slip: str, said: str
) -> None:
    assert casecast(project, "build", "--only", "site").returncode == 0
    before = (project / "site/index.html").read_bytes()
    labels = project / "theme/pages/labels.yaml"
    text = labels.read_text(encoding="utf-8")
    for key in ("no_cases", "year"):  # the English block's own line goes, so the slip is the only one
        text = re.sub(rf"(?m)(^en:\n(?:  .*\n)*?)  {key}: .*\n", r"\1", text)
    labels.write_text(text + slip, encoding="utf-8")
    line = len(text.splitlines()) + 1
    check = casecast(project, "check")
    assert check.returncode == 1
    assert f"theme/pages/labels.yaml:{line}:" in check.stdout + check.stderr and said in check.stdout + check.stderr
    for only in ("site", "slides"):
        result = casecast(project, "build", "--only", only)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "theme/pages/labels.yaml has errors" in result.stderr
    assert (project / "site/index.html").read_bytes() == before


def test_mkdocs_build_and_casecast_build_make_the_same_pages(project: Path, tmp_path: Path) -> None:
    case = project / "content/cases/card-renting.yaml"  # a warning, said in the language of each build
    case.write_text(
        case.read_text(encoding="utf-8").replace("story: |\n", "story: |\n  座机010-12345678。\n", 1), "utf-8"
    )
    approve_again(project, "content/cases/card-renting.yaml")  # the office approved the edit
    ours_said = casecast(project, "build")
    assert ours_said.returncode == 0 and "a landline number" in ours_said.stderr  # CASECAST_LANG=en
    ours = sorted(p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*.html"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "mk")],  # not -q: warnings are said
        cwd=project,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "CASECAST_LANG"},  # the site's default: Chinese
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "这是一个固定电话号码" in result.stderr, result.stderr
    theirs = sorted(p.relative_to(tmp_path / "mk").as_posix() for p in (tmp_path / "mk").rglob("*.html"))
    assert ours == theirs


def test_review_lists_waiting_cases_first_with_their_review_details(project: Path) -> None:
    from tests.conftest import add_draft

    add_draft(project)
    result = casecast(project, "review")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[2].startswith("fake-refund-shopping") and "waiting for review" in lines[2]
    assert any("XB-2026-031" in line and "消费者权益保护办公室" in line for line in lines)
    assert "1 waiting for review" in lines[-1]
    report = json.loads(casecast(project, "review", "--format", "json").stdout)
    assert {"id", "lang", "status", "number", "reviewer", "date", "valid_until", "state"} <= set(report["cases"][0])


def test_docs_rules_explains_every_rule() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in [
        "yaml-syntax",
        "schema",
        "duplicate-key",
        "unknown-reference",
        "duplicate-id",
        "pii-cn-id",
        "pii-phone",
        "pii-bank-card",
        "pii-kr-rrn",
        "pii-email",
        "forbidden-term",
        "not-approved",
        "expired",
        "missing-file",
        "unsafe-content",
    ]:
        assert f"`{rule}`" in text, rule


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--only", "slides,mobile"],
        ["export", "slides", "--display", "led-wall", "--month", "2026-03", "-o", "pack.zip"],
        ["check"],
    ],
    ids=["only-exports", "export", "check"],
)
def test_exports_and_checks_run_without_mkdocs(project: Path, args: list[str]) -> None:
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as end:\n    code = end.code\n"
        "loaded = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print('MKDOCS', loaded, 'EXIT', code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert "MKDOCS [] EXIT 0" in result.stdout, result.stdout + result.stderr[-2000:]


def test_check_of_a_path_that_matches_nothing_is_bad_usage_that_says_what_there_is(project: Path) -> None:
    missing = casecast(project, "check", "content/cases/x.yaml")
    assert missing.returncode == 2 and "error(s)" not in missing.stdout
    assert "content/cases/x.yaml does not exist" in missing.stderr
    assert "case file(s) in content/cases/" in missing.stderr and "Traceback" not in missing.stderr
    near = casecast(project, "check", "cases/fake-tax-refund.yaml", "mkdocs.yml")
    assert near.returncode == 2 and "Did you mean content/cases/fake-tax-refund.yaml?" in near.stderr
