"""feed.json: JSON Feed 1.1 of the approved, unexpired cases in one language, newest first."""

from __future__ import annotations

import datetime as dt
import json

from generator.model import CaseVersion, Site


def json_feed(versions: list[CaseVersion], site: Site, lang: str, home: str, page_url, content_html) -> str:  # noqa: ANN001
    items = []
    for version in sorted(versions, key=lambda v: (v.case.review.date or dt.date.min, v.id), reverse=True):
        case = version.case
        published = dt.datetime.combine(case.review.date or dt.date.today(), dt.time(9, 0), dt.UTC)
        items.append(
            {
                "id": f"{home}#{version.id}.{lang}",
                "url": page_url(version),
                "title": case.title,
                "summary": case.summary,
                "content_html": content_html(version),
                "date_published": published.isoformat(),
                "tags": [site.category_name(case.category, lang)]
                + [site.audience_name(a, lang) for a in case.audience],
                "language": lang,
            }
        )
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.text(site.name, lang),
        "home_page_url": home,
        "language": lang,
        "authors": [{"name": site.text(site.organization, lang)}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
