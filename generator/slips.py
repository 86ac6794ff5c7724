"""The slips people make typing YAML by hand, found in the text itself and named at the line they are on.

A YAML parser reports where it gave up, in its own words: a full-width colon after `title` comes back as
"mapping values are not allowed here" on the next line, an unindented line in a `story: |` text five lines
later. Staff need the line they typed and what to type instead. `find_slips` reads the file line by line
(the way a person looks at it: indentation, the key, the colon, how the value starts) and returns each slip
with what to write; the loader says the first one instead of the parser's message, and reports slips the
parser silently accepted (`slogan: #重要#` is an empty slogan, a list item indented one space too far joins
the item above).

Only what the text shows is judged: a file with no slip costs one pass over its lines.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from generator.i18n import N_, _


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based
    column: int
    message: str
    weak: bool = False  # a slip only if the file cannot be read (a quoted text may go on over lines)


# What a sign means to YAML at the start of a value (never the parser's own names for these things)
SIGNS = {
    "#": N_("a comment: YAML ignores it and everything after it"),
    "*": N_("a reference to another value"),
    "&": N_("a name for the value"),
    "!": N_("a type for the value"),
    "@": N_("a sign YAML keeps for itself"),
    "`": N_("a sign YAML keeps for itself"),
    "%": N_("a sign YAML keeps for itself"),
    "[": N_("the start of a list"),
    "{": N_("the start of a group of keys"),
}
KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*(?P<colon>:|：)(?P<rest>.*)$")
BLOCK_TEXT = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")  # `story: |`, `intro: >-`
SHOWN = 40  # characters of the line repeated in a suggestion


@dataclass
class _Line:
    number: int
    indent: int
    text: str  # without the indentation
    item: bool  # starts with "- "
    body_at: int  # where what follows "- " starts in `text` (0 if not an item)
    key: str | None  # the key the line gives, if any (after the "- " of an item)
    value: str  # what follows "key: " (or "- "), comment included
    value_at: int  # where it starts in `text`

    def column(self, offset: int) -> int:
        return self.indent + offset + 1


def find_slips(text: str, keys: frozenset[str] = frozenset()) -> list[Slip]:
    """Every slip in `text`, in line order. `keys`: the keys a file of its kind may have (a line of a
    `story: |` text that is not indented is told apart from the file's next key by them)."""
    slips: list[Slip] = []
    levels: list[_Line] = []  # the first line of each level open at this point, outermost first
    previous: _Line | None = None  # the last line that was not the continuation of a long text
    text_of: tuple[_Line, int | None] | None = None  # inside `key: |`: its line, and its text's indentation
    flow = 0  # brackets of a [list] or {group} going on over several lines
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if not stripped.strip():
            continue
        if text_of is not None:
            owner, inner = text_of
            if inner is not None and indent >= inner:
                continue
            if inner is None and indent > owner.indent and not stripped.startswith("\t"):
                text_of = (owner, indent)
                continue
        whitespace = re.match(r"[ \t\u3000]*", raw).group()
        if "\t" in whitespace or "\u3000" in whitespace:
            slips.append(_bad_space(number, whitespace))
            continue
        if stripped.startswith("#"):
            continue
        if text_of is not None:
            owner, inner = text_of
            if _unindented_text(stripped, indent, owner, keys, top=bool(levels) and owner.indent == levels[0].indent):
                slips.append(Slip(number, 1, _unindented_message(owner, inner or owner.indent + 2)))
                continue  # still the text's line, as the person meant it
            text_of = None
        if flow > 0:
            flow = max(0, flow + _brackets(stripped))
            continue
        line = _parse(number, indent, stripped)
        slip = _indentation(line, previous, levels) or _written(line, keys)
        if slip is not None:
            slips.append(slip)
            continue  # the levels stay as they were: one slip does not cascade into the lines below
        if line.value[:1] in "[{":
            flow = max(0, _brackets(line.value))
        if line.key is not None and BLOCK_TEXT.match(line.value):
            text_of = (line, None)
        if not _continues(line, previous):
            previous = line
    return slips


# A file YAML reads without complaint may still hide a slip: a value starting with a sign (`slogan: #重要#` is
# empty), a list item one space too far (it joins the item above), an indentation of full-width spaces
_SILENT = re.compile(
    r"^[ \t]*(?:-[ \t]+|[A-Za-z_][\w-]*:[ \t]+)(?:#\S|[&*!%@`])|^( *)-[ \t][^\n]*\n\1[ \t]+-|^[ \t]*\u3000", re.M
)


def may_hide_slips(text: str) -> bool:
    """Whether a file that YAML read may still hold a slip (one quick pass: most files do not)."""
    return _SILENT.search(text) is not None


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _parse(number: int, indent: int, text: str) -> _Line:
    item = text == "-" or text.startswith("- ")
    body_at = len(text) - len(text[1:].lstrip(" ")) if item else 0
    match = KEY.match(text, body_at)
    key = match["key"] if match and (match["colon"] == "：" or match["rest"][:1] in ("", " ", "\t")) else None
    value_at = body_at
    if key is not None:
        rest = match["rest"]
        value_at = match.start("rest") + len(rest) - len(rest.lstrip(" \t"))
    return _Line(number, indent, text, item, body_at, key, text[value_at:].rstrip(), value_at)


def _bad_space(number: int, whitespace: str) -> Slip:
    column = next(i for i, ch in enumerate(whitespace, 1) if ch in "\t\u3000")
    if whitespace[column - 1] == "\t":
        message = _(
            "a tab at the start of the line: YAML lines are indented with spaces only; replace the tab with spaces"
        )
    else:
        message = _("a full-width space (　) at the start of the line: indent with ordinary spaces only")
    return Slip(number, column, message)


def _opens(line: _Line) -> bool:
    """Whether lines indented below this one belong to it: `key:` with nothing after it, a bare `-`, or a
    list item that starts a group of keys (`- title: …` is followed by `  url: …`)."""
    if line.key is not None:
        return line.item or line.value == "" or line.value.startswith("#")
    return line.item and line.value == ""


def _continues(line: _Line, previous: _Line | None) -> bool:
    """A long text going on over a second line, more indented: YAML joins the two."""
    return previous is not None and line.indent > previous.indent and not line.item and line.key is None


def _indentation(line: _Line, previous: _Line | None, levels: list[_Line]) -> Slip | None:
    """A line lines up with a line above it of the same level, or is the first line of a new level."""
    if previous is None:
        levels[:] = [line]
        return None
    if _opens(previous) and line.indent > previous.indent and previous.item and previous.key and not line.item:
        expected = previous.indent + previous.body_at  # under `- title: …`, `url:` lines up with `title:`
        if line.indent == expected:
            levels.append(line)
            return None
        return _misplaced(line, expected, previous.key)
    if _opens(previous) and (
        line.indent > previous.indent or (line.item and not previous.item and line.indent == previous.indent)
    ):
        levels.append(line)
        return None
    kept = [level for level in levels if level.indent <= line.indent]
    if kept and kept[-1].indent == line.indent:
        levels[:] = kept
        return None
    if _continues(line, previous) or not kept and not levels:
        return None
    same_kind = [level for level in levels if level.item == line.item] or levels
    nearest = min(same_kind, key=lambda level: (abs(level.indent - line.indent), -level.indent))
    return _misplaced(line, nearest.indent, nearest.key if not line.item else None)


def _misplaced(line: _Line, expected: int, sibling: str | None) -> Slip:
    if line.item:
        message = _(
            "this list item's '-' is indented by {spaces} space(s), the items above by {expected}: "
            "line it up with them",
            spaces=line.indent,
            expected=expected,
        )
    elif sibling:
        message = _(
            "'{key}' is indented by {spaces} space(s), but '{sibling}' above it by {expected}: "
            "line it up with '{sibling}'",
            key=line.key or _shown(line.text, 12),
            spaces=line.indent,
            sibling=sibling,
            expected=expected,
        )
    else:
        message = _(
            "'{key}' is indented by {spaces} space(s), which lines it up with no line above; indent it by {expected}",
            key=line.key or _shown(line.text, 12),
            spaces=line.indent,
            expected=expected,
        )
    return Slip(line.number, line.indent + 1, message)


def _written(line: _Line, keys: frozenset[str]) -> Slip | None:
    """How the key, its colon and the start of the value are written."""
    wrong = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*(?P<colon>：|:(?=[^\s/]))(?P<value>.*)$").match(
        line.text, line.body_at
    )
    if wrong and (not line.item or wrong["key"] in keys):
        key, value = wrong["key"], wrong["value"].strip()
        fix = _fix(line, ("- " if line.item else "") + f"{key}: {value}")
        if wrong["colon"] == "：":
            message = _(
                "after '{key}' comes a full-width colon '：'; type an ordinary colon and a space instead: {fix}",
                key=key,
                fix=fix,
            )
        else:
            message = _("after '{key}:' there is no space; put a space after the colon: {fix}", key=key, fix=fix)
        return Slip(line.number, line.column(wrong.start("colon")), message)
    if not line.item and re.match(r"-[^\s\-\d]", line.text):
        return Slip(
            line.number,
            line.column(1),
            _("a list item needs a space after its '-': {fix}", fix=_fix(line, "- " + line.text[1:])),
        )
    if not line.value or not line.item and line.key is None:
        return None
    return _value_start(line)


