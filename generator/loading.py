"""content/ on disk -> validated model, with every problem pointed at its file, line and column."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.alert import Alert, AlertVersion, alert_version, as_moment
from generator.i18n import _
from generator.model import Case, CaseVersion, Content, Site, Theme, ThemeVersion
from generator.problems import Problems
from generator.slips import find_slips, may_hide_slips
from generator.validation import describe, dotted, fields_at, model_keys, real_loc
from generator.yamlsource import Source, SourceError, parse_source, read_text

CASE_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:\.(?P<lang>[a-z]{2}))?\.yaml$")
# Country codes written where a language code belongs (jp for ja, kr for ko, cn for zh)
LANGUAGE_SLIPS = {
    "jp": "ja",
    "kr": "ko",
    "cn": "zh",
    "ch": "zh",
    "tw": "zh",
    "hk": "zh",
    "us": "en",
    "uk": "en",
    "gb": "en",
}
THEME_NAME = re.compile(r"^(?P<id>(?:19|20)\d{2}-(0[1-9]|1[0-2]))(?:\.(?P<lang>[a-z]{2}))?\.yaml$")


@dataclass
class Loaded:
    """The result of loading: the model (None if site.yaml itself is unusable) and the problems."""

    content: Content | None
    problems: Problems
    files: int
    sources: dict[str, Source]
    broken: set[tuple[str, str]] = field(default_factory=set)  # (id, lang) of files that failed to load
    now: dt.datetime | None = None  # the moment it was checked for (checking.check_project): which alerts are live


def load_project(root: Path) -> Loaded:
    root = Path(root)
    problems = Problems()
    sources: dict[str, Source] = {}
    content_dir = root / "content"
    site_file = content_dir / "site.yaml"
    if not os.path.lexists(site_file):
        problems.add(_rel(site_file, root), 1, 1, "missing-file", _missing_site(content_dir))
        return Loaded(None, problems, 0, sources)
    site = _load_model(site_file, Site, root, problems, sources)
    files = 1
    if site is None:
        return Loaded(None, problems, files, sources)
    content = Content(site=site)
    broken: set[tuple[str, str]] = set()
    problems.extend(ignored_files(root))

    for path in sorted((content_dir / "themes").glob("*.yaml")):
        files += 1
        key = _file_key(path, THEME_NAME, site, root, problems, "themes/2026-03.yaml, themes/2026-03.ko.yaml")
        if key is None:
            continue
        theme = _load_model(path, Theme, root, problems, sources, site)
        if theme is None:
            broken.add(key)
        else:
            _add_unique(content.themes, key, ThemeVersion(key[0], key[1], theme, _rel(path, root)), problems)

    for path in sorted((content_dir / "cases").glob("*.yaml")):
        files += 1
        key = _file_key(
            path, CASE_NAME, site, root, problems, "cases/fake-tax-refund.yaml, cases/fake-tax-refund.ko.yaml"
        )
        if key is None:
            continue
        case = _load_model(path, Case, root, problems, sources, site)
        if case is None:
            broken.add(key)
        else:
            _add_unique(content.cases, key, CaseVersion(key[0], key[1], case, _rel(path, root)), problems)

    for path in sorted((content_dir / "alerts").glob("*.yaml")):
        files += 1
        key = _file_key(
            path, CASE_NAME, site, root, problems, "alerts/phishing-wave.yaml, alerts/phishing-wave.ko.yaml"
        )
        if key is None:
            continue
        alert = _load_model(path, Alert, root, problems, sources, site)
        version = alert_version(*key, alert, _rel(path, root), site.zone) if alert is not None else None
        if version is None or not _in_order(version, site, sources.get(version.file), problems):
            broken.add(key)
        else:
            _add_unique(content.alerts, key, version, problems)

    return Loaded(content, problems, files, sources, broken)


def _in_order(version: AlertVersion, site: Site, source: Source | None, problems: Problems) -> bool:
    """An alert ends after it starts (its `until`, and its approval's last day, after its `from`)."""
    if version.end > version.start:
        return True
    written_end = as_moment(version.alert.until, site.zone, end=True)
    key = ("until",) if written_end <= version.start else ("review", "until")
    line, column = source.position(key) if source else (1, 1)
    problems.add(
        version.file,
        line,
        column,
        "schema",
        _(
            "the alert ends ({end}) before it starts ({start}); check 'from' and 'until'",
            end=version.end.isoformat(sep=" ", timespec="minutes"),
            start=version.start.isoformat(sep=" ", timespec="minutes"),
        ),
    )
    return False


def load_file(path: Path, model: type[BaseModel], site: Site | None = None) -> tuple[BaseModel | None, Problems]:
    """One content file read and checked on its own, as `load_project` reads it (the slips, the schema, the
    ids in site.yaml), with no project around it."""
    problems = Problems()
    path = Path(path)
    return _load_model(path, model, path.parent, problems, {}, site), problems


def ignored_files(root: Path) -> Problems:
    """Content files Casecast would pass over without a word: named .yml or .YAML, in a subfolder of cases/
    or themes/, in a folder called case/ or Cases/, loose in content/. Each is a warning with where it
    belongs or what to call it."""
    problems = Problems()
    content = Path(root) / "content"
    if not content.is_dir():
        return problems
    for entry in sorted(content.iterdir()):
        if _hidden(entry.name):
            continue
        if entry.is_dir() and entry.name in ("cases", "themes", "alerts"):
            for inner in sorted(entry.iterdir()):
                if _hidden(inner.name):
                    continue
                if inner.is_dir():
                    for file in _yaml_files_in(inner):
                        message = _(
                            "Casecast reads only the files directly in content/{folder}/, not in folders inside "
                            "it: this file is ignored; move it to content/{folder}/{name}",
                            folder=entry.name,
                            name=file.name,
                        )
                        problems.add(_rel(file, root), 1, 1, "schema", message, "warning")
                elif _looks_like_yaml(inner.name) and not inner.name.endswith(".yaml"):
                    message = _(
                        "Casecast reads only files whose names end in .yaml: this file is ignored; rename it to {name}",
                        name=_yaml_name(inner.name),
                    )
                    problems.add(_rel(inner, root), 1, 1, "schema", message, "warning")
        elif entry.is_dir() and entry.name.lower().rstrip("s") in ("case", "theme", "alert"):
            folder = entry.name.lower().rstrip("s") + "s"
            for file in _yaml_files_in(entry):
                message = _(
                    "Casecast reads content/{folder}/, not content/{wrong}/: this file is ignored; "
                    "move it to content/{folder}/",
                    folder=folder,
                    wrong=entry.name,
                )
                problems.add(_rel(file, root), 1, 1, "schema", message, "warning")
        elif entry.is_file() and _looks_like_yaml(entry.name) and entry.name != "site.yaml":
            message = _(
                "Casecast reads content/site.yaml, cases from content/cases/, months' themes from "
                "content/themes/ and urgent alerts from content/alerts/: this file is ignored; move it into one of "
                "those folders"
            )
            problems.add(_rel(entry, root), 1, 1, "schema", message, "warning")
    return problems


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()  # content files are found under root: no need to resolve
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _file_key(
    path: Path, pattern: re.Pattern[str], site: Site, root: Path, problems: Problems, examples: str
) -> tuple[str, str] | None:
    match = pattern.match(path.name)
    file = _rel(path, root)
    if not match:
        better = _yaml_name(path.name)
        if better != path.name and pattern.match(better):
            message = _(
                "the file name '{name}' has capitals, spaces or underscores, so its page would have no address: "
                "rename it to {better}",
                name=path.name,
                better=better,
            )
        else:
            message = _(
                "the file name '{name}' is not of the form {examples} (lower-case letters, digits and hyphens)",
                name=path.name,
                examples=examples,
            )
        problems.add(file, 1, 1, "schema", message)
        return None
    lang = match["lang"] or site.default_language
    if lang not in site.languages:
        meant = LANGUAGE_SLIPS.get(lang)
        stem = match["id"]
        if meant in site.languages:
            better = f"{stem}.yaml" if meant == site.default_language else f"{stem}.{meant}.yaml"
            message = _(
                "'{lang}' in the file name is not a language code Casecast knows; for {meant} rename the file "
                "to {better}",
                lang=lang,
                meant=meant,
                better=better,
            )
        else:
            message = _(
                "language '{lang}' in the file name is not one of the site's languages in content/site.yaml "
                "({languages}); name the file {examples}",
                lang=lang,
                languages=", ".join(site.languages),
                examples=", ".join(
                    f"{stem}.yaml" if code == site.default_language else f"{stem}.{code}.yaml"
                    for code in site.languages
                ),
            )
        problems.add(file, 1, 1, "unknown-reference", message)
        return None
    return match["id"], lang


def _missing_site(content: Path) -> str:
    near = sorted(p.name for p in content.glob("*") if p.name.lower().startswith("site.") and p.is_file())
    if near:
        return _("content/site.yaml is missing; rename {name} to site.yaml", name=near[0])
    return _("content/site.yaml is missing; copy it from the sample project")


def _hidden(name: str) -> bool:
    """An editor's or the system's own files: .DS_Store, .fake.yaml.swp, fake.yaml~"""
    return name.startswith(".") or name.endswith("~")


def _looks_like_yaml(name: str) -> bool:
    lower = name.lower()
    return ".yaml" in lower or ".yml" in lower


def _yaml_files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and _looks_like_yaml(p.name) and not _hidden(p.name))


