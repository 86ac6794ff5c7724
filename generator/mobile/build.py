"""Writing exports/mobile/<lang>/: a fragment, an H5 page and an SMS text per case, and a feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.mobile.feed import json_feed
from generator.mobile.fragment import render_fragment
from generator.mobile.page import render_page
from generator.mobile.parts import case_parts
from generator.mobile.sms import sms_text
from generator.model import CaseVersion, Content, ReviewStatus

FRAGMENT_BUDGET = 16 * 1024


@dataclass
class MobileResult:
    cases: int = 0
    largest_fragment: int = 0  # bytes, images excluded
    over_budget: list[str] = field(default_factory=list)


def build_mobile(content: Content, root: Path, out: Path, today: dt.date, labels_file: Path) -> MobileResult:
    all_labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    site = content.site
    home = (site.url or "").rstrip("/") + "/" if site.url else "../../../"
    result = MobileResult()
    for lang in content.languages:
        labels = {**all_labels.get("en", {}), **all_labels.get(lang, {})}
        versions = [v for v in content.cases_in(lang) if eligible(v, today)]
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        fragments: dict[str, str] = {}
        for version in versions:
            parts = case_parts(version, site, labels, root)
            fragment = render_fragment(parts)
            fragments[version.id] = fragment
            (folder / f"{version.id}.html").write_text(fragment + "\n", encoding="utf-8")
            (folder / f"{version.id}.page.html").write_text(
                render_page(parts, site.text(site.organization, lang) or ""), encoding="utf-8"
            )
            (folder / f"{version.id}.txt").write_text(sms_text(version, site) + "\n", encoding="utf-8")
            size = len(render_fragment(_without_image(parts)).encode("utf-8"))
            result.largest_fragment = max(result.largest_fragment, size)
            if size > FRAGMENT_BUDGET:
                result.over_budget.append(f"{lang}/{version.id}.html")
            result.cases += 1
        prefix = "" if lang == site.default_language else f"{lang}/"
        (folder / "feed.json").write_text(
            json_feed(
                versions,
                site,
                lang,
                home + prefix,
                page_url=lambda v, p=prefix: f"{home}{p}cases/{v.id}/",
                content_html=lambda v, f=fragments: f[v.id],
            ),
            encoding="utf-8",
        )
    return result


def eligible(version: CaseVersion, today: dt.date) -> bool:
    """Only approved, unexpired cases ever reach the app."""
    return version.case.review.status is ReviewStatus.approved and not version.expired(today)


def _without_image(parts):
    from dataclasses import replace

    return replace(parts, image_uri=None)
