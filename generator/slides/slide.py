"""A slide as planned: every text already fitted into its box, every picture placed; what render.py draws
and what playlist.json describes. Its key is a digest of all of it, and of the code that draws it."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field

from generator.cache import code_digest
from generator.slides.fonts import FontFace

LINE_HEIGHT = 1.25
DRAWING_CODE = (
    "slides/render.py", "slides/slide.py", "slides/measure.py", "slides/fonts.py", "lib:pillow", "lib:segno"
)  # fmt: skip


@dataclass(frozen=True)
class Block:
    role: str
    box: tuple[int, int, int, int]  # x, y, w, h in pixels: the text area
    fill_box: tuple[int, int, int, int] | None
    fill: str | None
    color: str
    size: int
    lines: tuple[str, ...]
    align: str
    valign: str


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: the bank's logo, the case's picture, or a QR code."""

    role: str  # logo | picture | qr
    box: tuple[int, int, int, int]  # x, y, w, h in pixels
    fill: str | None  # the plate behind it (a QR code always sits on white)
    source: str  # the picture's file, or the address the QR code opens
    digest: str  # of the file's bytes: an edited picture is drawn again ("" for a QR code)
    align: str
    valign: str


@dataclass(frozen=True)
class SlidePlan:
    name: str  # NN-kind-id.ext
    kind: str
    case: str | None
    valid_until: str | None
    seconds: float  # whole seconds, but a scrolling strip's whole passes
    width: int
    height: int
    format: str
    mono: bool
    background: str
    safe: tuple[int, int, int, int]
    blocks: tuple[Block, ...]
    faces: tuple[FontFace, ...]
    pictures: tuple[Picture, ...] = ()
    pixel: int = 0  # >0: a bitmap font drawn at 16 px and every pixel scaled up this many times (LED strips)
    scroll: tuple[int, int, int] | None = None  # speed px/s, pixels per frame, display width: a scrolling strip
    text: str = field(default="", compare=False)
    mark: str = ""  # the preview's stamp on a slide not yet approved (草稿 · 审查中): never in a real build
    alert: str | None = None  # the urgent alert it shows (content/alerts/<id>.yaml)
    # When a player may show it (ISO 8601 moments, `until` not included): an alert's `from` and `until`; a case
    # slide's end is the day after its valid_until or its approval's last day. Not part of its pixels.
    starts: str | None = field(default=None, compare=False)
    ends: str | None = field(default=None, compare=False)

    @property
    def loop_seconds(self) -> float:
        """One pass of a scrolling strip: the wide image moves its whole width at the display's speed."""
        return self.width / self.scroll[0] if self.scroll else float(self.seconds)

    def key(self) -> str:
        """Digest of everything that decides the pixels: text, layout, size, fonts (and their files)."""
        data = asdict(self)
        # the same pixels, wherever it stands in a playlist and for however long
        for unseen in ("text", "name", "seconds", "case", "valid_until", "starts", "ends"):
            data.pop(unseen)
        for picture in data["pictures"]:  # a picture by its bytes, wherever the project is (a QR code: its address)
            if picture["digest"]:
                picture["source"] = ""
        data["fonts"] = [(f.path, os.stat(f.path).st_mtime_ns) for f in self.faces]
        data["code"] = code_digest(*DRAWING_CODE)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:24]


def describe(plan: SlidePlan) -> dict:
    scrolling = {}
    if plan.scroll:
        stem = plan.name.rsplit(".", 1)[0]
        scrolling = {
            "video": f"{stem}.mp4",  # the strip's exact size, one seamless pass: loop it
            "page": f"{stem}.html",
            "speed": plan.scroll[0],
            "image_width": plan.width,  # the wide image scrolls left this far in one pass
            "loop_seconds": round(plan.loop_seconds, 3),
        }
    return {
        "file": plan.name,
        "seconds": plan.seconds,
        "kind": plan.kind,
        **scrolling,
        "case": plan.case,
        **({"alert": plan.alert} if plan.alert else {}),
        "valid_until": plan.valid_until,
        "from": plan.starts,
        "until": plan.ends,
        # The text as drawn, line by line: for LED controllers that take text, and for screen readers.
        "text": [{"role": b.role, "size": b.size, "lines": list(b.lines)} for b in plan.blocks],
    }
