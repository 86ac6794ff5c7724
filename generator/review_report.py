"""The reviewer's view: every case in every language, what is waiting, what expires, what has problems."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import asdict, dataclass

from generator.loading import Loaded
from generator.model import ReviewStatus

ORDER = {ReviewStatus.in_review: 0, ReviewStatus.draft: 1, ReviewStatus.approved: 2, ReviewStatus.withdrawn: 3}
SOON = dt.timedelta(days=30)


@dataclass(frozen=True)
class Row:
    file: str
    id: str
    lang: str
    title: str
    status: str
    number: str
    reviewer: str
    date: str
    valid_until: str
    state: str  # what the office should know: waiting / expires soon / expired / published / withdrawn
    problems: int


def review_rows(loaded: Loaded, today: dt.date) -> list[Row]:
    if loaded.content is None:
        return []
    counts: dict[str, int] = {}
    for problem in loaded.problems:
        counts[problem.file] = counts.get(problem.file, 0) + 1
    rows = []
    versions = sorted(
        loaded.content.cases.values(), key=lambda v: (ORDER[v.case.review.status], v.case.valid_until or dt.date.max)
    )
    for version in versions:
        case, review = version.case, version.case.review
        rows.append(
            Row(
                file=version.file,
                id=version.id,
                lang=version.lang,
                title=case.title,
                status=review.status.value,
                number=review.number or "",
                reviewer=review.reviewer or "",
                date=review.date.isoformat() if review.date else "",
                valid_until=case.valid_until.isoformat() if case.valid_until else "",
                state=_state(version, today),
                problems=counts.get(version.file, 0),
            )
        )
    return rows


def _state(version, today: dt.date) -> str:
    status = version.case.review.status
    if status in (ReviewStatus.draft, ReviewStatus.in_review):
        return "waiting for review"
    if status is ReviewStatus.withdrawn:
        return "withdrawn"
    until = version.case.valid_until
    if until and until < today:
        return "expired (archive only)"
    if until and until - today <= SOON:
        return f"expires in {(until - today).days} days"
    return "published"


def format_rows_text(rows: list[Row]) -> str:
    headers = ["case", "lang", "status", "review no.", "reviewer", "date", "valid until", "state", "problems"]
    table = [
        [r.id, r.lang, r.status, r.number, r.reviewer, r.date, r.valid_until, r.state, str(r.problems or "")]
        for r in rows
    ]
    widths = [max(_width(str(x)) for x in column) for column in zip(headers, *table, strict=False)]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in table]
    waiting = sum(r.state == "waiting for review" for r in rows)
    lines.append(f"{len(rows)} case version(s); {waiting} waiting for review")
    return "\n".join(lines)


def format_rows_json(rows: list[Row]) -> str:
    return json.dumps({"cases": [asdict(r) for r in rows]}, ensure_ascii=False, indent=2)


def _width(text: str) -> int:
    """Chinese and Korean characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True)).rstrip()
