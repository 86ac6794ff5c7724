"""`casecast approve`: the office's sign-off written into the case file's `review:` block.

The file is edited as text, never loaded and dumped again: every comment, blank line, quote and key order
outside the review block stays byte for byte, and so do the comments inside it. Each review key present is
given its new value where it stands; a key the block lacks is added at its end, indented like the others."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.approval import version_digest
from generator.i18n import _
from generator.problems import WHOLE_FILE, Problems
from generator.yamlsource import SourceError, parse_source, read_text

KEYS = ("status", "number", "reviewer", "date", "until", "digest")


class ApproveError(Exception):
    """Nothing was approved: one sentence (and the problems that stand in the way); the file is as it was."""

    def __init__(self, message: str, problems: Problems | None = None) -> None:
        super().__init__(message)
        self.problems = problems or Problems()


@dataclass(frozen=True)
class Approval:
    number: str
    reviewer: str
    date: dt.date
    until: dt.date | None
    digest: str

    def values(self) -> dict[str, str | None]:
        """The review block as written, in order; None: the key must not be there."""
        return {
            "status": "approved",
            "number": self.number,
            "reviewer": self.reviewer,
            "date": self.date.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "digest": self.digest,
        }


def with_review(text: str, approval: Approval) -> str:
    """`text` with its review block saying `approval`, and nothing else changed; checked by reading it back."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ApproveError(_("the file is not a block of 'key: value' lines; fix it with casecast check first"))
    block = next((value for key, value in root.value if key.value == "review"), None)
    if not isinstance(block, yaml.MappingNode):
        raise ApproveError(_("the file has no 'review:' block to write the approval into"))
    newline = "\r\n" if "\r\n" in text else "\n"
    values = approval.values()
    if block.flow_style:  # review: {status: draft}: written again whole, on its one line
        edits = [(block.start_mark.index, block.end_mark.index, _flow_mapping(values))]
    else:
        edits = _block_edits(text, block, values, newline)
    result = text
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        result = result[:start] + replacement + result[end:]
    _check_written(text, result, values)
    return result


# -----------------------------------------------------------------------------
# helpers
# -----------------------------------------------------------------------------


def _block_edits(
    text: str, block: yaml.MappingNode, values: dict[str, str | None], newline: str
) -> list[tuple[int, int, str]]:
    entries = {key.value: (key, value) for key, value in block.value}
    indent = " " * block.value[0][0].start_mark.column
    edits: list[tuple[int, int, str]] = []
    added = ""
    for name in KEYS:
        wanted = values[name]
        if name in entries:
            key, node = entries[name]
            if not isinstance(node, yaml.ScalarNode):
                raise ApproveError(_("'review.{key}' is not a single value; fix it by hand first", key=name))
            if wanted is None:  # the key's whole line(s) go
                start = text.rfind("\n", 0, key.start_mark.index) + 1
                edits.append((start, _line_end(text, node.end_mark.index), ""))
            else:
                written = _scalar(wanted, flow=False)
                start, end = node.start_mark.index, node.end_mark.index
                edits.append((start, end, written if end > start else " " + written))
        elif wanted is not None:
            added += f"{indent}{name}: {_scalar(wanted, flow=False)}{newline}"
    if added:
        at = _line_end(text, block.value[-1][1].end_mark.index)
        if at == len(text) and not text.endswith("\n"):
            added = newline + added
        edits.append((at, at, added))
    return edits


