"""<id>.html: one root element the app's CMS embeds as it is — inline styles only, colours that hold
on a light and a dark host (text colour is the host's own), sizes in em so the app's text size scales it."""

from __future__ import annotations

import re

from generator.mobile.parts import Parts

ACCENT = "#d32f2f"  # a border and a marker, never text: visible on white and on near-black hosts
BOX = "margin:1em 0;padding:0.6em 0.9em;border-left:0.3em solid {color};border-radius:0.2em"


def render_fragment(parts: Parts) -> str:
    t = parts.labels
    flags = "".join(f"<li>{x}</li>" for x in parts.red_flags)
    advice = "".join(f"<li>{x}</li>" for x in parts.advice)
    complaint = "".join(f"<div>{label}{t['sep']}{value}</div>" for label, value in parts.complaint_lines)
    image = (
        f'<img src="{parts.image_uri}" alt="{parts.image_alt}" style="display:block;max-width:100%;height:auto;'
        f'margin:0.8em 0;border-radius:0.3em">'
        if parts.image_uri
        else ""
    )
    story = _inline_story(parts.story_html)
    slogan = f'<p style="font-size:1.1em;font-weight:bold;margin:0 0 0.8em">{parts.slogan}</p>' if parts.slogan else ""
    return (
        f'<article lang="{parts.lang}" style="font-size:1em;line-height:1.7;color:inherit;'
        f'overflow-wrap:break-word;word-break:{"keep-all" if parts.lang == "ko" else "normal"}">'
        + (
            f'<p style="margin:0 0 0.8em;padding:0.4em 0.7em;border:0.15em dashed {ACCENT};font-weight:bold">'
            f"{parts.mark}</p>"
            if parts.mark
            else ""
        )
        + f'<h2 style="font-size:1.35em;line-height:1.4;margin:0 0 0.5em;word-break:keep-all">{parts.heading}</h2>'
        f'<p style="font-weight:bold;margin:0 0 0.8em">{parts.summary}</p>'
        f"{slogan}"
        f"{image}"
        f'<div style="margin:0 0 0.8em">{story}</div>'
        f'<section style="{BOX.format(color=ACCENT)}">'
        f'<h3 style="font-size:1.1em;margin:0 0 0.3em">⚠ {t["red_flags"]}</h3>'
        f'<ul style="margin:0;padding-left:1.2em">{flags}</ul></section>'
        f'<section style="{BOX.format(color="#2e7d32")}">'
        f'<h3 style="font-size:1.1em;margin:0 0 0.3em">✓ {t["advice"]}</h3>'
        f'<ul style="margin:0;padding-left:1.2em">{advice}</ul></section>'
        f'<section style="{BOX.format(color="#1565c0")}">'
        f'<h3 style="font-size:1.1em;margin:0 0 0.3em">{t["hotline_box"]}</h3>'
        f'<div>{t["hotline"]}{t["sep"]}<strong style="font-size:1.15em">{parts.hotline}</strong></div>'
        f"{complaint}</section>"
        f'<p style="font-size:0.8em;margin:1em 0 0">{parts.organization} · {parts.review}</p>'
        f"</article>"
    )


_TAG_STYLES = {
    "p": "margin:0 0 0.8em",
    "ul": "margin:0 0 0.8em;padding-left:1.2em",
    "ol": "margin:0 0 0.8em;padding-left:1.2em",
    "a": "color:inherit;text-decoration:underline",
    "blockquote": "margin:0 0 0.8em;padding-left:0.8em;border-left:0.2em solid #9e9e9e",
}


def _inline_story(story_html: str) -> str:
    """The sanitised story with the host-independent inline styles a fragment needs."""

    def add_style(match: re.Match[str]) -> str:
        tag, rest = match.group(1), match.group(2)
        style = _TAG_STYLES.get(tag)
        return f'<{tag} style="{style}"{rest}>' if style else match.group(0)

    return re.sub(r"<(p|ul|ol|a|blockquote)((?:\s[^>]*)?)>", add_style, story_html)