def _yaml_name(name: str) -> str:
    """fake_Tax Refund.YML.txt -> fake-tax-refund.yaml"""
    stem = re.split(r"\.(?:ya?ml)", name, maxsplit=1, flags=re.IGNORECASE)[0]
    parts = stem.split(".")
    parts[0] = re.sub(r"[^a-z0-9-]+", "-", parts[0].lower()).strip("-")
    return ".".join(part.lower() for part in parts) + ".yaml"


def _add_unique(table: dict, key: tuple[str, str], item, problems: Problems) -> None:
    if key in table:
        other = table[key].file
        problems.add(
            item.file,
            1,
            1,
            "duplicate-id",
            _(
                "'{id}' in language '{lang}' is already defined by {other}; keep one of the two files",
                id=key[0],
                lang=key[1],
                other=other,
            ),
        )
        return
    table[key] = item


def _load_model(
    path: Path,
    model: type[BaseModel],
    root: Path,
    problems: Problems,
    sources: dict[str, Source],
    site: Site | None = None,
):
    file = _rel(path, root)
    try:
        text = read_text(path, within=root / "content")
    except SourceError as error:
        problems.add(file, error.line, error.column, error.rule, error.message)
        return None
    keys = model_keys(model)
    try:
        source = parse_source(text)
    except SourceError as error:
        # The slips a person made say more, and where, than where the parser gave up (often lines later);
        # what is refused as unsafe (an alias, a tag) is said as it is
        slips = find_slips(text, keys) if error.rule == "yaml-syntax" else []
        if not any(slip.line <= error.line for slip in slips):
            problems.add(file, error.line, error.column, error.rule, error.message)
        for slip in slips:
            problems.add(file, slip.line, slip.column, "yaml-syntax", slip.message)
        return None
    sources[file] = source
    # Read without complaint, but not as meant (`slogan: #重要#` is an empty slogan): looked for only where
    # the text shows a sign of one, or the values do not fit
    slips = [slip for slip in find_slips(text, keys) if not slip.weak] if may_hide_slips(text) else []
    for key_path, line, column in source.duplicates:
        problems.add(
            file,
            line,
            column,
            "duplicate-key",
            _("the key '{key}' is given twice at the same level; only one may stay", key=key_path[-1]),
        )
    if not slips and not source.duplicates and isinstance(source.data, dict):
        todo = _placeholders(file, source)
        try:
            result = model.model_validate(source.data)
        except ValidationError as error:
            slips = [slip for slip in find_slips(text, keys) if not slip.weak]
            if not slips:
                problems.extend(todo)
                _report_invalid(file, error, model, source, site, problems)
                return None
        else:
            problems.extend(todo)
            return None if todo else result
    for slip in slips:
        problems.add(file, slip.line, slip.column, "yaml-syntax", slip.message)
    if not slips and not source.duplicates:
        problems.add(file, 1, 1, "schema", _("the file must be a set of 'key: value' lines"))
    return None


