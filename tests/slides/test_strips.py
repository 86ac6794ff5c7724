"""Door-head LED strips at the sizes real modules make (a P10 module is 32×16): a slogan that fits stands
still; one that does not scrolls, as a wide image, an H.264 loop at the strip's exact size and a kiosk page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image, ImageFilter, ImageOps

from tests.conftest import copy_project
from tests.slides.test_ocr import ocr, recall
from tests.slides.test_slides import build

ZH = "客服来电说退款，先挂电话再核实再转账"  # 18 characters, as a lobby strip shows them
KO = "가족이라며 송금을 부탁하면 꼭 전화로 다시 확인하세요"  # 20 syllables
STRIPS = {
    "strip-32": "{width: 384, height: 32, kind: strip, colors: mono, scroll: left, speed: 64}",  # 12×2 modules
    "strip-16": "{width: 192, height: 16, kind: strip, colors: mono}",  # 6×1 modules, the default speed
}


@pytest.fixture(scope="module")
def strips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert shutil.which("ffmpeg"), "ffmpeg is missing: `make build` installs Debian's ffmpeg"
    project = copy_project(tmp_path_factory.mktemp("strips") / "project")
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    displays = text[text.index("displays:") :]
    text = text.replace(displays, "displays:\n" + "".join(f"  {n}: {d}\n" for n, d in STRIPS.items()))
    site.write_text(text, encoding="utf-8")
    for theme, slogans in (("2026-03.yaml", [ZH, "验证码不告诉任何人"]), ("2026-03.ko.yaml", [KO])):
        path = project / "content/themes" / theme
        text = path.read_text(encoding="utf-8")
        text = text[: text.index("slogans:")] + "slogans:\n" + "".join(f"  - {s}\n" for s in slogans)
        path.write_text(text, encoding="utf-8")
    _, out, result = build(project)
    assert not result.videos_missing and not result.problems
    return out


def slide(out: Path, display: str, lang: str, number: int) -> tuple[dict, Path]:
    folder = out / display / "2026-03" / lang
    playlist = json.loads((folder / "playlist.json").read_text(encoding="utf-8"))
    entry = playlist["slides"][number - 1]
    return entry, folder / entry["file"]


def probe(video: Path) -> dict:
    done = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-of", "json", "-show_entries",
         "stream=codec_name,width,height,r_frame_rate,nb_read_frames,duration", str(video)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)["streams"][0]


@pytest.mark.parametrize("display", list(STRIPS))
@pytest.mark.parametrize(("lang", "text"), [("zh", ZH), ("ko", KO)])
def test_a_slogan_too_long_for_the_strip_scrolls_as_image_video_and_page(strips, display, lang, text) -> None:
    height, width = (32, 384) if display == "strip-32" else (16, 192)
    speed = 64 if display == "strip-32" else 2 * height
    entry, image_path = slide(strips, display, lang, 1)
    assert entry["kind"] == "scroll" and entry["text"][0]["lines"] == [" ".join(text.split())]
    with Image.open(image_path) as image:
        assert image.height == height and image.width > width and image.mode == "1"
        wide = image.width
    assert entry["image_width"] == wide and entry["speed"] == speed
    assert entry["loop_seconds"] == pytest.approx(wide / speed, abs=0.001)

    stream = probe(image_path.with_name(entry["video"]))
    assert stream["codec_name"] == "h264" and (stream["width"], stream["height"]) == (width, height)
    fps = Fraction(stream["r_frame_rate"])
    duration = int(stream["nb_read_frames"]) / fps
    assert abs(duration - Fraction(wide, speed)) <= 1 / fps  # the whole image passes once, at the set speed

    page = image_path.with_name(entry["page"]).read_text(encoding="utf-8")
    seconds = float(re.search(r"animation-duration: ([\d.]+)s", page).group(1))
    assert seconds == pytest.approx(wide / speed, abs=0.001) and image_path.name in page


@pytest.mark.parametrize("display", list(STRIPS))
@pytest.mark.parametrize(("lang", "text", "tess"), [("zh", ZH, "chi_sim"), ("ko", KO, "kor")])
def test_the_wide_image_reads_back(strips, display, lang, text, tess) -> None:
    """Drawn with a bitmap font made for LED modules (GNU Unifont), not an outline font that smears."""
    _, image_path = slide(strips, display, lang, 1)
    with Image.open(image_path) as image:
        scale = 48 / image.height  # tesseract reads text about 48 px high best
        big = image.convert("L").resize((round(image.width * scale), 48), Image.Resampling.NEAREST)
    # the LEDs' dots soften into strokes a few steps away, as they do for the eye
    read = ocr(ImageOps.expand(big.filter(ImageFilter.GaussianBlur(scale / 2)), border=20, fill=0), tess)
    assert recall(text, read) >= 0.9, read


def test_a_slogan_that_fits_stands_still(strips) -> None:
    entry, image_path = slide(strips, "strip-32", "zh", 2)  # 验证码不告诉任何人: 9 × 32 px < 384 px
    assert entry["kind"] == "strip" and "video" not in entry
    with Image.open(image_path) as image:
        assert image.size == (384, 32)
    assert not image_path.with_suffix(".mp4").exists()


def test_the_month_loop_shows_a_scrolling_slogan_for_whole_passes(strips) -> None:
    folder = strips / "strip-32" / "2026-03" / "zh"
    entry, _ = slide(strips, "strip-32", "zh", 1)
    passes = entry["seconds"] / entry["loop_seconds"]
    assert passes >= 1 and passes == pytest.approx(round(passes), abs=0.001)  # never cut off mid-slogan
    kiosk = (folder / "index.html").read_text(encoding="utf-8")
    assert 'class="slide scroll"' in kiosk and 'role="marquee"' in kiosk
