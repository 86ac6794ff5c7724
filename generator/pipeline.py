"""The build, top to bottom, for everything but the MkDocs site: load and check the content, decide what
each output publishes, run the renderers into a fresh folder, swap it in. The MkDocs adapter
(generator/plugin/) runs the same steps for the site and calls the renderers below after its pages;
`casecast build --only slides|mobile` and `casecast export` come here without importing MkDocs.

A further output is one more entry in OUTPUTS: a function (root, loaded, folder, today) that writes it."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.addresses import public_reason
from generator.buildinfo import build_time, known_hashes
from generator.cache import cache_dir
from generator.channels import FRAGMENT_BUDGET
from generator.checking import LAYOUTS, SITE_FILE, check_project, publishable
from generator.i18n import _
from generator.labels import LABELS
from generator.loading import Loaded
from generator.mobile import build_mobile
from generator.model import Site
from generator.problems import QUIET, SLIDES, Problems
from generator.publication import Publication
from generator.publish import file_hashes, stamped_files
from generator.slides import SlideOptions, build_slides
from generator.slides.fonts import FontNotFound, bitmap_face
from generator.slides.layout import LayoutError
from generator.slides.plan import needs_bitmap
from generator.swap import recover, remove_leftovers, swap_in
from generator.wechat import build_wechat
from generator.workers import alive


class BuildError(Exception):
    """A renderer cannot go on (a missing font, say): one sentence, and the previous output stays."""


@dataclass
class Built:
    """What a build did: whether site/ was renewed, and the content and problems it was built from."""

    ok: bool
    loaded: Loaded | None = None

    def __bool__(self) -> bool:
        return self.ok


log = logging.getLogger("mkdocs.plugins.casecast")  # MkDocs counts its warnings in --strict builds


def report_problems(problems: Problems) -> None:
    for problem in sorted(problems):
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        if problem.scope in QUIET:
            level = logging.INFO  # not published, or only worth knowing: no reason to fail a strict build
        log.log(level, problem.as_text())
    skipped = sorted(f for f in problems.files_with_errors() if f.startswith("content/"))
    if skipped:
        log.warning(_("left out of the site because of errors: {files}", files=", ".join(skipped)))


def slide_options(root: Path, today: dt.date, now: dt.datetime | None = None) -> SlideOptions:
    return SlideOptions(root=root, today=today, cache=cache_dir(root) / "slides", now=now)


def write_slides(root: Path, loaded: Loaded | None, out: Path, today: dt.date, only=None) -> None:
    content = publishable(loaded) if loaded else None
    if content is None or not content.site.displays:
        return
    if LAYOUTS in loaded.problems.withheld(SLIDES):
        log.error(
            _(
                "slides: none this time, {file} has errors (see above); the site and the app files are built",
                file=LAYOUTS,
            )
        )
        return
    started = time.perf_counter()
    try:
        options = slide_options(root, today, loaded.now)
        result = build_slides(content, loaded.sources, options, out, progress=log.info, only=only)
    except (LayoutError, FontNotFound) as error:
        raise BuildError(str(error)) from None
    log.info(
        _(
            "slides: {slides} in {folders} folders ({drawn} drawn, {cached} unchanged from the cache) "
            "in {seconds:.2f} s",
            slides=result.slides,
            folders=result.folders,
            drawn=result.rendered,
            cached=result.slides - result.rendered,
            seconds=time.perf_counter() - started,
        )
    )
    say_why_no_qr(content.site)
    if bitmap_face() is None and any(needs_bitmap(d) for d in content.site.displays.values()):
        log.warning(
            _(
                "slides: GNU Unifont is not installed, so single-colour LED strips are drawn with an outline font, "
                "which smears on LED modules; install Debian's fonts-unifont (`make build` does)"
            )
        )
    for missing in result.videos_missing:
        log.warning(
            _("slides: no video for the scrolling strip {what}; its wide image and page are there", what=missing)
        )


def say_why_no_qr(site: Site) -> None:
    """A QR code leads only where a customer's phone can go (generator/addresses.py); if not, say so."""
    reason = public_reason(site.url)
    if reason:
        log.info(
            _(
                "slides: no QR codes, because {reason}: a customer's phone could not open it (see site.yaml url)",
                reason=reason,
            )
        )


