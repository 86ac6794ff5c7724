"""Problems are values: found, collected, then printed as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from generator.i18n import _

Severity = Literal["error", "warning"]
# The stable rule slugs (DESIGN.md); docs/rules.md explains each (tests/test_rules_doc.py holds it to that).
RULES = (
    "yaml-syntax", "schema", "duplicate-key", "unknown-reference", "duplicate-id", "pii-cn-id", "pii-phone",
    "pii-bank-card", "pii-kr-rrn", "pii-email", "forbidden-term", "not-approved", "changed-since-approval",
    "expired", "too-long", "missing-glyph", "missing-file", "unsafe-content", "scheduled",
)  # fmt: skip


# What a problem withholds. A problem in a case's own words withholds the whole file everywhere; one that
# only one output has (a slide too long for one display, an SMS over its limit) withholds that output.
WHOLE_FILE = ""
WAITING = "waiting"  # not published yet (a draft, a case in review): it withholds itself and fails no build
NOTICE = "notice"  # worth knowing (a case no month lists), withholds nothing and fails nothing, not even --strict
QUIET = (WAITING, NOTICE)  # said at INFO level in a build: MkDocs counts warnings in --strict builds
ENTRY = "entry"  # one entry of a list (a theme's `cases:`): that entry is left out, not the month
SMS = "sms"  # the case's text message
SLIDES = "slides"  # the slides of the case (or of the text) on every display
WECHAT = "wechat"  # the case's WeChat article


def display_scope(name: str) -> str:
    return f"display:{name}"  # that display's slides of the case


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, pointed at the place a person would fix it."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    scope: str = WHOLE_FILE

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}: add it to RULES and to docs/rules.md")

    @property
    def label(self) -> str:
        """What the line says it is: what is only waiting for review is a notice, not a warning."""
        return "notice" if self.scope in QUIET else self.severity

    def as_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.label}: {self.rule}: {self.message}"

    def as_dict(self) -> dict:
        """The six fields of `check --format json` (the scope is Casecast's own business)."""
        return {k: v for k, v in asdict(self).items() if k != "scope"}


class Problems(list[Problem]):
    """A list of problems with the few questions a caller asks of it."""

    def add(
        self,
        file: str,
        line: int,
        column: int,
        rule: str,
        message: str,
        severity: Severity = "error",
        scope: str = WHOLE_FILE,
    ) -> None:
        self.append(Problem(file, line, column, rule, severity, message, scope))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == "warning"]

    def files_with_errors(self) -> set[str]:
        """Files withheld from every output: an error in their own content, not in one output's."""
        return {p.file for p in self.errors if p.scope == WHOLE_FILE}

    def withheld(self, scope: str) -> set[str]:
        """Files whose `scope` output is withheld (their own errors withhold every output)."""
        return {p.file for p in self.errors if p.scope in (WHOLE_FILE, scope)}

    def failed(self, strict: bool = False, *, building: bool = False) -> bool:
        """Whether this stops the command. A build is never stopped by what is simply not published yet."""
        counted = [p for p in self if p.scope != NOTICE and not (building and p.scope == WAITING)]
        return any(p.severity == "error" for p in counted) or (strict and bool(counted))


def format_text(problems: Iterable[Problem]) -> str:
    problems = sorted(problems)
    lines = [p.as_text() for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    waiting = sum(p.scope == WAITING for p in problems)
    notices = sum(p.scope == NOTICE for p in problems)
    counted = len(problems) - errors - waiting - notices
    summary = _("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=counted)
    if waiting:
        summary += _(", {count} waiting for review", count=waiting)
    if notices:
        summary += _(", {count} notice(s)", count=notices)
    lines.append(summary)
    return "\n".join(lines)


def format_json(problems: Iterable[Problem], files_checked: int) -> str:
    problems = sorted(problems)
    errors = sum(p.severity == "error" for p in problems)
    summary = {
        "files": files_checked,
        "errors": errors,
        "warnings": len(problems) - errors,
    }
    return json.dumps(
        {"problems": [p.as_dict() for p in problems], "summary": summary},
        ensure_ascii=False,
        indent=2,
    )
