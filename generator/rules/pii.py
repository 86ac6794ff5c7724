"""Personal data that must never be published: ID numbers, phone numbers, card numbers, e-mail.

Numbers are found as runs of digits, however they are written: with spaces, hyphens or dots between any
digits, with invisible characters between them (folded away first), with a 0086/+86 or 0082/+82 prefix.
Each run, and each part of it, is then judged by what the number itself says (check digits, birth dates,
mobile prefixes, how a Korean number is grouped) and by the word before it (an order or waybill number
is not a card or a resident number).

Phone numbers are read as the file's country writes them (`lang`: zh, ko; else as the text itself suggests):
in a Chinese file 010-12345678 is a Beijing landline, in a Korean one 010-1234-5678 a mobile. A mobile is
always a person's: an error. A landline may be a person's or an institution's: a warning, unless the word
before it says it is a hotline, or the site lists it among its `public_numbers`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.i18n import N_, _
from generator.rules.normalize import fold

# A run: digits (and '*', which either masks a digit or is Markdown's emphasis around one) with at most a short
# separator between two of them: "138 1234 5678", "138 - 1234 - 5678", "(02) 123-4567"; it may not touch
# other digits.
_SEPARATOR = r"(?:[ \u00a0]{0,2}[.\-\u2010-\u2015\u2212][ \u00a0]{0,2}|[ \u00a0]{1,2}|\)[ \-]?)"
DIGIT_RUN = re.compile(
    rf"(?<![\d*])(?:\+|\(\+?)?(?=[\d*]*\d)[\d*](?:{_SEPARATOR}?[\d*])*(?:[ \-]?[Xx](?![A-Za-z]))?(?![\d*])"
)
_GROUP = re.compile(r"\d+|[Xx]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
MAX_GROUPS = 20  # no personal number is written in more parts (a card of 19 digits, each set apart)

_AT = r"(?:\s*(?:@|[(\[{<（【]\s*(?:at|@)\s*[)\]}>）】])\s*|\s+at\s+|#)"
_DOT = r"(?:\.|。|\s*[(\[{<（【]\s*(?:dot|\.|点)\s*[)\]}>）】]\s*|\s+dot\s+)"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Written out so a filter misses it: name at example dot com, name(at)example.com, name[@]163[.]com,
# wangli#163.com ("# 换成 @"), wangli@163。com
SPELT_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+){_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}}\b",
    re.IGNORECASE,
)
# Words that stand before "at" in an English sentence ("visit us at demo-bank.com"), not a mailbox name
_SENTENCE_WORDS = {
    "am", "are", "arrive", "arrived", "available", "be", "been", "call", "find", "found", "her", "here", "him",
    "is", "it", "look", "looked", "looking", "me", "meet", "online", "open", "register", "shop", "stay",
    "them", "there", "us", "visit", "was", "we", "were", "work", "works", "you", "apply", "only",
}  # fmt: skip
# Numbers that are not about a person: the word right before them says what they are.
_NOT_PERSONAL = re.compile(
    r"(?:订单|运单|快递单|物流单|快递|流水|交易|工单|发票|票|取件码|order|tracking|waybill|invoice|주문|운송장|송장|등기)"
    r"\s?(?:号码|编号|单号|号|번호|number|no\.?|id)?\s*[:：#]?\s*(?:是|为|는|은)?\s*$",
    re.IGNORECASE,
)

_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_CHECK = "10X98765432"
_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_CN_MOBILE = re.compile(r"1[3-9]\d{9}")
_CN_LANDLINE = re.compile(r"0(?:[12]\d\d{8}|[3-9]\d{2}\d{7,8})")  # 010/02x + 8 digits, 0xxx + 7 or 8
_KR_MOBILE = re.compile(r"01[016789]\d{7,8}")
_KR_LANDLINE = re.compile(r"0(?:2|[3-6][1-5])\d{7,8}")
# Words that say the number after them is an institution's, published to be called: 反诈专线010-…
_PUBLIC = re.compile(
    r"(?:专线|热线|客服|服务电话|咨询电话|举报电话|投诉电话|报警电话|官方电话|总机|hotline|helpline|service line"
    r"|콜센터|고객센터|상담센터|상담전화|신고전화|대표번호)\s?(?:电话|号码|번호)?\s*[:：]?\s*(?:是|为|는|은)?\s*$",
    re.IGNORECASE,
)


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
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= dt.date.today().year:  # 6120 1050 1101 3011 06 is a card, not a person of 5011
        return False
    return _CN_CHECK[_cn_total(number) % 11] == number[17]


def _cn_total(number: str) -> int:
    return sum(int(d) * w for d, w in zip(number[:17], _CN_WEIGHTS, strict=True))


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


def find_personal_data(text: str, lang: str | None = None, public: frozenset[str] = frozenset()) -> list[Finding]:
    """`lang`: the language of the file the text is in (zh, ko; None: as the text suggests). `public`: the
    digits of numbers published to be called (the site's hotline, its `public_numbers`)."""
    folded = fold(text)
    found: list[Finding] = []
    # 010-1234-5678 is a Korean mobile, and a Beijing landline in a Chinese file
    if lang in ("zh", "ko"):
        country = "kr" if lang == "ko" else "cn"
    elif _HANGUL.search(folded.text):
        country = "kr"
    else:
        country = "cn" if _HAN.search(folded.text) else None
    for run in DIGIT_RUN.finditer(folded.text):
        before = folded.text[max(0, run.start() - 16) : run.start()]
        for start, end, rule, severity, message in _judge_run(run, before, country, public):
            origin, length = folded.span(start, end)
            found.append(Finding(rule, origin, length, severity, message))
    for match in EMAIL.finditer(folded.text):
        origin, length = folded.span(*match.span())
        found.append(Finding("pii-email", origin, length, "error", _(MESSAGES["pii-email"])))
    taken = [(f.start, f.start + f.length) for f in found if f.rule == "pii-email"]
    for match in SPELT_EMAIL.finditer(folded.text):
        origin, length = folded.span(*match.span())
        if any(start < origin + length and origin < end for start, end in taken):
            continue
        if _spelt_mailbox(match, folded.text):
            found.append(Finding("pii-email", origin, length, "error", _(MESSAGES["pii-email-spelt"])))
    return sorted(found, key=lambda f: f.start)


def scan(strings: Iterator[tuple[tuple, str]]) -> Iterator[tuple[tuple, str, Finding]]:
    for path, value in strings:
        for finding in find_personal_data(value):
            yield path, value, finding


MESSAGES = {
    "pii-cn-id": N_("an unmasked Chinese resident ID number; mask it, e.g. 110105********002X"),
    "pii-cn-id-check-masked": N_(
        "a Chinese resident ID number with only its check digit masked: the check digit can be worked out from "
        "the rest; mask the middle, e.g. 110105********002X"
    ),
    "pii-kr-rrn": N_("an unmasked Korean resident registration number; mask it, e.g. 900101-1******"),
    "pii-bank-card": N_("an unmasked bank card number; mask it, e.g. 6222 **** **** 0128"),
    "pii-bank-card-maybe": N_(
        "looks like a bank card number (16–19 digits); if it is one, mask it, e.g. 6222 **** **** 0128"
    ),
    "pii-phone-cn": N_("an unmasked mobile phone number; mask it, e.g. 138****5678"),
    "pii-phone-kr": N_("an unmasked Korean mobile phone number; mask it, e.g. 010-****-5678"),
    "pii-landline-cn": N_(
        "a landline number: if it is a person's, mask it, e.g. 010-****5678; if it is an institution's "
        "published number, add it to public_numbers: in content/site.yaml"
    ),
    "pii-landline-kr": N_(
        "a Korean landline number: if it is a person's, mask it, e.g. 02-***-4567; if it is an institution's "
        "published number, add it to public_numbers: in content/site.yaml"
    ),
    "pii-email": N_("an e-mail address; remove it or mask it, e.g. w***@example.com"),
    "pii-email-spelt": N_("an e-mail address written out ('at', 'dot'); remove it or mask it, e.g. w***@example.com"),
}


def phone_digits(number: str) -> str:
    """A phone number as compared with the site's public numbers: its national digits (+86 10 … is 010 …)."""
    digits = re.sub(r"\D", "", number)
    for country in ("86", "82"):
        for prefix in (f"00{country}", country if number.strip().startswith("+") else None):
            if prefix and digits.startswith(prefix) and len(digits) > len(prefix) + 6:
                national = digits[len(prefix) :]
                return national if _CN_MOBILE.fullmatch(national) else "0" + national.lstrip("0")
    return digits


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    digits: str
    start: int  # in the folded text
    end: int
    joined_by: str  # the separator before this group ("" for the first)
    masked_after: bool  # a '*' follows it directly: a digit masked


def _judge_run(
    run: re.Match[str], before: str, country: str | None, public: frozenset[str]
) -> list[tuple[int, int, str, str, str]]:
    """Every personal number in one run of digits: the whole run first, then its longest parts.

    A '*' is only a mask when it stands for digits: 138****5678 shows seven, but **13812345678** (bold)
    and 138*1234*5678 (which Markdown shows as 138<em>1234</em>5678) show every digit of the number."""
    if _NOT_PERSONAL.search(before) or (public and phone_digits(run.group()) in public):
        return []
    groups: list[_Group] = []
    previous_end = None
    for match in _GROUP.finditer(run.group()):
        start, end = run.start() + match.start(), run.start() + match.end()
        joined = "" if previous_end is None else run.string[previous_end:start]
        groups.append(_Group(match.group(), start, end, joined, run.string[end : end + 1] == "*"))
        previous_end = end
    plus = run.group().lstrip("(*").startswith("+")
    found: list[tuple[int, int, str, str, str]] = []
    used = [False] * len(groups)
    for size in range(min(len(groups), MAX_GROUPS), 0, -1):
        for first in range(len(groups) - size + 1):
            part = range(first, first + size)
            if any(used[i] for i in part):
                continue
            verdict = _judge(groups[first : first + size], plus and first == 0, country)
            if verdict is not None and verdict[1] == "warning" and verdict[0] == "pii-phone":
                if _PUBLIC.search(before if first == 0 else "") or _public(groups[first : first + size], public):
                    verdict = None  # a hotline, said to be one, or listed in site.yaml
            if verdict is not None:
                found.append((groups[first].start, groups[first + size - 1].end, *verdict))
                for i in part:
                    used[i] = True
    return found


def _judge(groups: list[_Group], plus: bool, country: str | None) -> tuple[str, str, str] | None:
    digits = "".join(g.digits for g in groups).upper()
    lengths = [len(g.digits) for g in groups]
    if "X" in digits[:-1] or any(g.digits.upper() == "X" for g in groups[:-1]):
        return None
    if len(digits) == 17 and groups[-1].masked_after and cn_id_valid(digits + _CN_CHECK[_cn_total(digits) % 11]):
        return "pii-cn-id", "error", _(MESSAGES["pii-cn-id-check-masked"])
    if digits.endswith("X"):
        return ("pii-cn-id", "error", _(MESSAGES["pii-cn-id"])) if cn_id_valid(digits) else None
    if len(digits) == 18 and cn_id_valid(digits):
        return "pii-cn-id", "error", _(MESSAGES["pii-cn-id"])
    rrn_grouping = lengths == [13] or lengths[0] == 6
    if len(digits) == 13 and rrn_grouping and rrn_birth_date(digits) is not None:
        # Numbers issued since October 2020 carry no check digit: a failed checksum proves nothing.
        return "pii-kr-rrn", "error", _(MESSAGES["pii-kr-rrn"])
    card_grouping = len(lengths) == 1 or all(n == 4 for n in lengths[:-1])  # 6222 0212 3456 7890 128
    if 16 <= len(digits) <= 19 and card_grouping and not _years(groups):
        if luhn_valid(digits):
            return "pii-bank-card", "error", _(MESSAGES["pii-bank-card"])
        return "pii-bank-card", "warning", _(MESSAGES["pii-bank-card-maybe"])
    chinese = _without_country(digits, lengths, plus, "86")
    if chinese is not None and _CN_MOBILE.fullmatch(chinese[0]):
        return "pii-phone", "error", _(MESSAGES["pii-phone-cn"])
    korean = _without_country(digits, lengths, plus, "82")
    if korean is not None and (country != "cn" or korean[2]):  # in a Chinese file, only with +82 or 0082
        number, groups_left, international = korean
        if international and not number.startswith("0"):
            number = "0" + number  # +82 10 … is 010 …
        # Korean numbers are written in three groups (010-1234-5678, 02-123-4567) or as one; two groups,
        # the second of seven or eight digits, is how China writes a landline (010-12345678).
        korean_grouping = len(groups_left) in (1, 3) or (len(groups_left) == 2 and groups_left[-1] <= 4)
        if korean_grouping and _KR_MOBILE.fullmatch(number):
            return "pii-phone", "error", _(MESSAGES["pii-phone-kr"])
        if korean_grouping and _KR_LANDLINE.fullmatch(number):
            return "pii-phone", "warning", _(MESSAGES["pii-landline-kr"])
    if chinese is not None and (country != "kr" or chinese[2]):  # in a Korean file, only with +86 or 0086
        number, groups_left, international = chinese
        if international:
            number = "0" + number.lstrip("0")  # +86 10 … is 010 …
        # 010-12345678, 0755-1234567, (021)87654321, 01012345678, 010-8888-6666: an area code, then 7 or 8
        china_grouping = len(groups_left) == 1 or groups_left[1:] in ([7], [8], [4, 4], [3, 4])
        if china_grouping and _CN_LANDLINE.fullmatch(number):
            return "pii-phone", "warning", _(MESSAGES["pii-landline-cn"])
    return None


def _public(groups: list[_Group], public: frozenset[str]) -> bool:
    return bool(public) and phone_digits("".join(g.digits for g in groups)) in public


def _without_country(digits: str, lengths: list[int], plus: bool, country: str) -> tuple[str, list[int], bool] | None:
    """The national number and its group lengths, with the country code (+86, 0086, 86 ...) taken off."""
    for prefix in (f"00{country}", country):
        if digits.startswith(prefix):
            left, taken = list(lengths), len(prefix)
            while taken > 0 and left:
                if left[0] <= taken:
                    taken -= left.pop(0)
                else:
                    left[0] -= taken
                    taken = 0
            return digits[len(prefix) :], left, True
    return None if plus else (digits, lengths, False)  # with a '+', another country's number


def _years(groups: list[_Group]) -> bool:
    """2019 2020 2021 2022: a list of years, not a card number."""
    return len(groups) >= 2 and all(len(g.digits) == 4 and 1900 <= int(g.digits) <= 2099 for g in groups)


def _spelt_mailbox(match: re.Match[str], text: str) -> bool:
    """'wang.li at 163 dot com' is a mailbox; 'visit us at demo-bank.com' and 'Details at …' are sentences."""
    written = match.group()
    if re.search(r"[(\[{<（【]\s*(?:at|@)\s*[)\]}>）】]|#|@", written, re.IGNORECASE):
        return True  # name(at)example.com, name#163.com, name@163[.]com are written that way on purpose
    local = match.group(1)
    if re.search(r"[\d._%+-]", local):
        return True
    if local.lower() in _SENTENCE_WORDS or not local.islower():
        return False  # a word of a sentence, or a capitalised one starting it
    return not re.search(r"[A-Za-z]+[ \t]+$", text[: match.start()])  # "... look at" in an English sentence
