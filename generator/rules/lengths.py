"""Rule too-long for SMS: a case's own `sms:` must fit one segment (70 characters)."""

from __future__ import annotations

from generator.channels import SMS_SEGMENT, sms_length
from generator.i18n import _
from generator.model import Content
from generator.problems import SMS, Problems
from generator.yamlsource import Source


def check(content: Content, sources: dict[str, Source]) -> Problems:
    problems = Problems()
    for version in content.cases.values():
        sms = version.case.sms
        if sms is None:
            continue
        length = sms_length(sms.strip())
        if length > SMS_SEGMENT:
            source = sources.get(version.file)
            line, column = source.position(("sms",)) if source else (1, 1)
            problems.add(
                version.file,
                line,
                column,
                "too-long",
                _(
                    "the SMS text has {length} characters; one message holds {most}: the text message is left out "
                    "(the rest is published); shorten it",
                    length=length,
                    most=SMS_SEGMENT,
                ),
                scope=SMS,
            )
    return problems
