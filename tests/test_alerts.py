"""Urgent alerts, function by function: when an alert is live (the site's time zone, a day alone), what is
wrong in one (said at its line), how it is approved and bound to its text, its text message, its slides'
place in a playlist, and `casecast new alert`. What a build makes of them: tests/browser/test_alerts.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator.alert import Alert, AlertLevel, alert_version
from generator.approve import ApproveUsage, approve_case
from generator.channels import alert_sms
from generator.checking import check_project, publishable
from generator.loading import load_project
from generator.model import Site
from generator.publication import Publication
from generator.scaffold import new_alert
from generator.slides.alerts import interleave
from tests.test_cli import casecast

SHANGHAI = ZoneInfo("Asia/Shanghai")
DRAFT = "review: {status: draft}\n"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECAST_LANG", "en")


def alert(**fields) -> Alert:
    data = {"text": "冒充客服的电话", "level": "warning", "from": "2026-11-20 09:00", "until": "2026-11-30"}
    data.update(fields)
    return Alert.model_validate({**data, "review": {"status": "approved", "number": "X", "reviewer": "Y"}})


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def write_alert(project: Path, name: str, body: str) -> Path:
    path = project / "content/alerts" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


# -- when it is shown ----------------------------------------------------------------------------------------


def test_a_time_without_a_zone_is_the_sites_and_a_day_alone_runs_through_that_day() -> None:
    version = alert_version("a", "zh", alert(), "content/alerts/a.yaml", SHANGHAI)
    assert version.start == at("2026-11-20T09:00+08:00")
    assert version.end == at("2026-12-01T00:00+08:00")  # until: 2026-11-30 keeps it up all of the 30th
    publication = Publication(dt.date(2026, 11, 25), now=at("2026-11-20T08:59+08:00"))
    assert not publication.alert_live(version)
    for moment in ("2026-11-20T09:00+08:00", "2026-11-30T23:59+08:00", "2026-11-30T15:59Z"):
        assert Publication(dt.date(2026, 11, 25), now=at(moment)).alert_live(version), moment
    assert not Publication(dt.date(2026, 12, 1), now=at("2026-12-01T00:00+08:00")).alert_live(version)


def test_a_time_with_its_zone_keeps_it_and_the_approvals_last_day_can_end_the_alert_sooner() -> None:
    written = alert(**{"from": "2026-11-20T09:00+09:00", "until": "2026-11-30 18:00+09:00"})
    version = alert_version("a", "ko", written, "content/alerts/a.ko.yaml", SHANGHAI)
    assert version.start == at("2026-11-20T08:00+08:00") and version.end == at("2026-11-30T17:00+08:00")
    review = written.review.model_copy(update={"until": dt.date(2026, 11, 25)})
    shorter = alert_version("a", "ko", written.model_copy(update={"review": review}), "x", SHANGHAI)
    assert shorter.end == at("2026-11-26T00:00+08:00")


def test_the_site_time_zone_is_site_yamls_else_that_of_its_first_language() -> None:
    base = {"name": "x", "organization": "x", "hotline": "1", "complaint": {"phone": "1"}, "categories": {"a": {}}}
    assert Site.model_validate({**base, "languages": ["ko", "zh"]}).zone == ZoneInfo("Asia/Seoul")
    assert Site.model_validate({**base, "languages": ["zh"]}).zone == SHANGHAI
    assert Site.model_validate({**base, "languages": ["en"]}).zone == dt.UTC
    site = Site.model_validate({**base, "languages": ["zh"], "timezone": "Asia/Hong_Kong"})
    assert site.zone == ZoneInfo("Asia/Hong_Kong") and site.alert_every == 5


def test_an_unknown_time_zone_in_site_yaml_is_said_at_its_line(project: Path) -> None:
    site = project / "content/site.yaml"
    lines = site.read_text(encoding="utf-8").replace("Asia/Shanghai", "Beijing").splitlines(keepends=True)
    site.write_text("".join(lines), encoding="utf-8")
    (problem,) = [p for p in load_project(project).problems if p.file == "content/site.yaml"]
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("timezone:"))
    assert (problem.rule, problem.line) == ("schema", line)
    assert "'Beijing' is not a time zone name" in problem.message and "Asia/Shanghai" in problem.message


# -- what is wrong in one ------------------------------------------------------------------------------------


def test_mistakes_in_an_alert_are_said_at_their_lines_and_withhold_only_that_alert(project: Path) -> None:
    write_alert(
        project, "typos.yaml", "text: 冒充客服\nlevel: urgent\nfrom: 2026-11-20 9h\nuntill: 2026-11-30\n" + DRAFT
    )
    write_alert(
        project,
        "backwards.ko.yaml",
        "text: 사칭 전화\nlevel: danger\nfrom: 2026-11-20 09:00\nuntil: 2026-11-20 08:00\n" + DRAFT,
    )
    write_alert(project, "fine.yaml", "text: 冒充客服\nlevel: caution\nfrom: 2026-11-20\nuntil: 2026-11-30\n" + DRAFT)
    loaded = load_project(project)
    said = {(p.file.rsplit("/", 1)[1], p.line, p.message) for p in loaded.problems if "alerts/" in p.file}
    assert said == {
        ("typos.yaml", 2, "'urgent' is not an alert level; write one of: caution (주의 · 注意), warning (경고 · 警告), "
         "danger (위험 · 危险)"),
        ("typos.yaml", 3, "'from' must be a day and time written as YYYY-MM-DD HH:MM, e.g. 2026-11-20 09:00 (with "
         "+08:00 or +09:00 after it for a time zone other than the site's; a day alone as YYYY-MM-DD)"),
        ("typos.yaml", 4, "unknown key 'untill'; did you mean 'until'?"),
        ("backwards.ko.yaml", 4, "the alert ends (2026-11-20 08:00+08:00) before it starts (2026-11-20 09:00+08:00); "
         "check 'from' and 'until'"),
    }  # fmt: skip
    assert [v.id for v in loaded.content.alerts.values()] == ["fine"]


# -- approval ------------------------------------------------------------------------------------------------


def test_casecast_approve_binds_an_alert_to_its_text_and_an_edit_voids_it(project: Path) -> None:
    path = write_alert(
        project,
        "phishing-wave.yaml",
        "text: 冒充客服的电话\nlevel: warning\nfrom: 2026-11-20\nuntil: 2099-11-30\n" + DRAFT,
    )
    result = casecast(project, "approve", "phishing-wave", "--number", "XB-2026-300", "--reviewer", "消保办")
    assert result.returncode == 0, result.stderr
    assert "approved content/alerts/phishing-wave.yaml as XB-2026-300" in result.stdout
    review = yaml.safe_load(path.read_text(encoding="utf-8"))["review"]
    assert review["status"] == "approved" and review["digest"].startswith("sha256:")
    today = dt.date.today()  # the day it was approved
    path.write_text("# 十一月的插播\n" + path.read_text(encoding="utf-8").replace("level: warning", "level:   warning"))
    assert not [p for p in check_project(project, today).problems if p.file == "content/alerts/phishing-wave.yaml"]
    path.write_text(
        path.read_text(encoding="utf-8").replace("冒充客服的电话", "冒充客服和公安的电话"), encoding="utf-8"
    )
    (problem,) = [p for p in check_project(project, today).problems if p.rule == "changed-since-approval"]
    assert problem.file == "content/alerts/phishing-wave.yaml" and problem.severity == "error"
    assert "casecast approve phishing-wave --alert --number XB-2026-300 --reviewer 消保办" in problem.message
    assert publishable(check_project(project, today)).alerts == {}  # withheld from every output


def test_approve_asks_which_when_a_case_and_an_alert_share_an_id(project: Path) -> None:
    write_alert(
        project, "card-renting.yaml", "text: 租卡诈骗\nlevel: caution\nfrom: 2026-11-20\nuntil: 2026-11-30\n" + DRAFT
    )
    with pytest.raises(ApproveUsage, match="add --alert to approve the alert, or --case"):
        approve_case(project, "card-renting", None, "X-1", "Y", None, dt.date(2026, 11, 25))
    done = approve_case(project, "card-renting", None, "X-1", "Y", None, dt.date(2026, 11, 25), "alerts")
    assert done.file == "content/alerts/card-renting.yaml"
    with pytest.raises(ApproveUsage, match="neither content/cases/nothing.yaml nor content/alerts/nothing.yaml"):
        approve_case(project, "nothing", None, "X-1", "Y", None, dt.date(2026, 11, 25))


def test_review_lists_alerts_as_live_scheduled_or_ended(project: Path) -> None:
    for name, start, end in (("now", "2026-01-01", "2099-12-31"), ("later", "2099-01-01", "2099-12-31")):
        write_alert(project, f"{name}.yaml", f"text: 冒充客服\nlevel: caution\nfrom: {start}\nuntil: {end}\n" + DRAFT)
        approve_case(project, name, None, f"X-{name}", "Y", None, dt.date.today())
    write_alert(project, "over.yaml", "text: 冒充客服\nlevel: danger\nfrom: 2026-01-01\nuntil: 2026-01-02\n" + DRAFT)
    approve_case(project, "over", None, "X-over", "Y", None, dt.date.today())
    result = casecast(project, "review", "--format", "json")
    states = {row["id"]: row["state"] for row in json.loads(result.stdout)["alerts"]}
    assert states == {
        "now": "live now, until 2100-01-01 00:00+08:00",
        "later": "scheduled: from 2099-01-01 00:00+08:00",
        "over": "ended (on no output)",
    }


# -- channels and screens ------------------------------------------------------------------------------------


def test_an_alerts_text_message_says_its_level_and_is_counted_as_the_carrier_counts(project: Path) -> None:
    loaded = check_project(project, dt.date(2026, 11, 25))
    site = loaded.content.site
    words = {
        "zh": {"alert": "风险警示", "alert_warning": "警告"},
        "ko": {"alert": "소비자경보", "alert_danger": "위험"},
    }
    zh = alert_version("a", "zh", alert(text="近期有人冒充本行客服要求转账"), "x", SHANGHAI)
    sms = alert_sms(zh, site, words["zh"])
    assert sms.text == "【示范银行】风险警示·警告：近期有人冒充本行客服要求转账。咨询95599"
    assert (sms.kind, sms.count, sms.field) == ("sms", len(sms.text), "text")
    long_ko = alert(
        text="은행 직원을 사칭해 계좌 이상을 이유로 이체를 요구하는 전화가 늘고 있습니다. 끊고 확인하세요",
        level="danger",
    )
    sms = alert_sms(alert_version("a", "ko", long_ko, "x", SHANGHAI), site, words["ko"])
    assert sms.kind == "lms" and sms.count > 90 and sms.subject == "[시범은행] 소비자경보"
    gives_it = alert(text="近期有人冒充本行客服，请立即挂断并拨打955 99核实。")  # the hotline once, not twice
    sms = alert_sms(alert_version("a", "zh", gives_it, "x", SHANGHAI), site, words["zh"])
    assert sms.text == "【示范银行】风险警示·警告：近期有人冒充本行客服，请立即挂断并拨打955 99核实。"


def test_alert_slides_come_first_and_again_after_every_n_slides() -> None:
    shown = interleave(["A1", "A2"], list("abcdefg"), 3)
    assert shown == ["A1", "A2", "a", "b", "c", "A1", "A2", "d", "e", "f", "A1", "A2", "g"]
    assert interleave([], list("ab"), 3) == ["a", "b"] and interleave(["A"], [], 3) == ["A"]


def test_a_slides_cache_key_is_its_pixels_not_its_place_in_the_playlist() -> None:
    from dataclasses import replace

    from generator.slides.slide import SlidePlan

    plan = SlidePlan(
        "01-alert-a.png", "alert", None, None, 10, 1920, 1080, "png", False, "#7f0000", (0, 0, 1, 1), (), ()
    )
    moved = replace(plan, name="07-alert-a.png", starts="2026-11-20T09:00:00+08:00", ends="2026-12-01T00:00:00+08:00")
    assert moved.key() == plan.key() and replace(plan, background="#000000").key() != plan.key()


# -- a new alert ---------------------------------------------------------------------------------------------


def test_casecast_new_alert_writes_a_file_to_fill_in_and_its_translation_copies_level_and_times(project: Path) -> None:
    path = new_alert(project, "phishing-wave")
    text = path.read_text(encoding="utf-8")
    assert (
        "级别：caution（注意）、warning（警告）、danger（危险）" in text
        and "casecast approve phishing-wave --number 审查编号 --reviewer 审查部门" in text
    )
    said = {p.message for p in check_project(project).problems if p.file == "content/alerts/phishing-wave.yaml"}
    assert said >= {"'text' still says TODO; write the real text", "'level' still says TODO; write the real text"}
    path.write_text(text.replace("text: TODO", "text: 冒充客服的电话").replace("level: TODO", "level: danger"))
    korean = new_alert(project, "phishing-wave", "ko").read_text(encoding="utf-8")
    assert "level: danger" in korean and "content/alerts/phishing-wave.yaml에서 가져옴" in korean
    assert yaml.safe_load(korean)["until"] == yaml.safe_load(path.read_text(encoding="utf-8"))["until"]
    assert AlertLevel.danger.rank > AlertLevel.caution.rank
