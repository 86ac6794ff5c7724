"""Worker processes for the work a build spreads over the cores (slides, cutting Chinese into words).

A `ProcessPoolExecutor` worker waits on a pipe that it holds both ends of, so when the build is killed
(a timeout, the out-of-memory killer, `kill -9`) the worker never hears of it and waits for ever,
holding its memory. Ours leave as soon as the process that started them is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def worker_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_leave_with_parent, initargs=(os.getpid(),))


def _leave_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        # The kernel ends this worker the moment the thread that started it ends: every pool here is made,
        # used and shut down by one build on one thread.
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()  # where prctl is not


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
