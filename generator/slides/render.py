"""Drawing one planned slide: exact size, sRGB, no alpha; 1-bit with no anti-aliasing for mono strips."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache

import segno
from PIL import Image, ImageCms, ImageDraw, ImageOps

from generator.phrases import HANGING
from generator.slides.fonts import pillow_font
from generator.slides.layout import rgb
from generator.slides.measure import runs
from generator.slides.slide import LINE_HEIGHT, Block, Picture, SlidePlan


@cache
def srgb_profile() -> bytes:
    """LittleCMS stamps the creation time into the ICC header; zero it (and the optional profile ID)
    so the same slide is the same bytes tomorrow."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes(12)  # dateTimeNumber
    data[84:100] = bytes(16)  # profile ID: all zero means "not computed", which the ICC spec allows
    return bytes(data)


def render_slide(plan: SlidePlan) -> bytes:
    return _encode(draw_slide(plan), plan)


def draw_slide(plan: SlidePlan) -> Image.Image:
    mode = "1" if plan.mono else "RGB"
    k = max(1, plan.pixel)  # a bitmap font is drawn at its own size, then every pixel made k×k
    size = (-(-plan.width // k), -(-plan.height // k))
    image = Image.new(mode, size, _ink(plan.background, plan.mono))
    draw = ImageDraw.Draw(image)
    if plan.mono:
        draw.fontmode = "1"  # no anti-aliasing: every pixel is on or off
    for picture in plan.pictures:
        _draw_picture(image, picture, plan)
    for block in plan.blocks:
        if k > 1:
            block = _scaled(block, k)
        if block.fill_box and block.fill:
            x, y, w, h = block.fill_box
            draw.rectangle((x, y, x + w - 1, y + h - 1), fill=_ink(block.fill, plan.mono))
        _draw_block(draw, block, plan)
    if k > 1:
        image = image.resize((size[0] * k, size[1] * k), Image.Resampling.NEAREST).crop((0, 0, plan.width, plan.height))
    if plan.mark:
        _stamp(ImageDraw.Draw(image), plan)
    return image


def _scaled(block: Block, k: int) -> Block:
    def down(box):
        return tuple(v // k for v in box) if box else box

    return replace(block, box=down(block.box), fill_box=down(block.fill_box), size=block.size // k)


def _stamp(draw: ImageDraw.ImageDraw, plan: SlidePlan) -> None:
    """A preview's mark nobody can take for a real slide: a frame round the slide and the mark in its corner."""
    fill, ink = ("#ffffff", "#000000") if plan.mono else ("#ffffff", "#d50000")
    strip = plan.kind == "strip"  # a strip's text fills its height: a small mark, in the corner
    size = max(10, round(0.2 * plan.height if strip else 0.045 * min(plan.width, plan.height)))
    frame = max(2, size // 8)
    draw.rectangle((0, 0, plan.width - 1, plan.height - 1), outline=_ink(fill, plan.mono), width=frame)
    pieces = runs(plan.mark, plan.faces)
    width = sum(pillow_font(face, size).getlength(run) for face, run in pieces)
    pad = size // 3
    box = (plan.width - frame - 2 * pad - width, frame, plan.width - frame, frame + size + 2 * pad)
    draw.rectangle(box, fill=_ink(fill, plan.mono))
    left, middle = box[0] + pad, (box[1] + box[3]) / 2
    for face, run in pieces:
        font = pillow_font(face, size)
        draw.text((left, middle), run, font=font, fill=_ink(ink, plan.mono), anchor="lm")
        left += font.getlength(run)


def _draw_block(draw: ImageDraw.ImageDraw, block: Block, plan: SlidePlan) -> None:
    x, y, w, h = block.box
    line_h = block.size * (1.0 if len(block.lines) == 1 and block.role == "line" else LINE_HEIGHT)
    total = line_h * len(block.lines)
    top = y + (h - total) / 2 if block.valign == "middle" else y
    ink = _ink(block.color, plan.mono)
    for i, line in enumerate(block.lines):
        pieces = runs(line, plan.faces)
        width = sum(pillow_font(face, block.size).getlength(run) for face, run in pieces)
        if block.align == "center":
            left = x + (w - width) / 2
        elif block.align == "right":
            left = x + w - width
        else:
            left = x
        # Glyphs may reach past their advance (a "Y", a quote mark): keep the ink itself inside the box.
        first_face, first_run = pieces[0]
        ink_left = pillow_font(first_face, block.size).getbbox(first_run, anchor="lm")[0]
        last_face, last_run = pieces[-1]
        last_font = pillow_font(last_face, block.size)
        ink_right = last_font.getbbox(last_run, anchor="lm")[2] - last_font.getlength(last_run)
        left = max(left, x - min(0, ink_left))
        left = min(left, x + w - width - max(0, ink_right))
        if block.align == "left" and line[:1] in HANGING and plan.pixel == 0:
            left -= pillow_font(first_face, block.size).getlength(line[0]) / 2  # “ hangs in the margin, as in print
        middle = top + line_h * i + line_h / 2
        for face, run in pieces:
            font = pillow_font(face, block.size)
            draw.text((left, middle), run, font=font, fill=ink, anchor="lm")
            left += font.getlength(run)


def _draw_picture(image: Image.Image, picture: Picture, plan: SlidePlan) -> None:
    """A logo or a case's picture fitted whole into its box (on its plate, if it has one); a QR code as large
    as the box allows in whole pixels a module, dark on white with its quiet zone of four modules."""
    x, y, w, h = picture.box
    ground = picture.fill or plan.background
    if picture.fill:
        ImageDraw.Draw(image).rectangle((x, y, x + w - 1, y + h - 1), fill=_ink(picture.fill, plan.mono))
    if picture.role == "qr":
        shown = _qr(picture.source, min(w, h))
    else:
        pad = round(min(w, h) * 0.1) if picture.fill else 0
        with Image.open(picture.source) as opened:
            photo = ImageOps.exif_transpose(opened).convert("RGBA")
        photo = ImageOps.contain(photo, (max(1, w - 2 * pad), max(1, h - 2 * pad)), Image.Resampling.LANCZOS)
        shown = Image.new("RGBA", photo.size, rgb(ground))
        shown.alpha_composite(photo)  # a transparent logo sits on its plate (or the slide), not on black
    left = {"left": x, "center": x + (w - shown.width) // 2, "right": x + w - shown.width}[picture.align]
    top = {"top": y, "middle": y + (h - shown.height) // 2, "bottom": y + h - shown.height}[picture.valign]
    if picture.role != "qr" and picture.fill:
        left, top = x + (w - shown.width) // 2, y + (h - shown.height) // 2  # centred on its plate
    image.paste(shown.convert(image.mode), (left, top))


QUIET = 4  # modules of white around a QR code, as the standard asks


def _qr(address: str, side: int) -> Image.Image:
    code = segno.make(address, error="l", micro=False)  # a screen is not torn or stained: more, larger modules
    modules = code.symbol_size(scale=1, border=QUIET)[0]
    scale = max(1, side // modules)
    picture = Image.new("L", (modules, modules), 255)
    for row, values in enumerate(code.matrix_iter(scale=1, border=QUIET)):
        for column, dark in enumerate(values):
            if dark:
                picture.putpixel((column, row), 0)
    return picture.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def _ink(color: str, mono: bool):
    if mono:
        r, g, b = rgb(color)
        return 1 if (r + g + b) > 384 else 0
    return rgb(color)


def _encode(image: Image.Image, plan: SlidePlan) -> bytes:
    out = io.BytesIO()
    if plan.mono:
        image.save(out, format="PNG", optimize=True)  # mode "1": exactly two colours, black and white
    elif plan.format == "jpg":
        image.save(out, format="JPEG", quality=90, progressive=False, icc_profile=srgb_profile())  # baseline
    else:
        image.save(out, format="PNG", compress_level=6, icc_profile=srgb_profile())
    return out.getvalue()
