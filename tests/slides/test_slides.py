"""Slides as a lobby screen shows them: exact sizes, legible text, safe margins, contrast, no boxes."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from generator.checking import check_project, publishable
from generator.pipeline import slide_options
from generator.slides import build_slides
from generator.slides.layout import LayoutError, contrast, load_layouts, min_sizes
from generator.slides.plan import Planner
from tests.conftest import REPO, add_draft, approve_again

TODAY = dt.date(2026, 11, 25)


def build(project: Path, out: Path | None = None):
    loaded = check_project(project, TODAY)
    out = out or project / "slides-out"
    result = build_slides(
        publishable(loaded), loaded.sources, slide_options(project, TODAY), out, progress=lambda m: None
    )
    return loaded, out, result


def planner(project: Path) -> Planner:
    import yaml

    loaded = check_project(project, TODAY)
    labels = yaml.safe_load((project / "theme/pages/labels.yaml").read_text(encoding="utf-8"))
    layouts = load_layouts(project / "theme/slides/layouts.yaml")
    return Planner(publishable(loaded), layouts, labels, loaded.sources, TODAY, root=project)


def test_every_profile_gets_exact_sizes_formats_and_no_alpha(sample) -> None:
    loaded, out, result = sample
    assert result.folders > 0 and result.slides > 0
    for name, display in loaded.content.site.displays.items():
        files = [p for p in (out / name).rglob("*") if p.suffix in (".png", ".jpg")]
        assert files, name
        for path in files:
            scrolls = path.with_suffix(".mp4").exists()  # a strip's wide image, scrolled by its MP4 and page
            with Image.open(path) as image:
                if scrolls:
                    assert display.kind == "strip" and image.height == display.height, path
                    assert image.width > display.width and path.with_suffix(".html").exists(), path
                else:
                    assert image.size == (display.width, display.height), path
                assert path.suffix == f".{display.format}"
                if display.colors == "mono":
                    assert image.mode == "1" and len(image.getcolors()) == 2
                else:
                    assert image.mode == "RGB"  # no alpha
                    assert "icc_profile" in image.info  # sRGB
                if display.format == "jpg":
                    assert image.format == "JPEG" and not image.info.get("progressive")


def test_a_mono_strip_has_exactly_two_colours_and_no_anti_aliasing(sample) -> None:
    _, out, _ = sample
    for path in (out / "door-strip").rglob("*.png"):
        with Image.open(path) as image:
            assert sorted(c for _, c in image.convert("RGB").getcolors()) == [(0, 0, 0), (255, 255, 255)]


def hangs(path: Path) -> bool:
    from generator.phrases import HANGING

    playlist = json.loads((path.parent / "playlist.json").read_text(encoding="utf-8"))
    slide = next((s for s in playlist["slides"] if s["file"] == path.name), None)
    return bool(slide) and any(
        t["role"] != "flags" and line[:1] in HANGING for t in slide["text"] for line in t["lines"]
    )


def test_nothing_is_drawn_outside_the_safe_margin(sample) -> None:
    loaded, out, _ = sample
    layouts = load_layouts(REPO / "theme/slides/layouts.yaml")
    for name, display in loaded.content.site.displays.items():
        from generator.slides.layout import layout_for, rgb

        layout = layout_for(display, layouts)
        mx, my = round(layout.margin * display.width), round(layout.margin * display.height)
        background = rgb(layout.background) if display.colors != "mono" else (0, 0, 0)
        for path in list((out / name).rglob("*.png")) + list((out / name).rglob("*.jpg")):
            with Image.open(path) as image:
                rgb_image = image.convert("RGB")
            w, h = rgb_image.size
            # JPEG ringing spreads up to one 8x8 block from the text; it is compression noise, not drawing.
            bx, by = (mx - 8, my - 8) if path.suffix == ".jpg" else (mx, my)
            if display.kind == "strip" and display.height < 48:
                by = 0  # a bitmap font's 16-px cell fills the strip's height: its rows are the margin
            if hangs(path):
                bx = mx // 3  # an opening quote hangs in the margin, as in print, but stays off its outer edge
            tolerance = 16 if path.suffix == ".jpg" else 0
            for box in ((0, 0, w, by), (0, h - by, w, h), (0, 0, bx, h), (w - bx, 0, w, h)):
                colors = rgb_image.crop(box).getcolors(1 << 20)
                assert all(
                    max(abs(a - b) for a, b in zip(c, background, strict=True)) <= tolerance for _, c in colors
                ), (
                    path,
                    box,
                )


def test_text_and_background_reach_seven_to_one(sample) -> None:
    layouts = load_layouts(REPO / "theme/slides/layouts.yaml")
    for layout in layouts.values():
        for layers in layout.slides.values():
            for layer in layers:
                if not layer.is_picture:  # every text, on what is behind it
                    assert contrast(layer.color, layer.fill or layout.background) >= 7


def test_a_layout_with_too_little_contrast_is_refused(tmp_path: Path) -> None:
    text = (REPO / "theme/slides/layouts.yaml").read_text(encoding="utf-8").replace('"#ffd54f"', '"#ff5252"', 1)
    (tmp_path / "layouts.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError, match="contrast"):
        load_layouts(tmp_path / "layouts.yaml")


def test_a_long_title_shrinks_but_stays_at_or_above_the_minimum(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    long_title = "接到自称房管局的“退税”电话，让你马上去银行ATM上按提示操作转账？这是诈骗！"
    case.write_text(
        case.read_text(encoding="utf-8").replace(
            "title: 接到“退税”电话让你去ATM转账？是诈骗！", f"title: {long_title}"
        ),
        "utf-8",
    )
    approve_again(project, "content/cases/fake-tax-refund.yaml")
    p = planner(project)
    content = p.content
    display = content.site.displays["lobby-tv"]
    plans = p.month("lobby-tv", display, content.themes[("2026-03", "zh")])
    title = next(b for plan in plans if plan.case == "fake-tax-refund" for b in plan.blocks if b.role == "title")
    normal = next(
        b
        for plan in planner(REPO).month("lobby-tv", display, content.themes[("2026-03", "zh")])
        if plan.case == "fake-tax-refund"
        for b in plan.blocks
        if b.role == "title"
    )
    assert min_sizes(display)["title"] <= title.size < normal.size
    assert "".join(title.lines) == long_title


def test_an_over_long_title_is_too_long_at_its_line(project: Path) -> None:
    case = project / "content/cases/fake-tax-refund.yaml"
    text = case.read_text(encoding="utf-8").replace("title: 接到", "title: " + "很长的标题" * 20 + "接到")
    case.write_text(text, encoding="utf-8")
    approve_again(project, "content/cases/fake-tax-refund.yaml")
    problems = [p for p in check_project(project, TODAY).problems if p.rule == "too-long"]
    assert problems and {(p.file, p.line) for p in problems} == {("content/cases/fake-tax-refund.yaml", 2)}
    assert "lobby-tv" in " ".join(p.message for p in problems)


def test_a_character_no_font_has_is_missing_glyph_at_its_line(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("slogan: 不租不借不卖卡", "slogan: 不租不借不卖卡🙂"), "utf-8"
    )
    approve_again(project, "content/cases/card-renting.yaml")
    (problem,) = {
        (p.line, p.column, p.message) for p in check_project(project, TODAY).problems if p.rule == "missing-glyph"
    }
    line = next(i for i, t in enumerate(case.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("slogan"))
    assert problem[:2] == (line, 16) and "U+1F642" in problem[2]


def test_draft_and_expired_cases_produce_no_slide(project: Path) -> None:
    add_draft(project)
    theme = project / "content/themes/2026-11.yaml"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace(
            "cases: [card-renting,", "cases: [fake-refund-shopping, card-renting,"
        ),
        "utf-8",
    )
    case = project / "content/cases/student-card-selling.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("valid_until: 2027-12-31", "valid_until: 2026-11-01"), "utf-8"
    )
    approve_again(project, "content/cases/student-card-selling.yaml")
    _, out, _ = build(project)
    names = [p.name for p in out.rglob("*.*")]
    assert not any("fake-refund-shopping" in n or "student-card-selling" in n for n in names)
    for playlist in out.rglob("playlist.json"):
        cases = {s["case"] for s in json.loads(playlist.read_text(encoding="utf-8"))["slides"]}
        assert not cases & {"fake-refund-shopping", "student-card-selling"}


def test_playlist_and_kiosk_page(sample) -> None:
    _, out, _ = sample
    folder = out / "lobby-tv" / "2026-03" / "zh"
    playlist = json.loads((folder / "playlist.json").read_text(encoding="utf-8"))
    assert [s["file"] for s in playlist["slides"]] == sorted(p.name for p in folder.glob("*.png"))
    assert all(s["seconds"] == 10 for s in playlist["slides"])  # the profile says 10
    case = next(s for s in playlist["slides"] if s["case"] == "fake-tax-refund")
    assert case["kind"] == "case" and case["valid_until"] == "2027-12-31"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert all(f'src="{s["file"]}"' in page for s in playlist["slides"])


def test_durations_follow_text_length_when_the_profile_sets_none(project: Path) -> None:
    site = project / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("format: jpg, seconds: 8}", "format: jpg}"), "utf-8")
    p = planner(project)
    plans = p.month("led-wall", p.content.site.displays["led-wall"], p.content.themes[("2026-03", "zh")])
    for plan in plans:
        assert plan.seconds == max(8, round(len(plan.text) / 4 + 2))
    assert max(plan.seconds for plan in plans) > 8


def test_script_in_a_title_never_reaches_the_kiosk_page_live(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: 出租", "title: <script>x</script>出租"), "utf-8")
    approve_again(project, "content/cases/card-renting.yaml")
    _, out, _ = build(project)
    for page in out.rglob("index.html"):
        assert "<script>x" not in page.read_text(encoding="utf-8")


def test_a_second_build_with_nothing_changed_draws_nothing(sample, tmp_path: Path) -> None:
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "again")
    first = build(project, tmp_path / "one")[2]
    second = build(project, tmp_path / "two")[2]
    assert second.rendered == 0 and second.slides == first.slides
    assert sorted(p.name for p in (tmp_path / "two").rglob("*")) == sorted(
        p.name for p in (tmp_path / "one").rglob("*")
    )


def test_a_contact_sheet_per_month_and_language(sample) -> None:
    _, out, _ = sample
    sheet = out / "contact" / "2026-03" / "zh" / "contact.png"
    with Image.open(sheet) as image:
        assert image.width > 1000 and image.height > 1000
    assert (out / "contact" / "2026-03" / "ko" / "contact.png").is_file()


def test_export_slides_writes_a_zip_for_a_usb_stick(project: Path, tmp_path: Path) -> None:
    from tests.test_cli import casecast

    target = tmp_path / "usb.zip"
    result = casecast(
        project, "export", "slides", "--display", "led-wall", "--month", "2026-03", "--lang", "ko", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    names = zipfile.ZipFile(target).namelist()
    assert "playlist.json" in names and "index.html" in names and "01-cover-2026-03.jpg" in names
    bad = casecast(project, "export", "slides", "--display", "nope", "--month", "2026-03", "-o", "x.zip")
    assert bad.returncode == 2 and "led-wall" in bad.stderr


def test_a_case_without_slogan_uses_a_short_title_on_strips_or_warns(project: Path) -> None:
    short = project / "content/cases/card-renting.yaml"
    short.write_text(
        short.read_text(encoding="utf-8")
        .replace("slogan: 不租不借不卖卡\n", "")
        .replace("title: 出租银行卡“日赚300元”？你可能已成诈骗帮凶", "title: 出租银行卡是违法"),
        "utf-8",
    )
    long = project / "content/cases/student-card-selling.yaml"
    long.write_text(long.read_text(encoding="utf-8").replace("slogan: 卖卡一时钱，失信五年难\n", ""), "utf-8")
    approve_again(project, "content/cases/card-renting.yaml", "content/cases/student-card-selling.yaml")
    p = planner(project)
    plans = p.month("led-strip", p.content.site.displays["led-strip"], p.content.themes[("2026-11", "zh")])
    kinds = {plan.case: (plan.kind, plan.blocks[0].lines) for plan in plans if plan.case}
    assert kinds["card-renting"] == ("strip", ("出租银行卡是违法",))  # fits: still
    assert kinds["student-card-selling"][0] == "scroll"  # a strip that scrolls shows the long title too
    assert not [x for x in p.problems if x.file.endswith("student-card-selling.yaml")]
    site = project / "content/site.yaml"  # a strip that does not scroll cannot: a warning says what to add
    site.write_text(
        site.read_text(encoding="utf-8").replace("seconds: 6, kind: strip}", "seconds: 6, kind: strip, scroll: none}"),
        "utf-8",
    )
    p = planner(project)
    plans = p.month("led-strip", p.content.site.displays["led-strip"], p.content.themes[("2026-11", "zh")])
    assert "student-card-selling" not in {plan.case for plan in plans}
    (warning,) = [x for x in p.problems if x.file.endswith("student-card-selling.yaml")]
    assert warning.severity == "warning" and "slogan" in warning.message


def test_a_big_month_is_spread_over_numbered_contact_sheets_of_40() -> None:
    from generator.slides.build import contact_pages

    shown = [("lobby-tv", f"{n:02d}-case-x.png", Path(f"{n}.png")) for n in range(85)]
    pages = contact_pages(shown, "2026-03 · zh")
    assert [(name, heading, len(items)) for name, heading, items in pages] == [
        ("contact.png", "2026-03 · zh (1/3)", 40),
        ("contact-2.png", "2026-03 · zh (2/3)", 40),
        ("contact-3.png", "2026-03 · zh (3/3)", 5),
    ]
    assert [item for _, _, items in pages for item in items] == shown
    assert contact_pages(shown[:40], "2026-03 · zh") == [("contact.png", "2026-03 · zh", shown[:40])]
    assert contact_pages([], "2026-03 · zh") == []


def test_a_korean_compliance_line_with_its_dates_takes_two_lines_on_a_totem(project: Path) -> None:
    """DESIGN.md's own review line, 준법감시인 심의필 제{number}호 ({date}~{until}), is wider than a totem at the
    smallest legible size: it breaks between phrases onto a second line instead of costing the slide."""
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(
        re.sub(r"(?m)^  ko: \"심의필.*$", '  ko: "준법감시인 심의필 제{number}호 ({date}~{until})"', text), "utf-8"
    )
    assert not [p for p in check_project(project, TODAY).problems if p.rule == "too-long"]
    _, out, _ = build(project)
    playlist = json.loads((out / "totem/2026-03/ko/playlist.json").read_text(encoding="utf-8"))
    (slide,) = [s for s in playlist["slides"] if s.get("case") == "fake-tax-refund"]
    (review,) = [block for block in slide["text"] if block["role"] == "review"]
    assert review["lines"] == ["준법감시인 심의필 제XB-2026-031-KO호", "(2026-02-24~2027-12-31)"]
    for lang, lines in (("ko", 2), ("zh", 1)):  # the lobby TV's narrow corner box too; 审查编号：… fits one
        landscape = json.loads((out / f"lobby-tv/2026-03/{lang}/playlist.json").read_text(encoding="utf-8"))
        slides = [s for s in landscape["slides"] if s.get("case") == "fake-tax-refund"]  # 1/2, 2/2 in Chinese
        assert slides and {len(b["lines"]) for s in slides for b in s["text"] if b["role"] == "review"} == {lines}
