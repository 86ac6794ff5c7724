"""Rule unsafe-content: markup, script links, handlers and invisible characters in staff text.

Everything staff write is printed as text in every output, so markup there never runs; this rule tells the
writer, at the character, that what they typed will not do what they think (or was pasted from somewhere
it should not come from). Markup is found the way a browser finds it: with an HTML tokenizer, after
full-width forms are folded and character references (&lt; &#60; &#x3c;) are decoded."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.i18n import _
from generator.problems import Problems
from generator.rules.normalize import Folded, fold
from generator.yamlsource import Source

URL_FIELDS = {"url"}
# Tags that run, load or submit something, or change how the rest of the page is read: shown as text like any
# other markup, but named as what they are, so a reviewer sees that someone tried.
ACTIVE_TAGS = {
    "applet", "audio", "base", "basefont", "bgsound", "body", "button", "embed", "form", "frame", "frameset",
    "head", "html", "iframe", "image", "img", "input", "isindex", "keygen", "link", "marquee", "math", "meta",
    "noembed", "noframes", "noscript", "object", "plaintext", "script", "select", "source", "style", "svg",
    "template", "textarea", "title", "track", "video", "xmp",
}  # fmt: skip
# j a v a s c r i p t : with anything a browser skips between the letters (tabs, newlines, controls)
_GAP = r"[\s\x00-\x1f]*"
SCRIPT_URL = re.compile(
    "(?:" + "|".join(_GAP.join(word) for word in ("javascript", "vbscript", "livescript")) + f"){_GAP}:"
    rf"|d{_GAP}a{_GAP}t{_GAP}a{_GAP}:{_GAP}(?:text/html|image/svg|application/xhtml)",
    re.IGNORECASE,
)
# The start of something a browser would read as markup: <tag, </tag, <!-- or <! ..., <?
MARKUP_START = re.compile(r"</?[A-Za-z]|<[!?]")  # "收益 < CPI" is no tag: a browser needs a letter at once
# Python-Markdown's attribute lists: {: #id .class key=value }, {#id}, {.class}
ATTRIBUTE_LIST = re.compile(r"\{\s*(?::[^{}\n]*|[#.][\w-][^{}\n]*)\}")
HANDLER_IN_BRACES = re.compile(r"\{[^{}\n]*\bon[a-z]+\s*=[^{}\n]*\}", re.IGNORECASE)
# onerror="…", onload=…: a handler written out of any tag still means someone meant to break out of one
HANDLER = re.compile(r"\bon[a-z]{4,}\s*=\s*[\"'`]?[\w$]", re.IGNORECASE)
PATH_FIELDS = {"image", "logo"}
UNSAFE_IN_PATH = re.compile(r"[\"'<>`\\]|[\x00-\x1f\x7f]")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = set(
    "\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u3164\uffa0\u115f\u1160"
)
ZWJ = "\u200d"
# Every character find_hidden_characters speaks of: C0 and C1 controls and DEL (but tab, newline, return)
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS | INVISIBLE | {ZWJ})) + "]")

Finding = tuple[int, int, str, str]  # start, length (in the original text), severity, message


def check(sources: dict[str, Source]) -> Problems:
    problems = Problems()
    for file, source in sources.items():
        for path, value in source.strings():
            for start, length, severity, message in find_unsafe(value):
                line, column = source.locate(path, value, start, length)
                problems.add(file, line, column, "unsafe-content", message, severity)
            message = _field_problem(path, value)
            if message:
                problems.add(file, *source.position(path), "unsafe-content", message)
    return problems


def _field_problem(path: tuple, value: str) -> str | None:
    """What a link or a file name must not be, whatever the text around it."""
    field = path[-1] if path else None
    if field in PATH_FIELDS and UNSAFE_IN_PATH.search(value):
        return _(
            "the file name '{name}' has quotes, angle brackets or backslashes in it; rename the file (letters, "
            "digits, - and _)",
            name=_shown(value),
        )
    if field in URL_FIELDS and not re.match(r"^(https?://|mailto:)", value.strip(), re.I):
        return _("'{value}' is not a web address; links must start with https:// or http://", value=value[:40])
    return None


def find_unsafe(text: str) -> list[Finding]:
    found = find_hidden_characters(text)
    folded = fold(text)  # ｊａｖａ\u200bscript: is still javascript:
    if not any(ch in folded.text for ch in "<:{&="):
        return found  # nothing markup-like can be in it: the common case
    folded = _decoded(folded)  # and so is &#106;avascript:
    for match in SCRIPT_URL.finditer(folded.text):
        start, length = folded.span(*match.span())
        found.append((start, length, "error", _("a script link (javascript:) is not allowed")))
    for match in HANDLER_IN_BRACES.finditer(folded.text):
        start, length = folded.span(*match.span())
        found.append((start, length, "error", _("{text}: an event handler is not allowed", text=_shown(match.group()))))
    for match in ATTRIBUTE_LIST.finditer(folded.text):
        if not HANDLER_IN_BRACES.fullmatch(match.group()):
            start, length = folded.span(*match.span())
            found.append(
                (
                    start,
                    length,
                    "warning",
                    _("{text}: attribute lists are shown as plain text", text=_shown(match.group())),
                )
            )
    tags = _tags(folded.text) if "<" in folded.text else []
    for tag in tags:
        line_end = folded.text.find("\n", tag.start)  # pointed at on its own line (a tag left open runs on)
        start, length = folded.span(tag.start, min(tag.end, line_end) if line_end > tag.start else tag.end)
        found.append((start, length, *_judge(tag)))
    for match in HANDLER.finditer(folded.text):
        if not any(t.start <= match.start() < t.end for t in tags) and not HANDLER_IN_BRACES.search(folded.text):
            start, length = folded.span(*match.span())
            found.append(
                (start, length, "error", _("{text}: an event handler is not allowed", text=_shown(match.group())))
            )
    return sorted(found)


def find_hidden_characters(text: str) -> list[Finding]:
    """Control characters, direction overrides and invisible characters: text that is not what it shows."""
    found: list[Finding] = []
    for match in HIDDEN.finditer(text):
        index, ch = match.start(), match.group()
        if unicodedata.category(ch) == "Cc":
            found.append(
                (index, 1, "error", _("a control character ({name}) is in the text; delete it", name=_name(ch)))
            )
        elif ch in BIDI_CONTROLS:
            found.append(
                (
                    index,
                    1,
                    "error",
                    _(
                        "an invisible direction override ({name}) makes the text read differently from how it "
                        "looks; delete it",
                        name=_name(ch),
                    ),
                )
            )
        elif ch != ZWJ or not _between_emoji(text, index):
            found.append(
                (index, 1, "warning", _("an invisible character ({name}) is in the text; delete it", name=_name(ch)))
            )
    return found


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    name: str
    attributes: list[tuple[str, str | None]]
    start: int  # in the text the tokenizer read
    end: int
    closing: bool = False


class _TagFinder(HTMLParser):
    """Python's HTML tokenizer reads <img/src/onerror=…> and <IMG SRC=x OnError=…> as a browser does."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tags: list[Tag] = []

    def _here(self) -> int:
        line, offset = self.getpos()
        return self.line_starts[line - 1] + offset

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        self.tags.append(Tag(tag, attrs, start, start + len(self.get_starttag_text() or "<")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        end = self.text.find(">", start)
        self.tags.append(Tag(tag, [], start, end + 1 if end >= 0 else len(self.text), closing=True))

    def handle_comment(self, data: str) -> None:
        start = self._here()
        self.tags.append(Tag("!--", [], start, start + len(data) + 7))

    def handle_decl(self, decl: str) -> None:
        start = self._here()
        self.tags.append(Tag("!", [], start, start + len(decl) + 3))

    def handle_pi(self, data: str) -> None:
        start = self._here()
        self.tags.append(Tag("?", [], start, start + len(data) + 3))

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ ... ]]>
        start = self._here()
        self.tags.append(Tag("!", [], start, start + len(data) + 5))


