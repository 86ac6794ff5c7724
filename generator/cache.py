"""Where Casecast keeps what it can reuse between builds: drawn slides, fitted texts, search words, mobile
files, rule findings, font coverage.

Every entry is keyed by a digest of its inputs and of the code that makes it (code_digest): edit how a
slide is drawn and every cached slide is drawn again, with no version number to remember to bump. Every
file is written whole or not at all (write_atomic), and entries no build has used for a while are pruned."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import time
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
UNUSED_FOR = 14 * 24 * 3600  # seconds: an entry no build has touched for two weeks goes


def cache_dir(root: Path) -> Path:
    """<project>/.cache/casecast, or CASECAST_CACHE_DIR (benchmarks and CI point it elsewhere)."""
    return Path(os.environ.get("CASECAST_CACHE_DIR") or Path(root) / ".cache" / "casecast")


@cache
def code_digest(*parts: str) -> str:
    """A digest of the source of `parts` (files or folders of this package, e.g. "slides/render.py",
    "rules") and of the versions of the libraries named with a "lib:" prefix ("lib:pillow")."""
    digest = hashlib.sha256()
    for part in parts:
        if part.startswith("lib:"):
            digest.update(f"{part}={_version(part[4:])}".encode())
            continue
        path = PACKAGE / part
        files = sorted(p for p in path.rglob("*") if p.suffix in (".py", ".yaml")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def read_json(path: Path) -> Any:
    """A cache file's JSON, or None when it cannot be read: missing, garbled, nested too deep to parse. A
    cache entry is only ever a shortcut; whoever asks checks the shape of what it got."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def write_atomic(path: Path, data: bytes | str) -> None:
    """The whole file or none of it: a build killed while writing leaves the old file (or none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    if isinstance(data, str):
        temporary.write_text(data, encoding="utf-8")
    else:
        temporary.write_bytes(data)
    temporary.replace(path)


def touch(path: Path) -> None:
    """Mark an entry as used by this build (what prune() goes by)."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path, used: set[str], older_than: float = UNUSED_FOR) -> int:
    """Remove the entries of `folder` that this build did not use and no build touched for `older_than`
    seconds (other projects sharing the cache keep theirs). Returns how many went."""
    if not folder.is_dir():
        return 0
    limit = time.time() - older_than
    gone = 0
    for entry in folder.iterdir():
        if entry.name in used or not entry.is_file():
            continue
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
                gone += 1
        except OSError:
            pass
    return gone


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "-"