def _report_invalid(
    file: str, error: ValidationError, model: type[BaseModel], source: Source, site: Site | None, problems: Problems
) -> None:
    details = error.errors()
    for detail in details:
        detail["loc"] = real_loc(tuple(detail["loc"]), source)
    misspelt = {
        (*detail["loc"][:-1], guess)
        for detail in details
        if detail["type"] == "extra_forbidden"
        for guess in difflib.get_close_matches(
            str(detail["loc"][-1]), fields_at(model, tuple(detail["loc"][:-1])), n=1, cutoff=0.6
        )
    }
    said: set[tuple] = set()
    for detail in details:
        loc = tuple(detail["loc"])
        if isinstance(detail.get("input"), str) and detail["input"].strip().startswith("TODO"):
            continue  # already reported as a placeholder
        if detail["type"] == "missing" and loc in misspelt:
            continue  # "unknown key 'tittle'; did you mean 'title'?" says it all
        if loc in said:
            continue  # a value that may be of several kinds fails as each of them: one sentence is enough
        said.add(loc)
        line, column = source.position(loc, key=detail["type"] == "extra_forbidden")
        problems.add(file, line, column, "schema", describe(detail, model, source, site))


def _placeholders(file: str, source: Source) -> Problems:
    """`casecast new` leaves TODO in every value to fill; none may be published."""
    problems = Problems()
    for path, value in source.strings():
        if value.strip().startswith("TODO"):
            line, column = source.position(path)
            problems.add(
                file, line, column, "schema", _("'{where}' still says TODO; write the real text", where=dotted(path))
            )
    return problems
