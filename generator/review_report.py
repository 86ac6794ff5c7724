"""The reviewer's view: every case (and every urgent alert) in every language, what changed since its
approval, what is waiting, what expires, what is live or scheduled, what has problems, and the digest of the
text each approval is bound to."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import asdict, dataclass

from generator.alert import AlertVersion
from generator.approval import short
from generator.i18n import N_, _
from generator.loading import Loaded
from generator.model import CaseVersion, ReviewStatus

SOON = dt.timedelta(days=30)

# What the office should know of a case version, most urgent first. English in --format json (a stable
# value for tools), the reader's language in the table.
CHANGED = N_("changed since approval: approve again")
WAITING = N_("waiting for review")
NO_DIGEST = N_("published, approved without a digest")
EXPIRES = N_("expires in {days} days")
PUBLISHED = N_("published")
EXPIRED = N_("expired (archive only)")
WITHDRAWN = N_("withdrawn")
ORDER = {CHANGED: 0, WAITING: 1, NO_DIGEST: 2, EXPIRES: 3, PUBLISHED: 4, EXPIRED: 5, WITHDRAWN: 6}
# An alert's: what is on every screen now, what is still to come, what is over
LIVE = N_("live now, until {when}")
SCHEDULED = N_("scheduled: from {when}")
ENDED = N_("ended (on no output)")
ALERT_ORDER = {CHANGED: 0, WAITING: 1, NO_DIGEST: 2, LIVE: 3, SCHEDULED: 4, ENDED: 5, WITHDRAWN: 6}


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
    until: str  # the approval's last day
    valid_until: str
    digest: str  # the first digits of the digest the approval is bound to
    state: str
    problems: int
    days: int | None = None  # for "expires in {days} days"

    def state_text(self) -> str:
        """The state in the reader's language."""
        return _(self.state, days=self.days) if self.days is not None else _(self.state)


def review_rows(loaded: Loaded, today: dt.date) -> list[Row]:
    if loaded.content is None:
        return []
    counts: dict[str, int] = {}
    for problem in loaded.problems:
        counts[problem.file] = counts.get(problem.file, 0) + 1
    changed = {p.file for p in loaded.problems.errors if p.rule == "changed-since-approval"}
    rows = []
    for version in loaded.content.cases.values():
        case, review = version.case, version.case.review
        state, days = _state(version, today, version.file in changed)
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
                until=review.until.isoformat() if review.until else "",
                valid_until=case.valid_until.isoformat() if case.valid_until else "",
                digest=short(review.digest),
                state=state,
                problems=counts.get(version.file, 0),
                days=days,
            )
        )
    return sorted(rows, key=lambda r: (ORDER[r.state], r.days if r.days is not None else 0, r.id, r.lang))


def _state(version: CaseVersion, today: dt.date, changed: bool) -> tuple[str, int | None]:
    status = version.case.review.status
    if status in (ReviewStatus.draft, ReviewStatus.in_review):
        return WAITING, None
    if status is ReviewStatus.withdrawn:
        return WITHDRAWN, None
    if changed:
        return CHANGED, None
    until = version.valid_through
    if until and until < today:
        return EXPIRED, None
    if until and until - today <= SOON:
        return EXPIRES, (until - today).days
    return (NO_DIGEST if version.case.review.digest is None else PUBLISHED), None


@dataclass(frozen=True)
class AlertRow:
    file: str
    id: str
    lang: str
    level: str
    text: str
    status: str
    number: str
    reviewer: str
    date: str
    starts: str  # its `from`, as a moment
    ends: str  # its end: its `until`, or its approval's end if earlier
    digest: str
    state: str
    problems: int
    when: str = ""  # for "live now, until {when}" and "scheduled: from {when}"

    def state_text(self) -> str:
        return _(self.state, when=self.when)


