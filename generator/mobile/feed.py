"""feed.json: JSON Feed 1.1 of the approved, unexpired cases in one language, newest first, after the urgent
alerts live at the build, most urgent first.

Each item carries its review (JSON Feed's `_` extension: number and the review line as printed), and its
date_modified: the day the text as published was approved (any edit since is withheld until it is approved
again, so that day is when the published text last changed). An alert's item says, under `_casecast`, that it
is one, its level and its `from` / `until`, so an app stops showing it at its end even between two builds.
With nothing live the feed says `expired`."""

from __future__ import annotations

import datetime as dt
import json

from generator.alert import AlertVersion, alert_heading
from generator.model import CaseVersion, Site


def json_feed(  # noqa: ANN001
    versions: list[CaseVersion],
    site: Site,
    lang: str,
    home: str,
    page_url,
    content_html,
    review_line,
    alerts: list[AlertVersion] = (),
    words: dict[str, str] | None = None,
) -> str:
    """`alerts`: the live ones, in order; `words`: the language's interface words (their levels)."""
    items = [alert_item(alert, lang, home, words or {}, review_line(alert)) for alert in alerts]
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


def alert_item(version: AlertVersion, lang: str, home: str, words: dict[str, str], review_line: str) -> dict:
    alert, review = version.alert, version.alert.review
    heading, level = alert_heading(words, alert.level)
    approved = dt.datetime.combine(review.date or version.start.date(), dt.time(9, 0), dt.UTC)
    return {
        "id": f"{home}#alert-{version.id}.{lang}",
        "url": home,  # the alert is at the top of every page
        "title": f"{heading} · {level}",
        "summary": alert.text,
        "content_text": alert.text,
        "date_published": version.start.isoformat(),
        "date_modified": max(version.start, approved).isoformat(),
        "tags": [heading, level],
        "language": lang,
        "_casecast": {
            "kind": "alert",
            "level": alert.level.value,
            "from": version.start.isoformat(),
            "until": version.end.isoformat(),
            "review_number": review.number,
            "review_line": review_line,
        },
    }
