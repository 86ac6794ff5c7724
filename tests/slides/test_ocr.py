"""Legibility, read back by a machine: tesseract must recover at least 90% of the characters."""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import unicodedata

import pytest
from PIL import Image, ImageOps, ImageStat

from generator.slides.render import render_slide
from tests.conftest import REPO
from tests.slides.test_slides import planner


@pytest.fixture(autouse=True)
def tesseract_installed() -> None:
    assert shutil.which("tesseract"), "tesseract is missing: `make test` installs tesseract-ocr with chi-sim and kor"


def ocr(image: Image.Image, lang: str) -> str:
    gray = ImageOps.grayscale(image)
    if ImageStat.Stat(gray).mean[0] < 128:
        gray = ImageOps.invert(gray)  # tesseract reads dark text on a light ground best
    buffer = io.BytesIO()
    gray.save(buffer, format="PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", lang, "--psm", "6"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8")


def recall(expected: str, read: str) -> float:
    """The share of the expected characters read back, in order (a full-width ？ read as ? counts)."""
    expected = "".join(unicodedata.normalize("NFKC", expected).split())
    read = "".join(unicodedata.normalize("NFKC", read).split())
    matcher = difflib.SequenceMatcher(None, expected, read, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def block_image(display: str, month: str, lang: str, case: str | None, role: str) -> tuple[Image.Image, str]:
    p = planner(REPO)
    plans = p.month(display, p.content.site.displays[display], p.content.themes[(month, lang)])
    plan = next(pl for pl in plans if (case is None or pl.case == case) and any(b.role == role for b in pl.blocks))
    block = next(b for b in plan.blocks if b.role == role)
    with Image.open(io.BytesIO(render_slide(plan))) as image:
        x, y, w, h = block.box
        pad = block.size // 3
        crop = image.convert("RGB").crop((max(0, x - pad), max(0, y - pad), x + w + pad, y + h + pad))
    return crop, "".join(block.lines)


@pytest.mark.parametrize(
    ("display", "lang", "case", "role", "tess"),
    [
        ("lobby-tv", "zh", "fake-tax-refund", "title", "chi_sim+eng"),
        ("lobby-tv", "ko", "fake-tax-refund", "title", "kor+eng"),
        ("led-strip", "zh", None, "line", "chi_sim"),
        ("led-strip", "ko", None, "line", "kor"),
    ],
)
def test_tesseract_reads_back_the_text(display: str, lang: str, case: str | None, role: str, tess: str) -> None:
    image, text = block_image(display, "2026-03", lang, case, role)
    read = ocr(image, tess)
    assert recall(text, read) >= 0.9, (text, read)
