"""The words and pieces every mobile format shares, rendered once per case version."""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from generator.markup import render_markdown
from generator.media import clean_image
from generator.model import CaseVersion, Site
from generator.site.text import phrased_html

IMAGE_BUDGET = 48 * 1024  # bytes of image a fragment may carry as a data URI


@dataclass(frozen=True)
class Parts:
    lang: str
    title: str  # escaped
    heading: str  # the title escaped, with <wbr> between its Chinese phrases (shown with word-break: keep-all)
    summary: str  # escaped
    story_html: str  # sanitised
    red_flags: list[str]  # escaped
    advice: list[str]  # escaped
    hotline: str  # escaped; a tel: link when it holds a number
    slogan: str | None  # escaped
    complaint_lines: list[tuple[str, str]]  # (label, value), escaped
    review: str  # escaped
    organization: str
    labels: dict[str, str]
    image_uri: str | None
    image_alt: str
    mark: str = ""  # escaped; the preview's stamp on a case not yet approved: never in a real build


def case_parts(version: CaseVersion, site: Site, labels: dict[str, str], root: Path) -> Parts:
    case, lang = version.case, version.lang
    e = html.escape
    complaint = []
    if site.complaint.phone:
        complaint.append((labels["complaint_phone"], phone_link(site.complaint.phone)))
    for key, label in (("hours", "complaint_hours"), ("address", "complaint_address"), ("web", "complaint_web")):
        value = site.text(getattr(site.complaint, key), lang)
        if value:
            complaint.append((labels[label], e(value)))
    review = version.review_line(site.review_line_for(lang, labels["review"] + labels["sep"]))
    return Parts(
        lang=lang,
        title=e(case.title),
        heading=str(phrased_html(case.title)),
        summary=e(case.summary),
        story_html=render_markdown(case.story),
        red_flags=[e(x) for x in case.red_flags],
        advice=[e(x) for x in case.advice],
        hotline=phone_link(site.hotline),
        slogan=e(case.slogan) if case.slogan else None,
        complaint_lines=complaint,
        review=e(review),
        organization=e(site.text(site.organization, lang) or ""),
        labels={k: e(v) for k, v in labels.items()},
        image_uri=_image_uri(root / "content" / case.image) if case.image else None,
        image_alt=e(case.title),
    )


PHONE = re.compile(r"\+?\d(?:[\d \-]*\d)?")


def phone_link(number: str) -> str:
    """A phone number a reader taps to call (tel:, digits only); text with no number stays text."""
    found = PHONE.search(number)
    if found is None:
        return html.escape(number)
    digits = re.sub(r"[^\d+]", "", found.group())
    return f'<a href="tel:{digits}" style="color:inherit">{html.escape(number)}</a>'


def _image_uri(path: Path) -> str | None:
    """A small picture travels inside the fragment; a big one is left out rather than linked."""
    if not path.is_file():
        return None
    data = clean_image(path)
    if len(data) > IMAGE_BUDGET:
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            image.thumbnail((720, 720))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=70, optimize=True)
            data = out.getvalue()
        if len(data) > IMAGE_BUDGET:
            return None
        mime = "image/jpeg"
    else:
        mime = {b"\x89PNG": "image/png", b"RIFF": "image/webp"}.get(data[:4], "image/jpeg")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
