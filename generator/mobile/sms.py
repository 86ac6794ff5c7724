"""<id>.txt: the case's text message as the customer receives it (generator/channels.py composes and counts
it), and <id>.sms.json: what the carrier makes of it — one message or several parts, an SMS or an LMS, with
the LMS subject — so whoever sends it knows the cost."""

from __future__ import annotations

import json

from generator.channels import Sms, sms_length, sms_message
from generator.model import CaseVersion, Site

__all__ = ["sms_facts", "sms_length", "sms_text"]


def sms_text(version: CaseVersion, site: Site) -> str:
    return sms_message(version, site).text


def sms_facts(sms: Sms) -> str:
    return json.dumps(sms.as_dict(), ensure_ascii=False, indent=2) + "\n"
