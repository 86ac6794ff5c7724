"""Images leave Casecast without their metadata: no GPS position, camera serial or author in any output."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps


def clean_image(path: Path) -> bytes:
    stat = path.stat()
    return _clean(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=512)
def _clean(path: str, mtime_ns: int, size: int) -> bytes:
    with Image.open(path) as image:
        kind = image.format
        image.load()
        # Apply the camera's rotation before the EXIF that carried it is dropped.
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if kind == "JPEG":
            if upright is image:
                image.save(out, format="JPEG", quality="keep", optimize=True)  # same quantisation, no EXIF
            else:
                upright.save(out, format="JPEG", quality=92, optimize=True)
        elif kind == "WEBP":
            upright.save(out, format="WEBP", quality=90)
        else:
            upright.save(out, format="PNG", optimize=True)  # text chunks and eXIf are not carried over
        return out.getvalue()
