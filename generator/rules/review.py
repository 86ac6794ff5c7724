"""Rules not-approved, changed-since-approval, expired and scheduled: only approved, unchanged, unexpired
material goes out. An approval is bound to what was approved by its digest (generator/approval.py): a case or
an alert edited since is withheld from every output until the office approves it again. An alert is shown from
its `from` until its `until`: before, it is scheduled, after, ended (notices, never failures)."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

from generator.alert import AlertVersion
from generator.approval import version_digest
from generator.i18n import _
from generator.model import CaseVersion, Content, Review, ReviewStatus
from generator.problems import NOTICE, WAITING, Problems
from generator.yamlsource import Source

SHELL_SPECIAL = re.compile(r"[\s'\"\\$`!*?&;|<>(){}\[\]#~]|^$")  # Chinese and Korean need no quotes


def check(
    content: Content, sources: dict[str, Source], today: dt.date, root: Path, now: dt.datetime | None = None
) -> Problems:
    problems = Problems()
    this_month = today.strftime("%Y-%m")
    for version in content.cases.values():
        at = _pointer(sources.get(version.file))
        _check_review(problems, content, version, version.case.review, today, root, at)
        if version.expired(today):
            _report_expired(problems, content, version, this_month, at)
    for version in content.alerts.values():
        at = _pointer(sources.get(version.file))
        approved = _check_review(problems, content, version, version.alert.review, today, root, at)
        if now is not None and approved:
            _report_schedule(problems, version, now, at)
    return problems


def _pointer(source: Source | None):
    def at(*path: str) -> tuple[int, int]:
        return source.position(path) if source else (1, 1)

    return at


def _check_review(
    problems: Problems,
    content: Content,
    version: CaseVersion | AlertVersion,
    review: Review,
    today: dt.date,
    root: Path,
    at,
) -> bool:
    """Whether the review block makes it publishable as far as the review goes (its own problems said)."""
    if review.status in (ReviewStatus.draft, ReviewStatus.in_review):
        problems.add(
            version.file,
            *at("review", "status"),
            "not-approved",
            _(
                "not approved yet (status: {status}); it stays out of the site, the lobby screens, the app and "
                "WeChat until the consumer-protection office approves it",
                status=review.status.value,
            ),
            severity="warning",
            scope=WAITING,
        )
    elif review.status is ReviewStatus.approved:
        missing = [name for name in ("number", "reviewer", "date") if getattr(review, name) is None]
        if missing:
            problems.add(
                version.file,
                *at("review", "status"),
                "not-approved",
                _(
                    "marked approved but the review has no {missing}; an approval is only valid with its "
                    "number, reviewer and date",
                    missing=" / ".join(missing),
                ),
            )
            return False
        return _check_approval(problems, content, version, review, today, root, at)
    return False


def _check_approval(
    problems: Problems,
    content: Content,
    version: CaseVersion | AlertVersion,
    review: Review,
    today: dt.date,
    root: Path,
    at,
) -> bool:
    """An approval with its details: dated in the past, and bound to the text it approved."""
    if review.date > today:
        problems.add(
            version.file,
            *at("review", "date"),
            "not-approved",
            _("the approval date {date} is in the future; check it", date=review.date.isoformat()),
            severity="warning",
        )
    command = approve_command(version, content.site.default_language, review)
    if review.digest is None:
        problems.add(
            version.file,
            *at("review", "status"),
            "changed-since-approval",
            _(
                "approved without a digest, so an edit made after the approval would still be published "
                "as approved; once the office has checked the text, bind the approval to it: {command}",
                command=command,
            ),
            severity="warning",
        )
        return True
    if review.digest != version_digest(version, root):
        problems.add(
            version.file,
            *at("review", "digest"),
            "changed-since-approval",
            _(
                "changed since {reviewer} approved it as {number} on {date}: it is withheld from every "
                "output until the office approves the new text again ({command})",
                reviewer=review.reviewer,
                number=review.number,
                date=review.date.isoformat(),
                command=command,
            ),
        )
        return False
    return True


def approve_command(version: CaseVersion | AlertVersion, default_language: str, review: Review | None = None) -> str:
    """The command that approves this version again, with its last number and reviewer filled in."""
    review = review or version.case.review
    words = ["casecast", "approve", version.id]
    if isinstance(version, AlertVersion):
        words.append("--alert")
    if version.lang != default_language:
        words += ["--lang", version.lang]
    words += ["--number", review.number or "NUMBER", "--reviewer", review.reviewer or "NAME"]
    return " ".join(shlex.quote(word) if SHELL_SPECIAL.search(word) else word for word in words)


def _report_expired(problems: Problems, content: Content, version: CaseVersion, this_month: str, at) -> None:
    upcoming = [m for m in content.months_listing(version.id, version.lang) if m >= this_month]
    if not upcoming:
        return
    case = version.case
    if case.review.until is not None and version.valid_through == case.review.until:
        problems.add(
            version.file,
            *at("review", "until"),
            "expired",
            _(
                "the approval ended on {date} but the case is listed for {months}; it will be left out of that "
                "month's material: have it approved again, or replace it",
                date=case.review.until.isoformat(),
                months=", ".join(upcoming),
            ),
            severity="warning",
        )
        return
    problems.add(
        version.file,
        *at("valid_until"),
        "expired",
        _(
            "expired on {date} but listed for {months}; it will be left out of that month's material: extend "
            "valid_until after review, or replace it",
            date=case.valid_until.isoformat(),
            months=", ".join(upcoming),
        ),
        severity="warning",
    )


def _report_schedule(problems: Problems, version: AlertVersion, now: dt.datetime, at) -> None:
    """An approved alert not shown at this moment: not yet (scheduled), or no more (ended)."""
    start, end = _shown(version.start), _shown(version.end)
    if now < version.start:
        problems.add(
            version.file,
            *at("from"),
            "scheduled",
            _(
                "approved and scheduled: it is shown from {start} until {end}, from the first build after it "
                "starts (a build before then leaves it out)",
                start=start,
                end=end,
            ),
            severity="warning",
            scope=NOTICE,
        )
    elif version.ended(now):
        ended_by_review = version.alert.review.until is not None and version.end.date() <= version.alert.review.until
        problems.add(
            version.file,
            *at(*(("review", "until") if ended_by_review else ("until",))),
            "expired",
            _(
                "the alert ended at {end}: it is on no output any more; delete the file, or keep it as a record",
                end=end,
            ),
            severity="warning",
            scope=NOTICE,
        )


def _shown(moment: dt.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")
