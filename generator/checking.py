"""Load the project and run every rule on it: what `casecast check` and every build start with."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import asdict, replace
from pathlib import Path

from generator import rules
from generator.cache import cache_dir
from generator.labels import LABELS, LabelsError, load_labels
from generator.loading import Loaded, load_project
from generator.model import Content, Site
from generator.problems import Problem, Problems
from generator.rules import files, lengths, personal_data, references, review, unsafe, wording_rule
from generator.yamlsource import Source


def check_project(root: Path, today: dt.date | None = None) -> Loaded:
    root = Path(root)
    today = today or dt.date.today()
    loaded = load_project(root)
    problems = loaded.problems
    site = loaded.content.site if loaded.content is not None else None
    problems.extend(_text_rules(loaded.sources, site, cache_dir(root) / "text-rules.json"))
    if loaded.content is not None:
        problems.extend(references.check(loaded.content, root, loaded.sources, loaded.broken))
        problems.extend(files.check(loaded.content, root, loaded.sources))
        problems.extend(review.check(loaded.content, loaded.sources, today))
        problems.extend(lengths.check(loaded.content, loaded.sources))
        if _labels_ok(root, problems):
            problems.extend(_slide_problems(loaded, root, today))
    return loaded


def _labels_ok(root: Path, problems: Problems) -> bool:
    """The interface words every renderer needs: a slip there is the designer's to fix, at its line."""
    try:
        load_labels(root / LABELS)
    except LabelsError as error:
        problems.add(LABELS, error.line, error.column, error.rule, error.message)
        return False
    return True


def _text_rules(sources: dict[str, Source], site: Site | None, cache_file: Path) -> Problems:
    """Personal data, unsafe content, forbidden terms: each reads one file's text and nothing else (but the
    site's own term list), so a file's findings are kept under the digest of its text and of the rules."""
    terms = json.dumps(site.forbidden_terms.model_dump(mode="json"), sort_keys=True) if site else ""
    version = hashlib.sha1((_rules_digest() + terms).encode()).hexdigest()
    stored = _read_json(cache_file)
    known = stored.get("files", {}) if stored.get("version") == version else {}
    kept: dict[str, list] = {}
    problems = Problems()
    for file, source in sources.items():
        key = f"{file}:{hashlib.sha1(source.text.encode()).hexdigest()}"
        if key not in known:
            one = {file: source}
            found = Problems(unsafe.check(one))
            if not file.endswith("site.yaml"):  # the bank's own contact details are meant to be published
                found.extend(personal_data.check(one))
                if site is not None:
                    found.extend(wording_rule.check(one, site))
            known[key] = [asdict(p) for p in found]
        kept[key] = known[key]
        problems.extend(Problem(**p) for p in known[key])
    if stored.get("version") != version or kept != stored.get("files"):
        _write_json(cache_file, {"version": version, "files": kept})
    return problems


@functools.cache
def _rules_digest() -> str:
    """The rules' own code and word lists: changing a rule re-checks every file."""
    here = Path(rules.__file__).parent
    files = sorted(here.glob("*.py")) + sorted(here.glob("*.yaml"))
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp{os.getpid()}")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


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
