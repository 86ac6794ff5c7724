"""The MkDocs adapter: the only package that imports MkDocs. Thin: it hands generated pages to MkDocs.

config.py    the plugin's options in mkdocs.yml
plugin.py    the event handlers, in lifecycle order
search.py    a page's search sections, cut as Material's search plugin cuts them
exports.py   slides and mobile files after the pages, and the problems as MkDocs log lines
commands.py  what `casecast build` and `casecast serve` run: MkDocs, into a fresh folder swapped in whole
"""

from generator.plugin.commands import Built, build_exports, build_site, serve_site
from generator.plugin.exports import slide_options, write_mobile, write_slides
from generator.plugin.plugin import CasecastPlugin

__all__ = [
    "Built",
    "CasecastPlugin",
    "build_exports",
    "build_site",
    "serve_site",
    "slide_options",
    "write_mobile",
    "write_slides",
]
