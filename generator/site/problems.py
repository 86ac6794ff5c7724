"""The preview's page for a case or month whose file has an error: the problems with file and line, in the
user's language, and below them the last good version of the page from this preview session, if any.

`casecast serve` only: a real build leaves such a page out and says so."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from generator.i18n import _
from generator.problems import Problem
from generator.site.pages import front_matter_value

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class LastGood:
    """A page as it was last built without problems: its Markdown, its HTML body (case pages), and when."""

    markdown: str
    body: str | None
    time: str

    @property
    def title(self) -> str | None:
        match = _FRONT_MATTER.match(self.markdown)
        for line in match.group(1).splitlines() if match else []:
            if line.startswith("title: "):
                try:
                    return str(json.loads(line.removeprefix("title: ")))
                except ValueError:
                    return None
        return None

    @property
    def text(self) -> str:
        """The Markdown without its front matter."""
        return _FRONT_MATTER.sub("", self.markdown, count=1)


def problem_page(name: str, file: str, problems: list[Problem], last: LastGood | None) -> tuple[str, str | None]:
    """The page's Markdown and, when the last good version was a case page, its HTML body."""
    title = (last.title if last else None) or name
    intro = _(
        "This page is not built because {file} has problems to fix. Save the file once they are fixed and the "
        "page comes back by itself.",
        file=file,
    )
    if last:
        below = _("Below, the last good version of this page, built at {time}:", time=last.time)
    else:
        below = _("There is no good version of this page from this preview yet.")
    box = _box(intro, problems, below)
    meta = {"title": title, "search": {"exclude": True}, "casecast_problems": True}
    front = "\n".join(f"{key}: {front_matter_value(value)}" for key, value in meta.items())
    rest = last.text if last else f"# {html.escape(title)}\n"
    return f"---\n{front}\n---\n\n{box}\n\n{rest}", (last.body if last else None)


def with_problems(markdown: str, file: str, problems: list[Problem]) -> str:
    """A page that is built although its file has errors (each withholds one entry, one slide): the page with
    the problems above it, so the preview shows why something is missing from it."""
    intro = _(
        "{file} has problems to fix: what each concerns is left out (below, or on the screens), the rest is built. "
        "Save the file once they are fixed and the page updates by itself.",
        file=file,
    )
    match = _FRONT_MATTER.match(markdown)
    at = match.end() if match else 0
    return f"{markdown[:at]}\n{_box(intro, problems)}\n\n{markdown[at:]}"


def _box(intro: str, problems: list[Problem], below: str | None = None) -> str:
    items = "".join(
        f"<li><code>{html.escape(f'{p.file}:{p.line}:{p.column}')}</code> "
        f"{html.escape(p.message)} <small>({html.escape(p.rule)})</small></li>"
        for p in sorted(problems)
    )
    after = f"<p><em>{html.escape(below)}</em></p>" if below else ""
    return f'<div class="cc-problems" role="alert"><p>{html.escape(intro)}</p><ul>{items}</ul>{after}</div>'
