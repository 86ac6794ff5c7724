"""Write generated pages to a folder, touching only what changed and removing what is gone."""

from __future__ import annotations

from pathlib import Path

from generator.cache import write_atomic


def write_tree(folder: Path, texts: dict[str, str], blobs: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set(texts) | set(blobs)
    for path, text in texts.items():
        _write_if_changed(folder / path, text.encode("utf-8"))
    for path, data in blobs.items():
        _write_if_changed(folder / path, data)
    for existing in sorted(folder.rglob("*"), reverse=True):
        rel = existing.relative_to(folder).as_posix()
        if existing.is_file() and rel not in wanted:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    write_atomic(path, data)
