"""The interface words of pages, slides and mobile files (theme/pages/labels.yaml), read and checked once.

Designers and translators edit that file by hand, so a slip in it is reported like a slip in a case file
(file, line, what is wrong) by `casecast check`, and a build refuses to start with it.
"""

from __future__ import annotations

from pathlib import Path

from generator.i18n import _
from generator.slips import find_slips
from generator.yamlsource import SourceError, parse_source, read_text

LABELS = "theme/pages/labels.yaml"

Labels = dict[str, dict[str, str]]  # language -> key -> words


class LabelsError(Exception):
    def __init__(self, line: int, column: int, rule: str, message: str) -> None:
        super().__init__(_("{file}, line {line}: {message}", file=LABELS, line=line, message=message))
        self.line, self.column, self.rule, self.message = line, column, rule, message


_read: dict[tuple[str, int], Labels] = {}


def load_labels(path: Path) -> Labels:
    """Every language's words; LabelsError if the file is not a block per language of `key: words`."""
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except OSError:
        missing = _("the file is missing; Casecast needs it for the words of every page")
        raise LabelsError(1, 1, "schema", missing) from None
    if stamp in _read:
        return _read[stamp]
    text = None
    try:
        text = read_text(path)
        source = parse_source(text)
    except SourceError as error:
        slips = find_slips(text) if text is not None and error.rule == "yaml-syntax" else []
        slip = next((slip for slip in slips if slip.line <= error.line), None)
        if slip is not None:  # the slip the designer made, at its line
            raise LabelsError(slip.line, slip.column, "yaml-syntax", slip.message) from None
        raise LabelsError(error.line, error.column, error.rule, error.message) from None
    for path_, line, column in source.duplicates:
        raise LabelsError(line, column, "duplicate-key", _("'{key}' is given twice at the same level", key=path_[-1]))
    if not isinstance(source.data, dict):
        raise LabelsError(1, 1, "schema", _("the file must hold one group of lines per language (zh:, ko:, en:)"))
    labels: Labels = {}
    for lang, words in source.data.items():
        if not isinstance(words, dict):
            line, column = source.position((lang,), key=True)
            raise LabelsError(line, column, "schema", _("'{lang}' must be followed by 'key: words' lines", lang=lang))
        for key, value in words.items():
            line, column = source.position((lang, key), key=True)
            dotted = f"{lang}.{key}"
            if value is None:
                raise LabelsError(line, column, "schema", _("'{key}' is empty; write its words", key=dotted))
            if isinstance(value, bool):
                raise LabelsError(
                    line, column, "schema", _("'{key}' reads as yes/no; put the words in quotes", key=dotted)
                )
            if not isinstance(value, (str, int, float)):
                raise LabelsError(line, column, "schema", _("'{key}' must be words, not a list or a group", key=dotted))
        labels[str(lang)] = {str(key): str(value) for key, value in words.items()}
    _read[stamp] = labels
    return labels
