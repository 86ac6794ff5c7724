"""build-info.json at the site root: what was built, from which content, and a hash of the whole tree."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from dataclasses import asdict
from pathlib import Path

from generator import __version__
from generator.cache import cache_dir, read_json, write_atomic
from generator.problems import Problems
from generator.publish import BUILD_INFO, tree_files, tree_hash

_SHA256 = re.compile("[0-9a-f]{64}")


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH, when set, stands for "now": two builds of the same content are identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def content_version(root: Path) -> str | None:
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        if not commit:
            return None
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "content"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return commit + ("+uncommitted" if dirty else "")


def known_hashes(root: Path) -> dict[str, str]:
    """The last build's file hashes by stamp (generator.publish.tree_hash): a file it wrote, or a hard link to
    one, is not read again."""
    known = read_json(_hash_store(root))
    if not isinstance(known, dict):
        return {}
    return {stamp: digest for stamp, digest in known.items() if isinstance(digest, str) and _SHA256.fullmatch(digest)}


def forget_hashes(root: Path) -> None:
    """The next build reads every file again: what it hashed last is not to be trusted (publish found the
    site different from its build-info, and a file edited in place can keep its stamp)."""
    try:
        _hash_store(root).unlink(missing_ok=True)
    except OSError:
        pass


def _hash_store(root: Path) -> Path:
    return cache_dir(root) / "tree-hashes.json"


def _tree_hash(site: Path, root: Path, hashed: dict[str, str], listed: dict[str, dict[str, str]]) -> str:
    """The whole tree's hash, reading only the files this build wrote anew (generator.publish.tree_hash)."""
    known = known_hashes(root)
    known.update(hashed)
    digest = tree_hash(site, known=known, listed=listed)
    write_atomic(_hash_store(root), json.dumps(known))
    return digest


def write_build_info(
    site: Path,
    root: Path,
    problems: Problems,
    *,
    cases: int,
    drafts: bool,
    strict: bool,
    hashed: dict[str, str] | None = None,
    listed: dict[str, dict[str, str]] | None = None,
    zone: dt.tzinfo = dt.UTC,
) -> dict:
    """`hashed`, `listed`: files hashed and folders listed already, as the exports a build carries over
    (generator.publish.tree_hash)."""
    exports = site / "exports"
    slides = [n for n in tree_files(exports / "slides") if n.endswith((".png", ".jpg"))]
    slides = [n for n in slides if "contact" not in n.split("/")]
    mobile = tree_files(exports / "mobile")
    info = {
        "build_time": build_time().isoformat(),
        "time_zone": str(zone),  # the site's: what `publish --list` shows the build time in
        "casecast_version": __version__,
        "content_version": content_version(root),
        "drafts": drafts,
        "strict": strict,
        "counts": {"cases": cases, "slides": len(slides), "mobile_files": len(mobile)},
        "problems": [asdict(p) for p in sorted(problems)],
        "tree_sha256": _tree_hash(site, root, hashed or {}, listed or {}),
    }
    (site / BUILD_INFO).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info
