"""A value that does not fit the model, said as the person who typed it needs to hear it: which key, what YAML
made of what they wrote (a number, a date, yes/no, one text instead of a list), the line to type instead,
and, for a value from a fixed list (a category, an audience, a review status), the values allowed."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel

from generator import i18n
from generator.i18n import N_, _
from generator.model import ReviewStatus, Site
from generator.yamlsource import Source

LIST_SEPARATORS = ("、", "，", ",", "；", ";", "/", "／")
BULLETS = re.compile(r"(?:^|\s)[•·・●▪◦\-－—–*]\s*\S")


@dataclass(frozen=True)
class Where:
    """The key a person sees (`review.status`, `red_flags[2]`) and the line they typed it on."""

    loc: tuple
    line: str  # the file's line, as typed

    @property
    def name(self) -> str:
        return dotted(self.loc)

    @property
    def key(self) -> str:
        return next((str(part) for part in reversed(self.loc) if isinstance(part, str)), "")


def describe(detail: dict, model: type[BaseModel], source: Source, site: Site | None) -> str:
    """One pydantic error, in the person's words."""
    loc = tuple(detail["loc"])
    where = Where(loc, _line_at(source, loc))
    kind, value = detail["type"], detail.get("input")
    if kind == "extra_forbidden":
        known = fields_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if guess:
            return _("unknown key '{key}'; did you mean '{guess}'?", key=loc[-1], guess=guess[0])
        return _("unknown key '{key}'; allowed keys here: {keys}", key=loc[-1], keys=", ".join(known))
    if kind == "missing":
        return _("'{where}' is required but missing; add it", where=where.name)
    if kind in ("string_type", "string_too_short") and (value is None or value == ""):
        return _("'{where}' is empty; write its text after '{key}: '", where=where.name, key=where.key)
    if kind == "string_type":
        return _not_text(where, value)
    if kind == "list_type":
        return _not_a_list(where, value, site)
    if kind in ("model_type", "dict_type"):
        keys = fields_at(model, loc)
        if keys:
            return _(
                "'{where}' needs its own lines below it, indented by two more spaces: {keys}",
                where=where.name,
                keys=", ".join(f"{key}:" for key in keys),
            )
        return _("'{where}' needs its own 'key: value' lines below it, indented by two more spaces", where=where.name)
    if kind == "string_pattern_mismatch" and loc[-1] == "digest":
        return _(
            "'{where}' is not a digest written by casecast approve (sha256: and 64 hexadecimal digits); "
            "have the case approved again rather than editing it",
            where=where.name,
        )
    if kind == "string_pattern_mismatch":
        return _not_in_form(where, str(value), site)
    if kind == "reserved_display":
        return _(
            "a display cannot be called '{name}': site/exports/slides/{name}/ holds the contact sheets for the "
            "reviewer; give the display another name",
            name=detail["ctx"]["name"],
        )
    if kind == "wechat_language":
        return _(
            "'{where}' lists '{lang}', which is not one of the site's languages ({languages})",
            where=where.name,
            lang=detail["ctx"]["lang"],
            languages=detail["ctx"]["languages"],
        )
    if kind.startswith("review_line_"):
        return _review_line_problem(where.name, kind, detail.get("ctx") or {})
    if kind == "enum" and where.key == "status":
        return _(
            "'{value}' is not a review status; write one of: {allowed}",
            value=value,
            allowed=", ".join(status.value for status in ReviewStatus),
        )
    if kind == "moment":
        return _(
            "'{where}' must be a day and time written as YYYY-MM-DD HH:MM, e.g. {example} (with +08:00 or +09:00 "
            "after it for a time zone other than the site's; a day alone as YYYY-MM-DD)",
            where=where.name,
            example="2026-11-20 09:00",
        )
    if kind == "enum" and where.key == "level":
        return _(
            "'{value}' is not an alert level; write one of: caution (주의 · 注意), warning (경고 · 警告), "
            "danger (위험 · 危险)",
            value=value,
        )
    if kind == "time_zone":
        return _(
            "'{where}': '{value}' is not a time zone name; write it as the tz database does, e.g. Asia/Shanghai "
            "or Asia/Seoul",
            where=where.name,
            value=value,
        )
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return _(
            "'{where}' must be a date written as YYYY-MM-DD, e.g. {example}", where=where.name, example="2026-03-15"
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("'{where}' must be a whole number, e.g. 1920", where=where.name)
    if kind == "bool_type":
        return _("'{where}' must be true or false", where=where.name)
    if kind == "too_long":
        return _(
            "'{where}' has {count} lines; at most {most} are allowed",
            where=where.name,
            count=detail["ctx"].get("actual_length"),
            most=detail["ctx"].get("max_length"),
        )
    if kind == "too_short":
        return _("'{where}' needs at least {least} line(s)", where=where.name, least=detail["ctx"].get("min_length"))
    if kind == "string_too_long":
        return _(
            "'{where}' is {count} characters long; at most {most} fit",
            where=where.name,
            count=len(str(value)),
            most=detail["ctx"].get("max_length"),
        )
    if kind in ("greater_than", "less_than_equal", "greater_than_equal", "less_than"):
        return _("'{where}' is out of range ({rule})", where=where.name, rule=detail["msg"].lower())
    return _("'{where}': {problem}", where=where.name, problem=detail["msg"].removeprefix("Value error, "))


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


def real_loc(loc: tuple, source: Source) -> tuple:
    """The path of the value in the file: pydantic puts the type it tried in the path of a value that may be
    one of several (('name', 'constrained-str') for `name: 2026`)."""
    kept: tuple = ()
    for part in loc:
        present = (*kept, part) in source.values or (*kept, part) in source.keys
        if not present and isinstance(part, str) and _type_word(part):
            continue
        kept = (*kept, part)
    return kept


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _type_word(part: str) -> bool:
    return "[" in part or part.startswith("function-") or part in ("str", "int", "float", "bool", "constrained-str")


def _not_text(where: Where, value: object) -> str:
    raw = _typed(where)
    fix = _fix(where, f'"{raw}"')
    if isinstance(value, bool):
        return _(
            "'{where}' is text, but YAML reads {value} as yes/no; put it in quotes: {fix}",
            where=where.name,
            value=raw,
            fix=fix,
        )
    if isinstance(value, (int, float)):
        return _(
            "'{where}' is text, but YAML reads {value} as a number (and would drop a leading 0); put it in "
            "quotes: {fix}",
            where=where.name,
            value=raw,
            fix=fix,
        )
    if isinstance(value, (dt.date, dt.datetime)):
        return _(
            "'{where}' is text, but YAML reads {value} as a date; put it in quotes: {fix}",
            where=where.name,
            value=raw,
            fix=fix,
        )
    if isinstance(value, dict):
        return _(
            "'{where}' should be text, but the ': ' in it makes YAML read it as 'key: value'; put the text in "
            "quotes, or use the full-width colon '：'",
            where=where.name,
        )
    if isinstance(value, list):
        return _(
            "'{where}' is one text, not a list; write it on one line after '{key}: '", where=where.name, key=where.key
        )
    return _("'{where}' must be text", where=where.name)


def _not_a_list(where: Where, value: object, site: Site | None) -> str:
    if value is None:
        return _(
            "'{where}' is empty; write each item on its own line below it, starting with '- ' (a hyphen and a space)",
            where=where.name,
        )
    if isinstance(value, str):
        separator = next((s for s in LIST_SEPARATORS if s in value), None)
        if separator is not None:
            items = [_id_of(where.key, item.strip(), site) for item in value.split(separator) if item.strip()]
            return _(
                "'{where}' needs a list, but this is one text with '{separator}' between the items; "
                "write a list: {fix}",
                where=where.name,
                separator=separator,
                fix=_fix(where, "[" + ", ".join(items) + "]"),
            )
        if BULLETS.search(value) or "\n" in value or " " in value.strip():
            return _(
                "'{where}' needs a list: start each item on its own line with '- ' (a hyphen and a space), "
                "indented under '{key}:'",
                where=where.name,
                key=where.key,
            )
        return _("'{where}' needs a list, even of one item: {fix}", where=where.name, fix=_fix(where, f"[{value}]"))
    return _(
        "'{where}' needs a list: start each item on its own line with '- ' (a hyphen and a space)", where=where.name
    )


def _not_in_form(where: Where, value: str, site: Site | None) -> str:
    field = where.key
    vocabulary = {"category": "categories", "audience": "audiences"}.get(field)
    if vocabulary and site is not None:
        known: dict[str, dict[str, str]] = getattr(site, vocabulary)
        if known:
            return unknown_value(field, value, known, site)
    if field in ("primary", "accent") or field == "background":
        hint = _("a colour such as #b71c1c")
    elif field == "format":
        hint = _("png or jpg")
    elif field == "kind":
        hint = _("screen or strip")
    elif field == "colors":
        hint = _("full or mono")
    elif field == "languages" or "languages" in where.loc:
        hint = _("a two-letter language code such as zh, ko, en")
    else:
        hint = _("lower-case letters, digits and hyphens, e.g. telecom-fraud")
    return _("'{where}' is not in the expected form ({hint})", where=where.name, hint=hint)


def _id_of(field: str, value: str, site: Site | None) -> str:
    """An audience written by its name (老年人) as the id content/site.yaml gives it (elderly)."""
    known = getattr(site, {"audience": "audiences", "category": "categories"}.get(field, ""), None) or {}
    return next((key for key, names in known.items() if value in names.values()), value)


# What is said of a category or an audience that content/site.yaml does not define, field by field
UNKNOWN = {
    "category": (
        N_("'{value}' is the name of the category '{key}' in content/site.yaml; write its id: {key}"),
        N_("category '{value}' is not in content/site.yaml; did you mean '{guess}'? The categories are: {allowed}"),
        N_("category '{value}' is not in content/site.yaml; write one of: {allowed}"),
    ),
    "audience": (
        N_("'{value}' is the name of the audience '{key}' in content/site.yaml; write its id: {key}"),
        N_("audience '{value}' is not in content/site.yaml; did you mean '{guess}'? The audiences are: {allowed}"),
        N_("audience '{value}' is not in content/site.yaml; write one of: {allowed}"),
    ),
}


def unknown_value(field: str, value: str, known: dict[str, dict[str, str]], site: Site) -> str:
    """A category or audience that content/site.yaml does not define: its id if a name was written, else the
    closest one, and the ones there are (with their names in the language of the messages)."""
    by_name, close, other = UNKNOWN[field]
    ids = {name: key for key, words in known.items() for name in words.values()}
    if value in ids:
        return _(by_name, value=value, key=ids[value])
    lang = i18n.current()
    allowed = ", ".join(
        f"{key} ({words.get(lang) or words.get(site.default_language) or key})" for key, words in known.items()
    )
    guess = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if guess:
        return _(close, value=value, guess=guess[0], allowed=allowed)
    return _(other, value=value, allowed=allowed)


def _line_at(source: Source, loc: tuple) -> str:
    line, _column = source.position(loc)
    lines = source.text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _typed(where: Where) -> str:
    """The value as it was typed on its line (95599, 0031, 2026-03-15), not as YAML read it."""
    text = re.sub(r"\s+#.*$", "", where.line).strip()
    text = text[2:] if text.startswith("- ") else text
    key = where.key
    if text.startswith(f"{key}:"):
        text = text[len(key) + 1 :].strip()
    return text


def _fix(where: Where, value: str) -> str:
    indent = where.line[: len(where.line) - len(where.line.lstrip(" "))]
    if where.line.strip().startswith("- "):
        return f"{indent}- {value}"
    return f"{indent}{where.key}: {value}"


def dotted(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # people count from one
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(file)"


def fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    current: object = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = next((f for name, f in current.model_fields.items() if (f.alias or name) == part), None)
            if field is None:
                return []
            current = field.annotation
        elif isinstance(part, (int, str)):
            args = [a for a in typing.get_args(_unwrap(current)) if a is not type(None)]
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


@cache
def model_keys(model: type[BaseModel]) -> frozenset[str]:
    """Every key a file of this model may have, at any level."""
    keys: set[str] = set()
    for name, field in model.model_fields.items():
        keys.add(field.alias or name)  # as written in the file: `from`, not from_
        for inner in _models_in(field.annotation):
            keys |= model_keys(inner)
    return frozenset(keys)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


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