def _value_start(line: _Line) -> Slip | None:
    value = line.value
    sign = value[0]
    column = line.column(line.value_at)
    if sign == "#" and (len(value) == 1 or value[1] in " \t"):
        return None  # `key:  # a comment`
    if sign in "[{":
        closing = _closing(value)
        after = value[closing + 1 :].strip() if closing is not None else ""
        if closing is None or not after or after.startswith("#"):
            return None  # a list or a group written on one line: `audience: [elderly]`
    elif sign in "!&*" and re.match(r"[!&*]!?[A-Za-z0-9_-]*(?:\s|$)", value):
        return None  # YAML's own tags, names and references (`!!str`, `&a [..]`): refused or read as meant
    elif sign in "|>" and line.key is not None and not BLOCK_TEXT.match(value):
        return Slip(
            line.number,
            column,
            _(
                "'{sign}' after '{key}:' means that the text starts on the next line; put the text there, "
                "indented by two more spaces, or put the whole text in quotes: {fix}",
                sign=sign,
                key=line.key,
                fix=_quoted(line),
            ),
        )
    elif sign in "\"'":
        return _after_quotes(line, column)
    elif sign not in SIGNS:
        return _colon_in_text(line, column)
    return Slip(
        line.number,
        column,
        _(
            "the text starts with '{sign}', which YAML reads as {meaning}; put the whole text in quotes: {fix}",
            sign=sign,
            meaning=_(SIGNS[sign]),
            fix=_quoted(line),
        ),
    )