def _line_end(text: str, index: int) -> int:
    """Just after the newline that ends the line holding `index` (a block scalar already ends there)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    at = text.find("\n", index)
    return len(text) if at < 0 else at + 1


def _flow_mapping(values: dict[str, str | None]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in values.items() if v is not None) + "}"


def _scalar(value: str, *, flow: bool) -> str:
    """`value` written plain when YAML reads it back as the same text (or date), else double-quoted."""
    plain_ok = value == value.strip() and "\n" not in value and " #" not in value
    if plain_ok:
        try:
            back = yaml.safe_load("{k: " + value + "}" if flow else f"k: {value}\n")
        except yaml.YAMLError:
            back = None
        if isinstance(back, dict) and _as_text(back.get("k")) == value:
            return value
    return json.dumps(value, ensure_ascii=False)


def _as_text(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else None


def _check_written(before: str, after: str, values: dict[str, str | None]) -> None:
    """Read the new text back: everything but the review block as it was, the review block as wanted."""
    try:
        old, new = parse_source(before).data, parse_source(after).data
    except SourceError:
        new = None
    unchanged = isinstance(new, dict) and {k: v for k, v in new.items() if k != "review"} == {
        k: v for k, v in old.items() if k != "review"
    }
    review = new.get("review") if isinstance(new, dict) else None
    wanted = {k: v for k, v in values.items() if v is not None}
    written = {k: _as_text(v) for k, v in review.items()} if isinstance(review, dict) else None
    if not unchanged or written != wanted:
        raise ApproveError(_("the review block could not be written without changing something else; write it by hand"))


# -----------------------------------------------------------------------------
# the command
# -----------------------------------------------------------------------------


class ApproveUsage(ApproveError):
    """The command was asked for something that is not there (an unknown case or language, a past date)."""


@dataclass(frozen=True)
class Approved:
    file: str
    approval: Approval
    kept_until: bool = False  # `until` came from the approval this one replaces


def approve_case(
    root: Path,
    case_id: str,
    lang: str | None,
    number: str,
    reviewer: str,
    until: dt.date | None,
    today: dt.date,
    folder: str | None = None,
) -> Approved:
    """Check the case (or the alert: `folder` "alerts"; None: whichever of the two has that id), then write its
    approval bound to the text as it is now. Refused, with the problems, if its own words have an error: an
    approval must never cover unmasked personal data or a promise."""
    from generator.checking import check_project  # the whole rule set, as `casecast check` runs it

    number, reviewer = number.strip(), reviewer.strip()
    if not number or not reviewer:
        raise ApproveUsage(_("--number and --reviewer must not be empty"))
    if until is not None and until < today:
        raise ApproveUsage(_("--until {date} is already past; give the approval's last day", date=until.isoformat()))
    loaded = check_project(root, today)
    if loaded.content is None:
        raise ApproveError(_("content/site.yaml has errors; run casecast check and fix them first"), loaded.problems)
    site = loaded.content.site
    lang = lang or site.default_language
    if lang not in site.languages:
        raise ApproveUsage(
            _(
                "'{lang}' is not one of the site's languages ({languages})",
                lang=lang,
                languages=", ".join(site.languages),
            )
        )
    name = f"{case_id}.yaml" if lang == site.default_language else f"{case_id}.{lang}.yaml"
    asked = folder
    folder = folder or _folder_of(root, name)
    file = f"content/{folder}/{name}"
    if folder == "alerts":
        version = loaded.content.alerts.get((case_id, lang))
    else:
        version = loaded.content.case(case_id, lang)
    blocking = Problems(
        p
        for p in loaded.problems.errors
        if p.file == file and p.scope == WHOLE_FILE and p.rule not in ("not-approved", "changed-since-approval")
    )
    if not blocking and version is None and (case_id, lang) in loaded.broken:
        blocking = Problems(p for p in loaded.problems.errors if p.file == file)
    if blocking:
        raise ApproveError(_("{file} has errors; it cannot be approved until they are fixed:", file=file), blocking)
    if version is None and asked is None and not (root / "content" / "alerts" / name).is_file():
        raise ApproveUsage(
            _(
                "there is no case or alert '{id}' in '{lang}': neither content/cases/{name} nor content/alerts/{name} "
                "exists",
                id=case_id,
                lang=lang,
                name=name,
            )
        )
    if version is None and folder == "alerts":
        raise ApproveUsage(
            _("there is no alert '{id}' in '{lang}': {file} does not exist", id=case_id, lang=lang, file=file)
        )
    if version is None:
        raise ApproveUsage(
            _("there is no case '{id}' in '{lang}': {file} does not exist", id=case_id, lang=lang, file=file)
        )
    # An approval given again keeps its last day unless the office gives another (one that has passed goes)
    previous = (version.alert if folder == "alerts" else version.case).review.until
    kept = until is None and previous is not None and previous >= today
    approval = Approval(number, reviewer, today, previous if kept else until, version_digest(version, root))
    path = root / file
    text = read_text(path)
    _write_keeping_mode(path, with_review(text, approval))
    return Approved(file, approval, kept_until=kept)


def _folder_of(root: Path, name: str) -> str:
    """cases, or alerts when only an alert has that name; both: the command must be told which."""
    case, alert = (root / "content" / folder / name for folder in ("cases", "alerts"))
    if case.is_file() and alert.is_file():
        raise ApproveUsage(
            _(
                "both content/cases/{name} and content/alerts/{name} exist: add --alert to approve the alert, or "
                "--case to approve the case",
                name=name,
            )
        )
    return "alerts" if alert.is_file() else "cases"


def _write_keeping_mode(path: Path, text: str) -> None:
    """Written whole or not at all, as bytes (a CRLF file stays CRLF), with the file's own permissions."""
    temporary = path.with_name(f".{path.name}.approve{os.getpid()}")
    temporary.write_bytes(text.encode("utf-8"))
    shutil.copymode(path, temporary)
    temporary.replace(path)
