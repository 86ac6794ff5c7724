"""The processes a test started, read from /proc: a build's workers, and whether they still run."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def processes(field: int, value: int) -> list[int]:
    """Pids whose /proc/<pid>/stat field `field` (1: parent, 2: process group) is `value`, zombies left out."""
    found = []
    for name in os.listdir("/proc"):  # not Path.glob: it stats each entry, and one that just ended raises ESRCH
        if not name.isdigit():
            continue
        try:
            fields = Path("/proc", name, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[field]) == value and fields[0] != "Z":
            found.append(int(name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def assert_they_end(workers: list[int], within: float = 10) -> None:
    """The workers of a killed build end by themselves within `within` seconds (those that do not are
    killed, so that a failing test leaves nothing behind)."""
    deadline = time.monotonic() + within
    try:
        while left := [pid for pid in workers if alive(pid)]:
            assert time.monotonic() < deadline, f"worker processes {left} outlived the killed build"
            time.sleep(0.1)
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
