"""What `casecast serve` adds to a build, never a real one: the page of a case or month whose file has an error
shows the problems instead of a 404 (with the page as it last built well in this session); and each case still
waiting for review gets its slides and mobile pages, stamped as a draft, so the reviewer sees the screen
version before approving (`casecast review --sheet` puts the same slides on one contact sheet)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.checking import publishable
from generator.i18n import _
from generator.labels import LABELS, load_labels
from generator.loading import CASE_NAME, THEME_NAME, Loaded
from generator.mobile.build import render_marked
from generator.model import CaseVersion, ReviewStatus, Site
from generator.pipeline import LAYOUTS, slide_options
from generator.problems import SLIDES, Problem
from generator.site.pages import SitePages, page_path
from generator.site.problems import LastGood, problem_page, with_problems
from generator.slides.build import font_files, render_case_slides
from generator.slides.contact import review_sheet as contact_sheet_of
from generator.slides.fonts import FontNotFound
from generator.slides.layout import LayoutError

log = logging.getLogger("mkdocs.plugins.casecast")

PAGE_FOLDERS = (("content/cases/", CASE_NAME, "cases"), ("content/themes/", THEME_NAME, "months"))


@dataclass
class PreviewMemory:
    """The case and month pages as they last built well, for as long as the preview runs."""

    pages: dict[str, LastGood] = field(default_factory=dict)

    def remember(self, pages: SitePages) -> None:
        time = dt.datetime.now().strftime("%H:%M:%S")
        for path, markdown in pages.pages.items():
            if path.startswith(("cases/", "months/")):
                known = self.pages.get(path)
                body = pages.bodies.get(path)
                if known is None or (known.markdown, known.body) != (markdown, body):
                    self.pages[path] = LastGood(markdown, body, time)


def add_problem_pages(loaded: Loaded, pages: SitePages, memory: PreviewMemory) -> list[str]:
    """Give every case or month whose file has an error a page that says why (the problems above the page
    when they withhold only part of it, as a misspelt id in a month's list does); returns the paths of the
    pages that are not built."""
    if loaded.content is None:
        return []
    site = loaded.content.site
    by_file: dict[str, list[Problem]] = {}
    for problem in loaded.problems:
        by_file.setdefault(problem.file, []).append(problem)
    added = []
    whole = loaded.problems.files_with_errors()
    for file in sorted({p.file for p in loaded.problems.errors} - whole):  # built, without what each concerns
        found = page_of(file, site)
        if found is not None and found[0] in pages.pages:
            errors = [p for p in by_file[file] if p.severity == "error"]
            pages.pages[found[0]] = with_problems(pages.pages[found[0]], file, errors)
    for file in sorted(whole):
        found = page_of(file, site)
        if found is None:
            continue
        path, name = found
        pages.pages[path], body = problem_page(name, file, by_file[file], memory.pages.get(path))
        if body is None:
            pages.bodies.pop(path, None)
        else:
            pages.bodies[path] = body
        pages.hidden.add(path)
        added.append(path)
    return added


def page_of(file: str, site: Site) -> tuple[str, str] | None:
    """content/cases/x.ko.yaml -> ('cases/x.ko.md', 'x'); None for a file that has no page of its own."""
    for folder, pattern, pages in PAGE_FOLDERS:
        if not file.startswith(folder) or "/" in file.removeprefix(folder):
            continue
        match = pattern.match(file.removeprefix(folder))
        if match is None:
            return None
        lang = match["lang"] or site.default_language
        if lang not in site.languages:
            return None
        return page_path(f"{pages}/{match['id']}.md", lang, site.default_language), match["id"]
    return None


# -----------------------------------------------------------------------------
# the screen versions of cases waiting for review
# -----------------------------------------------------------------------------

PREVIEW_FOLDER = "exports/preview"  # <lang>/<id>/: slides, H5 page and fragment, and an index.html showing them


def waiting(loaded: Loaded) -> list[CaseVersion]:
    """Case versions a reviewer still has to decide on (draft, in review) whose files have no error."""
    content = publishable(loaded)
    if content is None:
        return []
    statuses = (ReviewStatus.draft, ReviewStatus.in_review)
    return sorted((v for v in content.cases.values() if v.case.review.status in statuses), key=lambda v: (v.lang, v.id))


def marks(root: Path, languages: list[str], long: bool = False) -> dict[str, dict[str, str]]:
    """The stamp per language and status: 草稿 · 审查中，尚未批准 (and, long, · 仅供预览，不得发布)."""
    labels = load_labels(root / LABELS)
    found: dict[str, dict[str, str]] = {}
    for lang in languages:
        t = {**labels.get("en", {}), **labels.get(lang, {})}
        found[lang] = {
            status.value: f"{t['draft_mark']} · {t[f'status_{status.value}']}"
            + (f" · {t['draft_status']}" if long else "")
            for status in (ReviewStatus.draft, ReviewStatus.in_review)
        }
    return found


def write_waiting_exports(root: Path, loaded: Loaded, out: Path, today: dt.date) -> int:
    """`casecast serve`: each waiting case's slides on every display and its mobile pages, stamped, in
    out/<lang>/<id>/ with an index.html that shows them; returns how many cases. A real build never does this."""
    versions = waiting(loaded)
    content = publishable(loaded)
    if not versions or content is None:
        return 0
    short, long = marks(root, content.languages), marks(root, content.languages, long=True)
    by_case: dict[tuple[str, str], list] = {}
    if content.site.displays and LAYOUTS not in loaded.problems.withheld(SLIDES):
        options = slide_options(root, today)
        try:
            for status in short[content.languages[0]]:
                chosen = [v for v in versions if v.case.review.status.value == status]
                stamps = {lang: short[lang][status] for lang in short}
                by_case |= render_case_slides(content, loaded.sources, options, chosen, stamps)
        except (LayoutError, FontNotFound) as error:  # said once, in one sentence; the mobile pages still come
            log.error(str(error))
    labels = load_labels(root / LABELS)
    for version in versions:
        folder = out / version.lang / version.id
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        t = {**labels.get("en", {}), **labels.get(version.lang, {})}
        mark = long[version.lang][version.case.review.status.value]
        rendered = render_marked(version, content.site, t, root, mark)
        (folder / "page.html").write_text(rendered.page, encoding="utf-8")
        (folder / "fragment.html").write_text(rendered.fragment + "\n", encoding="utf-8")
        slides = by_case.get((version.id, version.lang), [])
        for display, plan, cached in slides:
            shutil.copyfile(cached, folder / f"{display}-{plan.name}")
        (folder / "index.html").write_text(_index_page(version, mark, t, slides), encoding="utf-8")
    return len(versions)


def _index_page(version: CaseVersion, mark: str, t: dict[str, str], slides: list) -> str:
    e = html.escape
    figures = "".join(
        f'<figure><img src="{e(f"{display}-{plan.name}")}" alt="{e(display)}" style="max-width:100%;'
        f'border:1px solid #999"><figcaption>{e(display)} · {plan.width}×{plan.height} · {e(plan.name)}'
        f"</figcaption></figure>"
        for display, plan, _ in slides
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(version.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(version.case.title)} · {e(mark)}</title>\n"
        f"<style>body{{font-family:sans-serif;margin:1em auto;max-width:60em;padding:0 1em}}"
        f"figure{{margin:0 0 1.5em}}.mark{{border:3px dashed #b71c1c;color:#7f0000;padding:.6em 1em}}"
        f"iframe{{width:24em;height:40em;border:1px solid #999}}</style>\n</head>\n<body>\n"
        f'<p class="mark" role="note"><strong>{e(mark)}</strong></p>\n<h1>{e(version.case.title)}</h1>\n'
        f"<h2>{e(t['preview_screens'])}</h2>\n{figures}\n"
        f'<h2>{e(t["preview_mobile"])}</h2>\n<p><a href="page.html">page.html</a> · '
        f'<a href="fragment.html">fragment.html</a></p>\n<iframe src="page.html" title="{e(t["preview_mobile"])}">'
        f"</iframe>\n</body>\n</html>\n"
    )


def review_sheet(root: Path, loaded: Loaded, today: dt.date) -> tuple[bytes | None, int]:
    """`casecast review --sheet`: every waiting case's slides on every display, stamped and labelled, on one
    sheet (None when nothing is waiting); and how many case versions it shows. LayoutError or FontNotFound
    when the slides cannot be drawn at all."""
    versions = waiting(loaded)
    content = publishable(loaded)
    if not versions or content is None or not content.site.displays:
        return None, 0
    if LAYOUTS in loaded.problems.withheld(SLIDES):
        return None, 0
    short = marks(root, content.languages)
    options = slide_options(root, today)
    groups = []
    for version in versions:
        mark = short[version.lang][version.case.review.status.value]
        slides = render_case_slides(content, loaded.sources, options, [version], {version.lang: mark})
        items = [(display, plan.name, cached) for display, plan, cached in slides[(version.id, version.lang)]]
        groups.append((f"{version.file} · {mark} · {version.case.title}", items))
    heading = _("Waiting for review on {day}: {count} case version(s)", day=today.isoformat(), count=len(versions))
    lang = content.site.default_language
    return contact_sheet_of(groups, heading, lang, font_files(content, options).get(lang)), len(versions)
