"""Rule family pii-*: personal data in any text of a case or theme, pointed at to the character."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.i18n import _
from generator.model import Site
from generator.problems import Problems
from generator.rules.pii import find_personal_data, phone_digits
from generator.yamlsource import Source

SITE_FILE = "content/site.yaml"
# The bank's own published contact details in site.yaml: printed everywhere on purpose
SITE_CONTACTS = {("hotline",), ("complaint", "phone"), ("complaint", "email"), ("public_numbers",)}
# What `casecast approve` writes: 64 hexadecimal digits whose runs of digits may look like any number
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


def check(sources: dict[str, Source], site: Site | None = None) -> Problems:
    problems = Problems()
    public = public_numbers(site)
    for file, source in sources.items():
        problems.extend(_in_file_name(file))
        lang = file_language(file, site)
        for path, value in source.strings():
            if file == SITE_FILE and path and path[: len(path) - isinstance(path[-1], int)] in SITE_CONTACTS:
                continue
            if path == ("review", "digest") and DIGEST.match(value):
                continue
            said_in = lang or next((part for part in path if part in ("zh", "ko", "en")), None)
            for finding in find_personal_data(value, said_in, public):
                line, column = source.locate(path, value, finding.start, finding.length)
                shown = _masked(value[finding.start : finding.start + finding.length])
                message = _("{number}: {problem}", number=shown, problem=finding.message)
                problems.add(file, line, column, finding.rule, message, finding.severity)
    return problems


def public_numbers(site: Site | None) -> frozenset[str]:
    """The digits of every number published to be called: the bank's hotline and complaint line, and the
    site's public_numbers (another institution's hotline, the police's)."""
    if site is None:
        return frozenset()
    numbers = [site.hotline, site.complaint.phone, *site.public_numbers]
    return frozenset(digits for number in numbers if len(digits := phone_digits(number)) >= 3)


def file_language(file: str, site: Site | None) -> str | None:
    """The language a case or theme file is written in (its .ko.yaml suffix, else the site's default)."""
    if site is None or not file.startswith(("content/cases/", "content/themes/")):
        return None
    parts = PurePosixPath(file).name.split(".")
    return parts[-2] if len(parts) == 3 else site.default_language


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
            _(
                "the file name has {number} in it, and the file name becomes the page's public address; "
                "rename the file",
                number=shown,
            ),
            finding.severity,
        )
    return problems


def _masked(text: str) -> str:
    """Never repeat the personal data in full, not even in a report."""
    keep = 3 if len(text) > 8 else 1
    return text[:keep] + "…" + text[-2:]
