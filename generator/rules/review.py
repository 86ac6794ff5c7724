"""Rules not-approved, changed-since-approval and expired: only approved, unchanged, unexpired material goes
out. An approval is bound to what was approved by its digest (generator/approval.py): a case edited since is
withheld from every output until the office approves it again."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

from generator.approval import version_digest
from generator.i18n import _
from generator.model import CaseVersion, Content, ReviewStatus
from generator.problems import WAITING, Problems
from generator.yamlsource import Source

SHELL_SPECIAL = re.compile(r"[\s'\"\\$`!*?&;|<>(){}\[\]#~]|^$")  # Chinese and Korean need no quotes


def check(content: Content, sources: dict[str, Source], today: dt.date, root: Path) -> Problems:
    problems = Problems()
    this_month = today.strftime("%Y-%m")
    for version in content.cases.values():
        source = sources.get(version.file)

        def at(*path: str, source: Source | None = source) -> tuple[int, int]:
            return source.position(path) if source else (1, 1)

        review = version.case.review
        if review.status in (ReviewStatus.draft, ReviewStatus.in_review):
            problems.add(
                version.file,
                *at("review", "status"),
                "not-approved",
                _(
                    "not approved yet (status: {status}); it stays out of the site, slides and mobile exports "
                    "until the consumer-protection office approves it",
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
            else:
                _check_approval(problems, content, version, today, root, at)
        if version.expired(today):
            _report_expired(problems, content, version, this_month, at)
    return problems


def _check_approval(problems: Problems, content: Content, version: CaseVersion, today: dt.date, root: Path, at) -> None:
    """An approval with its details: dated in the past, and bound to the text it approved."""
    review = version.case.review
    if review.date > today:
        problems.add(
            version.file,
            *at("review", "date"),
            "not-approved",
            _("the approval date {date} is in the future; check it", date=review.date.isoformat()),
            severity="warning",
        )
    command = approve_command(version, content.site.default_language)
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
    elif review.digest != version_digest(version, root):
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


def approve_command(version: CaseVersion, default_language: str) -> str:
    """The command that approves this version again, with its last number and reviewer filled in."""
    review = version.case.review
    words = ["casecast", "approve", version.id]
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
