"""What each channel holds, stated once, counted as its carrier counts: the rules check against these and
the renderers write within them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.alert import AlertVersion, alert_heading
from generator.model import CaseVersion, Site

# A text message in UCS-2 (Chinese, Korean on a Unicode network, any emoji): a phone counts UTF-16 units.
SMS_ZH_ONE = 70  # characters in one Chinese message, the 【bank】 signature included
SMS_ZH_PART = 67  # characters in each part of a longer one (3 go to the header that joins the parts)
# A text wholly in the GSM 7-bit alphabet (English): septets.
SMS_GSM_ONE = 160
SMS_GSM_PART = 153
# Korean carriers count EUC-KR / CP949 bytes: a Hangul syllable 2, a Latin letter or digit 1.
SMS_KO_BYTES = 90  # an SMS
LMS_KO_BYTES = 2000  # beyond 90 bytes an LMS, which costs more, up to this
LMS_KO_SUBJECT_BYTES = 40  # the LMS subject line
# A WeChat Official Account article, as the draft API (draft/add) takes it.
WECHAT_TITLE = 32  # characters
WECHAT_DIGEST = 128  # characters
WECHAT_CONTENT = 20_000  # characters of HTML, tags counted: the content must be shorter than this
WECHAT_IMAGE_BYTES = 1024 * 1024  # a picture in the content, as uploadimg takes it (JPEG or PNG)
# An app fragment without its picture.
FRAGMENT_BUDGET = 16 * 1024  # bytes

SIGNATURE = re.compile(r"^【[^【】]+】|【[^【】]+】$")  # a Chinese message is signed 【bank】 at its start or end
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = set("^{}\\[~]|€\f")  # two septets each

TEMPLATES = {  # a message made from the slogan or the title when a case has no `sms:` of its own
    "zh": ["【{org}】{text}。如有疑问请拨打{hotline}", "【{org}】{text}。咨询{hotline}"],
    "ko": ["[{org}] {text}. 문의 {hotline}", "{text}. 문의 {hotline}"],
    "en": ["{org}: {text}. Questions? Call {hotline}", "{org}: {text}. Call {hotline}", "{text}. Call {hotline}"],
}

ALERT_TEMPLATES = {  # an alert's message when it has no `sms:` of its own: its level said first, then its text
    "zh": [
        "【{org}】{heading}·{level}：{text}。咨询{hotline}",
        "【{org}】{level}：{text}。咨询{hotline}",
        "【{org}】{text}",
    ],
    "ko": [
        "[{org}] {heading}({level}) {text}. 문의 {hotline}",
        "[{org}] {text}. 문의 {hotline}",
        "{text}. 문의 {hotline}",
    ],
    "en": ["{org} {heading} ({level}): {text}. Call {hotline}", "{org}: {text}. Call {hotline}", "{text}"],
}


@dataclass(frozen=True)
class Sms:
    """A case's text message as the customer receives it, and what the carrier makes of it."""

    text: str
    field: str  # the case field it comes from: sms, slogan or title
    unit: str  # "characters" or "bytes"
    count: int  # as the carrier counts
    one: int  # what one message holds
    part: int  # what each part of a longer message holds (Korean: what an LMS holds)
    parts: int  # messages it takes (Korean: 1, an SMS or an LMS)
    kind: str  # "sms", "long-sms" (several parts joined on the phone) or "lms" (Korean)
    subject: str = ""  # the subject line of a Korean LMS
    unsendable: str = ""  # characters a Korean message cannot carry

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "count": self.count,
            "unit": self.unit,
            "parts": self.parts,
            "subject": self.subject,
            "text": self.text,
        }


