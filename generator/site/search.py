"""Search: each case page's entry, Chinese split into words on a second core and remembered, and one index
per language.

Material's search plugin indexes a page by parsing its HTML and cutting every run of Chinese characters
into words with jieba, in the one process that also renders every page: at a thousand cases that was
the largest single cost of a build. A case page's searchable text is known before MkDocs runs (title,
summary, story, red flags, advice), so its entry is made here, its Chinese is cut in a worker process
while MkDocs renders the pages, and every cut text is kept in .cache/ for the next build. The words
come out as Material's would: jieba's, joined by zero-width spaces that the search separator splits on.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nh3

from generator.cache import code_digest, read_json, write_atomic
from generator.workers import worker_pool

# CJK ideographs (with extension A, compatibility ideographs and the supplementary planes) and 々〇
_HAN_RUN = re.compile(r"[\u3005\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# what Material's search keeps of a page's markup in the text it shows under a result
_KEPT_TAGS = {"p", "ul", "ol", "li", "code", "pre", "sub", "sup"}


@dataclass(frozen=True)
class SearchEntry:
    location: str  # directory URL from the site root: "cases/x/", "ko/cases/x/"
    title: str  # HTML (escaped text), as in Material's index
    text: str  # HTML with a few plain tags, as in Material's index


def entry_text(summary: str, story_html: str, lists: list[tuple[str, list[str]]], note: str) -> str:
    """Summary, story, then each headed list (red flags, advice), then a short note (review number)."""
    parts = [f"<p>{html.escape(summary, quote=False)}</p>", nh3.clean(story_html, tags=_KEPT_TAGS, attributes={})]
    for heading, items in lists:
        lines = "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items)
        parts.append(f"<p>{html.escape(heading, quote=False)}</p><ul>{lines}</ul>")
    parts.append(f"<p>{html.escape(note, quote=False)}</p>")
    return " ".join(parts)


def segment(text: str) -> str:
    """Chinese runs cut into words and set off by zero-width spaces, as Material's search plugin does."""
    try:
        import jieba
    except ImportError:  # Material indexes unsegmented text then, and so do we
        return text

    def cut(match: re.Match[str]) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    return _HAN_RUN.sub(cut, text).strip("\u200b")


def _segment_all(texts: list[str]) -> list[str]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return [segment(text) for text in texts]


class Segmenter:
    """Cuts texts in a worker process, handed over in batches and waited for at the end of the build;
    keeps what it cut in a JSON file, so the next build only cuts what is new."""

    def __init__(self, cache_file: Path) -> None:
        self.cache_file = cache_file
        self.known: dict[str, str] = {}
        data = read_json(cache_file)  # None: no cache yet, or an unreadable one: cut everything again
        if isinstance(data, dict) and data.get("version") == _cut_code() and isinstance(data.get("texts"), dict):
            self.known = {k: v for k, v in data["texts"].items() if isinstance(v, str)}
        self.wanted: set[str] = set()
        self.jobs: list[tuple[list[str], Future]] = []
        self.executor: ProcessPoolExecutor | None = None
        self.changed = False

    def add(self, texts: list[str]) -> None:
        """Start cutting these texts (those with Chinese in them and not known yet) on the other core."""
        todo: dict[str, str] = {}
        for text in texts:
            if _HAN_RUN.search(text):
                key = _key(text)
                if key not in self.wanted and key not in self.known:
                    todo[key] = text
                self.wanted.add(key)
        if todo:
            if self.executor is None:
                self.executor = worker_pool(1)
            batch = list(todo.values())
            self.jobs.append((batch, self.executor.submit(_segment_all, batch)))

    def result(self) -> dict[str, str]:
        """digest -> cut text, for every text added; the cache keeps just these."""
        if self.executor is not None:
            try:
                for batch, future in self.jobs:
                    self.known.update((_key(t), s) for t, s in zip(batch, future.result(), strict=True))
            finally:
                self.executor.shutdown()
            self.executor, self.jobs, self.changed = None, [], True
        if self.changed or set(self.known) - self.wanted:
            kept = {k: v for k, v in self.known.items() if k in self.wanted}
            write_atomic(self.cache_file, json.dumps({"version": _cut_code(), "texts": kept}, ensure_ascii=False))
            self.known, self.changed = kept, False
        return self.known

    def close(self) -> None:
        """Stop the worker without waiting for what it was cutting (a failed build, the end of a preview)."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor, self.jobs = None, []


def _cut_code() -> str:
    """How words are cut (this file and jieba's version): change either and every text is cut again."""
    return code_digest("site/search.py", "lib:jieba")


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def search_entries(docs: list[dict], segmenter: Segmenter | None) -> list[dict]:
    """Every page's entries with their Chinese cut into words, as Material's index has them."""
    if segmenter is None:
        return []
    cut = segmenter.result()  # once: it waits for the worker and may write the cache

    def words(text: str) -> str:
        return cut.get(_key(text), text)

    return [{**doc, "title": words(doc["title"]), "text": words(doc["text"])} for doc in docs]


def split_search_index(site_dir: Path, default: str, others: list[str], extra: Sequence[dict] = ()) -> None:
    """One search index per language, so a Korean reader searches Korean pages only."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    buckets: dict[str, list[dict]] = {lang: [] for lang in [default, *others]}
    for doc in [*index["docs"], *extra]:
        lang = next((l for l in others if doc["location"].startswith(f"{l}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1 :]}
        buckets[lang].append(doc)
    for lang, docs in buckets.items():
        target = index_file if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"config": {**index["config"], "lang": _search_langs(lang)}, "docs": docs}
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def inline_search_indexes(site_dir: Path) -> None:
    """Every language's index also as a script (what Material's offline plugin does for the first one): a page
    opened from file:// cannot fetch JSON, but it can load a script that sets `__index`."""
    for index_file in site_dir.glob("**/search/search_index.json"):
        data = index_file.read_text(encoding="utf-8")
        index_file.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")


def _search_langs(lang: str) -> list[str]:
    # lunr has no Chinese stemmer worth using; Material segments Chinese with jieba at build time.
    return ["en", lang] if lang in ("ko", "ja", "zh") else [lang]
