"""The interface words of pages, slides and mobile files (theme/pages/labels.yaml), read and checked once.

Designers and translators edit that file by hand, so a slip in it is reported like a slip in a case file
(file, line, what is wrong) by `casecast check`, and a build refuses to start with it.
"""

from __future__ import annotations

from pathlib import Path

from generator.yamlsource import SourceError, read_source

LABELS = "theme/pages/labels.yaml"

Labels = dict[str, dict[str, str]]  # language -> key -> words


class LabelsError(Exception):
    def __init__(self, line: int, column: int, rule: str, message: str) -> None:
        super().__init__(f"{LABELS}, line {line}: {message}")
        self.line, self.column, self.rule, self.message = line, column, rule, message


_read: dict[tuple[str, int], Labels] = {}


def load_labels(path: Path) -> Labels:
    """Every language's words; LabelsError if the file is not a block per language of `key: words`."""
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except OSError:
        missing = "the file is missing; Casecast needs it for the words of every page"
        raise LabelsError(1, 1, "schema", missing) from None
    if stamp in _read:
        return _read[stamp]
    try:
        source = read_source(path)
    except SourceError as error:
        raise LabelsError(error.line, error.column, error.rule, error.message) from None
    for path_, line, column in source.duplicates:
        raise LabelsError(line, column, "duplicate-key", f"'{path_[-1]}' is given twice in the same block")
    if not isinstance(source.data, dict):
        raise LabelsError(1, 1, "schema", "the file must hold one block per language (zh:, ko:, en:)")
    labels: Labels = {}
    for lang, words in source.data.items():
        if not isinstance(words, dict):
            line, column = source.position((lang,), key=True)
            raise LabelsError(line, column, "schema", f"'{lang}' must be a block of 'key: words' lines")
        for key, value in words.items():
            line, column = source.position((lang, key), key=True)
            if value is None:
                raise LabelsError(line, column, "schema", f"'{lang}.{key}' is empty; write its words")
            if isinstance(value, bool):
                raise LabelsError(line, column, "schema", f"'{lang}.{key}' reads as yes/no; put the words in quotes")
            if not isinstance(value, (str, int, float)):
                raise LabelsError(line, column, "schema", f"'{lang}.{key}' must be words, not a list or a block")
        labels[str(lang)] = {str(key): str(value) for key, value in words.items()}
    _read[stamp] = labels
    return labels
