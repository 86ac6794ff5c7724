"""CJK-first line breaking and fitting: the largest size at which the text fits its box, or None.

Chinese breaks only between phrases (BudouX, Google's phrase model), Korean and Latin only at spaces. A number
stays with its unit (300元), a quoted phrase stays whole where a line can hold it, kinsoku keeps marks off the
wrong end of a line, and no line is left holding one character."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.phrases import NO_LINE_END, NO_LINE_START, QUOTES, phrases, visible

Unit = tuple[str, ...]  # atoms a line breaks inside only if the whole unit is wider than the line


@dataclass(frozen=True)
class Fitted:
    size: int
    lines: list[str]


def tokens(text: str, fine: bool = False) -> list[Unit]:
    """Phrases, with a quoted phrase ("“税费返还”") held together as one unit of several atoms."""
    units: list[Unit] = []
    pieces = phrases(text, fine)
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        opening = next((ch for ch in piece if ch in QUOTES and ch != '"'), '"' if piece[:1] == '"' else None)
        if opening is not None:
            closing = QUOTES[opening]
            start = piece.index(opening) + 1
            end = next(
                (j for j in range(i, len(pieces)) if closing in (pieces[j][start:] if j == i else pieces[j])), None
            )
            if end is not None and end > i:
                units.append(tuple(pieces[i : end + 1]))
                i = end + 1
                continue
        units.append((piece,))
        i += 1
    return units


def break_lines(text: str, width: float, measure: Callable[[str], float], fine: bool = False) -> list[str] | None:
    """Greedy line breaking between phrases, with kinsoku and no lonely last character; None if one phrase is
    wider than the box."""
    pending = list(reversed(tokens(text, fine)))
    lines: list[list[str]] = []
    spaced: list[bool] = []  # whether the break after each line fell at a space
    current: list[str] = []
    while pending:
        unit = pending.pop()
        if len(unit) > 1 and measure("".join(unit).strip()) > width:
            pending += reversed([(atom,) for atom in unit])  # a quoted phrase longer than a line: break inside
            continue
        piece = "".join(unit)
        if piece == " ":
            if current:
                current.append(" ")
            continue
        if not current or measure("".join(current) + piece) <= width:
            current.append(piece)
            continue
        # Full: break before `piece`, then move the break back while a rule forbids it there.
        carry = [piece]
        while len(current) > 1 and (_starts_badly(_first(carry)) or _ends_badly(current)):
            carry.insert(0, current.pop())
        at_space = current[-1:] == [" "] or carry[0] == " "
        while carry[0] == " ":
            carry.pop(0)
        spaced.append(at_space)
        _trim(current)
        lines.append(current)
        current = carry
        if measure("".join(current)) > width:
            return None
    _trim(current)
    if current:
        lines.append(current)
    _no_orphan(lines, spaced, width, measure)
    out = ["".join(line) for line in lines]
    if any(measure(line) > width for line in out):
        return None
    return out


def _trim(line: list[str]) -> None:
    while line and line[-1] == " ":
        line.pop()


def _no_orphan(lines: list[list[str]], spaced: list[bool], width: float, measure: Callable[[str], float]) -> None:
    """A last line of one character (局, or 款” with its mark) takes the previous line's last phrase along."""
    while len(lines) > 1 and visible("".join(lines[-1])) <= 1:
        previous = lines[-2]
        if sum(1 for p in previous if p != " ") < 2:
            return
        moved = previous.pop()
        gap = previous[-1:] == [" "]
        candidate = [moved, " "] + lines[-1] if spaced[-1] else [moved] + lines[-1]
        if measure("".join(candidate)) > width or _ends_badly([p for p in previous if p != " "]):
            previous.append(moved)
            return
        _trim(previous)
        lines[-1], spaced[-1] = candidate, gap


def _first(pieces: list[str]) -> str:
    return next((p for p in pieces if p != " "), "")


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
    """The largest size in [min_size, max_size] at which `text` fits width x height (binary search); if it
    fits at no size between phrases held together, between every phrase BudouX gives."""
    best = _fit_text(text, width, height, measure_at, max_size, min_size, line_height, max_lines, fine=False)
    if best is None:
        best = _fit_text(text, width, height, measure_at, max_size, min_size, line_height, max_lines, fine=True)
    return best


def _fit_text(text, width, height, measure_at, max_size, min_size, line_height, max_lines, fine) -> Fitted | None:
    best: Fitted | None = None
    low, high = min_size, max_size
    while low <= high:
        size = (low + high) // 2
        lines = break_lines(text, width, measure_at(size), fine)
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
        best = Fitted(best.size, balance(text, width, len(best.lines), measure_at(best.size), fine))
    return best


def balance(text: str, width: float, count: int, measure: Callable[[str], float], fine: bool = False) -> list[str]:
    """Same number of lines, as even as possible: no lonely 户 on the last line."""
    low, high = 0.0, width
    best = break_lines(text, width, measure, fine) or []
    for _ in range(12):
        middle = (low + high) / 2
        lines = break_lines(text, middle, measure, fine)
        if lines is not None and len(lines) <= count:
            best, high = lines, middle
        else:
            low = middle
    return best
