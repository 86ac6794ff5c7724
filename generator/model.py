"""What the content means: site, monthly themes and cases. Nothing about output formats."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import string
import zoneinfo
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from generator.alert import AlertVersion

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


def _not_contact(name: str) -> str:
    if name == "contact":  # site/exports/slides/contact/ holds the reviewer's contact sheets
        raise PydanticCustomError("reserved_display", "'contact' cannot name a display", {"name": name})
    return name


DisplayName = Annotated[Slug, AfterValidator(_not_contact)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
# Site-wide wording may be one text for every language, or one per language: {zh: ..., ko: ...}
Localized = Text | Annotated[dict[LangCode, Text], Field(min_length=1)]


def localized(value: Localized | None, lang: str, default: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.get(lang) or value.get(default) or next(iter(value.values()), None)


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# -----------------------------------------------------------------------------
# site.yaml
# -----------------------------------------------------------------------------


class Complaint(Strict):
    phone: Text = Field(description="Complaint phone number, printed everywhere")
    address: Localized | None = Field(None, description="Postal or branch address for complaints")
    hours: Localized | None = Field(None, description="When the complaint line answers")
    email: Text | None = None
    web: Localized | None = None


class Brand(Strict):
    primary: Color = Field("#b71c1c", description="Main colour, e.g. #b71c1c")
    accent: Color = Field("#ffc107", description="Accent colour")
    logo: str | None = Field(None, description="Path under content/, e.g. images/logo.png")


MAX_DISPLAY_PIXELS = 7680 * 4320  # 8K: the largest screen a lobby has


class Display(Strict):
    width: int = Field(gt=0, le=7680)
    height: int = Field(gt=0, le=7680)
    format: Annotated[str, StringConstraints(pattern=r"^(png|jpg)$")] = "png"
    seconds: int | None = Field(None, gt=0, le=600)
    kind: Annotated[str, StringConstraints(pattern=r"^(screen|strip)$")] = "screen"
    colors: Annotated[str, StringConstraints(pattern=r"^(full|mono)$")] = "full"
    min_text_px: int | None = Field(None, gt=0)
    scroll: Annotated[str, StringConstraints(pattern=r"^(left|none)$")] = Field(
        "left", description="Strips: a text too wide for the strip scrolls left (none: it is too-long)"
    )
    speed: int | None = Field(
        None, ge=8, le=2000, description="Strips: scrolling speed in pixels per second (default: 2 × the height)"
    )

    @property
    def scroll_speed(self) -> int:
        """Pixels a second: by default two character cells a second, as a strip's controller scrolls a slogan
        (64 px/s on a strip two P10 modules high)."""
        return self.speed or 2 * self.height

    @model_validator(mode="after")
    def _of_a_real_screen(self) -> Display:
        if self.kind == "strip" and self.height < 16:
            raise ValueError(
                f"a strip {self.height} pixels high cannot show text; the smallest LED strip is one row of "
                "modules, 16 pixels"
            )
        if self.width * self.height > MAX_DISPLAY_PIXELS:
            raise ValueError(
                f"a display of {self.width}×{self.height} pixels is larger than any screen (8K is 7680×4320); "
                "check its width and height"
            )
        return self


REVIEW_LINE_FIELDS = ("number", "date", "until", "reviewer")


def _known_placeholders(line: str) -> str:
    """A review line uses only the review's own placeholders, and each can be printed (loading words the
    error: its `type` names which, its context what)."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(line) if name is not None]
    except ValueError:
        raise PydanticCustomError("review_line_braces", "a brace does not pair up") from None
    for name in names:
        if name not in REVIEW_LINE_FIELDS:
            raise PydanticCustomError("review_line_placeholder", "unknown placeholder {name}", {"name": name})
    try:
        day = _Day(dt.date(2026, 12, 31))
        line.format(number="XB-2026-001", reviewer="X", date=day, until=day)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise PydanticCustomError("review_line_format", "cannot be printed: {error}", {"error": str(error)}) from None
    return line


ReviewLine = Annotated[Text, AfterValidator(_known_placeholders)]

# Where a time written without a zone is, when site.yaml does not say: the country of the site's first language
DEFAULT_ZONES = {"zh": "Asia/Shanghai", "ko": "Asia/Seoul"}


def _time_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError("time_zone", "unknown time zone {name}", {"name": name}) from None
    return name


TimeZone = Annotated[Text, AfterValidator(_time_zone)]


class ForbiddenTerms(Strict):
    add: dict[LangCode, list[Text]] = Field(
        default_factory=dict, description="More words that must not appear unquoted, per language"
    )
    allow: list[Text] = Field(default_factory=list, description="Default forbidden words this bank allows")


class WeChat(Strict):
    languages: list[LangCode] = Field(
        min_length=1, description="Languages whose cases are exported as WeChat Official Account articles"
    )
    author: Localized | None = Field(None, description="The articles' author; default: the organization")


