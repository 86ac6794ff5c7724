"""The MkDocs adapter: the only package that imports MkDocs. Thin: it hands generated pages to MkDocs and
runs the pipeline's renderers (generator/pipeline.py) after them.

config.py    the plugin's options in mkdocs.yml
plugin.py    the event handlers, in lifecycle order
search.py    a page's search sections, cut as Material's search plugin cuts them
commands.py  what `casecast build` and `casecast serve` run: MkDocs, into a fresh folder swapped in whole
"""

from generator.plugin.commands import build_site, serve_site
from generator.plugin.plugin import CasecastPlugin

__all__ = ["CasecastPlugin", "build_site", "serve_site"]
