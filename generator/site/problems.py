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
    items = "".join(
        f"<li><code>{html.escape(f'{p.file}:{p.line}:{p.column}')}</code> "
        f"{html.escape(p.message)} <small>({html.escape(p.rule)})</small></li>"
        for p in sorted(problems)
    )
    intro = _(
        "This page is not built because {file} has problems to fix. Save the file once they are fixed and the "
        "page comes back by itself.",
        file=file,
    )
    if last:
        below = _("Below, the last good version of this page, built at {time}:", time=last.time)
    else:
        below = _("There is no good version of this page from this preview yet.")
    box = (
        f'<div class="cc-problems" role="alert"><p>{html.escape(intro)}</p><ul>{items}</ul>'
        f"<p><em>{html.escape(below)}</em></p></div>"
    )
    meta = {"title": title, "search": {"exclude": True}, "casecast_problems": True}
    front = "\n".join(f"{key}: {front_matter_value(value)}" for key, value in meta.items())
    rest = last.text if last else f"# {html.escape(title)}\n"
    return f"---\n{front}\n---\n\n{box}\n\n{rest}", (last.body if last else None)