def sms_length(text: str) -> int:
    """Characters as a phone counts them: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def gsm_length(text: str) -> int | None:
    """Septets of a text in the GSM 7-bit alphabet; None when a character is not in it (then UCS-2)."""
    if not all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text):
        return None
    return sum(2 if ch in GSM_EXTENDED else 1 for ch in text)


def korean_bytes(text: str) -> tuple[int, str]:
    """Bytes of `text` in CP949 (the EUC-KR count Korean carriers use), and the characters it cannot hold."""
    count, bad = 0, ""
    for ch in text:
        try:
            count += len(ch.encode("cp949"))
        except UnicodeEncodeError:
            count += 2
            bad += ch
    return count, bad


def parts_needed(count: int, one: int, part: int) -> int:
    return 1 if count <= one else math.ceil(count / part)


def measure(text: str, lang: str, field: str = "sms", subject: str = "") -> Sms:
    """How the carrier counts `text` in `lang`."""
    if lang == "ko":
        count, bad = korean_bytes(text)
        kind = "sms" if count <= SMS_KO_BYTES else "lms"
        return Sms(
            text, field, "bytes", count, SMS_KO_BYTES, LMS_KO_BYTES, 1, kind, subject if kind == "lms" else "", bad
        )
    septets = gsm_length(text) if lang != "zh" else None
    if septets is not None:
        parts = parts_needed(septets, SMS_GSM_ONE, SMS_GSM_PART)
        return Sms(text, field, "characters", septets, SMS_GSM_ONE, SMS_GSM_PART, parts, _kind(parts))
    count = sms_length(text)
    parts = parts_needed(count, SMS_ZH_ONE, SMS_ZH_PART)
    return Sms(text, field, "characters", count, SMS_ZH_ONE, SMS_ZH_PART, parts, _kind(parts))


def _kind(parts: int) -> str:
    return "sms" if parts == 1 else "long-sms"


def sms_message(version: CaseVersion, site: Site) -> Sms:
    """The case's text message: its own `sms:` (in Chinese signed 【bank】, as the carrier requires), else
    one made from its slogan or title with the hotline, in one message when a template allows. Never cut."""
    case, lang = version.case, version.lang
    org = site.text(site.organization, lang) or ""
    subject = lms_subject(version, site)
    if case.sms:
        text = case.sms.strip()
        if lang == "zh" and org and not SIGNATURE.search(text):
            text = f"【{org}】{text}"
        return measure(text, lang, "sms", subject)
    templates = TEMPLATES.get(lang, TEMPLATES["en"])
    candidates = [
        (name, _fill(template, org=org, text=text.strip().rstrip("。.!！"), hotline=site.hotline))
        for name, text in (("slogan", case.slogan), ("title", case.title))
        if text
        for template in templates
    ]
    measured = [measure(message, lang, name, subject) for name, message in candidates]
    return next((sms for sms in measured if sms.kind == "sms"), min(measured, key=lambda sms: sms.count))


def _fill(template: str, **values: str) -> str:
    """A message from its template; a text that gives the hotline itself is not followed by it again
    (…请立即挂断并拨打95599核实。, never …核实。咨询95599)."""
    hotline = re.sub(r"\D", "", values["hotline"])
    numbers = re.sub(r"(?<=\d)[\s-](?=\d)", "", values["text"])  # 400-820 8888 is 4008208888
    if hotline and re.search(rf"(?<!\d){hotline}(?!\d)", numbers):
        template = re.sub(r"([。.])[^。.{}]*\{hotline\}$", r"\1", template)
    return template.format(**values)


def lms_subject(version: CaseVersion, site: Site) -> str:
    """A Korean LMS's subject: [bank] and the slogan, or the title, or [bank] alone: the first that fits."""
    org = site.text(site.organization, version.lang) or ""
    case = version.case
    for candidate in (f"[{org}] {case.slogan or ''}", f"[{org}] {case.title}", f"[{org}]"):
        candidate = candidate.strip()
        if korean_bytes(candidate)[0] <= LMS_KO_SUBJECT_BYTES and not korean_bytes(candidate)[1]:
            return candidate
    return ""


def alert_sms(version: AlertVersion, site: Site, words: dict[str, str]) -> Sms:
    """An alert's push / SMS text: its own `sms:` (signed in Chinese), else one made from its level and text
    (`words`: the language's interface words, theme/pages/labels.yaml), in one message when a template allows."""
    alert, lang = version.alert, version.lang
    org = site.text(site.organization, lang) or ""
    heading, level = alert_heading(words, alert.level)
    subject = next((s for s in (f"[{org}] {heading}", f"[{org}]") if korean_bytes(s)[0] <= LMS_KO_SUBJECT_BYTES), "")
    if alert.sms:
        text = alert.sms.strip()
        if lang == "zh" and org and not SIGNATURE.search(text):
            text = f"【{org}】{text}"
        return measure(text, lang, "sms", subject)
    values = {
        "org": org,
        "heading": heading,
        "level": level,
        "text": alert.text.strip().rstrip("。.!！"),
        "hotline": site.hotline,
    }
    measured = [
        measure(_fill(t, **values), lang, "text", subject) for t in ALERT_TEMPLATES.get(lang, ALERT_TEMPLATES["en"])
    ]
    return next((sms for sms in measured if sms.kind == "sms"), min(measured, key=lambda sms: sms.count))
