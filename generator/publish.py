"""Publishing a built site to the intranet server's folder: whole releases, an atomic switch, rollback."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import zoneinfo
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import _
from generator.problems import QUIET

BUILD_INFO = "build-info.json"
LOCK = ".casecast-publish.lock"


def _quiet() -> None:
    pass


class PublishError(Exception):
    """Something the person publishing must fix first; one sentence."""


class ChangedSinceBuild(PublishError):
    """The site's files are not what its build hashed."""


@dataclass(frozen=True)
class Release:
    name: str
    path: Path
    built: str
    content: str
    tree: str
    current: bool


def tree_hash(
    folder: Path,
    skip: tuple[str, ...] = (BUILD_INFO,),
    known: dict[str, str] | None = None,
    listed: dict[str, dict[str, str]] | None = None,
) -> str:
    """SHA-256 over every file's path and bytes, in a fixed order: equal trees, equal hashes. The files are read
    and hashed on several threads (both let go of the interpreter while they work); the order stays fixed.

    `known` (the build's own hash of what it wrote, never publish's check of a copy): file hashes by device,
    inode, size and modification time, from the last build. Exports a build carries over are hard links to
    files it hashed before; only what was written anew is read. It is updated in place. `listed`: folders
    (relative paths) whose files were listed with their stamps already (stamped_files), not walked again."""
    listed = listed or {}
    stamps = {name: stamp for inside in listed.values() for name, stamp in inside.items()}
    names = sorted(
        [name for name in tree_files(folder, leave_out=set(listed)) if name not in skip] + list(stamps),
        key=_folder_by_folder,
    )
    paths = [os.path.join(folder, name) for name in names]
    if known is not None:
        stamps.update((name, _stamp(path)) for name, path in zip(names, paths, strict=True) if name not in stamps)
    found = known or {}
    todo = [path for name, path in zip(names, paths, strict=True) if stamps.get(name) not in found]
    fresh = dict(zip(todo, _sha256_all(todo), strict=True))
    digest = hashlib.sha256()
    used: dict[str, str] = {}
    for name, path in zip(names, paths, strict=True):
        stamp = stamps.get(name)
        file_hash = fresh[path] if path in fresh else bytes.fromhex(found[stamp])
        if stamp is not None:
            used[stamp] = file_hash.hex()
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(file_hash)
    if known is not None:
        known.clear()
        known.update(used)
    return digest.hexdigest()


def tree_files(folder: Path, leave_out: Collection[str] = ()) -> list[str]:
    """Every file under `folder` (and every symbolic link, to a folder too), as a relative path with '/',
    sorted folder by folder; not those in the folders `leave_out` (relative paths). os.walk: a site holds
    tens of thousands of files, and pathlib is slow at it."""
    found = []
    for top, folders, files in os.walk(folder):
        here = os.path.relpath(top, folder).replace(os.sep, "/")
        prefix = "" if here == "." else here + "/"
        if leave_out:
            folders[:] = [name for name in folders if prefix + name not in leave_out]
        found += [prefix + name for name in files]
        found += [prefix + name for name in folders if os.path.islink(os.path.join(top, name))]
    return sorted(found, key=_folder_by_folder)


def _folder_by_folder(name: str) -> str:
    """Sorts paths as lists of their parts ('a/x' before 'a-b'): no character in a name sorts before NUL."""
    return name.replace("/", "\0")


def stamped_files(folder: Path, prefix: str = "") -> dict[str, str]:
    """Every file under `folder` by its name from `prefix` (tree_files), with its stamp."""
    return {prefix + name: _stamp(os.path.join(folder, name)) for name in tree_files(folder)}


def file_hashes(folder: Path, stamps: dict[str, str], known: Collection[str] = ()) -> dict[str, str]:
    """The SHA-256 of the files `stamps` names (under `folder`) whose stamp is not `known` already, by their
    stamp (what tree_hash's `known` holds), read on several threads."""
    todo = [(os.path.join(folder, name), stamp) for name, stamp in stamps.items() if stamp not in known]
    hashes = _sha256_all([path for path, _stamp in todo])
    return {stamp: digest.hex() for (_path, stamp), digest in zip(todo, hashes, strict=True)}


def _stamp(path: str) -> str:
    stat = os.stat(path)
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def _sha256_all(paths: list[str], batch: int = 64) -> list[bytes]:
    """Each file's SHA-256, in order, read on several threads a batch at a time (a thread pool's map makes
    one task per item, whatever its chunksize says: thousands of tasks cost more than the reading)."""
    batches = [paths[i : i + batch] for i in range(0, len(paths), batch)]
    with ThreadPoolExecutor(max_workers=min(8, 2 * (os.cpu_count() or 1))) as pool:
        return [digest for hashed in pool.map(_sha256_batch, batches) for digest in hashed]


def _sha256_batch(paths: list[str]) -> list[bytes]:
    return [_file_sha256(path) for path in paths]


