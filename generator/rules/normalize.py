"""Text as a checker should read it: full-width forms folded, invisible characters gone, and a map back."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}


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


def fold(text: str, *, keep: callable = _everything) -> Folded:  # type: ignore[valid-type]
    """NFKC per character (Ｏ１３８ -> O138), drop invisible characters, keep only what `keep` accepts."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for folded in _fold_char(ch, keep):
            chars.append(folded)
            origin.append(index)
    return Folded("".join(chars), origin)


@cache
def _fold_char(ch: str, keep: callable) -> str:  # type: ignore[valid-type]
    """One character folded: a text repeats the same few thousand characters, so each is folded once."""
    if ch in INVISIBLE:
        return ""
    return "".join(folded for folded in unicodedata.normalize("NFKC", ch) if keep(folded))


def is_word_char(ch: str) -> bool:
    """Letters and digits of any script: what remains when spaces and punctuation are squeezed out."""
    return unicodedata.category(ch)[0] in ("L", "N")
