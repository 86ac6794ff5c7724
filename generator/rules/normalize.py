"""Text as a checker should read it, with a map back to where each character was typed.

Folded: full-width and compatibility forms as their plain letters (Ｏ１３８ -> O138), decomposed Hangul
(NFD, as macOS writes file names) composed again, invisible and direction characters gone, and letters
that only look like Latin, Han or Hangul (Cyrillic і, the radical ⻛) read as what they look like.
With `chinese=True`, traditional characters are read as simplified ones too (穩賺 -> 稳赚)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

# Characters that show nothing (or almost nothing) and may sit between any two others
EXTRA_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u180e"}


@dataclass(frozen=True)
class Folded:
    text: str
    origin: list[int]  # origin[i] = index in the original text of folded character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, length) of folded[start:end]."""
        first = self.origin[start]
        last = self.origin[end - 1]
        return first, last - first + 1


def _everything(ch: str) -> bool:
    return True


def fold(text: str, *, keep: callable = _everything, chinese: bool = False) -> Folded:  # type: ignore[valid-type]
    """Fold `text` character by character (a combining sequence as one), keeping only what `keep` accepts."""
    if keep is _everything and not chinese:
        return _fold_plain(text)  # personal data and markup are looked for in the same fold of a text
    return _fold(text, keep, chinese)


@lru_cache(maxsize=2048)
def _fold_plain(text: str) -> Folded:
    return _fold(text, _everything, False)


def _fold(text: str, keep: callable, chinese: bool) -> Folded:  # type: ignore[valid-type]
    if unicodedata.is_normalized("NFC", text):
        # Nothing composes with what follows it (the usual case): each character on its own, from a table.
        pieces = [_fold_char(ch, keep, chinese) for ch in text]
        folded = "".join(pieces)
        if len(folded) == len(text) and "" not in pieces:
            return Folded(folded, list(range(len(text))))
        return Folded(folded, [i for i, piece in enumerate(pieces) for _ in piece])
    chars: list[str] = []
    origin: list[int] = []
    index, length = 0, len(text)
    while index < length:
        end = index + 1
        while end < length and _continues(text[end]):
            end += 1
        folded = (
            _fold_char(text[index], keep, chinese)
            if end == index + 1
            else _fold_cluster(text[index:end], keep, chinese)
        )
        for ch in folded:
            chars.append(ch)
            origin.append(index)
        index = end
    return Folded("".join(chars), origin)


def is_word_char(ch: str) -> bool:
    """Letters and digits of any script: what remains when spaces and punctuation are squeezed out."""
    return unicodedata.category(ch)[0] in ("L", "N")


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _continues(ch: str) -> bool:
    """A combining mark or a Hangul vowel/final jamo belongs to the character before it."""
    code = ord(ch)
    return 0x1161 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF or unicodedata.combining(ch) != 0


@cache
def _fold_char(ch: str, keep: callable, chinese: bool) -> str:  # type: ignore[valid-type]
    """One character folded: a text repeats the same few thousand characters, so each is folded once."""
    if _invisible(ch):
        return ""
    return "".join(
        _simplified(c) if chinese else c for c in map(_look_alike, unicodedata.normalize("NFKC", ch)) if keep(c)
    )


@cache
def _fold_cluster(cluster: str, keep: callable, chinese: bool) -> str:  # type: ignore[valid-type]
    composed = unicodedata.normalize("NFKC", "".join(c for c in cluster if not _invisible(c)))
    return "".join(_fold_char(c, keep, chinese) for c in composed)


def _invisible(ch: str) -> bool:
    return ch in EXTRA_INVISIBLE or unicodedata.category(ch) == "Cf"  # zero-width, direction, tag characters


def _usual(ch: str) -> bool:
    """Characters a Chinese, Korean or English text is made of: never read as something else."""
    code = ord(ch)
    return (
        code < 0x80
        or 0x1100 <= code <= 0x11FF  # Hangul jamo
        or 0x3000 <= code <= 0x30FF  # CJK punctuation, kana
        or 0x3130 <= code <= 0x318F  # Hangul compatibility jamo
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xA960 <= code <= 0xA97F
        or 0xAC00 <= code <= 0xD7FF  # Hangul syllables and jamo extended-B
        or 0xF900 <= code <= 0xFAFF
        or code >= 0x20000
    )


def _look_alike(ch: str) -> str:
    return ch if _usual(ch) else _look_alikes().get(ch, ch)


@cache
def _look_alikes() -> dict[str, str]:
    """Letters (and CJK radicals) that Unicode lists as confusable with one plain letter, digit or ideograph
    (confusables.txt, as shipped by confusable-homoglyphs): Cyrillic і -> i, ⻛ -> 风."""
    import confusable_homoglyphs

    data = json.loads((Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text("utf-8"))
    mapping: dict[str, str] = {}
    for ch, entry in data.items():
        if len(ch) != 1 or _usual(ch):
            continue
        if not (unicodedata.category(ch)[0] in "LN" or 0x2E80 <= ord(ch) <= 0x2FDF):
            continue
        targets = [h["c"] for h in entry if len(h["c"]) == 1 and _usual(h["c"]) and is_word_char(h["c"])]
        if targets:
            mapping[ch] = min(targets, key=lambda c: (ord(c) >= 0x80, targets.index(c)))  # Latin first
    return mapping


@cache
def _simplified(ch: str) -> str:
    if not (0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF or ord(ch) >= 0x20000):
        return ch
    converted = _converter().convert(ch)
    return converted if len(converted) == 1 else ch


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")
