"""Load the project and run every rule on it: what `casecast check` and every build start with."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.loading import Loaded, load_project
from generator.model import Content
from generator.rules import references


def check_project(root: Path) -> Loaded:
    loaded = load_project(Path(root))
    if loaded.content is not None:
        loaded.problems.extend(references.check(loaded.content, Path(root), loaded.sources, loaded.broken))
    return loaded


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
