"""Write generated pages to a folder, touching only what changed and removing what is gone."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def write_tree(folder: Path, texts: dict[str, str], blobs: dict[str, bytes]) -> None:
    """The folder holds exactly `texts` and `blobs` (paths relative to it, with '/') afterwards. A file whose
    bytes are already right is not touched (`casecast serve` watches it). Written in place, not atomically:
    the folder is Casecast's own scratch copy for MkDocs, and a file a killed build left half-written differs
    from what the next build wants, so that build writes it again. Plain os calls: a thousand cases are
    thousands of files, and the folder is written on every build."""
    wanted = {path: text.encode("utf-8") for path, text in texts.items()} | blobs
    for parent in sorted({os.path.dirname(path) for path in wanted}):
        os.makedirs(os.path.join(folder, parent), exist_ok=True)
    for path, data in wanted.items():
        _write_if_changed(os.path.join(folder, path), data)
    for top, _folders, files in os.walk(folder, topdown=False):
        here = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in files:
            if (name if here == "." else f"{here}/{name}") not in wanted:
                os.unlink(os.path.join(top, name))
        if top != str(folder) and not os.listdir(top):
            os.rmdir(top)


def _write_if_changed(path: str, data: bytes) -> None:
    try:
        with open(path, "rb") as file:
            if file.read() == data:
                return
    except OSError:
        pass
    with open(path, "wb") as file:
        file.write(data)


def make_folders(files: list[str]) -> threading.Thread:
    """Make the folders of `files` on a thread of its own (started; join it). Whoever writes a file there
    first may make its folder too (os.makedirs with exist_ok)."""

    def run() -> None:
        for folder in sorted({os.path.dirname(path) for path in files}):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError:
                pass  # the writer makes it, or says why it cannot

    thread = threading.Thread(target=run, name="casecast-folders", daemon=True)
    thread.start()
    return thread
