"""Read one YAML file with PyYAML's safe loader, keeping where every key and value stands."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.i18n import N_, _

Path_ = tuple[str | int, ...]
MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
YAML_TAG = "tag:yaml.org,2002:"
# Tags a value may carry in the event stream: none (resolved from how it is written), and the two that
# only say "this is text" (!!str and the bare !).
ALLOWED_TAGS = {None, "!", YAML_TAG + "str"}
# libyaml when PyYAML was built with it (the wheels are): ten times faster, same nodes and marks
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class SourceError(Exception):
    """The file cannot be read as YAML; line and column are 1-based."""

    line: int
    column: int
    rule: str
    message: str


@dataclass
class Source:
    """Plain data from a YAML file plus the position of each value and each mapping key."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int, int]] = field(default_factory=list)
    text: str = ""
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # scalar -> (start, end) in text

    def locate(self, path: Path_, value: str, offset: int, length: int) -> tuple[int, int]:
        """Line and column of value[offset:offset+length] in the file, even inside a multi-line block."""
        fragment = value[offset : offset + length]
        span = self.spans.get(tuple(path))
        if span is None or not fragment:
            return self.position(path)
        raw = self.text[span[0] : span[1]]
        occurrence = value[:offset].count(fragment)
        at = -1
        for _time in range(occurrence + 1):
            at = raw.find(fragment, at + 1)
            if at < 0:
                return self.position(path)
        return self.line_column(span[0] + at)

    def line_column(self, index: int) -> tuple[int, int]:
        line_start = self.text.rfind("\n", 0, index) + 1
        return self.text.count("\n", 0, index) + 1, index - line_start + 1

    def strings(self) -> list[tuple[Path_, str]]:
        """Every text value in the file with its path, in file order."""
        found: list[tuple[Path_, str]] = []

        def walk(value: Any, path: Path_) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, (*path, key))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(item, (*path, i))
            elif isinstance(value, str):
                found.append((path, value))

        walk(self.data, ())
        return found

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where to point for `path`: the key itself if asked, else its value, else its parent."""
        path = tuple(path)
        while path:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


def read_source(path: Path, within: Path | None = None) -> Source:
    """Read a content file; anything but an ordinary UTF-8 file of a sane size is refused with a sentence.

    `within`: the folder a symbolic link may point into (content/); a link out of it is not followed."""
    return parse_source(read_text(path, within))


def read_text(path: Path, within: Path | None = None) -> str:
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise SourceError(1, 1, "missing-file", _("this file is a link that leads back to itself")) from None
        if not target.exists():
            raise SourceError(
                1, 1, "missing-file", _("this file is a link to a file that does not exist; put the file itself here")
            )
        if within is not None and not target.is_relative_to(within.resolve()):
            raise SourceError(
                1,
                1,
                "unsafe-content",
                _("this file is a link to a file outside content/; copy the file itself into content/"),
            )
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; what it is, is asked of the open file
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise SourceError(
            1, 1, "missing-file", _("this file cannot be read ({reason})", reason=error.strerror)
        ) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(1, 1, "schema", _("this is a folder, not a file; give it another name or move it away"))
        if not stat.S_ISREG(mode):
            raise SourceError(
                1,
                1,
                "unsafe-content",
                _("this is not an ordinary file (a device, pipe or socket); only ordinary files are read"),
            )
        with os.fdopen(descriptor, "rb") as file:
            descriptor = -1
            data = file.read(MAX_BYTES + 1)  # never more, whatever the file says its size is
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if len(data) > MAX_BYTES:
        raise SourceError(
            1,
            1,
            "yaml-syntax",
            _("the file is over {size} KB; files over {size} KB are refused", size=MAX_BYTES // 1024),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            1, 1, "yaml-syntax", _("the file is not UTF-8 text ({reason}); save it as UTF-8", reason=error.reason)
        ) from None


def parse_source(text: str) -> Source:
    try:
        return _parse(text, Loader)
    except yaml.YAMLError:
        pass
    # PyYAML's own parser words its errors better ("while scanning a quoted scalar"), and bad files are rare
    try:
        return _parse(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from None
    except yaml.YAMLError:
        raise SourceError(1, 1, "yaml-syntax", _(CANNOT_READ)) from None


CANNOT_READ = N_(
    "YAML cannot read this line; compare its indentation and colons with the lines above it, and put text "
    "that has ': ', ' #' or quote marks in it in quotes"
)


def _syntax_error(error: yaml.MarkedYAMLError) -> SourceError:
    """Where the parser gave up, said without its own vocabulary. The slips a person makes (generator/slips.py)
    are found by the loader in the text itself; this is what is left, pointed at the line it started on."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    start = error.context_mark or mark
    if "unexpected end of stream" in problem and "quoted" in context:
        mark, message = start, _("the quote mark here is never closed; close it at the end of the text")
    elif "unknown escape character" in problem:
        message = _(
            "inside double quotes a backslash (\\) starts a special character; put the text in single quotes "
            "instead, or write the backslash twice"
        )
    elif "flow sequence" in context or "flow mapping" in context:
        sign = "[" if "sequence" in context else "{"
        mark = start
        message = _(
            "the '{sign}' here is not closed on this line; close it, or put the whole text in quotes if it is text",
            sign=sign,
        )
    elif "'\\t'" in problem:
        message = _("a tab where YAML expects a space; replace it with a space")
    else:
        message = _(CANNOT_READ)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return SourceError(line, column, "yaml-syntax", message)


