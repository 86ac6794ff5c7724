"""What `casecast serve` adds to a build: the page of a case or month whose file has an error shows the
problems instead of a 404 (with the page as it last built well in this session)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.loading import CASE_NAME, THEME_NAME, Loaded
from generator.model import Site
from generator.problems import Problem
from generator.site.pages import SitePages, page_path
from generator.site.problems import LastGood, problem_page

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
    """Give every case or month whose file has an error a page that says why; returns their paths."""
    if loaded.content is None:
        return []
    site = loaded.content.site
    by_file: dict[str, list[Problem]] = {}
    for problem in loaded.problems:
        by_file.setdefault(problem.file, []).append(problem)
    added = []
    for file in sorted(loaded.problems.files_with_errors()):
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
