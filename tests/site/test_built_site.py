"""What the built sample site contains, read straight from site/ (no browser needed)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.checking import check_project
from generator.plugin import build_site
from tests.conftest import add_draft, approve_again

REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


class _Resources(HTMLParser):
    """Every URL the browser would load by itself (not links a reader may click)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and values.get("src"):
            self.urls.append(values["src"])
        if tag == "link" and values.get("href") and values.get("rel") not in ("alternate", "canonical"):
            self.urls.append(values["href"])
        if tag == "object" and values.get("data"):
            self.urls.append(values["data"])
        if values.get("style"):
            self.urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", values["style"]))


def test_no_html_or_css_file_loads_anything_from_another_origin(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            parser = _Resources()
            parser.feed(path.read_text(encoding="utf-8"))
            offenders += [(path.name, u) for u in parser.urls if REMOTE.match(u)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
            offenders += [(path.name, u) for u in urls if REMOTE.match(u)]
    assert offenders == []
    assert "fonts.googleapis" not in (built_site / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    """The links a reader may click inside a page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and not REMOTE.match(href) and not href.startswith(("#", "mailto:")):
            self.hrefs.append(href)


def test_every_link_in_an_article_leads_to_a_page_of_the_site(built_site: Path) -> None:
    broken, checked = [], 0
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        parser = _Links()
        parser.feed(html[html.index("<article") : html.index("</article>")])
        for href in parser.hrefs:
            target = (page.parent / href.split("#")[0]).resolve()
            checked += 1
            if not (target / "index.html").is_file() and not target.is_file():
                broken.append((page.relative_to(built_site).as_posix(), href))
    assert broken == []
    assert checked > 100  # 41 case pages link their category, their month and their translations


def test_text_typed_in_a_case_shows_as_typed_on_its_page(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    text = case.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^summary: .*$", 'summary: "<i>退税</i> 是 *假的* & [陷阱]"', text)
    text = re.sub(r"(?m)^red_flags:\n  - .*$", 'red_flags:\n  - "<b>陌生</b>来电 <script>x</script>"', text)
    case.write_text(text, encoding="utf-8")
    approve_again(project, "content/cases/fake-tax-refund.yaml")
    assert build_site(project)
    html = (project / "site/cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "&lt;i&gt;退税&lt;/i&gt; 是 *假的* &amp; [陷阱]" in article
    assert "&lt;b&gt;陌生&lt;/b&gt;来电 &lt;script&gt;x&lt;/script&gt;" in article
    assert "<script>x" not in article and "<i>退税" not in article


def test_every_language_has_its_own_search_index(built_site: Path) -> None:
    import json

    zh = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    ko = json.loads((built_site / "ko/search/search_index.json").read_text(encoding="utf-8"))
    assert any("退税" in d["title"] for d in zh["docs"]) and not any("세금" in d["title"] for d in zh["docs"])
    assert any("세금 환급" in d["title"] for d in ko["docs"]) and not any("退税" in d["title"] for d in ko["docs"])


def test_drafts_are_not_published(project: Path) -> None:
    add_draft(project)
    assert build_site(project)
    assert not (project / "site/cases/fake-refund-shopping").exists()
    assert "fake-refund-shopping" not in (project / "site/categories/fake-customer-service/index.html").read_text(
        encoding="utf-8"
    )


def test_a_korean_only_case_appears_only_on_korean_pages(built_site: Path) -> None:
    assert (built_site / "ko/cases/prosecutor-voice-phishing/index.html").is_file()
    assert not (built_site / "cases/prosecutor-voice-phishing").exists()
    assert not (built_site / "en/cases/prosecutor-voice-phishing").exists()


def test_chinese_lines_join_without_a_stray_space(built_site: Path) -> None:
    html = (built_site / "cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    assert "神情紧张。大堂经理" in html


def test_brand_colour_and_logo_come_from_site_yaml(built_site: Path) -> None:
    css = (built_site / "assets/stylesheets/casecast-brand.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #b71c1c" in css
    assert (built_site / "images/logo.png").is_file()
    assert 'src="images/logo.png"' in (built_site / "index.html").read_text(encoding="utf-8")


def test_korean_pages_have_korean_interface_text(built_site: Path) -> None:
    html = (built_site / "ko/cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in html
    assert "위험 신호" in html and "예방 수칙" in html and "风险提示" not in html


def test_with_drafts_a_case_in_review_shows_under_a_draft_banner(project: Path) -> None:
    add_draft(project)
    assert build_site(project, drafts=True)
    html = (project / "site/cases/fake-refund-shopping/index.html").read_text(encoding="utf-8")
    assert 'class="cc-draft"' in html and "<strong>草稿</strong> · 审查中，尚未批准 · 仅供预览，不得发布" in html
    listing = (project / "site/categories/fake-customer-service/index.html").read_text(encoding="utf-8")
    assert "草稿 · 审查中，尚未批准" in listing and "in_review" not in listing
    approved = (project / "site/cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    assert 'class="cc-draft"' not in approved


@pytest.mark.parametrize(
    "markdown",
    ['<script>alert("x")</script>', "<iframe src='https://evil.example'></iframe>", "<b>粗体</b>"],
)
def test_raw_html_in_a_story_is_shown_as_text_never_run(project: Path, markdown: str) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("  营业室主任", f"  {markdown}\n\n  营业室主任"), encoding="utf-8")
    approve_again(project, "content/cases/fake-tax-refund.yaml")
    assert build_site(project)  # a warning: the case is published, with the HTML as visible text
    html = (project / "site/cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "<script>alert" not in article and "<iframe" not in article and "<b>粗体" not in article
    assert "&lt;" in article


@pytest.mark.parametrize(
    "markdown", ['<img src=x onerror="alert(1)">', "[点我](javascript:alert(1))", "[点我](JaVaScRiPt:alert(1))"]
)
def test_scripts_in_a_story_keep_the_case_out_of_the_site(project: Path, markdown: str) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("  营业室主任", f"  {markdown}\n\n  营业室主任"), encoding="utf-8")
    assert build_site(project)  # the rest is built
    assert not (project / "site/cases/fake-tax-refund").exists()
    for page in (project / "site").rglob("*.html"):
        body = page.read_text(encoding="utf-8")
        assert "alert(1)" not in body, page


def test_a_one_language_site_without_the_i18n_plugin_is_searchable_and_exported(project: Path) -> None:
    import json

    for path in [*(project / "content").rglob("*.ko.yaml"), *(project / "content").rglob("*.en.yaml")]:
        path.unlink()
    site = project / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [zh, ko, en]", "languages: [zh]"), "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("  - i18n:")] + text[text.index("\nvalidation:") :], encoding="utf-8")
    assert build_site(project)
    index = json.loads((project / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"] == "cases/fake-tax-refund/" and "退税" in d["text"] for d in index["docs"])
    assert any(d["location"].startswith("months/2026-03/") for d in index["docs"])
    assert (project / "site/exports/mobile/zh/feed.json").is_file()
    assert (project / "site/build-info.json").is_file()


def test_only_the_pictures_a_published_page_shows_are_copied(project: Path) -> None:
    from PIL import Image

    images = project / "content/images"
    Image.new("RGB", (40, 30), (200, 0, 0)).save(images / "110105199003071234.png")  # named with an ID number
    Image.new("RGB", (40, 30), (0, 200, 0)).save(images / "draft-photo.png")
    draft = add_draft(project)
    case = project / f"content/cases/{draft}.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("review:", "image: images/draft-photo.png\nreview:"))
    assert build_site(project)
    assert sorted(p.name for p in (project / "site/images").iterdir()) == ["atm-call.png", "logo.png"]


def test_an_error_in_site_yaml_stops_the_build_and_keeps_the_last_site(project: Path) -> None:
    assert build_site(project)
    before = (project / "site/index.html").read_bytes()
    site = project / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("金融知识教育 · 以案说险", "保本理财 · 以案说险"))
    problems = [p for p in check_project(project).problems if p.file == "content/site.yaml"]
    assert [p.rule for p in problems] == ["forbidden-term"]
    assert not build_site(project)
    assert (project / "site/index.html").read_bytes() == before


def test_a_control_character_in_a_title_does_not_break_the_page(project: Path, monkeypatch) -> None:
    from generator import checking
    from tests.hostile import yaml_text

    case = project / "content/cases/card-renting.yaml"
    text = re.sub(
        r"(?m)^title: .*$", lambda _: "title: " + yaml_text("出租银行卡\x7f违法\x1b"), case.read_text("utf-8")
    )
    case.write_text(text, encoding="utf-8")
    approve_again(project, "content/cases/card-renting.yaml")
    assert {p.rule for p in check_project(project).problems} == {"unsafe-content"}
    # Were the check to miss them, the page must still be right: built with the text checks off
    monkeypatch.setattr(checking, "_find_in_files", lambda sources, site: {file: [] for file in sources})
    monkeypatch.setattr(checking, "_slide_problems", lambda loaded, root, today: [])  # and no missing-glyph
    monkeypatch.setenv("CASECAST_CACHE_DIR", str(project / ".cache-unchecked"))
    assert build_site(project, exports=[])  # the page is what is looked at
    html = (project / "site/cases/card-renting/index.html").read_text(encoding="utf-8")
    assert "<title>出租银行卡\x7f违法\x1b - " in html  # the title from the front matter, not its raw text
    assert "casecast_status" not in html and "title: " not in html


def test_titles_that_start_like_a_list_show_as_typed(project: Path) -> None:
    theme = project / "content/themes/2026-03.yaml"
    text = re.sub(r"(?m)^title: .*$", "title: 3.15 金融消费者权益保护教育宣传月 | 以案说险", theme.read_text("utf-8"))
    text = re.sub(r"(?m)^slogans:\n  - ", "slogans:\n  - 1. ", text)
    theme.write_text(text, encoding="utf-8")
    assert build_site(project)
    html = (project / "site/months/2026-03/index.html").read_text(encoding="utf-8")
    assert ">3.15 金融消费者权益保护教育宣传月 &#124; 以案说险</h1>" in html.replace("<wbr>", "")  # phrases break there
    assert "<li>1. " in html and "\\" not in html[html.index("<article") : html.index("</article>")]