class Site(Strict):
    name: Localized = Field(description="Site title")
    organization: Localized = Field(description="Bank name, printed on slides and snippets")
    languages: list[LangCode] = Field(min_length=1, description="First one is the default")
    url: Text | None = Field(None, description="Where the site is published, e.g. https://edu.intranet.bank/")
    hotline: Annotated[Text, StringConstraints(max_length=40)] = Field(
        description="Customer service hotline, e.g. 95588"
    )
    complaint: Complaint
    public_numbers: list[Text] = Field(
        default_factory=list,
        description="Phone numbers published to be called (other hotlines, the police's): never personal data",
    )
    brand: Brand = Brand()
    categories: dict[Slug, dict[LangCode, Text]] = Field(
        min_length=1, description="Controlled vocabulary: category id -> name per language"
    )
    audiences: dict[Slug, dict[LangCode, Text]] = Field(
        default_factory=dict, description="Audience id -> name per language"
    )
    displays: dict[DisplayName, Display] = Field(default_factory=dict)
    forbidden_terms: ForbiddenTerms = ForbiddenTerms()
    fonts: dict[LangCode, Text] = Field(
        default_factory=dict, description="Font file per language for slides, if the automatic choice is wrong"
    )
    wechat: WeChat | None = Field(None, description="WeChat Official Account articles (exports/wechat/)")
    review_line: dict[LangCode, ReviewLine] = Field(
        default_factory=dict,
        description="The review line printed on every page, slide and snippet, per language, e.g. "
        "审查编号：{number}; placeholders {number}, {date}, {until}, {reviewer} ({date:%Y.%m.%d} for 2026.02.20)",
    )

    timezone: TimeZone | None = Field(
        None,
        description="Where the times in alerts are, e.g. Asia/Shanghai, Asia/Seoul; default: by the first language",
    )
    alert_every: int = Field(
        5, ge=1, le=100, description="An active alert is shown first on every screen, and again after every N slides"
    )

    @field_validator("wechat")
    @classmethod
    def _wechat_in_site_languages(cls, wechat: WeChat | None, info: ValidationInfo) -> WeChat | None:
        languages = info.data.get("languages") or []
        for lang in wechat.languages if wechat else []:
            if lang not in languages:
                raise PydanticCustomError(
                    "wechat_language", "not a site language: {lang}", {"lang": lang, "languages": ", ".join(languages)}
                )
        return wechat

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def zone(self) -> dt.tzinfo:
        """The site's time zone: site.yaml's `timezone`, else that of its first language's country, else UTC."""
        name = self.timezone or DEFAULT_ZONES.get(self.default_language)
        return zoneinfo.ZoneInfo(name) if name else dt.UTC

    def text(self, value: Localized | None, lang: str) -> str | None:
        """A site-wide wording in `lang`, falling back to the default language."""
        return localized(value, lang, self.default_language)

    def review_line_for(self, lang: str, label: str) -> str:
        """The review line's format in `lang`: the bank's own, else `label` (the interface's word for the review
        number, e.g. "审查编号：") followed by the number."""
        return self.review_line.get(lang) or label.replace("{", "{{").replace("}", "}}") + "{number}"

    def category_name(self, category: str, lang: str) -> str:
        names = self.categories.get(category, {})
        return names.get(lang) or names.get(self.default_language) or category

    def audience_name(self, audience: str, lang: str) -> str:
        names = self.audiences.get(audience, {})
        return names.get(lang) or names.get(self.default_language) or audience


# -----------------------------------------------------------------------------
# themes/<YYYY-MM>.yaml
# -----------------------------------------------------------------------------


class Theme(Strict):
    title: Text
    intro: Text = Field(description="Markdown")
    cases: list[Slug] = Field(default_factory=list, description="Case ids, in page order")
    slogans: list[Line] = Field(default_factory=list, description="Rolled on LED strips")
    checkup_day: dt.date | None = Field(
        None, description="Financial checkup day; default: third Wednesday of the month"
    )


# -----------------------------------------------------------------------------
# cases/<id>.yaml
# -----------------------------------------------------------------------------


class ReviewStatus(StrEnum):
    draft = "draft"
    in_review = "in_review"
    approved = "approved"
    withdrawn = "withdrawn"


Digest = Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]


class Review(Strict):
    status: ReviewStatus = ReviewStatus.draft
    number: Text | None = Field(None, description="Review/approval number, e.g. XB-2026-031")
    reviewer: Text | None = None
    date: dt.date | None = None
    until: dt.date | None = Field(
        None, description="Last day the approval is valid; after it the case leaves every export"
    )
    digest: Digest | None = Field(
        None, description="Written by `casecast approve`: the SHA-256 of what was approved; do not edit"
    )


class Reference(Strict):
    title: Text
    url: Text


