"""Ids that point at things: categories, audiences, theme case lists (images: rules/files.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

from generator.i18n import _
from generator.model import Content
from generator.problems import ENTRY, NOTICE, Problems
from generator.validation import unknown_value


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
            message = unknown_value("category", case.category, site.categories, site)
            problems.add(version.file, *at("category"), "unknown-reference", message)
        for i, audience in enumerate(case.audience):
            if site.audiences and audience not in site.audiences:
                message = unknown_value("audience", audience, site.audiences, site)
                problems.add(version.file, *at("audience", i), "unknown-reference", message)
        if not content.months_listing(version.id, version.lang):
            problems.add(
                version.file,
                1,
                1,
                "unknown-reference",
                _(
                    "no month's theme in '{lang}' lists this case, so no month's page shows it (its own page and "
                    "the category pages do); add '{id}' to the cases: of a theme in content/themes/ if it should",
                    lang=version.lang,
                    id=version.id,
                ),
                severity="warning",
                scope=NOTICE,
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
                    _("case '{id}' is listed twice in this month; the second entry is left out", id=case_id),
                    scope=ENTRY,
                )
            seen.add(case_id)
            if case_id not in case_ids:
                problems.add(
                    version.file,
                    line,
                    column,
                    "unknown-reference",
                    _(
                        "case '{id}' has no file in content/cases/{guess}; this entry is left out, the rest of the "
                        "month is published",
                        id=case_id,
                        guess=_guess(case_id, case_ids),
                    ),
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
                    _(
                        "case '{id}' has no '{lang}' version (content/cases/{id}.{lang}.yaml); it is left out of this "
                        "month's page",
                        id=case_id,
                        lang=version.lang,
                    ),
                    severity="warning",
                    scope=ENTRY,
                )

    return problems


def _guess(word: str, known) -> str:
    guess = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return _(" (did you mean '{guess}'?)", guess=guess[0]) if guess else ""
