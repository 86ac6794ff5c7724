"""The bank's logo on every slide with a header, a QR code that opens the case on a customer's phone (only
where a phone can open it), and the case's picture where the layout has room for it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from generator.addresses import public_reason
from generator.slides.layout import load_layouts
from tests.conftest import REPO

URL = "https://edu.example-bank.cn/"  # the sample's public address


def slides(out: Path, display: str, month: str = "2026-03", lang: str = "zh") -> list[tuple[dict, Path]]:
    folder = out / display / month / lang
    playlist = json.loads((folder / "playlist.json").read_text(encoding="utf-8"))
    return [(entry, folder / entry["file"]) for entry in playlist["slides"]]


def decode_qr(path: Path) -> list[str]:
    assert shutil.which("zbarimg"), "zbarimg is missing: `make test` installs Debian's zbar-tools"
    done = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True)
    return done.stdout.split()


def safe_box(display, layout, fractions) -> tuple[int, int, int, int]:
    mx, my = round(layout.margin * display.width), round(layout.margin * display.height)
    sw, sh = display.width - 2 * mx, display.height - 2 * my
    x, y, w, h = fractions
    return mx + round(x * sw), my + round(y * sh), round(w * sw), round(h * sh)


@pytest.mark.parametrize(
    ("display", "lang", "case"),
    [("lobby-tv", "zh", "fake-tax-refund"), ("led-wall", "zh", "fake-customer-service"),
     ("totem", "ko", "prosecutor-voice-phishing")],
)  # fmt: skip
def test_every_case_slide_has_a_qr_code_that_opens_its_h5_page(sample, display, lang, case) -> None:
    _, out, _ = sample
    shown = [path for entry, path in slides(out, display, lang=lang) if entry["case"] == case]
    assert shown
    for path in shown:
        assert decode_qr(path) == [f"{URL}exports/mobile/{lang}/{case}.page.html"], path.name


def test_cover_and_slogan_slides_have_no_qr_code(sample) -> None:
    _, out, _ = sample
    for entry, path in slides(out, "lobby-tv"):
        if entry["kind"] in ("cover", "slogan"):
            assert decode_qr(path) == [], path.name


def test_the_logo_sits_on_its_white_plate_in_the_header_of_every_screen_slide(sample) -> None:
    loaded, out, _ = sample
    layouts = load_layouts(REPO / "theme/slides/layouts.yaml")
    with Image.open(REPO / "content/images/logo.png") as logo:
        red = logo.convert("RGB").getpixel((logo.width // 2, logo.height // 4))  # the shield's colour
    for name in ("lobby-tv", "led-wall", "totem"):
        display = loaded.content.site.displays[name]
        layout = layouts["portrait" if display.height > display.width else "landscape"]
        for entry, path in slides(out, name):
            layer = next(layer for layer in layout.slides[entry["kind"]] if layer.role == "logo")
            x, y, w, h = safe_box(display, layout, layer.box)
            with Image.open(path) as image:
                plate = image.convert("RGB").crop((x, y, x + w, y + h))
            corner = plate.getpixel((1, 1))
            assert min(corner) > 235, (path.name, corner)  # the white plate
            middle = plate.crop((w // 3, h // 4, 2 * w // 3, h // 2))
            colours = middle.getcolors(1 << 16)
            reds = sum(n for n, c in colours if sum(abs(a - b) for a, b in zip(c, red, strict=True)) < 60)
            assert reds > middle.width * middle.height / 3, path.name  # the shield, not an empty plate


def test_the_case_picture_is_beside_the_title_where_the_layout_has_room(sample) -> None:
    loaded, out, _ = sample
    layouts = load_layouts(REPO / "theme/slides/layouts.yaml")
    display = loaded.content.site.displays["lobby-tv"]
    layer = next(layer for layer in layouts["landscape"].slides["case"] if layer.role == "picture")
    x, y, w, h = safe_box(display, layouts["landscape"], layer.box)
    with Image.open(REPO / "content/images/atm-call.png") as picture:
        shown = ImageOps.contain(picture.convert("RGB"), (w, h))  # whole, in proportion, at the right
    box = (x + w - shown.width, y + (h - shown.height) // 2, x + w, y + (h - shown.height) // 2 + shown.height)
    case = [path for entry, path in slides(out, "lobby-tv") if entry["case"] == "fake-tax-refund"]
    other = [path for entry, path in slides(out, "lobby-tv") if entry["case"] == "fake-customer-service"]
    for path, has_picture in [(p, True) for p in case] + [(p, False) for p in other]:
        with Image.open(path) as image:
            region = image.convert("RGB").crop(box)
        difference = ImageStat.Stat(ImageChops.difference(region, shown)).mean
        assert (max(difference) < 12) == has_picture, (path.name, difference)
    assert len(case) == 2  # the picture costs no slide: four long flags take two with or without it
    # a totem needs its height for the words at 54 px: its layout has no place for a picture
    assert not any(layer.role == "picture" for layer in layouts["portrait"].slides["case"])


def test_an_intranet_address_gets_no_qr_code_and_the_build_says_why(tmp_path: Path, caplog) -> None:
    from generator.pipeline import say_why_no_qr
    from tests.conftest import copy_project
    from tests.slides.test_slides import planner

    project = copy_project(tmp_path / "project")
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace(f"url: {URL}", "url: https://edu.intranet.example-bank.cn/"), encoding="utf-8")
    p = planner(project)
    plans = p.month("lobby-tv", p.content.site.displays["lobby-tv"], p.content.themes[("2026-03", "zh")])
    cases = [plan for plan in plans if plan.kind == "case"]
    assert cases and all("qr" not in {picture.role for picture in plan.pictures} for plan in cases)
    assert all(block.role != "qr_label" for plan in cases for block in plan.blocks)
    with caplog.at_level("INFO", logger="mkdocs.plugins.casecast"):
        say_why_no_qr(p.content.site)
    assert "no QR codes, because edu.intranet.example-bank.cn names an intranet host" in caplog.text


@pytest.mark.parametrize(
    ("url", "public"),
    [("https://edu.example-bank.cn/", True), ("http://203.0.113.9/edu/", False), ("https://8.8.8.8/", True),
     ("https://edu.intranet.bank.cn/", False), ("http://10.1.2.3/", False), ("http://casecast/", False),
     ("https://edu.bank.local/", False), ("https://oa.bank.cn/edu/", False), ("https://192.168.0.5:8443/", False),
     ("ftp://edu.bank.cn/", False), ("https://internal-affairs.bank.cn/", True), (None, False)],
)  # fmt: skip
def test_which_addresses_a_customers_phone_can_open(url, public) -> None:
    assert (public_reason(url) is None) == public


def test_qr_codes_use_whole_pixels_a_module_and_keep_their_quiet_zone() -> None:
    from generator.slides.render import QUIET, _qr

    image = _qr("https://edu.example-bank.cn/exports/mobile/zh/fake-tax-refund.page.html", 224)
    assert image.width == image.height <= 224 and image.width % (33 + 2 * QUIET) == 0  # version 4: 33 modules
    scale = image.width // (33 + 2 * QUIET)
    border = image.crop((0, 0, image.width, QUIET * scale))
    assert border.getcolors() == [(border.width * border.height, 255)]
