"""Lobby slides and mobile files, written after the pages; the content's problems as MkDocs log lines."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.cache import cache_dir
from generator.checking import publishable
from generator.loading import Loaded
from generator.mobile import build_mobile
from generator.problems import SLIDES, SMS, WAITING, Problems
from generator.slides import SlideOptions, build_slides
from generator.slides.fonts import FontNotFound
from generator.slides.layout import LayoutError

log = logging.getLogger("mkdocs.plugins.casecast")
LAYOUTS = "theme/slides/layouts.yaml"


def report_problems(problems: Problems) -> None:
    for problem in sorted(problems):
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        if problem.scope == WAITING:
            level = logging.INFO  # not published, and no reason to fail a strict build (MkDocs counts warnings)
        log.log(level, problem.as_text())
    skipped = sorted(f for f in problems.files_with_errors() if f.startswith("content/"))
    if skipped:
        log.warning(f"left out of the site because of errors: {', '.join(skipped)}")


def slide_options(root: Path, today: dt.date) -> SlideOptions:
    return SlideOptions(root=root, today=today, cache=cache_dir(root) / "slides")


def write_slides(root: Path, loaded: Loaded | None, out: Path, today: dt.date, only=None) -> None:
    content = publishable(loaded) if loaded else None
    if content is None or not content.site.displays:
        return
    if LAYOUTS in loaded.problems.withheld(SLIDES):
        log.error(f"slides: none this time, {LAYOUTS} has errors (see above); the site and the app files are built")
        return
    started = time.perf_counter()
    try:
        result = build_slides(content, loaded.sources, slide_options(root, today), out, progress=log.info, only=only)
    except (LayoutError, FontNotFound) as error:
        raise PluginError(str(error)) from None
    log.info(
        f"slides: {result.slides} in {result.folders} folders "
        f"({result.rendered} drawn, {result.slides - result.rendered} unchanged from the cache) "
        f"in {time.perf_counter() - started:.2f} s"
    )


def write_mobile(root: Path, loaded: Loaded | None, out: Path, today: dt.date) -> None:
    content = publishable(loaded) if loaded else None
    if content is None:
        return
    started = time.perf_counter()
    labels = root / "theme" / "pages" / "labels.yaml"
    no_sms = loaded.problems.withheld(SMS)
    result = build_mobile(content, root, out, today, labels, cache=cache_dir(root) / "mobile", no_sms=no_sms)
    log.info(
        f"mobile: {result.cases} cases (fragment, H5 page, SMS) and a feed per language "
        f"({result.rendered} rendered, {result.cases - result.rendered} unchanged from the cache) "
        f"in {time.perf_counter() - started:.2f} s; "
        f"largest fragment {result.largest_fragment / 1024:.1f} KB without images (budget 16 KB)"
    )
    for name in result.over_budget:
        log.warning(f"mobile: {name} is over the 16 KB budget; shorten the story")


def keep_previous(old: Path, new: Path) -> None:
    """Carry the last build's exports into a build that did not renew them (hard links: nothing is copied)."""
    if old.is_dir() and not new.exists():
        shutil.copytree(old, new, copy_function=_link_or_copy)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
