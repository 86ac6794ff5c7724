"""What the consumer-protection office approved, as one number: a SHA-256 of everything a case version (or an
alert) publishes — every field but `review`, as values, and the bytes of its picture.

As values: the fields are read by the model first, so indentation, key order, comments, quoting and block
style do not change the digest (a date is a date however it is written), while any change to a word, a
list, a date or the picture does. Fields left at their default are left out, so a field Casecast adds
later does not void every approval."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from generator.alert import Alert, AlertVersion
from generator.model import Case, CaseVersion

PREFIX = "sha256:"
SHORT = 12  # hexadecimal digits shown in reports: enough to tell two texts apart at a glance


def case_digest(case: Case, image_sha256: str | None) -> str:
    fields = case.model_dump(mode="json", exclude={"review"}, exclude_defaults=True)
    canonical = {"case": fields, "image": image_sha256}
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def alert_digest(alert: Alert) -> str:
    fields = alert.model_dump(mode="json", by_alias=True, exclude={"review"}, exclude_defaults=True)
    text = json.dumps({"alert": fields}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_digest(version: CaseVersion | AlertVersion, root: Path) -> str:
    if isinstance(version, AlertVersion):
        return alert_digest(version.alert)
    return case_digest(version.case, image_sha256(version.case.image, root))


def short(digest: str | None) -> str:
    return digest.removeprefix(PREFIX)[:SHORT] if digest else ""


def image_sha256(ref: str | None, root: Path) -> str | None:
    """The SHA-256 of the picture's bytes as they are on disk; None when there is none to read (the
    missing-file rule says why)."""
    if not ref:
        return None
    images = (Path(root) / "content" / "images").resolve()
    try:
        path = (Path(root) / "content" / ref).resolve()
        if images not in path.parents or not path.is_file():
            return None
        stat = path.stat()
    except (OSError, RuntimeError):
        return None
    return _file_sha256(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4096)
def _file_sha256(path: str, size: int, mtime_ns: int) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
