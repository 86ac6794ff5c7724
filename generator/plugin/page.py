"""A page Casecast generated, as MkDocs reads and renders it, without the work its text does not need.

Its front matter is written by generator.site.pages as `key: <JSON>` lines, read here with the JSON reader
(MkDocs reads it as YAML: the same values, a tenth of the time); a case page has no Markdown under it (its
body is HTML, put in at on_page_content), so no Markdown converter is built for it (MkDocs builds one per
page). A designer's own front matter in a template, or a page with Markdown in it, goes MkDocs' own way.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.site.pages import read_front_matter

log = logging.getLogger("mkdocs.structure.pages")  # whose level Page.render asks


class GeneratedPage(Page):
    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        found = read_front_matter(source) if source is not None else None
        if found is None:
            super().read_source(config)
            return
        self.markdown, self.meta = found

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        # what Page.render makes of a page with no text: Markdown returns "" for it before any extension runs
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}
