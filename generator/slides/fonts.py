"""Finding a font that can draw the text, and proving it before drawing: Pillow would draw a box."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont
from PIL import ImageFont

from generator.cache import read_json, write_atomic
from generator.i18n import _

# fontconfig names first; then the files a Linux, macOS or Windows machine usually has.
FAMILIES = {
    "zh": ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei"],
    "ko": ["Noto Sans CJK KR", "Source Han Sans KR", "NanumGothic", "Apple SD Gothic Neo", "Malgun Gothic"],
    "en": ["Noto Sans CJK SC", "DejaVu Sans", "Liberation Sans", "Arial"],
}
KNOWN_FILES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",
    "C:/Windows/Fonts/malgunbd.ttf",
]
TTC_INDEX = {"zh": 2, "ko": 1, "en": 2}  # Noto Sans CJK .ttc faces: JP, KR, SC, TC, HK
FALLBACK_FAMILIES = ["Noto Sans CJK SC", "DejaVu Sans", "Noto Sans Symbols2", "Symbola", "Noto Emoji"]


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int

    def label(self) -> str:
        return f"{Path(self.path).name}#{self.index}"


class FontNotFound(Exception):
    pass


def find_face(lang: str, bold: bool = True, override: str | None = None) -> FontFace:
    """The font set in site.yaml for `lang` if it is a usable one (check says when it is not), else the
    best installed one."""
    if override:
        path = Path(override)
        face = FontFace(str(path), 0 if path.suffix.lower() != ".ttc" else TTC_INDEX.get(lang, 0))
        try:
            if path.is_file() and coverage(face):
                return face
        except Exception:  # fontTools raises many kinds for a file that is no font: rules/files.py names it
            pass
    for family in FAMILIES.get(lang, FAMILIES["en"]):
        face = _fc_match(family, bold)
        if face:
            return face
    for candidate in KNOWN_FILES:
        if Path(candidate).is_file():
            return FontFace(candidate, TTC_INDEX.get(lang, 0) if candidate.endswith(".ttc") else 0)
    raise FontNotFound(
        _(
            "no font for '{lang}' was found; install one (on Debian: apt-get install fonts-noto-cjk, "
            "which `make build` does) or set fonts.{lang} in content/site.yaml",
            lang=lang,
        )
    )


def fallback_faces(primary: FontFace) -> list[FontFace]:
    faces = [primary]
    for family in FALLBACK_FAMILIES:
        face = _fc_match(family, bold=False)
        if face and face not in faces:
            faces.append(face)
    return faces


BITMAP_FILES = ["/usr/share/fonts/opentype/unifont/unifont.otf", "/usr/share/fonts/truetype/unifont/unifont.ttf"]


@cache
def bitmap_face() -> FontFace | None:
    """GNU Unifont: every Hangul syllable and CJK character drawn for a 16×16 cell (Debian: fonts-unifont,
    which `make build` installs). None if it is not installed: the strip falls back to the outline font."""
    face = _fc_match("Unifont", bold=False)
    if face is not None and not face.path.endswith("_sample.ttf"):
        return face
    return next((FontFace(path, 0) for path in BITMAP_FILES if Path(path).is_file()), None)


@cache
def _fc_match(family: str, bold: bool) -> FontFace | None:
    if not shutil.which("fc-match"):
        return None
    pattern = f"{family}:bold" if bold else family
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}|%{file}|%{index}", pattern], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    families, _, rest = out.partition("|")
    file, _, index = rest.partition("|")
    if family.lower() not in families.lower() or not Path(file).is_file():
        return None  # fontconfig substituted something else
    return FontFace(file, int(index or 0))


@cache
def coverage(face: FontFace) -> frozenset[int]:
    """Every character the face can draw. Reading a CJK font's character map takes fontTools about a tenth
    of a second a face, on every build and every `casecast check`; so it is kept, as ranges, in the file
    given to keep_coverage_in(), under the font's path, size and modification time."""
    stamp = _stamp(face)
    known = _known_coverage()
    if stamp and stamp in known:
        return frozenset(code for start, end in known[stamp] for code in range(start, end + 1))
    if face.path.lower().endswith((".ttc", ".otc")):
        font = TTCollection(face.path, lazy=True).fonts[face.index]
    else:
        font = TTFont(face.path, lazy=True, fontNumber=0)
    codes = frozenset(font.getBestCmap() or {})
    if stamp and _coverage_file is not None:
        known[stamp] = _ranges(codes)
        _save_coverage(_coverage_file, known)
    return codes


_coverage_file: Path | None = None


def keep_coverage_in(file: Path | None) -> None:
    global _coverage_file
    if file != _coverage_file:
        _coverage_file = file
        _known_coverage.cache_clear()


@cache
def _known_coverage() -> dict[str, list[list[int]]]:
    if _coverage_file is None:
        return {}
    data = read_json(_coverage_file)
    return data if isinstance(data, dict) else {}


def _stamp(face: FontFace) -> str | None:
    try:
        stat = os.stat(face.path)
    except OSError:
        return None
    return f"{face.path}#{face.index}:{stat.st_size}:{stat.st_mtime_ns}"


def _ranges(codes: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def _save_coverage(file: Path, known: dict) -> None:
    write_atomic(file, json.dumps(known))


@cache
def pillow_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, size=size, index=face.index)


IGNORABLE = {0x20, 0x0A, 0x200B, 0x200C, 0x200D, 0xFE0F}


def face_for(char: str, faces: list[FontFace]) -> FontFace | None:
    code = ord(char)
    for face in faces:
        if code in coverage(face):
            return face
    return None


def missing_characters(text: str, faces: list[FontFace]) -> list[int]:
    """Offsets of characters no font in the chain can draw."""
    drawable = _drawable(tuple(faces))
    if drawable.issuperset(map(ord, text)):
        return []  # the usual case, answered in one set operation
    return [i for i, ch in enumerate(text) if ord(ch) not in drawable]


@cache
def _drawable(faces: tuple[FontFace, ...]) -> frozenset[int]:
    return frozenset().union(*(coverage(face) for face in faces), IGNORABLE)
