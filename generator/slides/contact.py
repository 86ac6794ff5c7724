"""Contact sheets per month and language: every slide of every display, labelled, for the reviewer."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from generator.slides.fonts import fallback_faces, find_face, pillow_font
from generator.slides.measure import runs

THUMB = 360
LABEL = 22
GAP = 16
COLUMNS = 5
SHEET = 40  # slides on one sheet: 5 across, 8 down
GROUP = 44  # the line above a case's slides on the reviewer's sheet


def contact_sheet(items: list[tuple[str, str, Path]], heading: str, lang: str, font: str | None = None) -> bytes:
    faces = fallback_faces(find_face(lang, bold=False, override=font))
    cell_h = THUMB + LABEL + 10
    rows = (len(items) + COLUMNS - 1) // COLUMNS
    width = COLUMNS * (THUMB + GAP) + GAP
    height = 60 + rows * (cell_h + GAP) + GAP
    sheet = Image.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(sheet)
    _text(draw, (GAP, 18), heading, 28, faces)
    for n, (display, name, path) in enumerate(items):
        x = GAP + (n % COLUMNS) * (THUMB + GAP)
        y = 60 + (n // COLUMNS) * (cell_h + GAP)
        _thumb(sheet, draw, path, x, y)
        _text(draw, (x, y + THUMB + 4), _fit_label(f"{display} / {name}", faces), LABEL - 6, faces)
    out = io.BytesIO()
    sheet.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def review_sheet(
    groups: list[tuple[str, list[tuple[str, str, Path]]]], heading: str, lang: str, font: str | None = None
) -> bytes:
    """One sheet for the reviewer: per case version, a line naming it, then its slides on every display."""
    faces = fallback_faces(find_face(lang, bold=False, override=font))
    cell_h = THUMB + LABEL + 10
    rows = [(len(items) + COLUMNS - 1) // COLUMNS for _, items in groups]
    width = COLUMNS * (THUMB + GAP) + GAP
    height = 60 + sum(GROUP + n * (cell_h + GAP) for n in rows) + GAP
    sheet = Image.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(sheet)
    _text(draw, (GAP, 18), heading, 28, faces)
    top = 60
    for (title, items), count in zip(groups, rows, strict=True):
        draw.line((GAP, top + 4, width - GAP, top + 4), fill=(183, 28, 28), width=3)
        _text(draw, (GAP, top + 12), _fit_label(title, faces, width - 2 * GAP, LABEL), LABEL, faces)
        top += GROUP
        for n, (display, name, path) in enumerate(items):
            x = GAP + (n % COLUMNS) * (THUMB + GAP)
            y = top + (n // COLUMNS) * (cell_h + GAP)
            _thumb(sheet, draw, path, x, y)
            _text(draw, (x, y + THUMB + 4), _fit_label(f"{display} / {name}", faces), LABEL - 6, faces)
        top += count * (cell_h + GAP)
    out = io.BytesIO()
    sheet.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _thumb(sheet: Image.Image, draw: ImageDraw.ImageDraw, path: Path, x: int, y: int) -> None:
    with Image.open(path) as slide:
        thumb = slide.convert("RGB")
        thumb.thumbnail((THUMB, THUMB))
    sheet.paste(thumb, (x + (THUMB - thumb.width) // 2, y + (THUMB - thumb.height) // 2))
    draw.rectangle((x, y, x + THUMB - 1, y + THUMB - 1), outline=(160, 160, 160))


def _fit_label(label: str, faces, room: int = THUMB, size: int = LABEL - 6) -> str:
    """Labels stay under their own thumbnail: long ones lose their middle."""
    font = pillow_font(faces[0], size)
    if font.getlength(label) <= room:
        return label
    while len(label) > 8 and font.getlength(label + "…") > room:
        cut = len(label) // 2
        label = label[: cut - 1] + label[cut:]
    return label[: len(label) // 2] + "…" + label[len(label) // 2 :]


def _text(draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, size: int, faces) -> None:
    x, y = at
    for face, run in runs(text, faces):
        font = pillow_font(face, size)
        draw.text((x, y), run, font=font, fill=(20, 20, 20))
        x += font.getlength(run)