def write_mobile(root: Path, loaded: Loaded | None, out: Path, today: dt.date) -> None:
    content = publishable(loaded) if loaded else None
    if content is None:
        return
    started = time.perf_counter()
    labels = root / "theme" / "pages" / "labels.yaml"
    publication = Publication.decide(loaded.problems, today, now=loaded.now)
    result = build_mobile(content, root, out, today, labels, cache=cache_dir(root) / "mobile", publication=publication)
    log.info(
        _(
            "mobile: {cases} cases (fragment, H5 page, SMS) and a feed per language ({rendered} rendered, "
            "{cached} unchanged from the cache) in {seconds:.2f} s; largest fragment {largest:.1f} KB without images "
            "(budget {budget} KB)",
            cases=result.cases,
            rendered=result.rendered,
            cached=result.cases - result.rendered,
            seconds=time.perf_counter() - started,
            largest=result.largest_fragment / 1024,
            budget=FRAGMENT_BUDGET // 1024,
        )
    )
    if result.alerts:
        log.info(_("mobile: {count} urgent alert(s) live: their text messages are in alerts/", count=result.alerts))
    for name in result.over_budget:
        log.warning(
            _(
                "mobile: {name} is over the {budget} KB budget; shorten the story",
                name=name,
                budget=FRAGMENT_BUDGET // 1024,
            )
        )


class CarryOver(threading.Thread):
    """`--only site`: the last build's exports of `kinds` hard-linked into the new build and listed with their
    stamps for its tree hash, on a thread of its own while the site renders (thousands of files; join() before
    using them). A link keeps its file's stamp, so only what the last build had not hashed is read."""

    def __init__(self, old: Path, new: Path, kinds: list[str], root: Path) -> None:
        super().__init__(name="casecast-carry-over", daemon=True)
        self.old, self.new, self.kinds, self.root = old, new, kinds, root
        # only what the last build had not hashed: its own files, linked here, keep their stamps
        self.hashed: dict[str, str] = {}
        self.listed: dict[str, dict[str, str]] = {}  # "exports/slides" -> its files' stamps (tree_hash's `listed`)
        self.error: OSError | None = None

    def run(self) -> None:
        try:
            known = known_hashes(self.root)
            for kind in self.kinds:
                keep_previous(self.old / kind, self.new / kind)
                if (self.new / kind).is_dir():
                    stamps = stamped_files(self.new / kind, f"{self.new.name}/{kind}/")
                    self.listed[f"{self.new.name}/{kind}"] = stamps
                    self.hashed |= file_hashes(self.new.parent, stamps, known)
        except OSError as error:  # said by whoever joins it: a build never loses the last build's exports silently
            self.error = error


def keep_previous(old: Path, new: Path) -> None:
    """Carry the last build's exports into a build that did not renew them (hard links: nothing is copied)."""
    if old.is_dir() and not new.exists():
        shutil.copytree(old, new, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_wechat(root: Path, loaded: Loaded | None, out: Path, today: dt.date) -> None:
    content = publishable(loaded) if loaded else None
    if content is None or content.site.wechat is None:
        return
    started = time.perf_counter()
    labels = root / "theme" / "pages" / "labels.yaml"
    result = build_wechat(content, root, out, labels, Publication.decide(loaded.problems, today, now=loaded.now))
    log.info(
        _(
            "wechat: {articles} articles with {images} pictures to upload in {seconds} s",
            articles=result.articles,
            images=result.images,
            seconds=f"{time.perf_counter() - started:.2f}",
        )
    )


OUTPUTS: dict[str, Callable[[Path, Loaded, Path, dt.date], None]] = {
    "slides": write_slides,
    "mobile": write_mobile,
    "wechat": write_wechat,
}


def build_exports(root: Path, exports: list[str], *, strict: bool = False) -> Built:
    """`casecast build --only slides`: renew site/exports/<kind>/ alone, swapped in whole on success."""
    root = Path(root).resolve()
    now = build_time()
    today = now.date()
    loaded = check_project(root, today, now)
    report_problems(loaded.problems)
    for file in (LABELS, SITE_FILE):
        if file in loaded.problems.files_with_errors():
            log.error(_("{file} has errors (see above); site/exports/ was left as it was", file=file))
            return Built(False, loaded)
    if strict and loaded.problems.failed(strict=True, building=True):
        log.error(_("build refused (--strict): fix the problems above; site/exports/ was left as it was"))
        return Built(False, loaded)
    for kind in exports:
        final = root / "site" / "exports" / kind
        final.parent.mkdir(parents=True, exist_ok=True)
        recover(final)
        work = Path(tempfile.mkdtemp(prefix=f".casecast-build-{os.getpid()}-", dir=final.parent))
        work.chmod(0o755)
        try:
            OUTPUTS[kind](root, loaded, work, today)
        except BuildError as error:
            log.error(str(error))
            shutil.rmtree(work, ignore_errors=True)
            return Built(False, loaded)
        swap_in(work, final)
    return Built(True, loaded)


def remove_abandoned_builds(folder: Path) -> None:
    """A build killed half-way leaves its temporary folder behind; the next build clears it away."""
    remove_leftovers(folder)
    for leftover in folder.glob(".casecast-build-*"):
        pid = leftover.name.split("-")[2]
        if pid.isdigit() and alive(int(pid)):
            continue  # another build is working there right now
        shutil.rmtree(leftover, ignore_errors=True)
