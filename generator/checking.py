"""Load the project and run every rule on it: what `casecast check` and every build start with."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from generator.cache import cache_dir
from generator.loading import Loaded, load_project
from generator.model import Content
from generator.rules import files, lengths, personal_data, references, review, unsafe, wording_rule


def check_project(root: Path, today: dt.date | None = None) -> Loaded:
    root = Path(root)
    today = today or dt.date.today()
    loaded = load_project(root)
    content_sources = {f: s for f, s in loaded.sources.items() if not f.endswith("site.yaml")}
    problems = loaded.problems
    problems.extend(personal_data.check(content_sources))
    problems.extend(unsafe.check(loaded.sources))
    if loaded.content is not None:
        problems.extend(references.check(loaded.content, root, loaded.sources, loaded.broken))
        problems.extend(files.check(loaded.content, root, loaded.sources))
        problems.extend(wording_rule.check(content_sources, loaded.content.site))
        problems.extend(review.check(loaded.content, loaded.sources, today))
        problems.extend(lengths.check(loaded.content, loaded.sources))
        problems.extend(_slide_problems(loaded, root, today))
    return loaded


def _slide_problems(loaded: Loaded, root: Path, today: dt.date):
    """too-long and missing-glyph: found by fitting every slide text, without drawing anything."""
    from generator.slides import SlideOptions, check_slides

    if not loaded.content.site.displays or not (root / "theme" / "slides" / "layouts.yaml").is_file():
        return []
    bad = loaded.problems.files_with_errors()
    content = publishable(loaded)
    options = SlideOptions(root=root, today=today, cache=cache_dir(root) / "slides")
    found = check_slides(content, loaded.sources, options)
    return [p for p in dict.fromkeys(found) if p.file not in bad]


def publishable(loaded: Loaded) -> Content | None:
    """The content minus every case or theme whose file has an error: one bad file never stops the rest."""
    if loaded.content is None:
        return None
    bad = loaded.problems.files_with_errors()
    content = loaded.content
    return replace(
        content,
        cases={k: v for k, v in content.cases.items() if v.file not in bad},
        themes={k: v for k, v in content.themes.items() if v.file not in bad},
    )
