"""WeChat Official Account articles (exports/wechat/<lang>/): what the draft API takes — title, author,
digest, content with inline styles only (no script, no class), pictures as files beside it."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from generator.channels import WECHAT_CONTENT, WECHAT_DIGEST, WECHAT_TITLE
from generator.pipeline import build_exports
from tests.conftest import approve_again


class Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def articles(site: Path) -> list[Path]:
    found = sorted((site / "exports/wechat").rglob("*.json"))
    assert found
    return found


def test_every_approved_chinese_case_is_an_article_with_its_pictures_beside_it(built_site: Path) -> None:
    folder = built_site / "exports/wechat"
    assert sorted(p.name for p in folder.iterdir()) == ["zh"]  # the languages site.yaml's wechat: lists
    mobile = sorted(p.name.removesuffix(".page.html") for p in (built_site / "exports/mobile/zh").glob("*.page.html"))
    assert sorted(p.stem for p in articles(built_site)) == mobile
    for path in articles(built_site):
        article = json.loads(path.read_text(encoding="utf-8"))
        assert {"title", "author", "digest", "content", "content_source_url", "thumb"} <= set(article)
        assert article["author"] == "示范银行" and article["content_source_url"].startswith("https://")
        assert len(article["title"]) <= WECHAT_TITLE and len(article["digest"]) <= WECHAT_DIGEST
        assert len(article["content"]) < WECHAT_CONTENT
        assert article["content"] == path.with_suffix(".html").read_text(encoding="utf-8").strip()
        shown = [attrs["src"] for tag, attrs in Tags(article["content"]).tags if tag == "img"]
        assert shown == article["images"]
        for name in [*article["images"], article["thumb"]]:  # every picture to upload is there, JPEG or PNG
            data = (path.parent / name).read_bytes()
            assert data[:4] == b"\x89PNG" or data[:3] == b"\xff\xd8\xff", name
            assert len(data) <= 1024 * 1024
    refund = json.loads((folder / "zh/fake-tax-refund.json").read_text(encoding="utf-8"))
    assert refund["images"] == ["fake-tax-refund.png"] and refund["thumb"] == "fake-tax-refund.png"
    renting = json.loads((folder / "zh/card-renting.json").read_text(encoding="utf-8"))
    assert renting["images"] == [] and renting["thumb"] == "card-renting-cover.png"  # the logo as its cover


def test_articles_have_inline_styles_only_no_script_no_class_and_links_written_out(built_site: Path) -> None:
    for path in articles(built_site):
        content = path.with_suffix(".html").read_text(encoding="utf-8")
        tags = Tags(content).tags
        assert tags[0][0] == "section" and "style" in tags[0][1]
        for tag, attrs in tags:
            assert tag not in ("script", "style", "link", "iframe", "a"), (path.name, tag)
            assert not {"class", "id"} & set(attrs) and not any(name.startswith("on") for name in attrs)
    refund = (built_site / "exports/wechat/zh/fake-tax-refund.html").read_text(encoding="utf-8")
    assert "国家反诈中心：常见电信网络诈骗类型（https://www.mps.gov.cn/）" in refund


def test_a_title_too_long_for_wechat_withholds_that_article_alone(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    text = case.read_text(encoding="utf-8").replace("title: 出租银行卡", "title: 警惕！警惕！警惕！警惕！出租银行卡", 1)
    case.write_text(text, encoding="utf-8")
    approve_again(project, "content/cases/card-renting.yaml")
    built = build_exports(project, ["wechat", "mobile"])  # `casecast build --only wechat,mobile`
    assert built.ok and [p.rule for p in built.loaded.problems if p.file.endswith("card-renting.yaml")] == ["too-long"]
    wechat = project / "site/exports/wechat/zh"
    assert not (wechat / "card-renting.json").exists() and (wechat / "student-card-selling.json").is_file()
    assert (project / "site/exports/mobile/zh/card-renting.page.html").is_file()  # the app still has it
    assert not (project / "site/exports/slides").exists()  # --only: nothing else was built
