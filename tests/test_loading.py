"""Loading and validation: every mistake comes back with its file, line and a plain message."""

from __future__ import annotations

from pathlib import Path

from generator.checking import check_project
from generator.model import third_wednesday
from generator.problems import Problem, format_text
from tests.conftest import approve_again

CASE = "content/cases/fake-tax-refund.yaml"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    approve_again(project, rel)  # what is tested is the edit, not that it voids the approval


def line_of(project: Path, rel: str, needle: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def only(problems: list[Problem], rule: str) -> Problem:
    found = [p for p in problems if p.rule == rule and p.label != "notice"]
    assert len(found) == 1, f"expected one {rule} problem, got {[p.as_text() for p in problems]}"
    return found[0]


def test_the_sample_content_has_no_problems(project: Path) -> None:
    loaded = check_project(project)
    assert [p.as_text() for p in loaded.problems] == []
    assert len(loaded.content.cases) >= 12


def test_a_misspelt_key_names_the_file_line_and_the_right_key(project: Path) -> None:
    edit(project, CASE, "title:", "tittle:")
    problem = only(check_project(project).problems, "schema")
    assert problem.file == CASE
    assert problem.line == line_of(project, CASE, "tittle:")
    assert problem.column == 1
    assert "unknown key 'tittle'" in problem.message and "did you mean 'title'" in problem.message


def test_a_missing_field_is_named(project: Path) -> None:
    edit(project, CASE, "summary: ", "# summary: ")
    problem = only(check_project(project).problems, "schema")
    assert (problem.file, problem.severity) == (CASE, "error")
    assert "'summary' is required" in problem.message


def test_a_wrong_type_points_at_the_value(project: Path) -> None:
    edit(project, CASE, "audience: [elderly]", "audience: {elderly: yes}")
    problem = only(check_project(project).problems, "schema")
    assert problem.line == line_of(project, CASE, "audience:")
    assert "'audience' needs a list" in problem.message


def test_a_bad_date_says_how_to_write_it(project: Path) -> None:
    edit(project, CASE, "valid_until: 2027-12-31", "valid_until: 31.12.2027")
    problem = only(check_project(project).problems, "schema")
    assert problem.line == line_of(project, CASE, "valid_until:")
    assert "YYYY-MM-DD" in problem.message


def test_an_unknown_category_suggests_the_closest(project: Path) -> None:
    edit(project, CASE, "category: telecom-fraud", "category: telecom-frauds")
    problem = only(check_project(project).problems, "unknown-reference")
    assert problem.line == line_of(project, CASE, "category:")
    assert "telecom-frauds" in problem.message and "did you mean 'telecom-fraud'" in problem.message


def test_a_theme_listing_an_unknown_case_points_at_the_id(project: Path) -> None:
    theme = "content/themes/2026-03.yaml"
    edit(project, theme, "cases: [fake-tax-refund,", "cases: [fake-tax-refnd,")
    problem = only(check_project(project).problems, "unknown-reference")
    assert (problem.file, problem.line, problem.column) == (theme, line_of(project, theme, "cases:"), 9)
    assert "did you mean 'fake-tax-refund'" in problem.message


def test_two_files_for_the_same_case_and_language_are_a_duplicate_id(project: Path) -> None:
    src = project / CASE
    (project / "content/cases/fake-tax-refund.zh.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    problem = only(check_project(project).problems, "duplicate-id")
    assert "fake-tax-refund" in problem.message and "already defined" in problem.message


def test_yaml_syntax_errors_give_their_line_and_a_hint(project: Path) -> None:
    edit(project, CASE, "summary: 自称", 'summary: "自称"房管局')
    problem = only(check_project(project).problems, "yaml-syntax")
    assert problem.line == line_of(project, CASE, "summary:")
    assert "quote" in problem.message


def test_a_key_given_twice_is_an_error_not_silently_the_last(project: Path) -> None:
    edit(project, CASE, "slogan:", "title: 第二个标题\nslogan:")
    problem = only(check_project(project).problems, "duplicate-key")
    assert problem.line == line_of(project, CASE, "title: 第二个标题")
    assert "'title' is given twice" in problem.message


def test_yaml_aliases_are_refused_quickly(project: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    (project / "content/cases/bomb.yaml").write_text(bomb, encoding="utf-8")
    problem = only(check_project(project).problems, "unsafe-content")
    assert problem.file == "content/cases/bomb.yaml" and "aliases" in problem.message


def test_a_colon_inside_a_list_item_is_explained(project: Path) -> None:
    edit(project, CASE, "  - 挂断电话，", "  - 注意: 挂断电话，")
    problem = only(check_project(project).problems, "schema")
    assert "put the text in quotes" in problem.message


def test_a_file_name_with_an_unknown_language_is_reported(project: Path) -> None:
    src = project / CASE
    (project / "content/cases/fake-tax-refund.fr.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    problem = only(check_project(project).problems, "unknown-reference")
    assert problem.file == "content/cases/fake-tax-refund.fr.yaml" and "'fr'" in problem.message


def test_a_broken_case_does_not_hide_the_theme_that_lists_it(project: Path) -> None:
    edit(project, CASE, "title:", "tittle:")
    problems = check_project(project).problems
    assert [p.rule for p in problems] == ["schema"], "the theme must not also say the case is unknown"


def test_checkup_day_defaults_to_the_third_wednesday() -> None:
    assert third_wednesday(2026, 3).isoformat() == "2026-03-18"
    assert third_wednesday(2026, 4).isoformat() == "2026-04-15"
    assert third_wednesday(2026, 7).isoformat() == "2026-07-15"


def test_a_mistake_in_site_yaml_stops_with_its_line(project: Path) -> None:
    edit(project, "content/site.yaml", "hotline:", "hotlin:")
    loaded = check_project(project)
    assert loaded.content is None
    messages = [(p.file, p.line, p.message) for p in loaded.problems]
    assert (
        "content/site.yaml",
        line_of(project, "content/site.yaml", "hotlin:"),
        "unknown key 'hotlin'; did you mean 'hotline'?",
    ) in messages


def test_a_display_called_contact_would_share_the_contact_sheets_folder(project: Path) -> None:
    edit(project, "content/site.yaml", "  totem:", "  contact:")
    loaded = check_project(project)
    (problem,) = [p for p in loaded.problems if p.file == "content/site.yaml"]
    assert "a display cannot be called 'contact': site/exports/slides/contact/ holds the contact sheets" in (
        problem.message
    )
    assert problem.line == line_of(project, "content/site.yaml", "  contact:")


def test_a_theme_with_a_bad_file_name_is_reported(project: Path) -> None:
    (project / "content/themes/2026-3.yaml").write_text("title: x\nintro: y\n", encoding="utf-8")
    problem = only(check_project(project).problems, "schema")
    assert problem.file == "content/themes/2026-3.yaml" and "2026-03.yaml" in problem.message


def test_content_files_casecast_would_pass_over_are_reported_with_the_name_to_use(project: Path) -> None:
    text = (project / CASE).read_text(encoding="utf-8")
    (project / "content/cases/old").mkdir()
    for name in ("cases/fake-lottery.yml", "cases/fake-prize.YAML", "cases/old/fake-old.yaml", "case/fake-x.yaml"):
        (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / name).write_text(text, encoding="utf-8")
    (project / "content/fake-loose.yaml").write_text(text, encoding="utf-8")
    (project / "content/cases/.fake-tax-refund.yaml.swp").write_text("x", encoding="utf-8")  # an editor's, not ours
    problems = check_project(project).problems
    said = {p.file: p for p in problems if p.label != "notice"}
    expected = {
        "content/cases/fake-lottery.yml": "rename it to fake-lottery.yaml",
        "content/cases/fake-prize.YAML": "rename it to fake-prize.yaml",
        "content/cases/old/fake-old.yaml": "move it to content/cases/fake-old.yaml",
        "content/case/fake-x.yaml": "move it to content/cases/",
        "content/fake-loose.yaml": "move it into one of those folders",
    }
    assert set(said) == set(expected), [p.as_text() for p in problems]
    for file, words in expected.items():
        assert (said[file].severity, said[file].rule, said[file].line) == ("warning", "schema", 1)
        assert "ignored" in said[file].message and words in said[file].message, said[file].message


def test_a_file_name_in_capitals_or_with_a_country_code_says_the_name_to_use(project: Path) -> None:
    text = (project / CASE).read_text(encoding="utf-8")
    (project / "content/cases/Fake_Prize.yaml").write_text(text, encoding="utf-8")
    (project / "content/cases/fake-prize.kr.yaml").write_text(text, encoding="utf-8")
    problems = {p.file: p for p in check_project(project).problems if p.label != "notice"}
    assert "rename it to fake-prize.yaml" in problems["content/cases/Fake_Prize.yaml"].message
    assert "rename the file to fake-prize.ko.yaml" in problems["content/cases/fake-prize.kr.yaml"].message


def test_a_case_listed_in_no_theme_is_a_notice_that_fails_nothing(project: Path) -> None:
    (project / "content/cases/fake-prize.yaml").write_text((project / CASE).read_text(encoding="utf-8"), "utf-8")
    problems = check_project(project).problems
    (notice,) = problems
    assert (notice.file, notice.rule, notice.label) == ("content/cases/fake-prize.yaml", "unknown-reference", "notice")
    assert "no month's theme in 'zh' lists this case" in notice.message and "'fake-prize'" in notice.message
    assert not problems.failed() and not problems.failed(strict=True)
    assert format_text(problems).endswith("0 error(s), 0 warning(s), 1 notice(s)")
