"""An approval means something: it is bound to the text the office approved (`casecast approve`), an edit
since withholds the case from every output until it is approved again, and reformatting voids nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.approval import version_digest
from generator.approve import Approval, ApproveError, approve_case, with_review
from generator.checking import check_project, publishable
from generator.loading import load_project
from generator.model import ReviewStatus
from generator.plugin import build_site
from generator.review_report import review_rows
from tests.test_cli import casecast

TODAY = dt.date(2026, 11, 25)
CASE = "content/cases/card-renting.yaml"  # listed in 2026-11, this month


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECAST_LANG", "en")


def edit_story(project: Path, old: str, new: str) -> None:
    path = project / CASE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def approval_problems(project: Path) -> list:
    return [p for p in check_project(project, TODAY).problems if p.rule == "changed-since-approval"]


def published(site: Path, case_id: str) -> dict[str, bool]:
    """Where a case shows after a build: its page, this month's list, the slides, the app, WeChat."""
    return {
        "page": (site / f"cases/{case_id}/index.html").is_file(),
        "month": f"cases/{case_id}/" in (site / "months/2026-11/index.html").read_text(encoding="utf-8"),
        "slides": any((site / "exports/slides").rglob(f"*-case-{case_id}.*")),
        "mobile": (site / f"exports/mobile/zh/{case_id}.page.html").is_file(),
        "feed": case_id in (site / "exports/mobile/zh/feed.json").read_text(encoding="utf-8"),
        "wechat": (site / f"exports/wechat/zh/{case_id}.json").is_file(),
    }


def test_an_edit_after_approval_withholds_the_case_everywhere_until_it_is_approved_again(project: Path) -> None:
    approve_case(project, "card-renting", None, "XB-2026-211", "消保办 王审", None, TODAY)
    assert approval_problems(project) == []
    edit_story(project, "每天给300元", "每天给500元")

    (problem,) = approval_problems(project)
    assert problem.file == CASE and problem.severity == "error"
    assert "changed since 消保办 王审 approved it as XB-2026-211 on 2026-11-25" in problem.message
    assert "until the office approves the new text again" in problem.message
    lines = (project / CASE).read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].lstrip().startswith("digest: sha256:")

    built = build_site(project)
    assert built and built.loaded.problems.failed()  # built without it; the error makes `casecast build` exit 1
    site = project / "site"
    assert published(site, "card-renting") == dict.fromkeys(
        ("page", "month", "slides", "mobile", "feed", "wechat"), False
    )
    assert published(site, "student-card-selling") == dict.fromkeys(
        ("page", "month", "slides", "mobile", "feed", "wechat"), True
    )  # the rest of the month is built

    done = approve_case(project, "card-renting", None, "XB-2026-212", "消保办 王审", dt.date(2027, 11, 24), TODAY)
    assert done.approval.until == dt.date(2027, 11, 24) and approval_problems(project) == []
    assert build_site(project)
    assert all(published(project / "site", "card-renting").values())
    page = (project / "site/cases/card-renting/index.html").read_text(encoding="utf-8")
    assert "XB-2026-212" in page and "每天给500元" in page


def test_approving_again_keeps_the_last_day_unless_the_office_gives_another(project: Path) -> None:
    approve_case(project, "card-renting", None, "XB-2026-211", "消保办 王审", dt.date(2027, 6, 30), TODAY)
    edit_story(project, "每天给300元", "每天给500元")
    result = casecast(project, "approve", "card-renting", "--number", "XB-2026-212", "--reviewer", "消保办 王审")
    assert result.returncode == 0, result.stderr
    assert "still valid until 2027-06-30 as before (--until gives another day)" in result.stdout
    assert "  until: 2027-06-30\n" in (project / CASE).read_text(encoding="utf-8")
    done = approve_case(project, "card-renting", None, "XB-2026-213", "消保办", dt.date(2028, 1, 31), TODAY)
    assert done.approval.until == dt.date(2028, 1, 31) and not done.kept_until
    later = dt.date(2028, 2, 1)  # the last day has passed: approved again, the case has none
    done = approve_case(project, "card-renting", None, "XB-2028-001", "消保办", None, later)
    assert done.approval.until is None and "\n  until:" not in (project / CASE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "style",
    [
        {"indent": 4, "default_style": '"', "width": 30},  # every value quoted, lines folded, deeper indent
        {"default_flow_style": True, "width": 1000},  # one flow mapping
    ],
)
def test_reformatting_the_file_keeps_the_approval(project: Path, style: dict) -> None:
    """Indentation, key order, comments, quoting and block style are how a text is written, not what it says."""
    before = load_project(project)
    raw = json.loads(json.dumps(before.sources[CASE].data, default=str))  # dates as text: "2027-12-31"
    reordered = dict(reversed(list(raw.items())))
    text = yaml.safe_dump(reordered, allow_unicode=True, sort_keys=False, **style)
    (project / CASE).write_text(f"# 重新排版：顺序、缩进、引号都变了\n{text}# 文末注释\n", encoding="utf-8")
    after = load_project(project)
    assert after.sources[CASE].text != before.sources[CASE].text
    assert after.content.case("card-renting", "zh").case == before.content.case("card-renting", "zh").case
    assert approval_problems(project) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("每天给300元", "每天给３00元"),  # one character of the story
        ("valid_until: 2027-12-31", "valid_until: 2028-12-31"),  # how long it may be shown
        ("category: account-renting", "category: telecom-fraud"),  # what it is filed under
    ],
)
def test_any_change_of_what_is_published_voids_the_approval(project: Path, old: str, new: str) -> None:
    text = (project / CASE).read_text(encoding="utf-8")
    assert old in text
    (project / CASE).write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [p.severity for p in approval_problems(project)] == ["error"]


