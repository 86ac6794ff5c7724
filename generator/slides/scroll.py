"""Scrolling LED strips: a text wider than the strip becomes one wide image, an H.264 loop of it moving left
at the display's speed (Debian's ffmpeg), and a kiosk page that scrolls it with CSS."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

from PIL import Image

from generator.i18n import _
from generator.slides.slide import SlidePlan


class VideoError(Exception):
    """ffmpeg is missing or refused: the wide image and the page are still there, the MP4 is not."""


def frame_rate(plan: SlidePlan) -> Fraction:
    speed, step, _width = plan.scroll
    return Fraction(speed, step)  # whole pixels a frame


def make_video(wide_png: Path, plan: SlidePlan, target: Path) -> None:
    """An MP4 of the strip's exact size in which the wide image moves left one pass, `step` pixels a frame; it
    loops without a seam (frame N would be frame 0 again)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise VideoError(_("ffmpeg is not installed (on Debian: apt-get install ffmpeg, which `make build` does)"))
    speed, step, width = plan.scroll
    frames = plan.width // step
    height = plan.height
    even = width % 2 == 0 and height % 2 == 0
    with tempfile.TemporaryDirectory(prefix="casecast-scroll-") as tmp:
        tiled = Path(tmp) / "tiled.png"  # two copies side by side: the window never runs off the end
        with Image.open(wide_png) as wide:
            wide = wide.convert("L" if plan.mono else "RGB")
            both = Image.new(wide.mode, (wide.width * 2, wide.height))
            both.paste(wide, (0, 0))
            both.paste(wide, (wide.width, 0))
            both.save(tiled)
        rate = frame_rate(plan)
        command = [
            ffmpeg, "-v", "error", "-y", "-framerate", f"{rate.numerator}/{rate.denominator}", "-i", str(tiled),
            # the picture is decoded once and repeated (loop), then each frame is the window `step` px further on
            "-vf", f"loop=loop=-1:size=1:start=0,crop={width}:{height}:x='n*{step}':y=0,"
            f"format={'yuv420p' if even else 'yuv444p'}",
            "-frames:v", str(frames), "-c:v", "libx264", "-preset", "veryfast", "-crf", "16",
            "-tune", "stillimage", "-movflags", "+faststart", "-an", str(target),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise VideoError(_("ffmpeg did not finish: {error}", error=error)) from None
        if done.returncode != 0:
            raise VideoError(_("ffmpeg refused: {error}", error=done.stderr.strip()[-300:]))


def scroll_page(plan: SlidePlan, lang: str) -> str:
    """A page that scrolls the wide image full-height, forever, at the strip's speed."""
    _, _, width = plan.scroll
    name = html.escape(plan.name)
    text = html.escape(plan.text)
    return f"""<!doctype html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text}</title>
<style>
{SCROLL_CSS}
</style>
</head>
<body>
<div class="slide scroll on" role="marquee" aria-label="{text}" data-seconds="{plan.seconds}">
<div class="track" style="animation-duration: {plan.loop_seconds:.3f}s"><img src="{name}" alt="{text}"><img src="{name}" alt=""></div>
</div>
</body>
</html>
"""  # noqa: E501


# The strip's own pixels: the track is two copies of the wide image, moved left by one copy per pass.
SCROLL_CSS = """html, body { margin: 0; height: 100%; background: #000; overflow: hidden; cursor: none; }
.scroll { position: fixed; inset: 0; overflow: hidden; }
.scroll .track { display: flex; height: 100%; width: max-content; animation: scroll linear infinite; }
.scroll .track img { height: 100%; width: auto; image-rendering: pixelated; }
@keyframes scroll { from { transform: translateX(0); } to { transform: translateX(-50%); } }"""
