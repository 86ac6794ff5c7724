"""Messages staff read, in their own language.

Every sentence Casecast says to a person (a problem, a build's progress, a refusal) is written in English in
the code, wrapped in `_()`, and translated through gettext catalogues that a translator edits without
touching Python: `generator/locale/<lang>/LC_MESSAGES/casecast.po`, read with Babel. `make messages`
extracts new sentences into `generator/locale/casecast.pot` and merges them into each language's file.

The language is chosen once per command (`choose`: `--lang`, else CASECAST_LANG, else the site's default
language, else English) and kept in the environment, so worker processes that find problems on another
core speak it too. A sentence missing from a catalogue is said in English, never dropped.

    problems.add(file, line, column, "too-long", _("too long for the {display} display", display=name))
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "casecast"
LANGUAGES = ("en", "zh", "ko")  # the languages Casecast itself speaks; content may be in others
ENV = "CASECAST_LANG"


def use(lang: str | None) -> str:
    """Speak `lang` from now on (in this process and the workers it starts); a language Casecast does not
    speak falls back to English. Returns the language chosen."""
    chosen = _supported(lang)
    os.environ[ENV] = chosen
    return chosen


def current() -> str:
    return _supported(os.environ.get(ENV))


def choose(lang: str | None, root: Path | None = None) -> str:
    """The language of one command: `lang` (its --lang option) if Casecast speaks it, else CASECAST_LANG
    (a person's own choice, or the command that started this one), else the first of the site's
    `languages:`, else English."""
    for wanted in (lang, os.environ.get(ENV), site_language(root) if root is not None else None):
        if wanted and _supported(wanted) == _base(wanted):
            return use(wanted)
    return use("en")


# `languages: [zh, ko]`, or `languages:` then `- zh` on a later line, at the start of a line
_LANGUAGES = re.compile(
    r"""^languages:[ \t]*
        (?: \[[ \t]*(?P<flow>[^\],#\n]*)                       # [zh, ko]
          | (?:\#[^\n]*)?\n (?:[ \t]*(?:\#[^\n]*)?\n)*         # the end of the line, blank or comment lines
            [ \t]+-[ \t]+(?P<block>[^\s#]+) )                   #   - zh""",
    re.M | re.X,
)


def site_language(root: Path) -> str | None:
    """The first of content/site.yaml's `languages:`, read from the text alone: a slip elsewhere in the file
    (the very thing the person is about to be told of, in this language) does not stop it."""
    from generator.yamlsource import SourceError, read_text

    try:
        text = read_text(Path(root) / "content" / "site.yaml", within=Path(root) / "content")
    except (SourceError, OSError):
        return None
    match = _LANGUAGES.search(text)
    if match is None:
        return None
    return (match["flow"] or match["block"] or "").strip().strip("\"'").strip() or None


def _(msgid: str, /, **params: object) -> str:
    """`msgid` in the current language, with `{name}` placeholders filled from `params`."""
    text = _catalogue(current()).get(msgid) or msgid
    return text.format(**params) if params else text


def sentences(parts: list[str]) -> str:
    """Sentences said one after the other: with a space between them, but in Chinese."""
    return ("" if current() == "zh" else " ").join(parts)


def N_(msgid: str, /) -> str:
    """Marks a sentence for the catalogue where it is defined; `_()` translates it where it is said."""
    return msgid


def _supported(lang: str | None) -> str:
    base = _base(lang)
    return base if base in LANGUAGES else "en"


def _base(lang: str | None) -> str:
    """zh_CN.UTF-8, zh-Hans, ZH -> zh"""
    return re.split(r"[-_.@]", (lang or "").strip().lower())[0]


@cache
def _catalogue(lang: str) -> dict[str, str]:
    """msgid -> translation of one language's .po file (English, and a missing file, are empty)."""
    path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
