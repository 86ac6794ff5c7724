"""Writing exports/wechat/<lang>/: per approved case, <id>.html (the article's content), <id>.json (the
draft API's fields) and its pictures; and checking each article against the draft API's limits."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from generator.channels import WECHAT_CONTENT, WECHAT_DIGEST, WECHAT_IMAGE_BYTES, WECHAT_TITLE
from generator.i18n import _
from generator.labels import load_labels
from generator.media import clean_image
from generator.model import CaseVersion, Content, Site
from generator.problems import WECHAT, Problems
from generator.publication import Publication
from generator.wechat.article import Article, render_article
from generator.yamlsource import Source


@dataclass
class WeChatResult:
    articles: int = 0
    images: int = 0


def build_wechat(content: Content, root: Path, out: Path, labels_file: Path, publication: Publication) -> WeChatResult:
    site = content.site
    result = WeChatResult()
    if site.wechat is None:
        return result
    all_labels = load_labels(labels_file)
    for lang in site.wechat.languages:
        labels = {**all_labels.get("en", {}), **all_labels.get(lang, {})}
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for version in content.cases_in(lang):
            if not publication.wechat(version):
                continue
            pictures = _pictures(version, site, root)
            article = _article(version, site, labels, pictures)
            (folder / f"{version.id}.html").write_text(article.content + "\n", encoding="utf-8")
            (folder / f"{version.id}.json").write_text(
                json.dumps(article.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            for name, data in pictures.items():
                (folder / name).write_bytes(data)
                result.images += 1
            result.articles += 1
    return result


def check_wechat(content: Content, sources: dict[str, Source], root: Path, labels_file: Path) -> Problems:
    """Each draft API limit a problem at the field's line; it withholds the WeChat article alone."""
    problems = Problems()
    site = content.site
    if site.wechat is None:
        return problems
    all_labels = load_labels(labels_file)
    for version in (v for v in content.cases.values() if v.lang in site.wechat.languages):
        labels = {**all_labels.get("en", {}), **all_labels.get(version.lang, {})}
        article = _article(version, site, labels, _pictures(version, site, root, names_only=True))
        source = sources.get(version.file)

        def add(field: str, message: str, version: CaseVersion = version, source: Source | None = source) -> None:
            line, column = source.position((field,)) if source else (1, 1)
            problems.add(version.file, line, column, "too-long", message, scope=WECHAT)

        if len(article.title) > WECHAT_TITLE:
            add(
                "title",
                _(
                    "the title has {count} characters; a WeChat article's title holds {limit}: the WeChat article "
                    "is left out (the rest is published); shorten the title",
                    count=len(article.title),
                    limit=WECHAT_TITLE,
                ),
            )
        if len(article.digest) > WECHAT_DIGEST:
            add(
                "summary",
                _(
                    "the summary has {count} characters; as a WeChat article's digest it may have {limit}: the "
                    "WeChat article is left out (the rest is published); shorten the summary",
                    count=len(article.digest),
                    limit=WECHAT_DIGEST,
                ),
            )
        if len(article.content) >= WECHAT_CONTENT:
            add(
                "story",
                _(
                    "the WeChat article's content is {count} characters of HTML, tags counted; WeChat takes fewer "
                    "than {limit}: the WeChat article is left out (the rest is published); shorten the story",
                    count=len(article.content),
                    limit=WECHAT_CONTENT,
                ),
            )
    return problems


def _article(version: CaseVersion, site: Site, labels: dict[str, str], pictures: dict[str, bytes]) -> Article:
    names = list(pictures)
    image = names[0] if version.case.image and names else None
    cover = image or (names[0] if names else None)
    prefix = "" if version.lang == site.default_language else f"{version.lang}/"
    page = f"{site.url.rstrip('/')}/{prefix}cases/{version.id}/" if site.url else ""
    return render_article(version, site, labels, image, cover, page)


def _pictures(version: CaseVersion, site: Site, root: Path, names_only: bool = False) -> dict[str, bytes]:
    """File name -> bytes of the pictures beside the article: the case's picture, which is also the cover,
    or else the bank's logo as the cover (the draft API wants one). JPEG or PNG of at most 1 MB, as
    uploadimg takes them; metadata removed."""
    ref, name = (version.case.image, version.id) if version.case.image else (site.brand.logo, f"{version.id}-cover")
    path = root / "content" / ref if ref else None
    if path is None or not path.is_file():
        return {}
    if names_only:  # for counting the content's characters: .png and .jpg are as long, whichever is written
        return {f"{name}.jpg": b""}
    data = clean_image(path)
    if data[:4] == b"\x89PNG" and len(data) <= WECHAT_IMAGE_BYTES:
        return {f"{name}.png": data}
    if data[:3] == b"\xff\xd8\xff" and len(data) <= WECHAT_IMAGE_BYTES:
        return {f"{name}.jpg": data}
    return {f"{name}.jpg": _as_small_jpeg(data)}


def _as_small_jpeg(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGB")
    for width in (1280, 1080, 900, 720, 540):
        picture.thumbnail((width, width * 4))
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=85, optimize=True)
        if out.tell() <= WECHAT_IMAGE_BYTES:
            break
    return out.getvalue()
