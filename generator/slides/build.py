"""Planning every slide, rendering what the cache lacks on every core, and writing the folders."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import code_digest, prune, touch, write_atomic
from generator.i18n import _
from generator.labels import LABELS, load_labels
from generator.model import CaseVersion, Content
from generator.problems import SLIDES, Problems
from generator.slides.contact import SHEET, contact_sheet
from generator.slides.fonts import keep_coverage_in
from generator.slides.kiosk import kiosk_page, playlist
from generator.slides.layout import LayoutError, load_layouts
from generator.slides.memo import FitMemo
from generator.slides.plan import Planner
from generator.slides.render import render_slide
from generator.slides.scroll import VideoError, make_video, scroll_page
from generator.slides.slide import SlidePlan
from generator.workers import worker_pool

log = logging.getLogger("mkdocs.plugins.casecast")
READ_ONLY = 0o444  # cached slides and videos, which the build hard-links (_place)


@dataclass(frozen=True)
class SlideOptions:
    root: Path
    today: dt.date
    cache: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    layouts: str = "theme/slides/layouts.yaml"
    labels: str = LABELS
    now: dt.datetime | None = None  # the build's moment: which alerts are live (None: none)


@dataclass
class SlideResult:
    folders: int = 0
    slides: int = 0
    rendered: int = 0  # drawn this time; the rest came from the cache
    videos_missing: list[str] = field(default_factory=list)  # scrolling strips whose MP4 could not be made
    problems: Problems = field(default_factory=Problems)


Folder = tuple[str, str, str]  # display, month, lang
KEPT = {"fits.json", "fonts.json"}  # the slide cache's own books


def plan_slides(
    content: Content, sources: dict, options: SlideOptions
) -> tuple[dict[Folder, list[SlidePlan]], Problems]:
    layouts = load_layouts(options.root / options.layouts)
    labels = load_labels(options.root / options.labels)
    memo = FitMemo(options.cache / "fits.json")
    keep_coverage_in(options.cache / "fonts.json")
    fonts = font_files(content, options)
    planner = Planner(
        content, layouts, labels, sources, options.today, fonts, memo=memo, root=options.root, now=options.now
    )
    folders: dict[Folder, list[SlidePlan]] = {}
    for name, display in content.site.displays.items():
        for lang in content.languages:  # an alert is fitted to every display, whatever months there are
            planner.alerts(name, display, lang)
        for theme in sorted(content.themes.values(), key=lambda t: (t.month, t.lang)):
            folders[(name, theme.month, theme.lang)] = planner.month(name, display, theme)
    memo.save()
    return folders, planner.problems


def font_files(content: Content, options: SlideOptions) -> dict[str, str]:
    """site.yaml's `fonts:`, from the project folder (a system font's full path stays as it is)."""
    return {lang: str(options.root / ref) for lang, ref in content.site.fonts.items()}


def check_slides(content: Content, sources: dict, options: SlideOptions) -> Problems:
    try:
        return plan_slides(content, sources, options)[1]
    except LayoutError as error:  # the designer's file: slides wait for it, the site does not
        problems = Problems()
        problems.add(options.layouts, error.line, error.column, "schema", str(error), scope=SLIDES)
        return problems


def build_slides(
    content: Content,
    sources: dict,
    options: SlideOptions,
    out: Path,
    progress: Callable[[str], None] = log.info,
    only: Folder | None = None,
) -> SlideResult:
    folders, problems = plan_slides(content, sources, options)
    if only:
        folders = {k: v for k, v in folders.items() if k == only}
    result = SlideResult(problems=problems)
    options.cache.mkdir(parents=True, exist_ok=True)
    plans = {plan.key(): plan for slides in folders.values() for plan in slides}
    missing = {k: p for k, p in plans.items() if not (options.cache / f"{k}.{p.format}").exists()}
    result.slides, result.rendered = sum(len(v) for v in folders.values()), len(missing)
    _render_missing(missing, options, progress)
    videos = _make_videos([p for p in plans.values() if p.scroll], options, progress)
    for (display, month, lang), slides in folders.items():
        folder = out / display / month / lang
        folder.mkdir(parents=True, exist_ok=True)
        for plan in slides:
            _place(options.cache / f"{plan.key()}.{plan.format}", folder / plan.name)
            if plan.scroll:
                _place_scroll(plan, folder, lang, videos, result)
        (folder / "playlist.json").write_text(playlist(display, month, lang, slides), encoding="utf-8")
        (folder / "index.html").write_text(kiosk_page(display, month, lang, slides), encoding="utf-8")
        result.folders += 1
    sheets = []
    for month, lang in sorted({(m, lang) for (_display, m, lang) in folders}):
        shown = [
            (d, p.name, options.cache / f"{p.key()}.{p.format}")
            for (d, m, l), v in folders.items()
            if (m, l) == (month, lang)
            for p in _once(v)
        ]
        for name, heading, items in contact_pages(shown, f"{month} · {lang}"):
            key = hashlib.sha256(repr([(d, n, c.name) for d, n, c in items] + [heading]).encode()).hexdigest()[:24]
            cached = options.cache / f"contact-{key}.png"
            sheets.append((out / "contact" / month / lang / name, heading, lang, items, cached))
    todo = [s for s in sheets if not s[4].exists()]
    fonts = font_files(content, options)
    jobs = [(items, heading, lang, fonts.get(lang)) for _, heading, lang, items, _ in todo]
    for (*_sheet, cached), data in zip(todo, _map(_contact_job, jobs, options.workers), strict=True):
        _store(options.cache, cached.name.removesuffix(".png"), "png", data)
    for sheet, *_rest, cached in sheets:
        sheet.parent.mkdir(parents=True, exist_ok=True)
        _place(cached, sheet)
    if only is None:  # a whole build knows every entry it needs
        used = {f"{k}.{p.format}" for k, p in plans.items()} | {s[4].name for s in sheets} | KEPT
        used |= {_video_name(k) for k, p in plans.items() if p.scroll}
        prune(options.cache, used)
    return result


def render_case_slides(
    content: Content, sources: dict, options: SlideOptions, versions: list[CaseVersion], marks: dict[str, str]
) -> dict[tuple[str, str], list[tuple[str, SlidePlan, Path]]]:
    """Each case version's slides on every display, stamped with its language's mark (`marks`), drawn into
    the cache: (id, lang) -> [(display, plan, cached image)]. Unlike a build, whatever the review status."""
    layouts = load_layouts(options.root / options.layouts)
    labels = load_labels(options.root / options.labels)
    fonts = font_files(content, options)
    planner = Planner(content, layouts, labels, sources, options.today, fonts, root=options.root)
    found: dict[tuple[str, str], list[tuple[str, SlidePlan, Path]]] = {}
    for version in versions:
        found[(version.id, version.lang)] = [
            (name, plan, options.cache / f"{plan.key()}.{plan.format}")
            for name, display in content.site.displays.items()
            for plan in planner.preview_case(name, display, version, marks.get(version.lang, ""))
        ]
    plans = {cached.stem: plan for slides in found.values() for _, plan, cached in slides}
    options.cache.mkdir(parents=True, exist_ok=True)
    _render_missing({k: p for k, p in plans.items() if not (options.cache / f"{k}.{p.format}").exists()}, options)
    for slides in found.values():
        for _display, _plan, cached in slides:
            touch(cached)
    return found


def export_zip(folder: Path, target: Path) -> int:
    """Pack one display/month/language folder for a USB stick."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for path in files:
            archive.write(path, path.name)
    return len(files)


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _render_missing(
    missing: dict[str, SlidePlan], options: SlideOptions, progress: Callable[[str], None] = log.debug
) -> None:
    if not missing:
        return
    items = list(missing.items())
    done = 0
    step = max(1, len(items) // 10)
    if options.workers > 1 and len(items) > 1:
        with worker_pool(options.workers) as pool:
            for key, data in zip(missing, pool.map(render_slide, [p for _, p in items], chunksize=2), strict=True):
                _store(options.cache, key, missing[key].format, data)
                done += 1
                if done % step == 0 or done == len(items):
                    progress(_("slides: {done}/{total} rendered", done=done, total=len(items)))
    else:
        for key, plan in items:
            _store(options.cache, key, plan.format, render_slide(plan))
            done += 1
            if done % step == 0 or done == len(items):
                progress(_("slides: {done}/{total} rendered", done=done, total=len(items)))


def _make_videos(plans: list[SlidePlan], options: SlideOptions, progress) -> dict[str, Path | str]:
    """Each scrolling strip's MP4 loop, made once (then cached), several at a time: ffmpeg works in its own
    process. Returns key -> the cached video, or -> why there is none."""
    done: dict[str, Path | str] = {}
    todo = []
    for plan in plans:
        video = options.cache / _video_name(plan.key())
        if video.exists():
            done[plan.key()] = video
        else:
            todo.append((plan, video))
    if not todo:
        return done

    def make(item: tuple[SlidePlan, Path]) -> tuple[str, Path | str]:
        plan, video = item
        partial = video.with_name(f"{video.stem}.{os.getpid()}.{threading.get_ident()}.part.mp4")
        try:
            make_video(options.cache / f"{plan.key()}.{plan.format}", plan, partial)
        except VideoError as error:
            partial.unlink(missing_ok=True)
            return plan.key(), str(error)
        partial.replace(video)
        return plan.key(), video

    with ThreadPoolExecutor(max_workers=options.workers) as pool:
        for n, (key, made) in enumerate(pool.map(make, todo), 1):
            done[key] = made
            if n % 10 == 0 or n == len(todo):
                progress(_("slides: {done}/{total} scrolling videos made", done=n, total=len(todo)))
    return done


def _video_name(key: str) -> str:
    """A video is made from its wide image by scroll.py: change how, and every video is made again."""
    return f"{key}-{code_digest('slides/scroll.py', 'slides/slide.py')[:8]}.mp4"


def _place_scroll(plan: SlidePlan, folder: Path, lang: str, videos: dict, result: SlideResult) -> None:
    """Beside a scrolling strip's wide image: its MP4 loop and its own kiosk page."""
    stem = plan.name.rsplit(".", 1)[0]
    (folder / f"{stem}.html").write_text(scroll_page(plan, lang), encoding="utf-8")
    video = videos.get(plan.key())
    if isinstance(video, Path):
        _place(video, folder / f"{stem}.mp4")
    else:
        result.videos_missing.append(f"{folder.name}/{stem}.mp4: {video}")


def _once(slides: list[SlidePlan]) -> list[SlidePlan]:
    """A month's slides for its contact sheet: an alert shown again after every few slides, once."""
    seen: set[str] = set()
    kept = []
    for plan in slides:
        if plan.alert is None or plan.alert not in seen:
            kept.append(plan)
        if plan.alert is not None:
            seen.add(plan.alert)
    return kept


def contact_pages(shown: list, heading: str) -> list[tuple[str, str, list]]:
    """A month's slides on sheets of SHEET: contact.png, contact-2.png, … — so a big month stays readable,
    and one edited case redraws the sheets its slides are on, not the whole month."""
    pages = [shown[i : i + SHEET] for i in range(0, len(shown), SHEET)]
    if len(pages) == 1:
        return [("contact.png", heading, pages[0])]
    return [
        ("contact.png" if n == 1 else f"contact-{n}.png", f"{heading} ({n}/{len(pages)})", page)
        for n, page in enumerate(pages, 1)
    ]


def _contact_job(args) -> bytes:
    return contact_sheet(*args)


def _map(function, items: list, workers: int):
    if workers > 1 and len(items) > 1:
        with worker_pool(workers) as pool:
            return list(pool.map(function, items))
    return [function(item) for item in items]


def _store(cache: Path, key: str, fmt: str, data: bytes) -> None:
    write_atomic(cache / f"{key}.{fmt}", data)


def _place(cached: Path, target: Path) -> None:
    """The cached slide (or video) into the build as a hard link: the same file, so it is made read-only
    first. A designer's image editor saving over an exported slide would otherwise change the cached one too,
    and every later build would publish the edit, which no reviewer saw."""
    touch(cached)  # in use: prune() keeps it
    try:
        os.chmod(cached, READ_ONLY)
    except OSError:
        pass
    if target.exists():
        target.unlink()
    try:
        os.link(cached, target)  # same bytes, no copy
    except OSError:
        shutil.copyfile(cached, target)