def _file_sha256(path: str) -> bytes:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def read_info(site: Path) -> dict:
    try:
        return json.loads((site / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise PublishError(
            _("{site} has no {info}: run 'casecast build --strict' first", site=site, info=BUILD_INFO)
        ) from None


def publish(
    site: Path, target: Path, *, keep: int = 5, allow_warnings: bool = False, waiting: Callable[[], None] = _quiet
) -> Release:
    info = read_info(site)
    # what is simply not published yet (a draft, a case in review) never stops a publish
    severities = {p["severity"] for p in info.get("problems", []) if p.get("scope") not in QUIET}
    if info.get("drafts"):
        raise PublishError(_("this build includes drafts (built with --drafts): build again without it"))
    if "error" in severities:
        raise PublishError(
            _("the last build left cases out because of errors: fix them and run 'casecast build --strict'")
        )
    if "warning" in severities and not allow_warnings:
        raise PublishError(_("the last build has warnings: fix them, or publish anyway with --allow-warnings"))
    if tree_hash(site) != info.get("tree_sha256"):
        raise ChangedSinceBuild(_("{site} was changed after it was built: build again before publishing", site=site))
    releases = target / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    with locked(target, waiting):  # one publish at a time: a second one waits for the first
        name = _release_name(releases)
        partial = releases / f".{name}.partial"
        shutil.copytree(site, partial, symlinks=True)  # a killed copy leaves only this hidden folder
        partial.chmod(0o755)  # readable by the web server's user, whatever the build folder's mode was
        if tree_hash(partial) != info.get("tree_sha256"):
            shutil.rmtree(partial, ignore_errors=True)
            raise PublishError(
                _(
                    "the copy in {releases} does not match the build (a full disk, or the build changed while "
                    "it was copied); nothing was switched: build again and publish again",
                    releases=releases,
                )
            )
        final = releases / name
        os.replace(partial, final)
        switch(target, final)
        prune(target, keep)
    return next(r for r in list_releases(target) if r.name == name)


@contextlib.contextmanager
def locked(target: Path, waiting: Callable[[], None] = _quiet) -> Iterator[None]:
    """An exclusive lock on DIR/.casecast-publish.lock, held while a release is copied, switched and pruned.

    The kernel lets go of it when the process ends, however it ends: a killed publish never blocks the next."""
    target.mkdir(parents=True, exist_ok=True)
    with open(target / LOCK, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def switch(target: Path, release: Path) -> None:
    """Point DIR/current at the release in one atomic step (a symlink swap)."""
    link = target / "current"
    tmp = target / f".current.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(release, target), tmp)
    os.replace(tmp, link)


def rollback(target: Path, waiting: Callable[[], None] = _quiet) -> Release:
    with locked(target, waiting):
        releases = list_releases(target)
        current = next((i for i, r in enumerate(releases) if r.current), None)
        if current is None or current == 0:
            raise PublishError(_("there is no earlier release to go back to"))
        switch(target, releases[current - 1].path)
        return list_releases(target)[current - 1]


def prune(target: Path, keep: int) -> None:
    """Old releases beyond `keep`, and copies a killed publish left behind (called under the lock)."""
    releases = list_releases(target)
    for release in releases[: max(0, len(releases) - keep)]:
        if not release.current:
            shutil.rmtree(release.path, ignore_errors=True)
    for partial in (target / "releases").glob(".*.partial"):
        shutil.rmtree(partial, ignore_errors=True)


def list_releases(target: Path) -> list[Release]:
    folder = target / "releases"
    if not folder.is_dir():
        return []
    current = (target / "current").resolve() if (target / "current").is_symlink() else None
    found = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            info = json.loads((path / BUILD_INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        found.append(
            Release(
                name=path.name,
                path=path,
                built=local_time(str(info.get("build_time", "?")), info.get("time_zone")),
                content=info.get("content_version") or "-",
                tree=info.get("tree_sha256", "?"),
                current=path.resolve() == current,
            )
        )
    return found


def local_time(moment: str, zone: str | None) -> str:
    """A build-info time ('2026-12-04T09:12:00+00:00') as the bank's staff read it: '2026-12-04 17:12
    (Asia/Shanghai)', in the site's time zone. As it is written when it cannot be read so."""
    try:
        when = dt.datetime.fromisoformat(moment).astimezone(zoneinfo.ZoneInfo(zone or "UTC"))
    except (TypeError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return moment
    return f"{when:%Y-%m-%d %H:%M} ({zone or 'UTC'})"


def _release_name(releases: Path) -> str:
    """The publish time to the microsecond, then a random tag: names sort in publishing order and never
    meet another publish's, even from another machine writing to the same share."""
    while True:
        name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ") + "-" + secrets.token_hex(3)
        if not (releases / name).exists() and not (releases / f".{name}.partial").exists():
            return name
