"""Messages staff read, in their own language.

Every sentence Casecast says to a person (a problem, a build's progress, a refusal) is written in English in
the code, wrapped in `_()`, and translated through gettext catalogues that a translator edits without
touching Python: `generator/locale/<lang>/LC_MESSAGES/casecast.po`, read with Babel. `make messages`
extracts new sentences into `generator/locale/casecast.pot` and merges them into each language's file.

The language is chosen once per command (`--lang`, else the site's default language) and kept in the
environment, so worker processes that find problems on another core speak it too. A sentence missing
from a catalogue is said in English, never dropped.

    problems.add(file, line, column, "too-long", _("too long for the {display} display", display=name))
"""

from __future__ import annotations

import os
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


def _(msgid: str, /, **params: object) -> str:
    """`msgid` in the current language, with `{name}` placeholders filled from `params`."""
    text = _catalogue(current()).get(msgid) or msgid
    return text.format(**params) if params else text


def N_(msgid: str, /) -> str:
    """Marks a sentence for the catalogue where it is defined; `_()` translates it where it is said."""
    return msgid


def _supported(lang: str | None) -> str:
    lang = (lang or "").strip().lower().replace("_", "-")
    if lang in LANGUAGES:
        return lang
    base = lang.split("-")[0]
    return base if base in LANGUAGES else "en"


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
