"""Promises and forbidden wording: 保本, 零风险, 원금 보장, risk-free — unless said to warn against them.

A term is looked for in the text's skeleton: folded (full-width, traditional, look-alike and invisible
characters read as what they show), lower-case, with spaces, hyphens and dots between its letters
allowed (保 本, 保-本, risk free) but not sentence punctuation (投保，本行 is no 保本). A Latin or Hangul
term must start a word (casino risk is no "no risk", 금융업무 위험 no 무위험); a Korean particle may sit
between the words of a term (원금이 보장됩니다).

It is excused when it is denied right before it (本产品不保本, 没有零风险的投资, no investment is
risk-free), when it sits in a harmless longer word listed as its exception (确保本人), or when it is
quoted in a sentence that warns against it (骗子常说“稳赚不赔”) — quoting alone is not enough
(我们的产品“保本”，欢迎购买 is a promise)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.i18n import N_
from generator.rules.normalize import Folded, fold, is_word_char

DEFAULTS = Path(__file__).with_name("forbidden_terms.yaml")
OPENING = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉", "«": "»"}
CLOSING = {v: k for k, v in OPENING.items()}
STRAIGHT = {'"', "'"}
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "\n", ". ")
# Punctuation that ends a phrase: a term never runs across it.
BREAKS = set("，。、；：！？,;:!?()（）【】[]「」『』《》〈〉“”‘’\"'«»|\n\r\t")
# Words that make a quoted promise a warning against it wherever they stand in the sentence: who says it
# (骗子, 不法分子, scammers), that it is a lie (谎称, 所谓, so-called), telling the reader not to believe it
# (警惕, 조심, beware). Plain negations (不要, 没有) count only right before the term: 不要错过 sells.
WARNING_CUES = re.compile(
    r"骗|诈|不法|非法|违法|违规|谎称|声称|号称|宣称|自称|扬言|吹嘘|鼓吹|所谓|诱饵|幌子|噱头|套路|陷阱|话术"
    r"|警惕|谨防|提防|当心|小心|虚假|识破|防范|别信|切勿|切莫|勿信|不要相信|不要轻信"
    r"|사기|속지|속이|미끼|현혹|유혹|거짓|허위|불법|경계|의심|사칭|조심|주의하"
    r"|claim|scam|fraud|fake|false|lure|bait|beware|so-called|so called|warn|trick|criminal|suspicious|too good"
)
# A denial right before the term (or before its opening quote)
DENIED_BEFORE = re.compile(
    r"(?:不|非|没有|没|无法|不能|不会有|不可能|不存在|并非|不是|绝非|绝不|没有所谓的?|哪有|并无)\s*[“「『‘\"']?$"
    r"|\b(?:no|not|never|isn't|aren't|nothing|none|without)\b(?:\s+[a-z]+){0,2}\s*[“\"']?$",
    re.IGNORECASE,
)
# A Korean denial right after the term (or its closing quote): '원금 보장'은 없습니다
DENIED_AFTER = re.compile(r"^[”」』’\"']?\s*(?:[\uac00-\ud7a3]{0,4}(?:은|는|이|가|란)\s*)?(?:없|아닙|아니)")
KOREAN_PARTICLE = r"(?:이|가|은|는|을|를|도|의)? ?"


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
            terms.setdefault(word, Term(N_("listed as forbidden in content/site.yaml")))
    for word in allowed:
        terms.pop(word, None)
    return terms


def find_forbidden_terms(text: str, terms: dict[str, Term], *, warning: bool = False) -> list[TermHit]:
    """Every promise made in `text`. `warning`: the text is a warning by what it is (a red flag), so a
    quoted term is always a quotation."""
    skeleton = _skeleton(text)
    hits: list[TermHit] = []
    covered: list[tuple[int, int]] = []
    if not _any_term(tuple(sorted(terms))).search(skeleton.text):
        return hits  # the common case: no term anywhere, decided in one pass
    for term in sorted(terms, key=len, reverse=True):  # 稳赚不赔 before 稳赚
        pattern = _pattern(term)
        if pattern is None:
            continue
        excused = [span for word in terms[term].exceptions if (p := _pattern(word)) for span in _spans(p, skeleton)]
        for start, end in _spans(pattern, skeleton):
            if any(e_start <= start and end <= e_end for e_start, e_end in excused):
                continue
            if any(start < c_end and c_start < end for c_start, c_end in covered):
                continue
            covered.append((start, end))  # a longer term found here: its shorter ones are not found again
            origin, length = skeleton.span(start, end)
            if _said_as_warning(text, origin, origin + length, warning):
                continue
            hits.append(TermHit(term, terms[term].reason, origin, length))
    return sorted(hits, key=lambda h: h.start)


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


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _said_as_warning(text: str, start: int, end: int, warning: bool) -> bool:
    sentence_start = max(text.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    before = text[sentence_start:start]
    if DENIED_BEFORE.search(fold(before[-24:], chinese=True).text) or DENIED_AFTER.match(text[end : end + 12]):
        return True
    if warning:
        return quoted(text, start, end)
    return warned_against(text, start, end)


def _skeleton(text: str) -> Folded:
    """Letters and digits, lower-case; a single space where anything else stood between them, and '|'
    where a phrase ends."""
    folded = fold(text, chinese=True)
    chars: list[str] = []
    origin: list[int] = []
    last = "|"
    for ch, at in zip(folded.text, folded.origin, strict=True):
        kind = _kind(ch)
        if kind == " ":
            if last in " |":
                continue
        elif kind == "|":
            if last == " ":
                chars.pop()
                origin.pop()
                last = chars[-1] if chars else "|"
            if last == "|":
                continue
        chars.append(kind)
        origin.append(at)
        last = kind
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded("".join(chars), origin)


@cache
def _kind(ch: str) -> str:
    """A character of the skeleton: itself lower-cased if it is a letter or digit, '|' if it ends a phrase,
    ' ' for anything else."""
    lower = ch.lower()
    if len(lower) == 1 and is_word_char(lower):
        return lower
    return "|" if ch in BREAKS else " "


@cache
def _any_term(terms: tuple[str, ...]) -> re.Pattern[str]:
    patterns = [p.pattern for term in terms if (p := _pattern(term)) is not None]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


@cache
def _pattern(term: str) -> re.Pattern[str] | None:
    """A term's pattern on skeletons: a space may fall between any two of its characters."""
    words = [w for w in _skeleton(term).text.replace("|", " ").split(" ") if w]
    if not words:
        return None
    hangul = any(_is_hangul(ch) for ch in words[0])
    body = (KOREAN_PARTICLE if hangul else " ?").join(" ?".join(map(re.escape, word)) for word in words)
    first, last = words[0][0], words[-1][-1]
    if first.isascii() and first.isalnum():
        body = r"(?<![a-z0-9])" + body
    elif _is_hangul(first):
        body = r"(?<![\uac00-\ud7a3])" + body
    if last.isascii() and last.isalpha():
        body += r"(?![a-z])"
    return re.compile(body)


def _spans(pattern: re.Pattern[str], skeleton: Folded) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(skeleton.text)]


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or unicodedata.name(ch, "").startswith("HANGUL")
