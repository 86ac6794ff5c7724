"""A page's search entries as Material's search plugin makes them, with its own section parser."""

from __future__ import annotations

try:  # the very parser Material's search uses to cut a page into sections
    from material.plugins.search.plugin import Parser as SearchParser
except ImportError:  # without it, Material indexes the pages (and cuts their Chinese) itself
    SearchParser = None


def page_search_docs(page, leave_out: str | None = None) -> list[dict]:
    """A page's sections as Material's search plugin makes them (material/plugins/search/plugin.py), without
    the HTML `leave_out`, which is not searched (the parser would read through it to skip it)."""
    parser = SearchParser()
    parser.feed(page.content.replace(leave_out, "", 1) if leave_out else page.content)
    parser.close()
    docs = []
    for section in parser.data:
        if section.is_excluded():
            continue
        item = _toc_item(page.toc, section.id)
        url = page.url + item.url if item else page.url + (f"#{section.id}" if section.id else "")
        title = "".join(section.title).strip() or str(page.meta.get("title", page.title))
        docs.append({"location": url, "title": title, "text": "".join(section.text).strip()})
    return docs


def _toc_item(toc, anchor: str | None):
    for item in toc:
        if item.id == anchor:
            return item
        found = _toc_item(item.children, anchor)
        if found is not None:
            return found
    return None