class Case(Strict):
    title: Text
    category: Slug
    audience: list[Slug] = Field(default_factory=list)
    summary: Text = Field(description="One or two sentences: cards, feed, slide subtitle")
    story: Text = Field(description="Markdown, no raw HTML")
    red_flags: list[Line] = Field(min_length=1, max_length=6)
    advice: list[Line] = Field(min_length=1, max_length=6)
    slogan: Line | None = None
    sms: Text | None = None
    image: str | None = Field(None, description="Path under content/, e.g. images/atm.jpg")
    source: Text | None = Field(None, description="Anonymised origin of the case")
    references: list[Reference] = Field(default_factory=list)
    review: Review
    valid_until: dt.date | None = None


# -----------------------------------------------------------------------------
# The loaded project
# -----------------------------------------------------------------------------


def third_wednesday(year: int, month: int) -> dt.date:
    weeks = calendar.Calendar().monthdatescalendar(year, month)
    wednesdays = [week[2] for week in weeks if week[2].month == month]
    return wednesdays[2]


class _Day:
    """A date in a review line: 2026-02-20, or as its format says ({date:%Y.%m.%d}); none at all: empty."""

    def __init__(self, day: dt.date | None) -> None:
        self.day = day

    def __format__(self, spec: str) -> str:
        if self.day is None:
            return ""
        return self.day.strftime(spec) if spec else self.day.isoformat()


@dataclass(frozen=True)
class CaseVersion:
    """One language version of a case, as reviewed on its own."""

    id: str
    lang: str
    case: Case
    file: str

    @property
    def approved(self) -> bool:
        return self.case.review.status is ReviewStatus.approved

    @property
    def valid_through(self) -> dt.date | None:
        """The last day it may be shown: its own valid_until, or the approval's end, whichever comes first."""
        days = [d for d in (self.case.valid_until, self.case.review.until) if d is not None]
        return min(days) if days else None

    def expired(self, today: dt.date) -> bool:
        return self.valid_through is not None and self.valid_through < today

    def review_line(self, line: str) -> str:
        """The review line as printed: `line`'s placeholders filled from the review block (a date missing
        is left empty; {until} is the approval's end, else the case's valid_until)."""
        review = self.case.review
        return line.format(
            number=review.number or "",
            reviewer=review.reviewer or "",
            date=_Day(review.date),
            until=_Day(review.until or self.case.valid_until),
        )


@dataclass(frozen=True)
class ThemeVersion:
    month: str  # YYYY-MM
    lang: str
    theme: Theme
    file: str

    @property
    def checkup_day(self) -> dt.date:
        if self.theme.checkup_day:
            return self.theme.checkup_day
        year, month = (int(part) for part in self.month.split("-"))
        return third_wednesday(year, month)


@dataclass
class Content:
    site: Site
    cases: dict[tuple[str, str], CaseVersion] = field(default_factory=dict)
    themes: dict[tuple[str, str], ThemeVersion] = field(default_factory=dict)
    alerts: dict[tuple[str, str], AlertVersion] = field(default_factory=dict)  # generator/alert.py

    @property
    def languages(self) -> list[str]:
        return self.site.languages

    def cases_in(self, lang: str) -> list[CaseVersion]:
        return sorted(
            (c for (_, l), c in self.cases.items() if l == lang),
            key=lambda c: c.id,
        )

    def themes_in(self, lang: str) -> list[ThemeVersion]:
        return sorted(
            (t for (_, l), t in self.themes.items() if l == lang),
            key=lambda t: t.month,
        )

    def alerts_in(self, lang: str) -> list[AlertVersion]:
        return sorted((a for (_, l), a in self.alerts.items() if l == lang), key=lambda a: a.id)

    def case(self, case_id: str, lang: str) -> CaseVersion | None:
        return self.cases.get((case_id, lang))

    def translations(self, case_id: str) -> list[CaseVersion]:
        return [self.cases[(case_id, l)] for l in self.languages if (case_id, l) in self.cases]

    def month_of(self, case_id: str) -> str | None:
        """The first month whose theme lists the case, in any language."""
        return self._first_months.get(case_id)

    def months_listing(self, case_id: str, lang: str) -> list[str]:
        """Every month whose theme in `lang` lists the case, in order."""
        return self._listing.get((case_id, lang), [])

    @functools.cached_property
    def _listing(self) -> dict[tuple[str, str], list[str]]:
        listing: dict[tuple[str, str], list[str]] = {}
        for (month, lang), version in sorted(self.themes.items()):
            for case_id in dict.fromkeys(version.theme.cases):  # a case listed twice is reported elsewhere
                listing.setdefault((case_id, lang), []).append(month)
        return listing

    @functools.cached_property
    def _first_months(self) -> dict[str, str]:
        # Asked once per case page: an index, not a scan of every theme (which grew as cases × themes).
        # Computed on first use, when loading has finished adding themes.
        first: dict[str, str] = {}
        for (month, _), version in sorted(self.themes.items()):
            for case_id in version.theme.cases:
                first.setdefault(case_id, month)
        return first

    def theme_translations(self, month: str) -> list[ThemeVersion]:
        return [self.themes[(month, l)] for l in self.languages if (month, l) in self.themes]
