"""Fitted texts remembered between builds (slides/fits.json in the cache)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.cache import code_digest, read_json, write_atomic
from generator.slides.fit import Fitted


class FitMemo:
    """Fitted texts from earlier builds: fitting is pure (text, box, sizes, font files in, lines out), and a
    rebuild fits the same few thousand texts again, twice (the check, then the slides). Kept as JSON."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.known: dict[str, list | None] = {}
        self.used: set[str] = set()
        self.added = False
        if file is not None:
            data = read_json(file)
            if isinstance(data, dict) and data.get("version") == _fit_code() and isinstance(data.get("fits"), dict):
                self.known = data["fits"]

    def get(self, key: tuple, compute) -> Fitted | None:
        digest = hashlib.sha1(json.dumps(key, ensure_ascii=False, default=str).encode()).hexdigest()
        self.used.add(digest)
        if digest in self.known:
            found = self.known[digest]
            return Fitted(found[0], list(found[1])) if found else None
        fitted = compute()
        self.known[digest] = [fitted.size, fitted.lines] if fitted else None
        self.added = True
        return fitted

    def save(self) -> None:
        if self.file is None or not self.added:
            return
        kept = {k: v for k, v in self.known.items() if k in self.used}
        write_atomic(self.file, json.dumps({"version": _fit_code(), "fits": kept}, ensure_ascii=False))
        self.added = False


def _fit_code() -> str:
    """Fitting's own code: change how texts are fitted and every fit is done again."""
    return code_digest(
        "phrases.py",
        "slides/plan.py",
        "slides/fit.py",
        "slides/fonts.py",
        "slides/layout.py",
        "slides/measure.py",
        "lib:pillow",
        "lib:budoux",
    )
