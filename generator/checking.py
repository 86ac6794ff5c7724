"""Load the project and run every rule on it: what `casecast check` and every build start with."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import asdict, replace
from pathlib import Path

from generator import i18n
from generator.alert import as_moment
from generator.buildinfo import build_time
from generator.cache import cache_dir, code_digest, read_json, write_atomic
from generator.labels import LABELS, Labels, LabelsError, load_labels
from generator.loading import Loaded, load_project
from generator.model import CaseVersion, Content, ReviewStatus, Site
from generator.problems import WHOLE_FILE, Problem, Problems
from generator.rules import files, personal_data, references, review, sms, unsafe, wording_rule
from generator.wechat import check_wechat
from generator.workers import worker_pool
from generator.yamlsource import Source

SITE_FILE = "content/site.yaml"  # on every page, slide and snippet: an error in it stops every build
LAYOUTS = "theme/slides/layouts.yaml"


def check_project(
    root: Path,
    today: dt.date | None = None,
    now: dt.datetime | dt.date | None = None,
    *,
    outputs: Collection[str] | None = None,
) -> Loaded:
    """`now` is the moment the content is checked for (which alerts are live): a moment (one without a zone is
    the site's), or a day, which stands for its start; by default the build's time when `today` is not given
    (SOURCE_DATE_EPOCH, else the clock), else the start of `today`. `outputs`: the outputs being built (by
    default all). A build of the site alone fits no text to a lobby display and lays out no WeChat article:
    what only a slide or an article would withhold is their business, and they are not built."""
    slides = outputs is None or "slides" in outputs
    root = Path(root)
    if now is None:
        now = today if today is not None else build_time()
    today = today or dt.date.today()
    loaded = load_project(root)
    problems = loaded.problems
    site = loaded.content.site if loaded.content is not None else None
    loaded.now = as_moment(now, site.zone if site else dt.UTC)
    text_rules = TextRules(loaded.sources, site, text_rules_cache(root), share=not slides)
    found: list[Problem] = []
    try:
        if loaded.content is not None:
            problems.extend(references.check(loaded.content, root, loaded.sources, loaded.broken))
            problems.extend(files.check(loaded.content, root, loaded.sources))
            problems.extend(review.check(loaded.content, loaded.sources, today, root, loaded.now))
            labels = _labels(root, problems)
            problems.extend(sms.check(loaded.content, loaded.sources, labels))
            if labels is not None:
                if outputs is None or "wechat" in outputs:
                    problems.extend(check_wechat(loaded.content, loaded.sources, root, root / LABELS))
                if slides:  # while the text rules run on the other core
                    found = _slide_problems(loaded, root, today)
    except BaseException:
        text_rules.close()
        raise
    problems.extend(text_rules.result())
    bad = problems.files_with_errors()
    problems.extend(p for p in found if p.file not in bad)
    return loaded


def checked_files(root: Path, loaded: Loaded) -> set[str]:
    """Every file (project-relative) that `casecast check` read, or has something to say about."""
    files = set(loaded.sources) | {p.file for p in loaded.problems}
    return files | {name for name in (LABELS, LAYOUTS) if (Path(root) / name).is_file()}


def text_rules_cache(root: Path) -> Path:
    """The findings keep their messages' words: one file per language they are said in."""
    return cache_dir(root) / f"text-rules.{i18n.current()}.json"


def _labels(root: Path, problems: Problems) -> Labels | None:
    """The interface words every renderer needs: a slip there is the designer's to fix, at its line."""
    try:
        return load_labels(root / LABELS)
    except LabelsError as error:
        problems.add(LABELS, error.line, error.column, error.rule, error.message)
        return None


class TextRules:
    """Personal data, unsafe content, forbidden terms: each reads one file's text and nothing else (but the
    site's own term list), so a file's findings are kept under the digest of its text and of the rules.
    Files not seen before are checked at once; when there are many (a first build, a changed rule), in a
    worker on another core while the build goes on with the slide check."""

    IN_WORKER_FROM = 100  # files; fewer are done sooner here than a worker starts

    def __init__(self, sources: dict[str, Source], site: Site | None, cache_file: Path, share: bool = False) -> None:
        """`share`: this process has nothing else to do meanwhile, so it takes half the files itself."""
        # what the rules read of the site besides a file's text: its terms, its public numbers, its default language
        settings = (
            site.model_dump(
                mode="json", include={"forbidden_terms", "public_numbers", "hotline", "complaint", "languages"}
            )
            if site
            else {}
        )
        terms = json.dumps(settings, sort_keys=True)
        self.version = hashlib.sha1((_rules_digest() + terms).encode()).hexdigest()
        self.cache_file = cache_file
        self.stored = _read_json(cache_file)
        self.known: dict[str, list] = self.stored.get("files", {}) if self.stored.get("version") == self.version else {}
        self.keys = {file: f"{file}:{_digest(source.text)}" for file, source in sources.items()}
        todo = {file: source for file, source in sources.items() if self.keys[file] not in self.known}
        self.pending = None
        self.site, self.here = site, {}
        if len(todo) >= self.IN_WORKER_FROM and (os.cpu_count() or 1) > 1:
            if share:
                files = sorted(todo)
                self.here = {file: todo.pop(file) for file in files[: len(files) // 2]}
            pool = worker_pool(1)
            self.pending = (pool, todo, pool.submit(_find_in_files, todo, site))
        else:
            self._remember(todo, _find_in_files(todo, site))

    def result(self) -> Problems:
        if self.here:
            self._remember(self.here, _find_in_files(self.here, self.site))
            self.here = {}
        if self.pending is not None:
            pool, todo, future = self.pending
            try:
                self._remember(todo, future.result())
            finally:
                pool.shutdown()
            self.pending = None
        kept = {key: self.known[key] for key in self.keys.values()}
        if self.stored.get("version") != self.version or kept != self.stored.get("files"):
            _write_json(self.cache_file, {"version": self.version, "files": kept})
            self.stored = {"version": self.version, "files": kept}
        return Problems(Problem(**p) for key in self.keys.values() for p in kept[key])

    def close(self) -> None:
        if self.pending is not None:
            self.pending[0].shutdown(wait=False, cancel_futures=True)
            self.pending = None

    def _remember(self, todo: dict[str, Source], found: dict[str, list[dict]]) -> None:
        for file in todo:
            self.known[self.keys[file]] = found[file]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _find_in_files(sources: dict[str, Source], site: Site | None) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for file, source in sources.items():
        one = {file: source}
        problems = Problems(unsafe.check(one))
        problems.extend(personal_data.check(one, site))  # site.yaml too: but for the bank's own hotline
        if site is not None:
            problems.extend(wording_rule.check(one, site))
        found[file] = [asdict(p) for p in problems]
    return found


@functools.cache
def _rules_digest() -> str:
    """The rules' own code and word lists (and what they read with): changing a rule re-checks every file."""
    return code_digest("rules", "yamlsource.py", "problems.py", "lib:opencc", "lib:confusable-homoglyphs")


def _read_json(path: Path) -> dict:
    data = read_json(path)
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data, ensure_ascii=False))


def _slide_problems(loaded: Loaded, root: Path, today: dt.date):
    """too-long and missing-glyph: found by fitting every slide text, without drawing anything."""
    from generator.slides import SlideOptions, check_slides

    if not loaded.content.site.displays:
        return []
    bad = loaded.problems.files_with_errors()
    content = publishable(loaded)
    options = SlideOptions(root=root, today=today, cache=cache_dir(root) / "slides", now=loaded.now)
    found = check_slides(content, loaded.sources, options)
    return [p for p in dict.fromkeys(found) if p.file not in bad]


def publishable(loaded: Loaded, preview: bool = False) -> Content | None:
    """The content minus every case or theme whose file has an error: one bad file never stops the rest.

    In a preview (drafts shown), a case whose only error is that it changed since its approval is shown as
    what it now is: a draft waiting to be approved again, under the DRAFT banner."""
    if loaded.content is None:
        return None
    bad = loaded.problems.files_with_errors()
    waiting = _changed_only(loaded.problems, bad) if preview else set()
    content = loaded.content
    return replace(
        content,
        cases={
            k: (_awaiting_approval(v) if v.file in waiting else v)
            for k, v in content.cases.items()
            if v.file not in bad or v.file in waiting
        },
        themes={k: v for k, v in content.themes.items() if v.file not in bad},
        alerts={k: v for k, v in content.alerts.items() if v.file not in bad},
    )


def _changed_only(problems: Problems, bad: set[str]) -> set[str]:
    other = {p.file for p in problems.errors if p.scope == WHOLE_FILE and p.rule != "changed-since-approval"}
    return bad - other


def _awaiting_approval(version: CaseVersion) -> CaseVersion:
    review = version.case.review.model_copy(update={"status": ReviewStatus.in_review})
    return replace(version, case=version.case.model_copy(update={"review": review}))