def alert_rows(loaded: Loaded, now: dt.datetime) -> list[AlertRow]:
    if loaded.content is None:
        return []
    counts: dict[str, int] = {}
    for problem in loaded.problems:
        counts[problem.file] = counts.get(problem.file, 0) + 1
    changed = {p.file for p in loaded.problems.errors if p.rule == "changed-since-approval"}
    rows = []
    for version in loaded.content.alerts.values():
        review = version.alert.review
        state, when = _alert_state(version, now, version.file in changed)
        rows.append(
            AlertRow(
                file=version.file,
                id=version.id,
                lang=version.lang,
                level=version.alert.level.value,
                text=version.alert.text,
                status=review.status.value,
                number=review.number or "",
                reviewer=review.reviewer or "",
                date=review.date.isoformat() if review.date else "",
                starts=_moment(version.start),
                ends=_moment(version.end),
                digest=short(review.digest),
                state=state,
                problems=counts.get(version.file, 0),
                when=when,
            )
        )
    return sorted(rows, key=lambda r: (ALERT_ORDER[r.state], r.starts, r.id, r.lang))


def _alert_state(version: AlertVersion, now: dt.datetime, changed: bool) -> tuple[str, str]:
    status = version.alert.review.status
    if status in (ReviewStatus.draft, ReviewStatus.in_review):
        return WAITING, ""
    if status is ReviewStatus.withdrawn:
        return WITHDRAWN, ""
    if changed:
        return CHANGED, ""
    if version.ended(now):
        return ENDED, ""
    if now < version.start:
        return SCHEDULED, _moment(version.start)
    return (NO_DIGEST, "") if version.alert.review.digest is None else (LIVE, _moment(version.end))


def _moment(moment: dt.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


def format_alert_rows_text(rows: list[AlertRow]) -> str:
    headers = [_("alert"), _("lang"), _("level"), _("status"), _("review no."), _("from"), _("until"), _("digest")]
    headers += [_("state"), _("problems")]
    table = [
        [r.id, r.lang, r.level, r.status, r.number, r.starts, r.ends, r.digest, r.state_text(), str(r.problems or "")]
        for r in rows
    ]
    widths = [max(_width(str(x)) for x in column) for column in zip(headers, *table, strict=False)]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in table]
    lines.append(
        _(
            "{count} alert version(s); {live} live now, {scheduled} scheduled",
            count=len(rows),
            live=sum(r.state == LIVE for r in rows),
            scheduled=sum(r.state == SCHEDULED for r in rows),
        )
    )
    return "\n".join(lines)


def format_rows_text(rows: list[Row]) -> str:
    headers = [
        _("case"),
        _("lang"),
        _("status"),
        _("review no."),
        _("reviewer"),
        _("date"),
        _("approved until"),
        _("valid until"),
        _("digest"),
        _("state"),
        _("problems"),
    ]
    table = [
        [
            r.id,
            r.lang,
            r.status,
            r.number,
            r.reviewer,
            r.date,
            r.until,
            r.valid_until,
            r.digest,
            r.state_text(),
            str(r.problems or ""),
        ]
        for r in rows
    ]
    widths = [max(_width(str(x)) for x in column) for column in zip(headers, *table, strict=False)]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in table]
    lines.append(
        _(
            "{count} case version(s); {changed} changed since approval, {waiting} waiting for review",
            count=len(rows),
            changed=sum(r.state == CHANGED for r in rows),
            waiting=sum(r.state == WAITING for r in rows),
        )
    )
    return "\n".join(lines)


def format_rows_json(rows: list[Row], alerts: list[AlertRow] = ()) -> str:
    cases = []
    for row in rows:
        data = asdict(row)
        data["state"] = row.state.format(days=row.days) if row.days is not None else row.state
        del data["days"]
        cases.append(data)
    shown = []
    for alert in alerts:
        data = asdict(alert)
        data["from"], data["until"] = data.pop("starts"), data.pop("ends")
        data["state"] = alert.state.format(when=data.pop("when"))
        shown.append(data)
    return json.dumps({"cases": cases, "alerts": shown}, ensure_ascii=False, indent=2)


def _width(text: str) -> int:
    """Chinese and Korean characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True)).rstrip()
