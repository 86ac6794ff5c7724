"""CJK-first line breaking and fitting: the largest size at which the text fits its box, or None."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Kinsoku (禁则): characters that may not start a line, and characters that may not end one.
NO_LINE_START = set("。，、．！？）」』】〉》”’：；…—‥·・%％,.!?)]}:;ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ")
NO_LINE_END = set("（「『【〈《“‘([{＄$￥¥")

# Break opportunities: at spaces, and around every Han character, kana or full-width mark. Hangul and Latin
# runs without a space between them are one word ("수수료"부터?, ATM, 95599) and never split.
_CJK_CHAR = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_TOKEN = re.compile(rf"\s+|[{_CJK_CHAR}]|[^\s{_CJK_CHAR}]+")


@dataclass(frozen=True)
class Fitted:
    size: int
    lines: list[str]


def tokens(text: str) -> list[str]:
    """Split into unbreakable pieces; spaces are kept as their own tokens."""
    return _TOKEN.findall(" ".join(text.split()))


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str] | None:
    """Greedy line breaking with kinsoku; None if a single piece is wider than the box."""
    pieces = tokens(text)
    lines: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if piece.isspace():
            if current:
                current.append(" ")
            continue
        if not current or measure("".join(current) + piece) <= width:
            current.append(piece)
            continue
        # Full: break before `piece`, then move the break back while a rule forbids it there.
        carry = [piece]
        while len(current) > 1 and (_starts_badly(carry[0]) or _ends_badly(current)):
            moved = current.pop()
            if moved == " ":
                continue
            carry.insert(0, moved)
        while current and current[-1] == " ":
            current.pop()
        lines.append("".join(current))
        current = carry
        if measure("".join(current)) > width:
            return None
    while current and current[-1] == " ":
        current.pop()
    if current:
        lines.append("".join(current))
    if any(measure(line) > width for line in lines):
        return None
    return lines


def _starts_badly(piece: str) -> bool:
    return piece[:1] in NO_LINE_START


def _ends_badly(current: list[str]) -> bool:
    last = next((p for p in reversed(current) if p != " "), "")
    return last[-1:] in NO_LINE_END


def fit_text(
    text: str,
    width: float,
    height: float,
    measure_at: Callable[[int], Callable[[str], float]],
    *,
    max_size: int,
    min_size: int,
    line_height: float = 1.25,
    max_lines: int | None = None,
) -> Fitted | None:
    """The largest size in [min_size, max_size] at which `text` fits width x height (binary search)."""
    best: Fitted | None = None
    low, high = min_size, max_size
    while low <= high:
        size = (low + high) // 2
        lines = break_lines(text, width, measure_at(size))
        fits = (
            lines is not None
            and len(lines) * size * line_height <= height + size * (line_height - 1)
            and (max_lines is None or len(lines) <= max_lines)
        )
        if fits:
            best = Fitted(size, lines)  # type: ignore[arg-type]
            low = size + 1
        else:
            high = size - 1
    if best is not None and len(best.lines) > 1:
        best = Fitted(best.size, balance(text, width, len(best.lines), measure_at(best.size)))
    return best


def balance(text: str, width: float, count: int, measure: Callable[[str], float]) -> list[str]:
    """Same number of lines, as even as possible: no lonely 户 on the last line."""
    low, high = 0.0, width
    best = break_lines(text, width, measure) or []
    for _ in range(12):
        middle = (low + high) / 2
        lines = break_lines(text, middle, measure)
        if lines is not None and len(lines) <= count:
            best, high = lines, middle
        else:
            low = middle
    return best
