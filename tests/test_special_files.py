"""Bad values and special files are problems at their place, never a traceback, a hang or a slow retry."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.checking import check_project
from generator.plugin import build_site

CASE = "content/cases/fake-tax-refund.yaml"


def problems_in(project: Path, name: str):
    return [p for p in check_project(project).problems if p.file == f"content/cases/{name}"]


def replace_line(project: Path, rel: str, start: str, line: str) -> int:
    path = project / rel
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith(start))
    lines[at] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


@pytest.mark.parametrize(
    ("start", "line", "words"),
    [
        ("valid_until:", "valid_until: 2026-02-30", "no such day"),
        ("summary:", "summary: !!int abc", "'!!int' is not allowed"),
        ("summary:", "summary: " + "7" * 5000, "5000 digits"),
        ("summary:", "summary: !!binary 5L+d5pys5L+d5oGv", "'!!binary' is not allowed"),
        ("summary:", "summary: !!python/object/apply:os.system [ls]", "is not allowed"),
        ("audience:", "audience: !!set {elderly: null}", "'!!set' is not allowed"),
    ],
)
def test_a_value_yaml_cannot_read_as_text_is_a_problem_at_its_line(project, start, line, words) -> None:
    at = replace_line(project, CASE, start, line)
    (problem,) = problems_in(project, "fake-tax-refund.yaml")
    assert problem.line == at and problem.severity == "error" and words in problem.message


def test_nesting_over_the_limit_is_refused_at_once(project: Path) -> None:
    (project / "content/cases/deep.yaml").write_text("a: " + "[" * 200_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    (problem,) = problems_in(project, "deep.yaml")
    assert time.perf_counter() - started < 10  # the whole check; the pure-Python parser alone took minutes
    assert (problem.line, problem.rule) == (1, "unsafe-content") and "nested too deeply" in problem.message


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda path: path.mkdir(), "is a folder"),
        (lambda path: os.symlink("/nonexistent/case.yaml", path), "does not exist"),
        (lambda path: os.mkfifo(path), "not an ordinary file"),
        (lambda path: os.symlink("/dev/zero", path), "outside content/"),
        (lambda path: os.symlink("/etc/hostname", path), "outside content/"),
        (lambda path: os.symlink(path.name, path), "leads back to itself"),
    ],
    ids=["folder", "dangling-link", "fifo", "dev-zero", "link-out", "link-loop"],
)
def test_a_special_file_where_a_case_should_be_is_a_problem_not_a_hang(project: Path, make, words) -> None:
    make(project / "content/cases/x.yaml")
    started = time.perf_counter()
    loaded = check_project(project)
    assert time.perf_counter() - started < 30
    (problem,) = [p for p in loaded.problems if p.file == "content/cases/x.yaml"]
    assert problem.severity == "error" and words in problem.message
    assert len(loaded.content.cases) >= 12  # the others are all there
    assert build_site(project)  # and the site is built without it


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("write", "words"),
    [
        (lambda path: path.write_bytes(_png_claiming(30_000, 30_000)), "so many pixels"),
        (lambda path: path.write_bytes(_noise_png()[:-5000]), "cut short"),
        (lambda path: os.mkfifo(path), "not an ordinary file"),
    ],
    ids=["decompression-bomb", "truncated", "fifo"],
)
def test_a_picture_that_would_crash_or_hang_the_build_is_a_problem(project: Path, write, words) -> None:
    (project / "content/images/atm-call.png").unlink()
    write(project / "content/images/atm-call.png")
    (problem,) = [p for p in check_project(project).problems if p.rule == "missing-file" and p.file == CASE]
    assert words in problem.message
    assert build_site(project)
    assert not (project / "site/cases/fake-tax-refund").exists()
    assert (project / "site/cases/card-renting/index.html").is_file()


def _noise_png() -> bytes:
    import io

    out = io.BytesIO()
    Image.effect_noise((300, 200), 80).convert("RGB").save(out, format="PNG")
    return out.getvalue()


# -- what a tester found next: each was a traceback or a hang -------------------------------------------


def _site_line(project: Path, start: str, line: str) -> int:
    return replace_line(project, "content/site.yaml", start, line)


def test_a_theme_for_a_year_no_calendar_has_is_a_file_name_problem(project: Path) -> None:
    (project / "content/themes/9999-12.yaml").write_text("title: x\nintro: y\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file == "content/themes/9999-12.yaml"]
    assert "file name" in problem.message


def test_a_font_that_is_not_a_font_is_reported_and_the_slides_use_another(project: Path) -> None:
    site = project / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "fonts: {zh: content/images/logo.png}\n", encoding="utf-8")
    (problem,) = [p for p in check_project(project).problems if p.file == "content/site.yaml"]
    assert problem.rule == "missing-file" and "not a TrueType or OpenType font" in problem.message
    assert build_site(project)  # the slides use the font Casecast finds; the site is built
    assert any((project / "site/exports/slides/lobby-tv").rglob("*.png"))


@pytest.mark.parametrize(
    ("start", "line", "words"),
    [
        ("  lobby-tv:", "  lobby-tv: {width: 16384, height: 16384, format: png}", "7680"),
        (
            "hotline:",
            'hotline: "95599（境外请拨 +86-10-95599），信用卡中心 400-669-5599，网点服务时间工作日 9:00–17:00"',
            "40",
        ),
        ("organization:", "organization: {}", "organization"),
    ],
    ids=["huge-display", "long-hotline", "empty-name"],
)
def test_a_site_setting_no_bank_could_mean_is_a_problem_at_its_line(project: Path, start, line, words) -> None:
    at = _site_line(project, start, line)
    problems = [p for p in check_project(project).problems if p.file == "content/site.yaml"]
    assert problems and {p.line for p in problems} == {at} and any(words in p.message for p in problems)
    assert not build_site(project)  # site.yaml is on every page: nothing is built


def test_a_long_list_of_numbers_is_checked_in_seconds(project: Path) -> None:
    case = project / "content/cases/card-renting.yaml"
    amounts = " ".join(f"{n}.00" for n in range(3000, 4500))  # a pasted list of amounts
    case.write_text(case.read_text(encoding="utf-8").replace("story: |\n", f"story: |\n  {amounts}\n"), "utf-8")
    started = time.perf_counter()
    check_project(project)
    assert time.perf_counter() - started < 20


def test_the_sms_text_is_made_whatever_the_length_of_the_hotline() -> None:
    from generator.mobile.sms import sms_text
    from generator.model import Site

    class Version:
        lang = "zh"
        case = type("C", (), {"sms": None, "slogan": "转账之前多核实", "title": "标题"})()

    site = Site.model_construct(
        name="x", organization="示范银行", languages=["zh"], hotline="9" * 80, complaint=None, categories={}
    )
    assert sms_text(Version, site)  # returns (it looped for ever when the hotline left no room)
