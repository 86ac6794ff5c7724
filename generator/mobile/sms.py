"""<id>.txt: one SMS segment — at most 70 characters, counted as a phone counts them (UTF-16 units)."""

from __future__ import annotations

from generator.channels import SMS_SEGMENT, sms_length
from generator.model import CaseVersion, Site

TEMPLATES = {
    "zh": ["【{org}】{text}。如有疑问请拨打{hotline}", "【{org}】{text}。咨询{hotline}", "{text}。咨询{hotline}"],
    "ko": ["[{org}] {text}. 문의 {hotline}", "{text}. 문의 {hotline}"],
    "en": ["{org}: {text}. Questions? Call {hotline}", "{org}: {text}. Call {hotline}", "{text}. Call {hotline}"],
}


def sms_text(version: CaseVersion, site: Site) -> str:
    case = version.case
    if case.sms:
        return case.sms.strip()
    org = site.text(site.organization, version.lang) or ""
    templates = TEMPLATES.get(version.lang, TEMPLATES["en"])
    for text in [t for t in (case.slogan, case.title) if t]:
        text = text.strip().rstrip("。.!！")
        for template in templates:
            message = template.format(org=org, text=text, hotline=site.hotline)
            if sms_length(message) <= SMS_SEGMENT:
                return message
    # Nothing fits whole: shorten the text, never the hotline.
    template = templates[-1]
    room = SMS_SEGMENT - sms_length(template.format(org=org, text="", hotline=site.hotline)) - 1
    text = (case.slogan or case.title).strip()
    while text and sms_length(text) > room:
        text = text[:-1]
    return template.format(org=org, text=text + "…", hotline=site.hotline)