def test_a_new_picture_under_the_same_name_voids_the_approval(project: Path) -> None:
    picture = project / "content/images/atm-call.png"
    from PIL import Image

    with Image.open(picture) as image:
        image.rotate(180).save(picture)
    files = {p.file for p in approval_problems(project)}
    assert files == {
        "content/cases/fake-tax-refund.yaml",
        "content/cases/fake-tax-refund.ko.yaml",
        "content/cases/fake-tax-refund.en.yaml",
    }


def test_an_approval_without_a_digest_is_a_warning_that_says_what_to_run(project: Path) -> None:
    path = project / CASE
    path.write_text(re.sub(r"\n  digest: .*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    problems = check_project(project, TODAY).problems
    (problem,) = [p for p in problems if p.file == CASE]
    assert (problem.rule, problem.severity) == ("changed-since-approval", "warning")
    assert problem.message.endswith(
        "casecast approve card-renting --number XB-2026-111 --reviewer 消费者权益保护办公室"
    )
    assert not problems.failed() and problems.failed(strict=True)  # published, but no strict build or publish
    assert "card-renting" in {v.id for v in publishable(check_project(project, TODAY)).cases.values()}


def test_the_review_block_is_written_into_the_text_and_nothing_else_changes() -> None:
    before = (
        "# 案例说明\ntitle: 标题  # 标题注释\nreview:\n  status: in_review   # 送审中\n"
        "  number: 'XB-0'\n  # reviewer: 待定\n  until: 2026-01-01\nvalid_until: 2027-12-31  # 有效期\n"
    )
    approval = Approval("XB-2026-301", "消保办 #2", dt.date(2026, 11, 25), None, "sha256:" + "ab" * 32)
    after = with_review(before, approval)
    assert after == (
        "# 案例说明\ntitle: 标题  # 标题注释\nreview:\n  status: approved   # 送审中\n"
        '  number: XB-2026-301\n  # reviewer: 待定\n  reviewer: "消保办 #2"\n  date: 2026-11-25\n'
        f"  digest: sha256:{'ab' * 32}\nvalid_until: 2027-12-31  # 有效期\n"
    )
    crlf = with_review(before.replace("\n", "\r\n"), approval)
    assert crlf == after.replace("\n", "\r\n")  # a Windows file stays a Windows file
    flow = with_review("title: x\nreview: {status: draft}  # 送审\n", approval)
    assert flow.endswith(f"date: 2026-11-25, digest: sha256:{'ab' * 32}}}  # 送审\n")


def test_a_case_with_an_error_of_its_own_cannot_be_approved(project: Path) -> None:
    edit_story(project, "每天给300元", "每天给300元，联系13812345678")
    before = (project / CASE).read_bytes()
    with pytest.raises(ApproveError) as refused:
        approve_case(project, "card-renting", None, "XB-2026-302", "消保办", None, TODAY)
    assert "cannot be approved until they are fixed" in str(refused.value)
    assert [p.rule for p in refused.value.problems] == ["pii-phone"]
    assert (project / CASE).read_bytes() == before


def test_in_a_preview_a_changed_case_is_a_draft_waiting_for_approval(project: Path) -> None:
    edit_story(project, "每天给300元", "每天给500元")
    loaded = check_project(project, TODAY)
    assert ("card-renting", "zh") not in publishable(loaded).cases
    preview = publishable(loaded, preview=True).cases[("card-renting", "zh")]
    assert preview.case.review.status is ReviewStatus.in_review and "每天给500元" in preview.case.story


def test_approve_and_review_from_the_command_line(project: Path) -> None:
    shutil.copy2(project / CASE, project / "before.yaml")
    edit_story(project, "每天给300元", "每天给500元")
    result = casecast(project, "review")
    lines = result.stdout.splitlines()
    assert lines[2].startswith("card-renting") and "changed since approval: approve again" in lines[2]
    digest = version_digest(load_project(project).content.case("fake-tax-refund", "zh"), project)
    assert any(line.startswith("fake-tax-refund ") and digest[7:19] in line for line in lines)
    assert "1 changed since approval" in lines[-1]

    result = casecast(project, "approve", "card-renting", "--number", "XB-2026-303", "--reviewer", "消保办")
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"approved content/cases/card-renting.yaml as XB-2026-303 by 消保办 on \d{4}-\d\d-\d\d", result.stdout
    )
    loaded = check_project(project)
    assert loaded.problems.errors == []
    row = next(r for r in review_rows(loaded, dt.date.today()) if r.id == "card-renting")
    assert (row.state, row.number, row.date) == ("published", "XB-2026-303", dt.date.today().isoformat())

    assert casecast(project, "approve", "no-such-case", "--number", "1", "--reviewer", "x").returncode == 2
    result = casecast(project, "approve", "card-renting", "--number", "1", "--reviewer", "x", "--until", "2001-01-01")
    assert result.returncode == 2 and "--until 2001-01-01 is already past" in result.stderr
