"""feed.json: JSON Feed 1.1 of the approved, unexpired cases in one language, newest first.

Each item carries its review (JSON Feed's `_` extension: number and the review line as printed), and its
date_modified: the day the text as published was approved (any edit since is withheld until it is approved
again, so that day is when the published text last changed). With no case live the feed says `expired`."""

from __future__ import annotations

import datetime as dt
import json

from generator.model import CaseVersion, Site


def json_feed(  # noqa: ANN001
    versions: list[CaseVersion], site: Site, lang: str, home: str, page_url, content_html, review_line
) -> str:
    items = []
    for version in sorted(versions, key=lambda v: (v.case.review.date or dt.date.min, v.id), reverse=True):
        case = version.case
        approved = dt.datetime.combine(case.review.date or dt.date.today(), dt.time(9, 0), dt.UTC).isoformat()
        items.append(
            {
                "id": f"{home}#{version.id}.{lang}",
                "url": page_url(version),
                "title": case.title,
                "summary": case.summary,
                "content_html": content_html(version),
                "date_published": approved,
                "date_modified": approved,
                "tags": [site.category_name(case.category, lang)]
                + [site.audience_name(a, lang) for a in case.audience],
                "language": lang,
                "_casecast": {"review_number": case.review.number, "review_line": review_line(version)},
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
    if not items:
        feed["expired"] = True  # nothing live: an app may stop polling until a build has something again
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
