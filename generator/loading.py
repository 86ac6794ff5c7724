"""content/ on disk -> validated model, with every problem pointed at its file, line and column."""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.i18n import _
from generator.model import Case, CaseVersion, Content, Site, Theme, ThemeVersion
from generator.problems import Problems
from generator.yamlsource import Source, SourceError, read_source

CASE_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:\.(?P<lang>[a-z]{2}))?\.yaml$")
THEME_NAME = re.compile(r"^(?P<id>(?:19|20)\d{2}-(0[1-9]|1[0-2]))(?:\.(?P<lang>[a-z]{2}))?\.yaml$")


@dataclass
class Loaded:
    """The result of loading: the model (None if site.yaml itself is unusable) and the problems."""

    content: Content | None
    problems: Problems
    files: int
    sources: dict[str, Source]
    broken: set[tuple[str, str]] = field(default_factory=set)  # (id, lang) of files that failed to load


def load_project(root: Path) -> Loaded:
    root = Path(root)
    problems = Problems()
    sources: dict[str, Source] = {}
    content_dir = root / "content"
    site_file = content_dir / "site.yaml"
    if not os.path.lexists(site_file):
        problems.add(
            _rel(site_file, root), 1, 1, "missing-file", "content/site.yaml is missing; copy it from the sample project"
        )
        return Loaded(None, problems, 0, sources)
    site = _load_model(site_file, Site, root, problems, sources)
    files = 1
    if site is None:
        return Loaded(None, problems, files, sources)
    content = Content(site=site)
    broken: set[tuple[str, str]] = set()

    for path in sorted((content_dir / "themes").glob("*.yaml")):
        files += 1
        key = _file_key(path, THEME_NAME, site, root, problems, "themes/2026-03.yaml or themes/2026-03.ko.yaml")
        if key is None:
            continue
        theme = _load_model(path, Theme, root, problems, sources)
        if theme is None:
            broken.add(key)
        else:
            _add_unique(content.themes, key, ThemeVersion(key[0], key[1], theme, _rel(path, root)), problems)

    for path in sorted((content_dir / "cases").glob("*.yaml")):
        files += 1
        key = _file_key(
            path, CASE_NAME, site, root, problems, "cases/fake-tax-refund.yaml or cases/fake-tax-refund.ko.yaml"
        )
        if key is None:
            continue
        case = _load_model(path, Case, root, problems, sources)
        if case is None:
            broken.add(key)
        else:
            _add_unique(content.cases, key, CaseVersion(key[0], key[1], case, _rel(path, root)), problems)

    return Loaded(content, problems, files, sources, broken)


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()  # content files are found under root: no need to resolve
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _file_key(
    path: Path, pattern: re.Pattern[str], site: Site, root: Path, problems: Problems, example: str
) -> tuple[str, str] | None:
    match = pattern.match(path.name)
    file = _rel(path, root)
    if not match:
        problems.add(
            file,
            1,
            1,
            "schema",
            f"file name '{path.name}' is not of the form {example} (lower-case letters, digits and hyphens)",
        )
        return None
    lang = match["lang"] or site.default_language
    if lang not in site.languages:
        problems.add(
            file,
            1,
            1,
            "unknown-reference",
            f"language '{lang}' in the file name is not one of the site's languages {site.languages} "
            "in content/site.yaml",
        )
        return None
    return match["id"], lang


def _add_unique(table: dict, key: tuple[str, str], item, problems: Problems) -> None:
    if key in table:
        other = table[key].file
        problems.add(
            item.file,
            1,
            1,
            "duplicate-id",
            f"'{key[0]}' in language '{key[1]}' is already defined by {other}; keep one of the two files",
        )
        return
    table[key] = item


def _load_model(path: Path, model: type[BaseModel], root: Path, problems: Problems, sources: dict[str, Source]):
    file = _rel(path, root)
    try:
        source = read_source(path, within=root / "content")
    except SourceError as error:
        problems.add(file, error.line, error.column, error.rule, _hint_syntax(path, error))
        return None
    sources[file] = source
    for key_path, line, column in source.duplicates:
        problems.add(
            file,
            line,
            column,
            "duplicate-key",
            f"the key '{key_path[-1]}' is given twice in the same block; only one may stay",
        )
    if source.duplicates:
        return None
    if not isinstance(source.data, dict):
        problems.add(file, 1, 1, "schema", "the file must be a set of 'key: value' lines")
        return None
    todo = _placeholders(file, source)
    problems.extend(todo)
    try:
        result = model.model_validate(source.data)
        return None if todo else result
    except ValidationError as error:
        details = error.errors()
        misspelt = {
            (*detail["loc"][:-1], guess)
            for detail in details
            if detail["type"] == "extra_forbidden"
            for guess in difflib.get_close_matches(
                str(detail["loc"][-1]), _fields_at(model, tuple(detail["loc"][:-1])), n=1, cutoff=0.6
            )
        }
        for detail in details:
            if isinstance(detail.get("input"), str) and detail["input"].strip().startswith("TODO"):
                continue  # already reported as a placeholder
            if detail["type"] == "missing" and tuple(detail["loc"]) in misspelt:
                continue  # "unknown key 'tittle'; did you mean 'title'?" says it all
            loc = tuple(detail["loc"])
            line, column = source.position(loc, key=detail["type"] == "extra_forbidden")
            problems.add(file, line, column, "schema", _describe(detail, model, source))
        return None


