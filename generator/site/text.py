"""Putting staff-written text into Markdown safely: plain text stays plain, Markdown loses raw HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

from generator.markup import render_markdown

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|])")


def plain(value: object) -> str:
    """Text shown as typed: no Markdown, no HTML."""
    text = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", " ")


def html_block(value: object) -> str:
    """Staff Markdown, rendered and sanitised once (generator.markup), set into the page as one HTML block."""
    return f'<div class="cc-text">\n{render_markdown(str(value))}\n</div>'


def urlsafe(value: object) -> str:
    """Only web and mail links; anything else (javascript:, data:) becomes a dead '#'."""
    url = str(value).strip()
    if re.match(r"^(https?://|mailto:)", url, re.IGNORECASE):
        return url.replace(" ", "%20").replace(")", "%29")
    return "#"


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=False,  # the output is Markdown; every value goes through a filter below
        keep_trailing_newline=True,
        trim_blocks=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["plain"] = plain
    env.filters["md"] = html_block
    env.filters["urlsafe"] = urlsafe
    return env
