"""Writing exports/mobile/<lang>/: a fragment, an H5 page and an SMS text per case, and a feed."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from generator.cache import code_digest, read_json, write_atomic
from generator.channels import FRAGMENT_BUDGET, alert_sms, sms_message
from generator.labels import load_labels
from generator.mobile.feed import json_feed
from generator.mobile.fragment import render_fragment
from generator.mobile.page import render_page
from generator.mobile.parts import case_parts
from generator.mobile.sms import sms_facts
from generator.model import CaseVersion, Content, Site
from generator.publication import Publication


@dataclass
class MobileResult:
    cases: int = 0
    alerts: int = 0  # live alerts' text messages and feed items
    rendered: int = 0  # rendered this time; the rest came from the cache
    largest_fragment: int = 0  # bytes, images excluded
    over_budget: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    fragment: str
    page: str
    sms: str
    sms_facts: str  # <id>.sms.json: one message or several parts, SMS or LMS, and the LMS subject
    bare_size: int  # bytes of the fragment without its image


def build_mobile(
    content: Content,
    root: Path,
    out: Path,
    today: dt.date,
    labels_file: Path,
    cache: Path | None = None,
    publication: Publication | None = None,
) -> MobileResult:
    publication = publication or Publication(today)
    all_labels = load_labels(labels_file)
    site = content.site
    home = (site.url or "").rstrip("/") + "/" if site.url else "../../../"
    result = MobileResult()
    for lang in content.languages:
        labels = {**all_labels.get("en", {}), **all_labels.get(lang, {})}
        versions = [v for v in content.cases_in(lang) if publication.in_app(v)]
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        fragments: dict[str, str] = {}
        for version in versions:
            key = _key(version, site, labels, root)
            done = _cached(cache, key)
            if done is None:
                done = _render(version, site, labels, root)
                _store(cache, key, done)
                result.rendered += 1
            fragments[version.id] = done.fragment
            (folder / f"{version.id}.html").write_text(done.fragment + "\n", encoding="utf-8")
            (folder / f"{version.id}.page.html").write_text(done.page, encoding="utf-8")
            if publication.sms(version):
                (folder / f"{version.id}.txt").write_text(done.sms + "\n", encoding="utf-8")
                (folder / f"{version.id}.sms.json").write_text(done.sms_facts, encoding="utf-8")
            result.largest_fragment = max(result.largest_fragment, done.bare_size)
            if done.bare_size > FRAGMENT_BUDGET:
                result.over_budget.append(f"{lang}/{version.id}.html")
            result.cases += 1
        alerts = publication.live_alerts(content, lang)
        for version in alerts:  # alerts/<id>.txt: each live alert's push / SMS text, and what it costs
            if publication.alert_sms(version):
                sms = alert_sms(version, site, labels)
                (folder / "alerts").mkdir(exist_ok=True)
                (folder / "alerts" / f"{version.id}.txt").write_text(sms.text + "\n", encoding="utf-8")
                (folder / "alerts" / f"{version.id}.sms.json").write_text(sms_facts(sms), encoding="utf-8")
            result.alerts += 1
        prefix = "" if lang == site.default_language else f"{lang}/"
        (folder / "feed.json").write_text(
            json_feed(
                versions,
                site,
                lang,
                home + prefix,
                page_url=lambda v, p=prefix: f"{home}{p}cases/{v.id}/",
                content_html=lambda v, f=fragments: f[v.id],
                review_line=lambda v, t=labels: v.review_line(site.review_line_for(v.lang, t["review"] + t["sep"])),
                alerts=alerts,
                words=labels,
            ),
            encoding="utf-8",
        )
    return result


def render_marked(version: CaseVersion, site: Site, labels: dict[str, str], root: Path, mark: str) -> Rendered:
    """A case's fragment and H5 page stamped with `mark`, whatever its review status (the preview's); not cached."""
    parts = replace(case_parts(version, site, labels, root), mark=html.escape(mark))
    sms = sms_message(version, site)
    return Rendered(render_fragment(parts), render_page(parts), sms.text, sms_facts(sms), 0)


def _render(version: CaseVersion, site: Site, labels: dict[str, str], root: Path) -> Rendered:
    parts = case_parts(version, site, labels, root)
    sms = sms_message(version, site)
    return Rendered(
        fragment=render_fragment(parts),
        page=render_page(parts),
        sms=sms.text,
        sms_facts=sms_facts(sms),
        bare_size=len(render_fragment(replace(parts, image_uri=None)).encode("utf-8")),
    )


# -- the cache: one JSON file per case version, named by the digest of everything that shapes it -------------


@functools.cache
def _code_digest() -> str:
    """The mobile renderers' own source: changing how a fragment looks renews every cached one."""
    return code_digest(
        "mobile",
        "markup.py",
        "media.py",
        "publication.py",
        "channels.py",
        "model.py",
        "phrases.py",
        "site/text.py",
        "lib:nh3",
        "lib:markdown",
        "lib:budoux",
    )


def _key(version: CaseVersion, site: Site, labels: dict[str, str], root: Path) -> str:
    image = root / "content" / version.case.image if version.case.image else None
    stamp = (image.stat().st_size, image.stat().st_mtime_ns) if image and image.is_file() else None
    data = [
        _code_digest(),
        version.id,
        version.lang,
        version.case.model_dump(mode="json"),
        site.model_dump(mode="json"),
        labels,
        stamp,
    ]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]


def _cached(cache: Path | None, key: str) -> Rendered | None:
    if cache is None:
        return None
    data = read_json(cache / f"{key}.json")
    try:
        return Rendered(**data) if isinstance(data, dict) else None
    except TypeError:
        return None


def _store(cache: Path | None, key: str, rendered: Rendered) -> None:
    if cache is None:
        return
    write_atomic(cache / f"{key}.json", json.dumps(asdict(rendered), ensure_ascii=False))
