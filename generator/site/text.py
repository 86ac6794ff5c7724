"""Putting staff-written text into pages safely: plain text stays plain, Markdown loses raw HTML.

Page templates are Markdown (*.md.j2: every value goes through a filter below) or HTML (*.html.j2: every
value is escaped by Jinja, and rendered Markdown is marked safe)."""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.markup import render_markdown
from generator.phrases import phrases

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#!])")
# What would start a list if the text began a line ("- ", "+ ", "1. ", "1) "); only escapable characters are
# escaped (Markdown shows a backslash before any other: 3.15 must stay 3.15)
_BLOCK_START = re.compile(r"^(\s*)(?:([-+])(?=\s)|(\d+)([.)])(?=\s))")
# Control characters (Python-Markdown keeps its own placeholders in \x02…\x03): shown as a replacement mark
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def plain(value: object) -> str:
    """Text shown as typed: no Markdown, no HTML, and no {: attribute list } for attr_list to read."""
    text = html.escape(_CONTROL.sub("\ufffd", str(value)), quote=False).replace("\n", " ")
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # after: an entity's '#' is no heading mark; '|' as an entity splits no table cell and shows no backslash
    text = text.replace("{", "&#123;").replace("}", "&#125;").replace("|", "&#124;")
    return _BLOCK_START.sub(_escape_block_start, text)


def phrased(value: object) -> str:
    """A title as plain() makes it, with <wbr> between its Chinese phrases: with `word-break: keep-all` (the
    site's CSS for titles) a narrow phone breaks it there and nowhere else, as a slide would (以案说险 stays
    whole, 300元 too)."""
    return _phrased(value, plain)


def phrased_html(value: object) -> Markup:
    """phrased() for a page's HTML, which MkDocs' Markdown never reads: escaped as HTML only."""
    return Markup(_phrased(value, lambda piece: html.escape(_CONTROL.sub("\ufffd", str(piece)), quote=False)))


def _phrased(value: object, escape: Callable[[object], str]) -> str:
    text = " ".join(str(value).split())
    pieces = phrases(text)
    if "".join(pieces) != text:
        return escape(text)
    out = escape(pieces[0]) if pieces else ""
    for before, piece in zip(pieces, pieces[1:], strict=False):
        between_phrases = " " not in (before, piece) and bool(_HAN.search(before + piece))
        out += ("<wbr>" if between_phrases else "") + escape(piece)
    return out


def _escape_block_start(match: re.Match[str]) -> str:
    indent, bullet, number, mark = match.groups()
    return indent + ("\\" + bullet if bullet else number + "\\" + mark)


def html_block(value: object) -> Markup:
    """Staff Markdown, rendered and sanitised once (generator.markup), set into the page as one HTML block."""
    return Markup(f'<div class="cc-text">\n{render_markdown(str(value))}\n</div>')


def urlsafe(value: object) -> str:
    """Only web and mail links; anything else (javascript:, data:) becomes a dead '#'."""
    url = str(value).strip()
    if re.match(r"^(https?://|mailto:)", url, re.IGNORECASE):
        # Quotes, angle brackets, spaces and controls percent-encoded; what is already encoded stays so
        return urllib.parse.quote(url, safe=":/?#[]@!$&*+,;=%~").replace("(", "%28").replace(")", "%29")
    return "#"


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        keep_trailing_newline=True,
        trim_blocks=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["plain"] = plain
    env.filters["phrased"] = phrased
    env.filters["phrased_html"] = phrased_html
    env.filters["md"] = html_block
    env.filters["urlsafe"] = urlsafe
    return env


def template_error(error: jinja2.TemplateError, root: Path) -> str:
    """A template's mistake in a designer's terms: which file (from the project folder), which line, what."""
    if isinstance(error, jinja2.TemplateNotFound):
        return f"the template {error.name} is missing: Casecast needs it to build the pages"
    where, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:  # Jinja puts the template's own file and line into the traceback
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html")) and Path(name).is_file():
            where, line = name, tb.tb_lineno
        tb = tb.tb_next
    shown = "a template"
    if where:
        path = Path(where)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    place = shown + (f", line {line}" if line else "")
    return f"{place}: {error.message or type(error).__name__} (in the theme, not in the content)"
