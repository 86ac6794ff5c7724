"""The banner an urgent alert puts at the top of every page of its language, while it is live."""

from __future__ import annotations

import html

from generator.alert import AlertVersion, alert_heading


def alert_banner(versions: list[AlertVersion], words: dict[str, str]) -> str:
    """The live alerts, most urgent first, as HTML (every value escaped). Each is a live region read out as it
    appears (role="alert"), and says its level in words: colour alone tells nothing to many readers."""
    items = []
    for version in versions:
        level = version.alert.level.value
        heading = " · ".join(alert_heading(words, version.alert.level))
        items.append(
            f'<div class="cc-alert cc-alert--{level}" role="alert"><p class="cc-alert__inner">'
            f"<strong>{html.escape(heading)}</strong>{html.escape(words['sep'])}"
            f"{html.escape(version.alert.text)}</p></div>"
        )
    return "".join(items)
