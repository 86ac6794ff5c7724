"""Staff Markdown -> safe HTML, rendered once and reused by every renderer (site, mobile)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import markdown
import nh3

from generator.cache import code_digest, read_json, write_atomic

# A line break typed inside a Chinese paragraph is not a space: join such lines (Korean keeps its spaces).
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_SOFT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")

TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "code",
    "pre",
    "hr",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
    "sup",
    "sub",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def prepare(text: str) -> str:
    """Raw HTML becomes visible text before Markdown sees it; CJK soft line breaks disappear."""
    escaped = html.escape(text.strip(), quote=False)
    return _SOFT_BREAK.sub("", escaped)


def render_markdown(text: str) -> str:
    """Markdown from a case or theme as sanitised HTML: no script, no handler, no foreign scheme."""
    if not _stored.open:  # outside a site build (the app's files, WeChat, a long preview): bounded, in memory
        return sanitize(_convert(text))
    key = hashlib.sha1(text.encode("utf-8")).hexdigest()
    rendered = _stored.texts.get(key)
    if rendered is None:
        rendered = _convert(text)
        _stored.texts[key] = rendered
        _stored.changed = True
    _stored.used.add(key)
    return sanitize(rendered)  # what an earlier build stored too: the cache folder never decides what a page runs


@lru_cache(maxsize=4096)
def _convert(text: str) -> str:
    return _converter().reset().convert(prepare(text))


@dataclass
class _Stored:
    texts: dict[str, str] = field(default_factory=dict)  # digest of a text -> its HTML before sanitising
    used: set[str] = field(default_factory=set)
    changed: bool = False
    open: bool = False  # inside stored_renderings


_stored = _Stored()


@contextmanager
def stored_renderings(cache_file: Path) -> Iterator[None]:
    """Texts rendered by an earlier build, read from `cache_file` (JSON): Markdown is the slow part of a
    thousand case pages. Written back afterwards with just the texts this build rendered."""
    global _stored
    _stored = _Stored(open=True)
    data = read_json(cache_file)  # None: no cache yet, or an unreadable one: render everything again
    if isinstance(data, dict) and data.get("version") == _render_code() and isinstance(data.get("texts"), dict):
        _stored.texts = {k: v for k, v in data["texts"].items() if isinstance(v, str)}
    try:
        yield
    finally:
        if _stored.changed or set(_stored.texts) - _stored.used:
            kept = {key: _stored.texts[key] for key in _stored.used}
            try:
                write_atomic(cache_file, json.dumps({"version": _render_code(), "texts": kept}, ensure_ascii=False))
            except OSError:
                pass  # a shortcut for the next build, not part of this one
        _stored = _Stored()


def _render_code() -> str:
    return code_digest("markup.py", "lib:markdown")


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset between texts: building one costs as much as converting a story."""
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
