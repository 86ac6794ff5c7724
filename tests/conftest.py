from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Tests that read messages read them in English (the sample site's default language is Chinese); a test of
# another language asks for it (--lang, or monkeypatch.setenv). Set before anything runs, so every command,
# build and worker process the tests start inherits it.
os.environ["CASECAST_LANG"] = "en"


@pytest.fixture(scope="session", autouse=True)
def shared_slide_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Slides are cached by content hash: every test's build shares one cache, as staff's builds do."""
    cache = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("CASECAST_CACHE_DIR")
    os.environ["CASECAST_CACHE_DIR"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("CASECAST_CACHE_DIR", None)
    else:
        os.environ["CASECAST_CACHE_DIR"] = previous


TODAY = "2026-11-25"  # "this month" on the home page is fixed so tests do not age


FIXTURES = REPO / "tests/fixtures"


def copy_project(target: Path) -> Path:
    """A private copy of the sample project that a test may edit freely."""
    shutil.copytree(REPO / "content", target / "content", ignore=shutil.ignore_patterns(".cache"))
    return _copy_setup(target)


def fixture_project(name: str, target: Path) -> Path:
    """The project of tests/fixtures/scopes/<name>/: the sample's mkdocs.yml and theme/ with the fixture's own
    content/ in place of the sample's, and any other file of the fixture (a designer's layouts.yaml) laid over
    the sample's file of that name."""
    source = FIXTURES / "scopes" / name
    assert (source / "content/site.yaml").is_file(), f"no content/site.yaml in {source}"
    _copy_setup(target)
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target


def _copy_setup(target: Path) -> Path:
    """What a project holds besides its content: the sample's theme/ and its mkdocs.yml, with "today" fixed."""
    shutil.copytree(REPO / "theme", target / "theme", ignore=shutil.ignore_patterns(".cache"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    text = (target / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(text.replace("  - casecast\n", f"  - casecast:\n      today: '{TODAY}'\n"))
    return target


def keep_displays(project: Path, *names: str) -> Path:
    """Only these lobby displays in the project's site.yaml: for a test about caching, workers or
    determinism, where drawing every slide of five displays from scratch would prove nothing more."""
    site = project / "content/site.yaml"
    lines = site.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("displays:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "#", "\n")), len(lines))
    kept = [line for line in lines[start + 1 : end] if line.strip().split(":")[0] in names]
    assert len(kept) == len(names), names
    site.write_text("".join(lines[: start + 1] + kept + lines[end:]), encoding="utf-8")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def approve_again(project: Path, *files: str) -> None:
    """The office checked an edit and approved it again (same number, reviewer and date): each approved case
    among `files` (paths from the project, e.g. content/cases/x.yaml) is bound to its text as it is now. Tests
    of other rules edit the approved sample cases; without this the edit would only be changed-since-approval."""
    from generator.approval import version_digest
    from generator.approve import Approval, with_review
    from generator.loading import load_project

    loaded = load_project(project)
    for version in loaded.content.cases.values() if loaded.content else []:
        review = version.case.review
        if version.file not in files or not version.approved or None in (review.number, review.reviewer, review.date):
            continue
        path = project / version.file
        approval = Approval(review.number, review.reviewer, review.date, review.until, version_digest(version, project))
        path.write_bytes(with_review(path.read_text(encoding="utf-8"), approval).encode("utf-8"))


def add_draft(project: Path) -> str:
    """A case still in review (the sample content itself is all approved, as a strict build needs)."""
    shutil.copy2(FIXTURES / "fake-refund-shopping.yaml", project / "content/cases/")
    return "fake-refund-shopping"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.plugin import build_site

    root = copy_project(tmp_path_factory.mktemp("sample") / "project")
    assert build_site(root, strict=True), "the sample site must build in strict mode"
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
