"""Rule missing-file: every referenced image exists under content/images/, is a real picture, not too big."""

from __future__ import annotations

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
    resolved = path.resolve()
    if images not in resolved.parents:
        return "images must be inside content/images/"
    if not resolved.is_file():
        return "was not found under content/; put the file there or fix the path"
    size = resolved.stat().st_size
    if size > MAX_BYTES:
        return f"is {size / 1024 / 1024:.1f} MB; make it smaller than {MAX_BYTES // 1024 // 1024} MB"
    try:
        with Image.open(resolved) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return "is not a picture Casecast can read; save it as JPEG, PNG or WebP"
    if kind not in FORMATS:
        return f"is a {kind} file; save it as JPEG, PNG or WebP"
    if width * height > MAX_PIXELS:
        return f"is {width}×{height} pixels; make it smaller"
    return None
