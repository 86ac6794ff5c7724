"""Rule too-long for text messages, one check per carrier, counted as it counts (generator/channels.py):
a Chinese message of more than one part, a Korean LMS (it costs more than an SMS) are warnings that say
the count; a Korean message over what an LMS holds, or with a character no Korean carrier can send, is an
error that withholds the text message alone."""

from __future__ import annotations

from generator.channels import Sms, alert_sms, sms_message
from generator.i18n import _
from generator.labels import Labels
from generator.model import Content
from generator.problems import SMS, Problems
from generator.yamlsource import Source


def check(content: Content, sources: dict[str, Source], labels: Labels | None = None) -> Problems:
    """Every case's text message, and (with the interface words an alert's message is made with) every alert's."""
    problems = Problems()
    messages = [(version.file, version.lang, sms_message(version, content.site)) for version in content.cases.values()]
    for version in content.alerts.values() if labels is not None else []:
        words = {**labels.get("en", {}), **labels.get(version.lang, {})}
        messages.append((version.file, version.lang, alert_sms(version, content.site, words)))
    for file, lang, sms in messages:
        source = sources.get(file)
        line, column = source.position((sms.field,)) if source else (1, 1)
        where = (file, line, column)
        if lang == "ko":
            _check_korean(problems, where, sms)
        else:
            _check_parts(problems, where, sms, lang)
    return problems


def _check_parts(problems: Problems, where: tuple[str, int, int], sms: Sms, lang: str) -> None:
    """Chinese (and any other language): one message, or parts joined on the phone, each billed."""
    if sms.parts == 1:
        return
    problems.add(
        *where,
        "too-long",
        _(
            "the text message has {count} characters{signed}: it goes out as {parts} messages, each billed "
            "(one message holds {one}, each part of a longer one {part}); to send one, keep `sms:` within {one}",
            count=sms.count,
            signed=_(", the signature included") if lang == "zh" else "",
            parts=sms.parts,
            one=sms.one,
            part=sms.part,
        ),
        severity="warning",
    )


def _check_korean(problems: Problems, where: tuple[str, int, int], sms: Sms) -> None:
    """Korean: up to 90 bytes an SMS, up to 2,000 an LMS (with a 40-byte subject), beyond that nothing."""
    if sms.unsendable:
        problems.add(
            *where,
            "too-long",
            _(
                "the character '{char}' cannot be sent in a Korean text message (carriers use the EUC-KR / CP949 "
                "set, which does not have it): the text message is left out (the rest is published); remove it",
                char=sms.unsendable[0],
            ),
            scope=SMS,
        )
    elif sms.count > sms.part:
        problems.add(
            *where,
            "too-long",
            _(
                "the text message has {count} bytes (a Hangul syllable counts 2); an LMS holds at most {lms}: "
                "the text message is left out (the rest is published); shorten it",
                count=sms.count,
                lms=sms.part,
            ),
            scope=SMS,
        )
    elif sms.kind == "lms":
        problems.add(
            *where,
            "too-long",
            _(
                "the text message has {count} bytes (a Hangul syllable counts 2): over {one} bytes it goes out as "
                "an LMS, which costs more than an SMS, with the subject '{subject}'; to send an SMS, keep `sms:` "
                "within {one} bytes",
                count=sms.count,
                one=sms.one,
                subject=sms.subject,
            ),
            severity="warning",
        )
