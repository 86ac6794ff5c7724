"""Where Casecast keeps what it can reuse between builds: drawn slides, fitted texts, search words."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(root: Path) -> Path:
    """<project>/.cache/casecast, or CASECAST_CACHE_DIR (benchmarks and CI point it elsewhere)."""
    return Path(os.environ.get("CASECAST_CACHE_DIR") or Path(root) / ".cache" / "casecast")
