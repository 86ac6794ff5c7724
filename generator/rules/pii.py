"""Personal data that must never be published: ID numbers, phone numbers, card numbers, e-mail."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.rules.normalize import fold

# A digit run may be written with spaces or hyphens between groups; it may not touch other digits or '*'.
_EDGE_BEFORE = r"(?<![\d*])"
_EDGE_AFTER = r"(?![\d*])"

CN_ID = re.compile(
    _EDGE_BEFORE + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]" + _EDGE_AFTER
)
CN_MOBILE = re.compile(_EDGE_BEFORE + r"(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}" + _EDGE_AFTER)
CARD = re.compile(_EDGE_BEFORE + r"\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?" + _EDGE_AFTER)
KR_RRN = re.compile(_EDGE_BEFORE + r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?[1-8]\d{6}" + _EDGE_AFTER)
KR_PHONE = re.compile(
    _EDGE_BEFORE + r"(?:\+?82[ -]?0?|\(?0)(?:1[016789]|2|[3-6][1-5])\)?[- ]?\d{3,4}[ -]?\d{4}" + _EDGE_AFTER
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_CHECK = "10X98765432"
_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int  # in the original text
    length: int
    severity: str
    message: str


def cn_id_valid(number: str) -> bool:
    """GB 11643: a real birth date and the ISO 7064 MOD 11-2 check character."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _CN_WEIGHTS, strict=True))
    return _CN_CHECK[total % 11] == number[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def rrn_birth_date(number: str) -> dt.date | None:
    """The birth date of a Korean resident registration number; the 7th digit gives the century."""
    digits = re.sub(r"\D", "", number)
    century = {"1": 1900, "2": 1900, "3": 2000, "4": 2000, "5": 1900, "6": 1900, "7": 2000, "8": 2000}
    if len(digits) != 13 or digits[6] not in century:
        return None
    try:
        return dt.date(century[digits[6]] + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def rrn_checksum_valid(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    total = sum(int(d) * w for d, w in zip(digits[:12], _RRN_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == int(digits[12])


def find_personal_data(text: str) -> list[Finding]:
    folded = fold(text)
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], rule: str, message: str, severity: str = "error") -> None:
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return  # already reported as something more specific
        taken.append((start, end))
        origin, length = folded.span(start, end)
        found.append(Finding(rule, origin, length, severity, message))

    for match in CN_ID.finditer(folded.text):
        if cn_id_valid(match.group()):
            add(match, "pii-cn-id", "an unmasked Chinese resident ID number; mask it, e.g. 110105********002X")
    for match in KR_RRN.finditer(folded.text):
        if rrn_birth_date(match.group()) is not None:
            # Numbers issued since October 2020 carry no check digit: a failed checksum proves nothing.
            add(match, "pii-kr-rrn", "an unmasked Korean resident registration number; mask it, e.g. 900101-1******")
    for match in CARD.finditer(folded.text):
        digits = re.sub(r"\D", "", match.group())
        if 16 <= len(digits) <= 19:
            if luhn_valid(digits):
                add(match, "pii-bank-card", "an unmasked bank card number; mask it, e.g. 6222 **** **** 0128")
            else:
                add(
                    match,
                    "pii-bank-card",
                    "looks like a bank card number (16–19 digits); if it is one, mask it, e.g. 6222 **** **** 0128",
                    severity="warning",
                )
    for match in CN_MOBILE.finditer(folded.text):
        add(match, "pii-phone", "an unmasked mobile phone number; mask it, e.g. 138****5678")
    for match in KR_PHONE.finditer(folded.text):
        add(match, "pii-phone", "an unmasked Korean phone number; mask it, e.g. 010-****-5678")
    for match in EMAIL.finditer(folded.text):
        add(match, "pii-email", "an e-mail address; remove it or mask it, e.g. w***@example.com")
    return sorted(found, key=lambda f: f.start)


def scan(strings: Iterator[tuple[tuple, str]]) -> Iterator[tuple[tuple, str, Finding]]:
    for path, value in strings:
        for finding in find_personal_data(value):
            yield path, value, finding
