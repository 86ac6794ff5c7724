"""Rule family pii-*: personal data in any text of a case or theme, pointed at to the character."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.problems import Problems
from generator.rules.pii import find_personal_data
from generator.yamlsource import Source

# The bank's own published contact details in site.yaml: printed everywhere on purpose
SITE_CONTACTS = {("hotline",), ("complaint", "phone"), ("complaint", "email")}
# What `casecast approve` writes: 64 hexadecimal digits whose runs of digits may look like any number
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


def check(sources: dict[str, Source]) -> Problems:
    problems = Problems()
    for file, source in sources.items():
        problems.extend(_in_file_name(file))
        for path, value in source.strings():
            if file.endswith("site.yaml") and path in SITE_CONTACTS:
                continue
            if path == ("review", "digest") and DIGEST.match(value):
                continue
            for finding in find_personal_data(value):
                line, column = source.locate(path, value, finding.start, finding.length)
                shown = _masked(value[finding.start : finding.start + finding.length])
                problems.add(file, line, column, finding.rule, f"{shown}: {finding.message}", finding.severity)
    return problems


def _in_file_name(file: str) -> Problems:
    """A case's file name is its page's public address (cases/<id>/): no phone or ID number in it."""
    problems = Problems()
    name = PurePosixPath(file).name.split(".")[0]
    for finding in find_personal_data(name):
        shown = _masked(name[finding.start : finding.start + finding.length])
        problems.add(
            file,
            1,
            1,
            finding.rule,
            f"the file name has {shown} in it, and the file name becomes the page's public address: "
            f"{finding.message.split(';')[0]}; rename the file",
            finding.severity,
        )
    return problems


def _masked(text: str) -> str:
    """Never repeat the personal data in full, not even in a report."""
    keep = 3 if len(text) > 8 else 1
    return text[:keep] + "…" + text[-2:]
