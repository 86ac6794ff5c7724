"""What each channel holds, stated once: the rules check against these and the renderers write within them."""

from __future__ import annotations

SMS_SEGMENT = 70  # characters in one Chinese SMS (UTF-16 units), the signature included
FRAGMENT_BUDGET = 16 * 1024  # bytes of an app fragment without its picture


def sms_length(text: str) -> int:
    """Characters as a phone counts them: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2
