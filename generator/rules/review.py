"""Rules not-approved and expired: only approved, unexpired material goes out."""

from __future__ import annotations

import datetime as dt

from generator.model import Content, ReviewStatus
from generator.problems import WAITING, Problems
from generator.yamlsource import Source


def check(content: Content, sources: dict[str, Source], today: dt.date) -> Problems:
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
                f"not approved yet (status: {review.status.value}); it stays out of the site, slides and mobile "
                "exports until the consumer-protection office approves it",
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
                    f"marked approved but the review has no {' / '.join(missing)}; "
                    "an approval is only valid with its number, reviewer and date",
                )
            elif review.date and review.date > today:
                problems.add(
                    version.file,
                    *at("review", "date"),
                    "not-approved",
                    f"the approval date {review.date} is in the future; check it",
                    severity="warning",
                )
        if version.expired(today):
            upcoming = [m for m in content.months_listing(version.id, version.lang) if m >= this_month]
            if upcoming:
                problems.add(
                    version.file,
                    *at("valid_until"),
                    "expired",
                    f"expired on {version.case.valid_until} but listed for {', '.join(upcoming)}; "
                    "it will be left out of that month's material: extend valid_until after review, or replace it",
                    severity="warning",
                )
    return problems
