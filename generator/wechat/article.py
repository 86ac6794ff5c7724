"""One case version as a WeChat Official Account article, shaped as the draft API (draft/add) takes it:
title, author, digest and content, the content HTML with inline styles only (WeChat drops <style>, class
and script), pictures as files beside it for the uploader to send to uploadimg, and links written out as
text (an article may only link to other articles)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from generator.markup import render_markdown
from generator.model import CaseVersion, Site

FONT = "font-size:16px;line-height:1.75;color:inherit;overflow-wrap:break-word"
HEADING = "font-size:1.1em;font-weight:bold;margin:0 0 0.4em"
BOX = "margin:1.2em 0;padding:0.6em 0.9em;border-left:4px solid {color};border-radius:3px"
LIST = "margin:0;padding-left:1.2em"
ACCENT = {"flags": "#d32f2f", "advice": "#2e7d32", "contact": "#1565c0"}  # borders only, never text
STORY_STYLES = {
    "p": "margin:0 0 1em",
    "ul": "margin:0 0 1em;padding-left:1.2em",
    "ol": "margin:0 0 1em;padding-left:1.2em",
    "blockquote": "margin:0 0 1em;padding-left:0.8em;border-left:3px solid #9e9e9e",
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
}
LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)


@dataclass(frozen=True)
class Article:
    title: str
    author: str
    digest: str
    content: str  # HTML
    content_source_url: str  # the case page, "read more" under the article
    thumb: str | None  # the cover picture's file name (thumb_media_id once uploaded)
    images: list[str] = field(default_factory=list)  # files beside the article that the content shows

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "author": self.author,
            "digest": self.digest,
            "content": self.content,
            "content_source_url": self.content_source_url,
            "thumb": self.thumb,
            "images": self.images,
            "need_open_comment": 0,
            "only_fans_can_comment": 0,
        }


def render_article(
    version: CaseVersion, site: Site, labels: dict[str, str], image: str | None, cover: str | None, page_url: str
) -> Article:
    """`image`: the file name the case's picture is written under beside the article; `cover`: the picture
    used as the article's cover (the case's own, else the bank's logo)."""
    case, lang = version.case, version.lang
    e = html.escape
    t = labels
    review = version.review_line(site.review_line_for(lang, t["review"] + t["sep"]))
    organization = site.text(site.organization, lang) or ""
    author = site.text(site.wechat.author, lang) if site.wechat and site.wechat.author else organization
    parts = [f'<p style="font-weight:bold;margin:0 0 1em">{e(case.summary)}</p>']
    if case.slogan:
        parts.append(f'<p style="font-size:1.1em;font-weight:bold;margin:0 0 1em">{e(case.slogan)}</p>')
    if image:
        parts.append(
            f'<p style="margin:0 0 1em"><img src="{e(image)}" alt="{e(case.title)}" '
            f'style="display:block;max-width:100%;height:auto;border-radius:4px"></p>'
        )
    parts.append(_story(case.story))
    parts.append(_box("flags", "⚠ " + t["red_flags"], _list(case.red_flags)))
    parts.append(_box("advice", "✓ " + t["advice"], _list(case.advice)))
    contact = [f'<p style="margin:0">{e(t["hotline"])}{e(t["sep"])}<strong>{e(site.hotline)}</strong></p>']
    contact += [
        f'<p style="margin:0">{e(label)}{e(t["sep"])}{e(value)}</p>' for label, value in _complaint(site, t, lang)
    ]
    parts.append(_box("contact", t["hotline_box"], "".join(contact)))
    if case.source:
        parts.append(f'<p style="margin:0 0 1em">{e(t["source"])}{e(t["sep"])}{e(case.source)}</p>')
    if case.references:
        items = [f"{e(ref.title)}（{e(ref.url)}）" for ref in case.references]
        parts.append(
            f'<p style="margin:0 0 0.3em;font-weight:bold">{e(t["references"])}</p>{_list(items, escaped=True)}'
        )
    parts.append(f'<p style="font-size:0.8em;margin:1.5em 0 0">{e(organization)} · {e(review)}</p>')
    content = f'<section lang="{e(lang)}" style="{FONT}">{"".join(parts)}</section>'
    return Article(
        title=case.title,
        author=author,
        digest=case.summary,
        content=content,
        content_source_url=page_url,
        thumb=cover,
        images=[image] if image else [],
    )


def _story(story: str) -> str:
    """The sanitised story with WeChat's inline styles, and every link written out as its text and address."""

    def unlink(match: re.Match[str]) -> str:
        href, text = html.unescape(match.group(1)), match.group(2)
        shown = html.unescape(re.sub(r"<[^>]+>", "", text))
        return text if shown.strip() == href.strip() else f"{text}（{html.escape(href)}）"

    def style(match: re.Match[str]) -> str:
        tag, rest = match.group(1), match.group(2)
        return f'<{tag} style="{STORY_STYLES[tag]}"{rest}>'

    body = LINK.sub(unlink, render_markdown(story))
    return re.sub(r"<(p|ul|ol|blockquote|h2|h3|h4)((?:\s[^>]*)?)>", style, body)


def _box(kind: str, heading: str, body: str) -> str:
    return (
        f'<section style="{BOX.format(color=ACCENT[kind])}">'
        f'<h2 style="{HEADING}">{html.escape(heading)}</h2>{body}</section>'
    )


def _list(items: list[str], escaped: bool = False) -> str:
    shown = items if escaped else [html.escape(x) for x in items]
    return f'<ul style="{LIST}">' + "".join(f"<li>{x}</li>" for x in shown) + "</ul>"


def _complaint(site: Site, t: dict[str, str], lang: str) -> list[tuple[str, str]]:
    lines = [(t["complaint_phone"], site.complaint.phone)] if site.complaint.phone else []
    for key, label in (("hours", "complaint_hours"), ("address", "complaint_address"), ("web", "complaint_web")):
        value = site.text(getattr(site.complaint, key), lang)
        if value:
            lines.append((t[label], value))
    return lines
