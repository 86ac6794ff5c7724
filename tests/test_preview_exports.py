"""`casecast serve` shows a case waiting for review on the screens and in the app, stamped as a draft; a real
build never has these files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from generator.checking import check_project
from generator.preview import review_sheet, write_waiting_exports
from tests.conftest import TODAY, add_draft, copy_project
from tests.slides.test_ocr import ocr
from tests.test_cli import casecast


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("preview") / "project")
    case = add_draft(root)
    loaded = check_project(root, dt.date.fromisoformat(TODAY))
    assert write_waiting_exports(root, loaded, root / "out", dt.date.fromisoformat(TODAY)) == 1
    return root / "out" / "zh" / case


def test_a_case_in_review_has_a_slide_on_every_display_stamped_as_a_draft(preview: Path) -> None:
    names = sorted(p.name for p in preview.iterdir())
    for display in ("lobby-tv", "led-wall", "led-strip", "totem", "door-strip"):
        assert f"{display}-01-" in " ".join(names), display
    with Image.open(preview / "lobby-tv-01-case-fake-refund-shopping.png") as slide:
        assert slide.size == (1920, 1080)
        corner = slide.crop((1100, 0, 1920, 110))
        assert "草稿" in "".join(ocr(corner, "chi_sim").split())
    index = (preview / "index.html").read_text(encoding="utf-8")
    assert 'src="totem-01-case-fake-refund-shopping.png"' in index and "厅堂屏幕预览" in index


def test_its_h5_page_and_fragment_say_it_is_a_draft_in_review(preview: Path) -> None:
    mark = "草稿 · 审查中，尚未批准 · 仅供预览，不得发布"
    page = (preview / "page.html").read_text(encoding="utf-8")
    assert f'<p class="mark" role="note">{mark}</p>' in page and "备用金" in page
    assert mark in (preview / "fragment.html").read_text(encoding="utf-8")


def test_a_real_build_has_no_preview_files(built_site: Path) -> None:
    assert (built_site / "exports/slides").is_dir() and not (built_site / "exports/preview").exists()


def test_review_sheet_shows_every_waiting_case_on_every_display(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASECAST_LANG", "en")
    add_draft(project)
    result = casecast(project, "review", "--sheet", "waiting.png")
    assert result.returncode == 0, result.stderr
    assert "wrote waiting.png: the slides of 1 case version(s) waiting for review" in result.stdout
    with Image.open(project / "waiting.png") as sheet:
        assert sheet.size == (1896, 528)  # the heading, one line naming the case, its five displays in a row
        label = "".join(ocr(sheet.crop((0, 62, 1896, 104)), "chi_sim+eng").split())
        assert "fake-refund-shopping" in label and "草稿" in label


def test_review_sheet_with_nothing_waiting_has_nothing_to_draw(project: Path) -> None:
    loaded = check_project(project, dt.date.fromisoformat(TODAY))
    assert review_sheet(project, loaded, dt.date.fromisoformat(TODAY)) == (None, 0)
