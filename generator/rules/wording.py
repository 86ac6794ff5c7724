"""Promises and forbidden wording: 保本, 零风险, 원금 보장, risk-free — unless quoted to warn against them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.rules.normalize import Folded, fold, is_word_char

DEFAULTS = Path(__file__).with_name("forbidden_terms.yaml")
OPENING = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉", "«": "»"}
CLOSING = {v: k for k, v in OPENING.items()}
STRAIGHT = {'"', "'"}
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "\n", ". ")
# Words that make a quoted promise a warning against it: who says it (骗子, 不法分子, scammers), that it is
# a lie (谎称, 所谓, so-called), or telling the reader not to believe it (警惕, 조심, beware, never).
WARNING_CUES = re.compile(
    r"骗|诈|不法|非法|违法|违规|谎称|声称|号称|宣称|自称|扬言|吹嘘|鼓吹|所谓|承诺|许诺|诱饵|幌子|噱头|套路|陷阱|话术"
    r"|警惕|谨防|提防|当心|小心|注意|不要|别信|切勿|切莫|勿信|不会|不能|不可能|没有|并非|不是|不存在|虚假|识破|防范"
    r"|사기|속지|속이|주의|조심|미끼|현혹|유혹|거짓|허위|불법|경계|의심|사칭|주장|없습니다|없다|없는|아닙니다|않|마세요|피하"
    r"|claim|promis|scam|fraud|fake|false|lure|bait|beware|never|don't|do not|doesn't|does not|isn't|is not|no such"
    r"|so-called|so called|warn|trick|criminal|suspicious|too good"
)


@dataclass(frozen=True)
class TermHit:
    term: str
    reason: str
    start: int
    length: int


@dataclass(frozen=True)
class Term:
    reason: str
    exceptions: tuple[str, ...] = ()


@cache
def default_terms() -> dict[str, dict[str, Term]]:
    data = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    return {
        lang: {
            word: Term(spec) if isinstance(spec, str) else Term(spec["reason"], tuple(spec.get("except", ())))
            for word, spec in by_term.items()
        }
        for lang, by_term in data.items()
    }


def terms_for(extra: dict[str, list[str]], allowed: list[str]) -> dict[str, Term]:
    """Every language's defaults (staff quote scams in any language), plus the site's own, minus its allowed."""
    terms: dict[str, Term] = {}
    for by_term in default_terms().values():
        terms.update(by_term)
    for words in extra.values():
        for word in words:
            terms.setdefault(word, Term("listed as forbidden in content/site.yaml"))
    for word in allowed:
        terms.pop(word, None)
    return terms


def _skeleton(text: str) -> Folded:
    """Lower-case letters and digits only, so 保 本, 保-本, ＲＩＳＫ-free, 穩賺 and rіsk (Cyrillic і) all match."""
    folded = fold(text.lower(), keep=is_word_char, chinese=True)
    lowered = folded.text.lower()  # a look-alike may have been an upper-case letter
    if len(lowered) != len(folded.text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded.text)
    return Folded(lowered, folded.origin)


@cache
def _needle(term: str) -> str:
    """A term's skeleton: the same few dozen terms are looked for in every string of every file."""
    return _skeleton(term).text


def find_forbidden_terms(text: str, terms: dict[str, Term], *, warning: bool = False) -> list[TermHit]:
    """Every promise made in `text`. `warning`: the text is a warning by what it is (a red flag), so a
    quoted term is always a quotation."""
    skeleton = _skeleton(text)
    excused = _excused(skeleton.text, terms)
    hits: list[TermHit] = []
    covered: list[tuple[int, int]] = []
    for term in sorted(terms, key=len, reverse=True):  # 稳赚不赔 before 稳赚
        needle = _needle(term)
        if not needle:
            continue
        start = skeleton.text.find(needle)
        while start >= 0:
            end = start + len(needle)
            origin, length = skeleton.span(start, end)
            inside = any(origin < c_end and c_start < origin + length for c_start, c_end in covered)
            said = quoted(text, origin, origin + length) if warning else warned_against(text, origin, origin + length)
            if not inside and (term, start) not in excused and not said:
                hits.append(TermHit(term, terms[term].reason, origin, length))
                covered.append((origin, origin + length))
            start = skeleton.text.find(needle, start + 1)
    return sorted(hits, key=lambda h: h.start)


def _excused(skeleton: str, terms: dict[str, Term]) -> set[tuple[str, int]]:
    """(term, position) pairs that sit inside a harmless longer word: 确保本人 is not 保本."""
    excused: set[tuple[str, int]] = set()
    for word, term in terms.items():
        needle = _needle(word)
        for exception in term.exceptions:
            longer = _needle(exception)
            offset = longer.find(needle)
            at = skeleton.find(longer)
            while at >= 0 and offset >= 0:
                excused.add((word, at + offset))
                at = skeleton.find(longer, at + 1)
    return excused


def warned_against(text: str, start: int, end: int) -> bool:
    """Quoted, in a sentence that warns: 警惕“零风险”的说法 is a warning, 我们的产品“保本”，欢迎购买 a promise."""
    if not quoted(text, start, end):
        return False
    sentence_start = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    ends = [at for mark in SENTENCE_ENDS if (at := text.find(mark, end)) >= 0]
    sentence = (text[sentence_start:start] + " " + text[end : min(ends, default=len(text))]).lower()
    return bool(WARNING_CUES.search(fold(sentence, chinese=True).text))


def quoted(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside quotation marks on its own line?"""
    line_start = text.rfind("\n", 0, start) + 1
    stack: list[str] = []
    for ch in text[line_start:start]:
        if ch in OPENING:
            stack.append(OPENING[ch])
        elif ch in CLOSING and stack and stack[-1] == ch:
            stack.pop()
        elif ch in STRAIGHT:
            if stack and stack[-1] == ch:
                stack.pop()
            else:
                stack.append(ch)
    if not stack:
        return False
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    return stack[-1] in rest
