"""Putting staff-written text into Markdown safely: plain text stays plain, Markdown loses raw HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|])")


def plain(value: object) -> str:
    """Text shown as typed: no Markdown, no HTML."""
    text = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", " ")


# A line break typed inside a Chinese paragraph is not a space: join such lines (Korean keeps its spaces).
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_SOFT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")


def markdown_text(value: object) -> str:
    """Markdown written by staff: formatting allowed, raw HTML shown as text, never run."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").strip()
    return _SOFT_BREAK.sub("", text)


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
    env.filters["md"] = markdown_text
    env.filters["urlsafe"] = urlsafe
    return env
