"""Rule missing-file: every referenced image exists under content/images/, is a real picture, not too big."""

from __future__ import annotations

import struct
import warnings
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError
from PIL import Image, UnidentifiedImageError

from generator import i18n
from generator.i18n import _
from generator.model import Content
from generator.problems import SLIDES, Problems
from generator.yamlsource import Source

SITE_FILE = "content/site.yaml"
FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


def check(content: Content, root: Path, sources: dict[str, Source]) -> Problems:
    problems = Problems()
    refs: list[tuple[str, tuple, str]] = [
        (v.file, ("image",), v.case.image) for v in content.cases.values() if v.case.image
    ]
    if content.site.brand.logo:
        refs.append((SITE_FILE, ("brand", "logo"), content.site.brand.logo))
    images = (root / "content" / "images").resolve()
    for file, path, ref in refs:
        source = sources.get(file)
        line, column = source.position(path) if source else (1, 1)
        message = image_problem(root / "content" / ref, images)
        if message:
            problems.add(file, line, column, "missing-file", _("image '{path}': {problem}", path=ref, problem=message))
    site_source = sources.get(SITE_FILE)
    for lang, ref in content.site.fonts.items():
        message = font_problem(root / ref)
        if message:
            line, column = site_source.position(("fonts", lang)) if site_source else (1, 1)
            problems.add(
                SITE_FILE,
                line,
                column,
                "missing-file",
                _(
                    "font '{path}' {problem}; until it is fixed the {lang} slides use the font Casecast finds itself",
                    path=ref,
                    problem=message,
                    lang=lang,
                ),
                severity="warning",  # every slide is still drawn, in another font: nothing is withheld
                scope=SLIDES,
            )
    return problems


def font_problem(path: Path) -> str | None:
    """A font file the slides can draw with: TrueType, OpenType or a collection of them."""
    try:
        if not path.is_file():
            return _("was not found (a path from the project folder, or a system font's full path)")
        with path.open("rb") as file:
            head = file.read(4)
        if head not in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf"):
            return _("is not a TrueType or OpenType font file (.ttf, .otf, .ttc)")
        font = TTCollection(path, lazy=True).fonts[0] if head == b"ttcf" else TTFont(path, lazy=True)
        if not font.getBestCmap():
            return _("has no character map: it cannot draw text")
    except (OSError, TTLibError, IndexError, KeyError, AssertionError, struct.error) as error:
        return _("cannot be read as a font ({error})", error=error)
    return None


def image_problem(path: Path, images: Path) -> str | None:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return _("it is a link that leads back to itself; put the picture itself there")
    if images not in resolved.parents:
        return _("images must be inside content/images/")
    if not resolved.exists():
        return _("it was not found under content/; put the file there or fix the path")
    if not resolved.is_file():
        return _("it is not an ordinary file (a folder, device or pipe); put the picture itself there")
    stat = resolved.stat()
    return _picture_problem(str(resolved), stat.st_size, stat.st_mtime_ns, i18n.current())


@lru_cache(maxsize=1024)
def _picture_problem(path: str, size: int, mtime_ns: int, lang: str) -> str | None:
    """Decoded in full once per version of the file (and language the answer is said in): a truncated
    picture or a decompression bomb is a sentence here, not a crash while the site is built."""
    if size > MAX_BYTES:
        return _(
            "it is {size:.1f} MB; make it smaller than {most} MB",
            size=size / 1024 / 1024,
            most=MAX_BYTES // 1024 // 1024,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                width, height = image.size
                if kind in FORMATS and width * height <= MAX_PIXELS:
                    image.load()  # every pixel: a file cut short fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _("it claims to be so many pixels that opening it could stop the computer; save it again, smaller")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return _("it is not a picture Casecast can read (or the file is cut short); save it again as JPEG, PNG or WebP")
    if kind not in FORMATS:
        return _("it is a {kind} file; save it as JPEG, PNG or WebP", kind=kind)
    if width * height > MAX_PIXELS:
        return _("it is {width}×{height} pixels; make it smaller", width=width, height=height)
    return None