def _placeholders(file: str, source: Source) -> Problems:
    """`casecast new` leaves TODO in every value to fill; none may be published."""
    problems = Problems()
    for path, value in source.strings():
        if value.strip().startswith("TODO"):
            line, column = source.position(path)
            problems.add(file, line, column, "schema", f"'{_dotted(path)}' still says TODO; write the real text")
    return problems


def _hint_syntax(path: Path, error: SourceError) -> str:
    """The commonest slip: a value that opens with a quote mark and goes on after the closing one."""
    if (
        error.rule != "yaml-syntax"
        or "found '<scalar>'" not in error.message
        and "not allowed here" not in error.message
    ):
        return error.message
    try:
        line = path.read_text(encoding="utf-8").splitlines()[error.line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return error.message
    value = line.split(": ", 1)[-1].lstrip("- ").strip()
    if value.startswith(('"', "'")):
        return (
            f"{error.message}. The value starts with a quote mark but goes on after the closing one: "
            f"put the whole value in single quotes ('...'), or use “ ” quotation marks inside the text"
        )
    return error.message + ". If the text contains ': ' or starts with a quote, put the whole value in quotes"


def _describe(detail: dict, model: type[BaseModel], source: Source) -> str:
    loc = tuple(detail["loc"])
    where = _dotted(loc)
    kind = detail["type"]
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; allowed keys here: {', '.join(known)}"
        return f"unknown key '{loc[-1]}'{hint}"
    if kind == "missing":
        return f"'{where}' is required but missing; add it"
    if kind == "string_type" and isinstance(detail.get("input"), dict):
        return f"'{where}' should be text, but YAML read it as 'key: value' because of a colon; put the text in quotes"
    if kind in ("string_type", "list_type", "dict_type", "int_type", "int_parsing", "bool_type", "model_type"):
        return f"'{where}' has the wrong type: {detail['msg'].lower()}"
    if kind == "string_pattern_mismatch" and loc[-1] == "digest":
        return _(
            "'{where}' is not a digest written by casecast approve (sha256: and 64 hexadecimal digits); "
            "have the case approved again rather than editing it",
            where=where,
        )
    if kind == "string_pattern_mismatch":
        return f"'{where}' is not in the expected form ({_pattern_hint(loc)})"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"'{where}' must be a date written as YYYY-MM-DD"
    if kind == "wechat_language":
        return _(
            "'{where}' lists '{lang}', which is not one of the site's languages ({languages})",
            where=where,
            lang=detail["ctx"]["lang"],
            languages=detail["ctx"]["languages"],
        )
    if kind.startswith("review_line_"):
        return _review_line_problem(where, kind, detail.get("ctx") or {})
    if kind == "enum":
        return f"'{where}' must be one of {detail['ctx']['expected']}"
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return f"'{where}': {detail['msg'].lower()}"
    return f"'{where}': {detail['msg']}"


def _review_line_problem(where: str, kind: str, ctx: dict) -> str:
    if kind == "review_line_placeholder":
        return _(
            "'{where}' has an unknown placeholder {{{name}}}; a review line may use {{number}}, {{date}}, "
            "{{until}} and {{reviewer}}",
            where=where,
            name=ctx.get("name", ""),
        )
    if kind == "review_line_braces":
        return _(
            "'{where}' has a {{ or }} that does not pair up; write placeholders as {{number}}, and a brace "
            "itself as {{{{ or }}}}",
            where=where,
        )
    return _(
        "'{where}' cannot be printed ({error}); a date may have a format such as {{date:%Y.%m.%d}}, "
        "the number and the reviewer none",
        where=where,
        error=ctx.get("error", ""),
    )


def _pattern_hint(loc: tuple) -> str:
    name = str(loc[-1]) if loc else ""
    if name in ("primary", "accent"):
        return "a colour such as #b71c1c"
    if name == "format":
        return "png or jpg"
    if name == "kind":
        return "screen or strip"
    if name == "colors":
        return "full or mono"
    if name == "languages" or (len(loc) > 1 and loc[-2] == "languages"):
        return "a two-letter language code such as zh, ko, en"
    return "lower-case letters, digits and hyphens, e.g. telecom-fraud"


def _dotted(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # people count from one
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(file)"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    current: object = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif isinstance(part, (int, str)):
            args = [a for a in typing.get_args(_unwrap(current)) if a is not type(None)]
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: object) -> object:
    """Optional[X] -> X, Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation
