"""Every mobile file, read with a real HTML parser: nothing that runs, nothing from outside."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from generator.channels import korean_bytes, sms_length
from generator.checking import check_project, publishable
from generator.mobile import build_mobile
from tests.conftest import add_draft, copy_project
from tests.mobile.conftest import TODAY, build

LABELS = "theme/pages/labels.yaml"
REMOTE = re.compile(r"^\s*(https?:|//)", re.I)


class Parsed(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.depth = 0
        self.roots = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if self.depth == 0:
            self.roots += 1
        if tag not in ("img", "br", "hr", "meta", "link", "input"):
            self.depth += 1

    def handle_endtag(self, tag) -> None:
        self.depth -= 1


def all_files(out: Path, pattern: str) -> list[Path]:
    files = sorted(out.rglob(pattern))
    assert files, pattern
    return files


def test_no_script_handler_javascript_or_outside_resource(mobile_out: Path) -> None:
    for path in all_files(mobile_out, "*.html"):
        for tag, attrs in Parsed(path.read_text(encoding="utf-8")).tags:
            assert tag not in ("script", "iframe", "object", "embed", "link"), (path.name, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (path.name, tag, name)
                assert not re.match(r"\s*javascript:", value or "", re.I), (path.name, tag, name)
                if name in ("src", "srcset", "poster", "data"):
                    assert not REMOTE.match(value or ""), (path.name, tag, value)
            style = attrs.get("style") or ""
            assert "url(" not in style or "data:" in style


def test_fragments_are_one_element_with_inline_styles_only(mobile_out: Path) -> None:
    fragments = [p for p in all_files(mobile_out, "*.html") if not p.name.endswith(".page.html")]
    for path in fragments:
        parsed = Parsed(path.read_text(encoding="utf-8"))
        assert parsed.roots == 1, path.name
        assert all(tag != "style" for tag, _ in parsed.tags), path.name
        assert all("class" not in attrs and "id" not in attrs for _, attrs in parsed.tags), path.name
        root_tag, root_attrs = parsed.tags[0]
        assert root_tag == "article" and "style" in root_attrs and root_attrs.get("lang")
        assert not re.search(r"\d+px", path.read_text(encoding="utf-8")), "sizes in em, so the app's text size scales"
        assert path.stat().st_size < 16 * 1024 or "data:image" in path.read_text(encoding="utf-8")


def test_pages_have_a_viewport_and_light_and_dark_styles(mobile_out: Path) -> None:
    for path in all_files(mobile_out, "*.page.html"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
        assert "prefers-color-scheme: dark" in text and "font-size: 18px" in text


def test_feeds_are_json_feed_1_1_newest_first(mobile_out: Path) -> None:
    for path in all_files(mobile_out, "feed.json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["title"] and feed["home_page_url"].startswith("https://")
        dates = [item["date_published"] for item in feed["items"]]
        assert dates == sorted(dates, reverse=True)
        for item in feed["items"]:
            assert {"id", "url", "title", "summary", "content_html", "date_published", "tags", "language"} <= set(item)
            assert item["language"] == path.parent.name and item["url"].startswith("https://")


def test_every_sample_sms_is_one_message_signed_with_the_hotline(mobile_out: Path) -> None:
    for path in all_files(mobile_out, "*.txt"):
        text = path.read_text(encoding="utf-8").strip()
        facts = json.loads(path.with_suffix(".sms.json").read_text(encoding="utf-8"))
        assert facts["text"] == text and facts["kind"] == "sms" and facts["parts"] == 1, path.name
        if path.parent.name == "ko":
            assert 0 < korean_bytes(text)[0] == facts["count"] <= 90, (path.name, text)
        else:
            assert 0 < sms_length(text) <= 70, (path.name, text)
        if path.parent.name == "zh":
            assert text.startswith("【示范银行】"), text
        assert "95599" in text


def test_draft_and_expired_cases_appear_in_no_mobile_file(project: Path) -> None:
    add_draft(project)
    case = project / "content/cases/card-renting.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("valid_until: 2027-12-31", "valid_until: 2026-10-31"), "utf-8"
    )
    out = build(project)
    names = {p.name for p in out.rglob("*")}
    assert not any(n.startswith(("fake-refund-shopping", "card-renting")) for n in names)
    for feed in out.rglob("feed.json"):
        text = feed.read_text(encoding="utf-8")
        assert "fake-refund-shopping" not in text and "card-renting" not in text


def test_script_in_a_story_is_never_live_in_any_mobile_file(project: Path) -> None:
    case = project / "content/cases/fake-loan-app.yaml"
    text = case.read_text(encoding="utf-8").replace("  交钱后，", "  <script>alert(1)</script>交钱后，")
    case.write_text(text, "utf-8")
    loaded = check_project(project, TODAY)
    assert "unsafe-content" in {p.rule for p in loaded.problems if p.file.endswith("fake-loan-app.yaml")}
    out = project / "mobile-out"  # rendered although the check withholds it: the output must be safe on its own
    build_mobile(loaded.content, project, out, TODAY, project / "theme/pages/labels.yaml")
    for path in out.rglob("fake-loan-app*"):
        assert "<script>" not in path.read_text(encoding="utf-8"), path.name
    assert "&lt;script&gt;" in (out / "zh/fake-loan-app.html").read_text(encoding="utf-8")


def test_h5_pages_call_the_hotline_show_the_slogan_and_the_review_line(mobile_out: Path) -> None:
    page = (mobile_out / "zh/fake-tax-refund.page.html").read_text(encoding="utf-8")
    assert '<a href="tel:95599" style="color:inherit">95599</a>' in page  # the hotline and the complaint phone
    assert '<p class="slogan">退税不用ATM，转账之前多核实</p>' in page
    assert '<p class="review">示范银行 · 审查编号：XB-2026-031</p>' in page


def test_feed_items_say_when_they_changed_and_which_review_covers_them(mobile_out: Path) -> None:
    feed = json.loads((mobile_out / "ko/feed.json").read_text(encoding="utf-8"))
    assert "expired" not in feed
    for item in feed["items"]:
        assert item["date_modified"] == item["date_published"] and item["language"] == "ko"
        assert item["_casecast"]["review_number"].endswith("-KO")


def test_a_feed_with_nothing_live_says_it_has_expired(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    later = dt.date(2031, 1, 1)  # every sample case's valid_until has passed
    build_mobile(publishable(check_project(project, later)), project, tmp_path / "out", later, project / LABELS)
    for feed in (tmp_path / "out").rglob("feed.json"):
        data = json.loads(feed.read_text(encoding="utf-8"))
        assert data["items"] == [] and data["expired"] is True
