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
