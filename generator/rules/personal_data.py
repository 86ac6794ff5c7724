"""Rule family pii-*: personal data in any text of a case or theme, pointed at to the character."""

from __future__ import annotations

from generator.problems import Problems
from generator.rules.pii import find_personal_data
from generator.yamlsource import Source


def check(sources: dict[str, Source]) -> Problems:
    problems = Problems()
    for file, source in sources.items():
        if file.endswith("site.yaml"):
            continue  # the bank's own published contact details
        for path, value in source.strings():
            for finding in find_personal_data(value):
                line, column = source.locate(path, value, finding.start, finding.length)
                shown = _masked(value[finding.start : finding.start + finding.length])
                problems.add(file, line, column, finding.rule, f"{shown}: {finding.message}", finding.severity)
    return problems


def _masked(text: str) -> str:
    """Never repeat the personal data in full, not even in a report."""
    keep = 3 if len(text) > 8 else 1
    return text[:keep] + "…" + text[-2:]
