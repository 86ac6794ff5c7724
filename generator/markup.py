"""Staff Markdown -> safe HTML, rendered once and reused by every renderer (site, mobile)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

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


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown from a case or theme as sanitised HTML: no script, no handler, no foreign scheme."""
    rendered = _converter().reset().convert(prepare(text))
    return sanitize(rendered)


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
