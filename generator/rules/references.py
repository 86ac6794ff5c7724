"""Ids that point at things: categories, audiences, theme case lists (images: rules/files.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

from generator.model import Content
from generator.problems import ENTRY, Problems


def check(content: Content, root: Path, sources: dict, broken: set[tuple[str, str]] = frozenset()) -> Problems:
    problems = Problems()
    site = content.site
    case_ids = {case_id for case_id, _ in content.cases} | {case_id for case_id, _ in broken}

    for version in content.cases.values():
        source = sources.get(version.file)

        def at(*path: str | int, source=source) -> tuple[int, int]:
            return source.position(path) if source else (1, 1)

        case = version.case
        if case.category not in site.categories:
            problems.add(
                version.file,
                *at("category"),
                "unknown-reference",
                f"category '{case.category}' is not in content/site.yaml{_guess(case.category, site.categories)}",
            )
        for i, audience in enumerate(case.audience):
            if site.audiences and audience not in site.audiences:
                problems.add(
                    version.file,
                    *at("audience", i),
                    "unknown-reference",
                    f"audience '{audience}' is not in content/site.yaml{_guess(audience, site.audiences)}",
                )

    for version in content.themes.values():
        source = sources.get(version.file)
        seen: set[str] = set()
        for i, case_id in enumerate(version.theme.cases):
            line, column = source.position(("cases", i)) if source else (1, 1)
            if case_id in seen:
                problems.add(
                    version.file,
                    line,
                    column,
                    "duplicate-id",
                    f"case '{case_id}' is listed twice in this month; the second entry is left out",
                    scope=ENTRY,
                )
            seen.add(case_id)
            if case_id not in case_ids:
                problems.add(
                    version.file,
                    line,
                    column,
                    "unknown-reference",
                    f"case '{case_id}' has no file in content/cases/{_guess(case_id, case_ids)}; "
                    "this entry is left out, the rest of the month is published",
                    scope=ENTRY,
                )
            elif (case_id, version.lang) in broken:
                continue  # its own file already says what is wrong
            elif (case_id, version.lang) not in content.cases:
                problems.add(
                    version.file,
                    line,
                    column,
                    "unknown-reference",
                    f"case '{case_id}' has no '{version.lang}' version (content/cases/{case_id}.{version.lang}.yaml); "
                    "it is left out of this month's page",
                    severity="warning",
                    scope=ENTRY,
                )

    return problems


def _guess(word: str, known) -> str:
    guess = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{guess[0]}'?" if guess else ""
