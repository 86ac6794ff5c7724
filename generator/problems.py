"""Problems are values: found, collected, then printed as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, pointed at the place a person would fix it."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str

    def as_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.rule}: {self.message}"


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
    ) -> None:
        self.append(Problem(file, line, column, rule, severity, message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == "warning"]

    def files_with_errors(self) -> set[str]:
        return {p.file for p in self.errors}

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def format_text(problems: Iterable[Problem]) -> str:
    problems = sorted(problems)
    lines = [p.as_text() for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
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
        {"problems": [asdict(p) for p in problems], "summary": summary},
        ensure_ascii=False,
        indent=2,
    )
