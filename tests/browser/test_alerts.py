"""Urgent alerts (content/alerts/), built once while they are live and once at their end: the banner on every
page (in real Chromium, offline), the first slide of every playlist and again after every N, the feed's first
item, the text message; an alert with personal data withheld; after `until`, nowhere."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import run_axe
from tests.browser.test_mobile import CONTRAST_JS, VNU
from tests.conftest import _QuietHandler, _Server, copy_project

pytestmark = pytest.mark.browser

MOMENT = "2026-11-25T10:00"  # the build's moment, in the site's time zone (Asia/Shanghai)
LATER = "2026-11-25T18:00"  # the Chinese alert's `until` (and the Korean one's, written +09:00): the next build
ZH_TEXT = "近期有人冒充本行客服，以“账户异常”为由要求转账，请挂断后拨打官方客服核实"
KO_TEXT = "은행 직원을 사칭해 이체를 요구하는 전화가 늘고 있습니다"
EN_TEXT = "Fake parcel texts are asking for card numbers: delete them"
LEAKED = "客户手机13812345678已冻结，本行保证保本"
SCHEDULED = "双十二购物节前后，警惕冒充电商客服的退款诈骗"
ENDED = "国庆期间谨防冒充公检法的电话"
APPROVED = "review:\n  status: approved\n  number: {number}\n  reviewer: 消保办\n  date: 2026-11-24\n"
ALERTS = {  # file -> (text of the file, review number)
    "phishing-wave.yaml": (
        f"text: {ZH_TEXT}\nlevel: warning\nfrom: 2026-11-25 09:00\nuntil: 2026-11-25 18:00\n",
        "XB-2026-300",
    ),
    "phishing-wave.ko.yaml": (
        f"text: {KO_TEXT}\nlevel: danger\nfrom: 2026-11-25 10:00+09:00\nuntil: 2026-11-25 19:00+09:00\n"
        "sms: '[시범은행] 은행 직원 사칭 전화는 끊고 1588로 확인하세요'\n",
        "XB-2026-300-KO",
    ),
    "parcel-texts.en.yaml": (
        f"text: '{EN_TEXT}'\nlevel: caution\nfrom: 2026-11-24\nuntil: 2026-11-25 18:00\n",
        "XB-2026-301-EN",
    ),
    "leaked.yaml": (f"text: {LEAKED}\nlevel: danger\nfrom: 2026-11-25 09:00\nuntil: 2026-11-30\n", "XB-2026-302"),
    "holiday-scam.yaml": (
        f"text: {SCHEDULED}\nlevel: caution\nfrom: 2026-11-26 09:00\nuntil: 2026-12-13\n",
        "XB-2026-303",
    ),
    "old-wave.yaml": (f"text: {ENDED}\nlevel: warning\nfrom: 2026-10-01\nuntil: 2026-10-08\n", "XB-2026-290"),
}
EVERY = 3


def write_alerts(project: Path) -> None:
    from generator.approval import alert_digest
    from generator.approve import Approval, approve_case, with_review
    from generator.loading import load_project

    site = project / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("alert_every: 5", f"alert_every: {EVERY}"), "utf-8")
    folder = project / "content/alerts"
    folder.mkdir()
    for name, (text, number) in ALERTS.items():
        (folder / name).write_text(text + APPROVED.format(number=number), encoding="utf-8")
    # The Chinese alert is approved as the office does it; the others are bound to their text here
    approve_case(project, "phishing-wave", "zh", "XB-2026-300", "消保办", None, dt.date(2026, 11, 24))
    for version in load_project(project).content.alerts.values():
        path = project / version.file
        if version.id != "phishing-wave" or version.lang != "zh":
            approval = Approval(
                ALERTS[path.name][1], "消保办", dt.date(2026, 11, 24), None, alert_digest(version.alert)
            )
            path.write_text(with_review(path.read_text(encoding="utf-8"), approval), encoding="utf-8")


@pytest.fixture(scope="module")
def alert_build(tmp_path_factory: pytest.TempPathFactory, built_site: Path):
    """The sample project with the alerts, built at MOMENT (the session's sample build has drawn every case
    slide into the shared cache already: only the alerts' slides are drawn here)."""
    from generator.plugin import build_site

    project = copy_project(tmp_path_factory.mktemp("alerts") / "project")
    write_alerts(project)
    built = build_site(project, today=MOMENT)
    assert built, "the site builds: one bad alert never stops it"
    return project, built


@pytest.fixture(scope="module")
def alert_site(alert_build) -> Path:
    return alert_build[0] / "site"


@pytest.fixture(scope="module")
def later_site(tmp_path_factory: pytest.TempPathFactory, alert_build) -> Path:
    """The same content built again at LATER, the moment the alerts end."""
    from generator.plugin import build_site

    project = tmp_path_factory.mktemp("later") / "project"
    for name in ("content", "theme"):
        shutil.copytree(alert_build[0] / name, project / name)
    shutil.copy2(alert_build[0] / "mkdocs.yml", project / "mkdocs.yml")
    assert build_site(project, today=LATER)
    return project / "site"


@pytest.fixture(scope="module")
def alert_url(alert_site: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(alert_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def playlists(site: Path) -> dict[Path, list[dict]]:
    return {
        path: json.loads(path.read_text(encoding="utf-8"))["slides"]
        for path in sorted((site / "exports/slides").glob("*/*/*/playlist.json"))
    }


def every_file_text(site: Path) -> Iterator[tuple[Path, str]]:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".txt", ".js"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


# -- the site ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "heading", "text"),
    [
        ("", "风险警示 · 警告", ZH_TEXT),
        ("ko/", "소비자경보 · 위험", KO_TEXT),
        ("en/", "Consumer alert · Caution", EN_TEXT),
    ],
)
def test_a_live_alert_is_a_banner_at_the_top_of_the_home_page(open_page, alert_url, path, heading, text) -> None:
    tab = open_page(width=360)
    tab.page.goto(f"{alert_url}/{path}")
    banner = tab.page.locator("[role=alert]")
    assert banner.count() == 1 and banner.is_visible()
    shown = banner.inner_text()
    assert heading in shown and text in shown
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 360
    above = tab.page.evaluate("document.querySelector('[role=alert]').getBoundingClientRect().top")
    assert above < tab.page.evaluate("document.querySelector('h1').getBoundingClientRect().top")
    contrast = tab.page.evaluate(CONTRAST_JS.replace("article *, article", ".cc-alert *, .cc-alert"))
    assert contrast >= 4.5


def test_every_page_of_a_language_has_its_alerts_banner_and_no_other(alert_site: Path) -> None:
    pages = [
        p
        for p in alert_site.rglob("*.html")
        if "exports" not in p.parts and "assets" not in p.parts and p.name != "404.html"  # 404: the last language's
    ]
    by_lang = {"ko": [], "en": [], "zh": []}
    for page in pages:
        lang = page.relative_to(alert_site).parts[0]
        by_lang[lang if lang in ("ko", "en") else "zh"].append(page.read_text(encoding="utf-8"))
    for lang, text, others in (("zh", ZH_TEXT, (KO_TEXT, EN_TEXT)), ("ko", KO_TEXT, (ZH_TEXT, EN_TEXT))):
        assert len(by_lang[lang]) > 10
        assert all('role="alert"' in html and text[:12] in html for html in by_lang[lang]), lang
        assert not any(other[:12] in html for html in by_lang[lang] for other in others)
    assert all(EN_TEXT in html for html in by_lang["en"])


@pytest.mark.parametrize(("path", "width"), [("", 1280), ("", 360), ("ko/cases/fake-tax-refund/", 360), ("en/", 360)])
def test_axe_finds_no_serious_violation_on_a_page_with_the_banner(open_page, alert_url, path, width) -> None:
    tab = open_page(width=width)
    tab.page.goto(f"{alert_url}/{path}")
    assert tab.page.locator(".cc-alert").count() == 1
    violations = run_axe(tab.page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


# Material's own search form and nav toggles, on every page with or without a banner (its templates' markup)
MATERIAL_OWN = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "Bad value “” for attribute “tabindex” on element “label”",
)


def test_the_nu_html_checker_finds_no_error_in_a_page_with_the_banner(alert_site: Path) -> None:
    assert VNU.is_file() and shutil.which("java"), "make test installs vnu-jar (npm) and Java"
    pages = [
        alert_site / "index.html",
        alert_site / "ko/cases/fake-tax-refund/index.html",
        alert_site / "en/index.html",
    ]
    assert all("cc-alert" in page.read_text(encoding="utf-8") for page in pages)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" and not m["message"].startswith(MATERIAL_OWN)]
    assert errors == [], errors[:5]


def test_the_banner_shows_on_the_portable_site(open_page, alert_build) -> None:
    from generator.plugin import build_site

    project = alert_build[0]
    assert build_site(project, today=MOMENT, portable=True)
    tab = open_page(width=360)
    tab.page.goto((project / "site-portable/ko/index.html").as_uri())
    assert KO_TEXT in tab.page.inner_text("[role=alert]")


# -- the lobby screens ---------------------------------------------------------------------------------------


def test_the_alert_is_first_in_every_playlist_and_again_after_every_n_slides(alert_site: Path) -> None:
    found = playlists(alert_site)
    displays = {path.parts[-4] for path in found}
    assert displays == {"lobby-tv", "led-wall", "led-strip", "totem", "door-strip"}
    for path, slides in found.items():
        lang = path.parts[-2]
        alert = {"zh": "phishing-wave", "ko": "phishing-wave", "en": "parcel-texts"}[lang]
        at = [i for i, slide in enumerate(slides) if slide.get("alert")]
        others = len(slides) - len(at)
        assert slides[0].get("alert") == alert, path
        assert at == [i * (EVERY + 1) for i in range(len(at))], (path, at)
        assert len(at) == max(1, -(-others // EVERY)), (path, at)  # again after every N, none left over at the end
        assert {s["alert"] for s in slides if s.get("alert")} == {alert}  # scheduled, ended, withheld: none
        first = slides[0]
        assert first["until"].startswith("2026-11-25T18:00:00+08:00") or first["until"] == "2026-11-25T19:00:00+09:00"
        assert first["file"].startswith("01-alert-")
        if path.parts[-4] == "door-strip":  # a long alert scrolls on the strip, its level said first
            assert first["kind"] == "scroll" and first["text"][0]["lines"][0].startswith(
                ("风险警示", "소비자경보", "Consumer")
            )


def test_playlist_slides_say_until_when_a_player_may_show_them(alert_site: Path) -> None:
    slides = playlists(alert_site)[alert_site / "exports/slides/lobby-tv/2026-11/zh/playlist.json"]
    alert = slides[0]
    assert (alert["kind"], alert["from"], alert["until"]) == (
        "alert",
        "2026-11-25T09:00:00+08:00",
        "2026-11-25T18:00:00+08:00",
    )
    case = next(s for s in slides if s["case"] == "card-renting")  # valid_until: 2027-12-31
    assert case["valid_until"] == "2027-12-31" and case["until"] == "2028-01-01T00:00:00+08:00"
    assert next(s for s in slides if s["kind"] == "cover")["until"] is None


def test_the_kiosk_page_skips_a_slide_whose_until_has_passed_by_the_players_clock(open_page, alert_url) -> None:
    for moment, first in (("2026-11-25T10:30:00+08:00", "01-alert-"), ("2026-11-25T18:30:00+08:00", "02-cover-")):
        tab = open_page(width=960)
        tab.page.clock.set_fixed_time(dt.datetime.fromisoformat(moment))
        tab.page.goto(f"{alert_url}/exports/slides/lobby-tv/2026-11/zh/index.html")
        assert tab.page.get_attribute(".slide.on", "src").startswith(first), moment


# -- the app -------------------------------------------------------------------------------------------------


def test_the_feed_lists_the_live_alert_first(alert_site: Path) -> None:
    feed = json.loads((alert_site / "exports/mobile/zh/feed.json").read_text(encoding="utf-8"))
    first = feed["items"][0]
    assert first["content_text"] == ZH_TEXT and first["title"] == "风险警示 · 警告"
    assert first["_casecast"]["kind"] == "alert" and first["_casecast"]["until"] == "2026-11-25T18:00:00+08:00"
    assert first["_casecast"]["review_number"] == "XB-2026-300"
    assert [i for i in feed["items"] if i.get("_casecast", {}).get("kind") == "alert"] == [first]
    assert "expired" not in feed


def test_each_live_alert_has_its_text_message_counted_as_the_carrier_counts(alert_site: Path) -> None:
    zh = alert_site / "exports/mobile/zh/alerts/phishing-wave"
    text = zh.with_suffix(".txt").read_text(encoding="utf-8").strip()
    assert text.startswith("【示范银行】") and ZH_TEXT[:10] in text and "95599" in text
    facts = json.loads(zh.with_suffix(".sms.json").read_text(encoding="utf-8"))
    assert (
        facts["unit"] == "characters"
        and facts["count"] == len(text)
        and facts["parts"] == (1 if len(text) <= 70 else 2)
    )
    ko = json.loads((alert_site / "exports/mobile/ko/alerts/phishing-wave.sms.json").read_text(encoding="utf-8"))
    assert ko["kind"] == "sms" and ko["count"] <= 90 and ko["text"].startswith("[시범은행]")
    assert sorted(p.name for p in (alert_site / "exports/mobile/zh/alerts").iterdir()) == [
        "phishing-wave.sms.json",
        "phishing-wave.txt",
    ]


# -- what is not shown ---------------------------------------------------------------------------------------


def test_an_alert_with_personal_data_or_a_promise_is_withheld_and_said_at_its_line(alert_build) -> None:
    project, built = alert_build
    said = {(p.rule, p.line) for p in built.loaded.problems if p.file == "content/alerts/leaked.yaml"}
    assert {("pii-phone", 1), ("forbidden-term", 1)} <= said
    assert not any(LEAKED[:6] in text for _, text in every_file_text(project / "site"))
    assert (project / "site/cases/card-renting/index.html").is_file()  # the rest is built


def test_a_scheduled_alert_and_an_ended_one_are_listed_by_check_and_shown_nowhere(alert_build) -> None:
    project, built = alert_build
    notices = {
        (p.file, p.rule, p.line, p.label)
        for p in built.loaded.problems
        if p.file.endswith(("holiday-scam.yaml", "old-wave.yaml"))
    }
    assert notices == {
        ("content/alerts/holiday-scam.yaml", "scheduled", 3, "notice"),
        ("content/alerts/old-wave.yaml", "expired", 4, "notice"),
    }
    for _path, text in every_file_text(project / "site"):
        assert SCHEDULED not in text and ENDED not in text


def test_after_until_the_next_build_shows_the_alerts_nowhere(later_site: Path) -> None:
    for path, text in every_file_text(later_site):
        for alert_text in (ZH_TEXT, KO_TEXT, EN_TEXT):
            assert alert_text[:12] not in text, path
        assert "cc-alert" not in text, path
    for path, slides in playlists(later_site).items():
        assert not [s for s in slides if s.get("alert")], path
        assert slides[0]["kind"] in ("cover", "scroll", "strip"), path
    for lang in ("zh", "ko", "en"):
        assert not (later_site / f"exports/mobile/{lang}/alerts").exists()
        feed = json.loads((later_site / f"exports/mobile/{lang}/feed.json").read_text(encoding="utf-8"))
        assert not [i for i in feed["items"] if re.search("alert", i["id"])]