def _parse(text: str, loader_class: type) -> Source:
    loader = loader_class(text)
    try:
        _refuse_unsafe_events(text, loader_class)
        node = loader.get_single_node()
        if node is None:
            return Source(data={}, values={(): (1, 1)})
        source = Source(data=None, text=text)
        source.data = _build(loader, node, (), source, depth=0)
        return source
    finally:
        loader.dispose()


def _refuse_unsafe_events(text: str, loader_class: type) -> None:
    """One streaming pass before anything is built: aliases (*name, which can multiply a small file into
    gigabytes), tags (!!binary decodes to bytes no text rule reads) and nesting deeper than any content
    needs are refused where they stand, at once."""
    depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            raise SourceError(
                *where,
                "unsafe-content",
                _("YAML aliases (*{name}) are not allowed; write the value out in full", name=event.anchor),
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag not in ALLOWED_TAGS:
            shown = _short_tag(event.tag)
            raise SourceError(
                *where,
                "unsafe-content",
                _("the YAML tag '{tag}' is not allowed; remove '{tag}' and write the value as plain text", tag=shown),
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise SourceError(
                    *where,
                    "unsafe-content",
                    _("the document is nested too deeply (more than {levels} levels)", levels=MAX_DEPTH),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag


def _build(loader: Loader, node: yaml.Node, path: Path_, source: Source, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise SourceError(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "unsafe-content",
            _("the document is nested too deeply"),
        )
    source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                key = str(key)
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                source.duplicates.append((path + (key,), *key_pos))
            source.keys[path + (key,)] = key_pos
            result[key] = _build(loader, value_node, path + (key,), source, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), source, depth + 1) for i, item in enumerate(node.value)]
    source.spans[path] = (node.start_mark.index, node.end_mark.index)
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, KeyError, AttributeError, OverflowError, TypeError) as error:
        raise SourceError(
            node.start_mark.line + 1, node.start_mark.column + 1, "schema", _unreadable_value(node, error)
        ) from None


def _unreadable_value(node: yaml.ScalarNode, error: Exception) -> str:
    """What YAML took the value for and why that failed, in the words of someone who only typed it."""
    value = str(node.value)
    shown = value if len(value) <= 40 else value[:20] + "…"
    if node.tag == YAML_TAG + "timestamp":
        return _("'{value}' looks like a date but there is no such day; write a real date as YYYY-MM-DD", value=shown)
    if node.tag == YAML_TAG + "int" and "digits" in str(error):
        return _("a number of {count} digits is far too long; if it is text, put it in quotes", count=len(value))
    return _("'{value}' cannot be read as YAML reads it; if it is text, put it in quotes", value=shown)