def _tags(text: str) -> list[Tag]:
    finder = _TagFinder(text)
    try:
        finder.feed(text)
        finder.close()
    except (AssertionError, ValueError):  # the tokenizer gave up on something odd: still markup-like
        pass
    tags = finder.tags
    # A tag left open at the end (no '>') is no tag to the tokenizer, but it is one once a page's own
    # markup follows it: report every markup start the tokenizer did not account for.
    covered = [(t.start, t.end) for t in tags]
    for match in MARKUP_START.finditer(text):
        if not any(start <= match.start() < end for start, end in covered):
            rest = text[match.start() :]
            name = re.match(r"</?([A-Za-z][A-Za-z0-9-]*)", rest)
            handler = re.search(r"(?:^|[\s/\"'])on[a-z]+\s*=", rest[1:], re.IGNORECASE)
            attributes = [(handler.group().strip(" /\"'=").lower(), "")] if handler else []
            tags.append(Tag(name.group(1).lower() if name else "!", attributes, match.start(), len(text)))
    return sorted(tags, key=lambda t: t.start)


def _judge(tag: Tag) -> tuple[str, str]:
    shown = f"<{tag.name}" if tag.name in ("!--", "!", "?") else f"<{'/' if tag.closing else ''}{tag.name}>"
    if any(name.lower().startswith("on") for name, _value in tag.attributes):
        return "error", _("{tag}: HTML with an event handler is not allowed", tag=shown)
    if any(value and SCRIPT_URL.search(value) for _attribute, value in tag.attributes):
        return "error", _("{tag}: HTML with a script link is not allowed", tag=shown)
    for _attribute, value in tag.attributes:  # <p title="</noscript><img onerror=…>">: markup that a parser lets out
        if value and MARKUP_START.search(value) and any(_judge(t)[0] == "error" for t in _tags(value)):
            return "error", _("{tag}: HTML hiding more HTML in an attribute is not allowed", tag=shown)
    if tag.name in ACTIVE_TAGS:
        return "warning", _(
            "{tag}: HTML that would run or load something; it is shown as plain text: remove it", tag=shown
        )
    return "warning", _("{tag}: raw HTML is not allowed; it is shown as plain text", tag=shown)


def _decoded(folded: Folded) -> Folded:
    """Character references decoded, each character still pointing at where it was typed."""
    if "&" not in folded.text:
        return folded
    chars: list[str] = []
    origin: list[int] = []
    position = 0
    for match in ENTITY.finditer(folded.text):
        chars.extend(folded.text[position : match.start()])
        origin.extend(folded.origin[position : match.start()])
        decoded = html.unescape(match.group())
        chars.extend(decoded)
        origin.extend([folded.origin[match.start()]] * len(decoded))
        position = match.end()
    chars.extend(folded.text[position:])
    origin.extend(folded.origin[position:])
    return Folded("".join(chars), origin)


def _between_emoji(text: str, index: int) -> bool:
    """A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the emoji."""
    before = text[:index].rstrip("\ufe0f")[-1:]
    after = text[index + 1 : index + 2]
    return _is_emoji(before) and _is_emoji(after)


def _is_emoji(ch: str) -> bool:
    return bool(ch) and (ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF or unicodedata.category(ch) == "So")


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()


def _shown(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"
