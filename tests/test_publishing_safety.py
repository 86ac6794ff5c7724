"""Nothing lost: a killed or failed build leaves the previous site/ exactly as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from generator.plugin import build_site

REPO = Path(__file__).resolve().parent.parent


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_killing_a_build_half_way_leaves_the_old_site(project: Path) -> None:
    assert build_site(project)
    before = fingerprint(project / "site")
    case = project / "content/cases/card-renting.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: 出租", "title: 新标题出租"), encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any((w / "index.html").exists() for w in project.glob(".casecast-build-*")):
        assert build.poll() is None, "the build finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert fingerprint(project / "site") == before
    assert build_site(project)  # the next build clears what the killed one left behind
    assert not list(project.glob(".casecast-build-*"))
    assert "新标题出租" in (project / "site/cases/card-renting/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("moment", ["pages", "slides"])
def test_a_killed_build_leaves_no_worker_process_behind(project: Path, moment: str) -> None:
    """Its word-cutting and slide-drawing workers go too: nothing keeps running (and holding memory) for ever."""
    cache = project / ".cache-killed"
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), "CASECAST_CACHE_DIR": str(cache)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while True:
        assert build.poll() is None, f"the build finished before it could be killed during its {moment}"
        assert time.monotonic() < deadline
        workers = _children(build.pid)
        if moment == "pages":  # MkDocs writes pages while the word-cutter waits for more
            reached = any((w / "index.html").exists() for w in project.glob(".casecast-build-*"))
        else:
            reached = any((cache / "slides").glob("*.png"))
        if workers and reached:
            break
        time.sleep(0.02)
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    try:
        while left := [pid for pid in workers if _alive(pid)]:
            assert time.monotonic() < deadline, f"worker processes {left} outlived the killed build"
            time.sleep(0.1)
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_images_are_published_without_gps_or_other_metadata(project: Path) -> None:
    photo = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x013B] = "Photographer Name"  # Artist
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 15.0)  # GPSLatitude
    photo.save(project / "content/images/atm.jpg", exif=exif.tobytes())
    assert Image.open(project / "content/images/atm.jpg").getexif()  # the source really has it
    case = project / "content/cases/fake-tax-refund.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("image: images/atm-call.png", "image: images/atm.jpg"), "utf-8"
    )
    assert build_site(project)
    published = Image.open(project / "site/images/atm.jpg")
    assert published.size == (64, 48)
    assert not published.getexif()
    assert b"Photographer" not in (project / "site/images/atm.jpg").read_bytes()


def test_a_picture_that_is_not_a_picture_is_reported(project: Path) -> None:
    from generator.checking import check_project

    (project / "content/images/fake.jpg").write_text("not a jpeg", encoding="utf-8")
    case = project / "content/cases/fake-tax-refund.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("image: images/atm-call.png", "image: images/fake.jpg"), "utf-8"
    )
    (problem,) = [p for p in check_project(project).problems if p.rule == "missing-file"]
    assert "JPEG, PNG or WebP" in problem.message and problem.severity == "error"


def test_an_image_outside_content_images_is_refused(project: Path) -> None:
    from generator.checking import check_project

    case = project / "content/cases/fake-tax-refund.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("image: images/atm-call.png", "image: ../mkdocs.yml"), "utf-8"
    )
    (problem,) = [p for p in check_project(project).problems if p.rule == "missing-file"]
    assert "content/images/" in problem.message


def test_a_case_image_shows_on_its_page_in_every_language(project: Path) -> None:
    Image.new("RGB", (64, 48), (30, 30, 200)).save(project / "content/images/atm.png")
    for name in ("fake-tax-refund.yaml", "fake-tax-refund.ko.yaml"):
        case = project / "content/cases" / name
        case.write_text(
            case.read_text(encoding="utf-8").replace("image: images/atm-call.png", "image: images/atm.png"), "utf-8"
        )
    assert build_site(project, strict=True)
    zh = (project / "site/cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    ko = (project / "site/ko/cases/fake-tax-refund/index.html").read_text(encoding="utf-8")
    assert 'src="../../images/atm.png"' in zh
    assert 'src="../../../images/atm.png"' in ko


def test_a_failed_build_leaves_no_worker_running(project: Path, tmp_path: Path, monkeypatch) -> None:
    import multiprocessing

    monkeypatch.setenv("CASECAST_CACHE_DIR", str(tmp_path / "empty-cache"))  # words are cut in a worker
    template = project / "theme/overrides/main.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    assert not build_site(project)
    deadline = time.monotonic() + 10
    while multiprocessing.active_children():
        assert time.monotonic() < deadline, "a worker outlived the failed build"
        time.sleep(0.1)
