"""Rule missing-file: every referenced image exists under content/images/, is a real picture, not too big."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.model import Content
from generator.problems import Problems
from generator.yamlsource import Source

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


def check(content: Content, root: Path, sources: dict[str, Source]) -> Problems:
    problems = Problems()
    refs: list[tuple[str, tuple, str]] = [
        (v.file, ("image",), v.case.image) for v in content.cases.values() if v.case.image
    ]
    if content.site.brand.logo:
        refs.append(("content/site.yaml", ("brand", "logo"), content.site.brand.logo))
    images = (root / "content" / "images").resolve()
    for file, path, ref in refs:
        source = sources.get(file)
        line, column = source.position(path) if source else (1, 1)
        message = image_problem(root / "content" / ref, images)
        if message:
            problems.add(file, line, column, "missing-file", f"image '{ref}': {message}")
    return problems


def image_problem(path: Path, images: Path) -> str | None:
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return "is a link that leads back to itself; put the picture itself there"
    if images not in resolved.parents:
        return "images must be inside content/images/"
    if not resolved.exists():
        return "was not found under content/; put the file there or fix the path"
    if not resolved.is_file():
        return "is not an ordinary file (a folder, device or pipe); put the picture itself there"
    stat = resolved.stat()
    return _picture_problem(str(resolved), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=1024)
def _picture_problem(path: str, size: int, mtime_ns: int) -> str | None:
    """Decoded in full once per version of the file: a truncated picture or a decompression bomb is a
    sentence here, not a crash while the site is built."""
    if size > MAX_BYTES:
        return f"is {size / 1024 / 1024:.1f} MB; make it smaller than {MAX_BYTES // 1024 // 1024} MB"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                width, height = image.size
                if kind in FORMATS and width * height <= MAX_PIXELS:
                    image.load()  # every pixel: a file cut short fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "claims to be so many pixels that opening it could stop the computer; save it again, smaller"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return "is not a picture Casecast can read (or the file is cut short); save it again as JPEG, PNG or WebP"
    if kind not in FORMATS:
        return f"is a {kind} file; save it as JPEG, PNG or WebP"
    if width * height > MAX_PIXELS:
        return f"is {width}×{height} pixels; make it smaller"
    return None
