"""What an urgent alert (插播 / 소비자경보) means: a short text, a level, when it is shown, and its review.

Part of the model, beside generator/model.py (which it builds on, and which knows it only by name): nothing
about output formats. An alert is shown from its `from` up to (not including) its `until`; a time written
without a time zone is the site's (site.yaml `timezone`); a day alone starts at 00:00 in `from` and runs
through the whole day in `until` (`until: 2026-11-30` ends at midnight, as 2026-12-01 starts)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, PlainSerializer, PlainValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.model import Review, ReviewStatus, Strict, Text, _Day


class AlertLevel(StrEnum):
    """The three levels of the FSS's 소비자경보, in order: 주의 (caution), 경고 (warning), 위험 (danger)."""

    caution = "caution"
    warning = "warning"
    danger = "danger"

    @property
    def rank(self) -> int:
        return list(AlertLevel).index(self)


ALERT_TEXT_MAX = 100  # characters: a banner line, a screen, a strip that scrolls; longer belongs in a case
_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$"


def _moment(value: Any) -> dt.datetime | dt.date:
    """A day (2026-11-20) or a day and time (2026-11-20 09:00, 2026-11-20T09:00+09:00), as YAML gave it."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if _DAY.match(text):
                return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
            return dt.datetime.fromisoformat(text.replace(" +", "+").replace(" -", "-").replace(" Z", "Z"))
        except ValueError:
            pass
    raise PydanticCustomError("moment", "not a date and time")


Moment = Annotated[
    dt.datetime | dt.date,
    PlainValidator(_moment),
    PlainSerializer(lambda moment: moment.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": MOMENT_PATTERN,
            "description": "YYYY-MM-DD HH:MM, with a time zone (+08:00) or in the site's; a day alone: YYYY-MM-DD",
        }
    ),
]


class Alert(Strict):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ALERT_TEXT_MAX)] = Field(
        description="The alert itself, one or two short sentences: banner, lobby screens, app feed"
    )
    level: AlertLevel = Field(description="caution (주의 · 注意), warning (경고 · 警告) or danger (위험 · 危险)")
    from_: Moment = Field(alias="from", description="When it starts, e.g. 2026-11-20 09:00")
    until: Moment = Field(description="When it ends (not shown from then on), e.g. 2026-11-30 18:00")
    sms: Text | None = Field(None, description="The push / SMS text; default: made from the text and the hotline")
    review: Review


def start_of(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), zone)


def as_moment(value: dt.datetime | dt.date, zone: dt.tzinfo, *, end: bool = False) -> dt.datetime:
    """A written `from` / `until` as a moment: a time without a zone is the site's; a day alone its start, or
    (`end`) the start of the next day, so that `until: 2026-11-30` keeps the alert up all that day."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return start_of(value + dt.timedelta(days=1) if end else value, zone)


@dataclass(frozen=True)
class AlertVersion:
    """One language version of an alert, reviewed on its own, with its moments read in the site's zone."""

    id: str
    lang: str
    alert: Alert
    file: str
    start: dt.datetime  # shown from this moment
    end: dt.datetime  # not shown from this moment on: its `until`, or the approval's end if that is earlier

    @property
    def approved(self) -> bool:
        return self.alert.review.status is ReviewStatus.approved

    def live(self, now: dt.datetime) -> bool:
        return self.start <= now < self.end

    def ended(self, now: dt.datetime) -> bool:
        return self.end <= now

    def review_line(self, line: str) -> str:
        """The review line as printed, as a case's ({until}: the approval's last day, else the alert's)."""
        review = self.alert.review
        return line.format(
            number=review.number or "",
            reviewer=review.reviewer or "",
            date=_Day(review.date),
            until=_Day(review.until or (self.end - dt.timedelta(seconds=1)).date()),
        )


def alert_version(alert_id: str, lang: str, alert: Alert, file: str, zone: dt.tzinfo) -> AlertVersion:
    start = as_moment(alert.from_, zone)
    end = as_moment(alert.until, zone, end=True)
    if alert.review.until is not None:  # the approval's last day, through that day
        end = min(end, start_of(alert.review.until + dt.timedelta(days=1), zone))
    return AlertVersion(alert_id, lang, alert, file, start, end)


# The words of theme/pages/labels.yaml an alert is said with, should a theme from before alerts lack them
FALLBACK_WORDS = {"alert": "Consumer alert", "caution": "Caution", "warning": "Warning", "danger": "Danger"}


def alert_heading(words: dict[str, str], level: AlertLevel) -> tuple[str, str]:
    """The interface's word for an alert (风险警示 · 소비자경보) and for its level (警告 · 경고), from `words`."""
    return words.get("alert", FALLBACK_WORDS["alert"]), words.get(f"alert_{level.value}", FALLBACK_WORDS[level.value])


def by_urgency(versions: list[AlertVersion]) -> list[AlertVersion]:
    """Danger first, then warning, then caution; the same level by start, then id."""
    return sorted(versions, key=lambda v: (-v.alert.level.rank, v.start, v.id))
