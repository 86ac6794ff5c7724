"""Rule unsafe-content: raw HTML, script links and event handlers in staff text never become live markup."""

from __future__ import annotations

import re

from generator.problems import Problems
from generator.rules.normalize import fold
from generator.yamlsource import Source

TAG = re.compile(r"</?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(?:java|vb)script\s*:|data\s*:\s*text/html", re.IGNORECASE)
URL_FIELDS = {"url"}


def check(sources: dict[str, Source]) -> Problems:
    problems = Problems()
    for file, source in sources.items():
        for path, value in source.strings():
            for start, length, severity, message in find_unsafe(value):
                line, column = source.locate(path, value, start, length)
                problems.add(file, line, column, "unsafe-content", message, severity)
            if path and path[-1] in URL_FIELDS and not re.match(r"^(https?://|mailto:)", value.strip(), re.I):
                line, column = source.position(path)
                problems.add(
                    file,
                    line,
                    column,
                    "unsafe-content",
                    f"'{value[:40]}' is not a web address; links must start with https:// or http://",
                )
    return problems


def find_unsafe(text: str) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, str, str]] = []
    folded = fold(text)  # ｊａｖａ\u200bscript: is still javascript:
    for match in SCRIPT_URL.finditer(folded.text):
        start, length = folded.span(*match.span())
        found.append((start, length, "error", "a script link (javascript:) is not allowed"))
    for match in TAG.finditer(folded.text):
        tag = match.group()
        start, length = folded.span(*match.span())
        if HANDLER.search(tag):
            found.append((start, length, "error", f"{tag[:30]}: HTML with an event handler is not allowed"))
        else:
            found.append((start, length, "warning", f"{tag[:30]}: raw HTML is not allowed; it is shown as plain text"))
    return found
