"""Worker processes for the work a build spreads over the cores (slides, cutting Chinese into words).

A `ProcessPoolExecutor` worker waits on a pipe that it holds both ends of, so when the build is killed
(a timeout, the out-of-memory killer, `kill -9`) the worker never hears of it and waits for ever,
holding its memory. Ours leave as soon as the build that started them is gone, however the pool starts
its workers: forked from the build, spawned by it, or forked by a forkserver (Linux's default from
Python 3.14), whose workers' parent is the server, not the build. CASECAST_START_METHOD (fork,
forkserver, spawn) chooses one; otherwise Python's default is used.

Workers speak the build's language (generator/i18n.py), whichever way they were started: a forkserver
started by an earlier command of the same process has that command's environment, not this one's.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from generator import i18n

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def worker_pool(workers: int) -> ProcessPoolExecutor:
    method = os.environ.get("CASECAST_START_METHOD") or None
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(os.getpid(), i18n.current())
    )


def _start(build: int, lang: str) -> None:
    i18n.use(lang)
    _leave_with_build(build)


def _leave_with_build(build: int) -> None:
    if sys.platform.startswith("linux"):
        # The kernel ends this worker the moment the thread that started it ends (the build's, or the
        # forkserver's, which itself ends with the build): every pool here is made, used and shut down by
        # one build on one thread.
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if not alive(build):  # the build died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_build, args=(build,), daemon=True).start()  # where prctl is not


def _watch_build(build: int) -> None:
    while alive(build):
        time.sleep(1)
    os._exit(1)


def alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A build killed but not yet reaped by its shell is still a pid: it is gone all the same."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