def _after_quotes(line: _Line, column: int) -> Slip | None:
    """`summary: "自称"房管局来电`: the quotes close before the text ends."""
    value = line.value
    quote = value[0]
    end = 1
    while True:
        end = value.find(quote, end)
        if end < 0:  # goes on over the next lines, or was never closed
            message = _("the quote mark here is not closed on this line; close it at the end of the text")
            return Slip(line.number, column, message, weak=True)
        if quote == "'" and value[end + 1 : end + 2] == "'":
            end += 2
            continue
        if quote == '"' and value[end - 1] == "\\":
            end += 1
            continue
        break
    after = value[end + 1 :].strip()
    if not after or after.startswith("#") or after[0] in ",]}":
        return None
    inner = value.replace("'", "’") if quote == "'" else value
    return Slip(
        line.number,
        column,
        _(
            "the text starts with a quote mark but goes on after the closing one; put the whole text in single "
            "quotes, or use “ ” inside the text: {fix}",
            fix=_fix(line, f"{line.key}: '{inner}'" if line.key and not line.item else f"- '{inner}'"),
        ),
    )


def _colon_in_text(line: _Line, column: int) -> Slip | None:
    """`summary: 注意: 不要转账`: YAML reads the second ': ' as another key."""
    if line.item and line.key is None:
        return None
    value = re.split(r"[ \t]#", line.value, maxsplit=1)[0]
    colon = re.search(r":(?:[ \t]|$)", value)
    if line.key is None or colon is None or value[:1] in "\"'[{|>":
        return None
    return Slip(
        line.number,
        column + colon.start(),
        _(
            "the text has ': ' in it, which YAML reads as the start of another key; put the whole text in "
            "quotes, or use the full-width colon '：': {fix}",
            fix=_quoted(line),
        ),
    )


def _unindented_text(text: str, indent: int, owner: _Line, keys: frozenset[str], *, top: bool) -> bool:
    """After `story: |`, a line no more indented than `story:` ends the text: fine if it is the next key
    (or list item) of the file, a slip if it is more of the story."""
    if indent > owner.indent:
        return True  # less indented than the text, more than its key: neither text nor a key of the file
    match = KEY.match(text)
    if match and match["colon"] == ":" and match["rest"][:1] in ("", " ", "\t"):
        key = match["key"]  # a misspelt key ('tittle:') is left to be named as one
        return bool(keys) and not owner.item and key not in keys and not difflib.get_close_matches(key, keys, 1, 0.75)
    if text.startswith("- ") or text == "-":
        return top and indent == owner.indent  # a list where the file has keys: a Markdown list in the text
    return True


def _unindented_message(owner: _Line, spaces: int) -> str:
    return _(
        "this line belongs to the text of '{key}' above but is not indented; start it with {spaces} spaces "
        "like the lines above it",
        key=owner.key,
        spaces=spaces,
    )


def _brackets(text: str) -> int:
    """Brackets opened minus closed (outside quotes, roughly): a [list] going on over the next lines."""
    text = re.sub(r"\"[^\"]*\"|'[^']*'", "", text)
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def _closing(value: str) -> int | None:
    depth = 0
    for i, ch in enumerate(value):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i
    return None


def _quoted(line: _Line) -> str:
    value = re.sub(r"[ \t]+#[ \t].*$", "", line.value) if not line.value.startswith("#") else line.value
    inner = value.replace("\\", "\\\\").replace('"', '\\"')
    if line.key is not None and not line.item:
        return _fix(line, f'{line.key}: "{inner}"')
    if line.key is not None:
        return _fix(line, f'- {line.key}: "{inner}"')
    return _fix(line, f'- "{inner}"')


def _fix(line: _Line, text: str) -> str:
    """The line as it should be typed (shortened when long)."""
    return " " * line.indent + _shown(text, SHOWN)


def _shown(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
