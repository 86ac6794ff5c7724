"""Putting a freshly built folder in place of the old one so that a reader (or a kill) never finds neither.

On Linux both folders trade places in one system call, renameat2(RENAME_EXCHANGE): site/ is the old tree
until the instant it is the new one. Where that call is missing (another system, a file system without
it), two renames are used, and a build that finds site.old/ without site/ (killed between the two) puts it
back before it starts."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

OLD_PREFIX = ".casecast-old-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def swap_in(new: Path, final: Path, *, background: bool = False) -> None:
    """Make `new` be `final`; what was at `final` is deleted afterwards. `background`: by a process of its own
    (a site of thousands of files takes seconds to delete, and nobody needs to wait for that); only where the
    old tree does not sit inside what is published (site/ itself, not a folder within it)."""
    forget = delete_later if background else _delete_now
    if not final.exists():
        os.replace(new, final)
        return
    if exchange(new, final):
        forget(new)  # holds the old tree now; a kill here leaves a leftover only
        return
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(final, old)
    os.replace(new, final)
    forget(old)


def _delete_now(tree: Path) -> None:
    shutil.rmtree(tree, ignore_errors=True)


def delete_later(tree: Path) -> None:
    """Rename `tree` out of the way (.casecast-old-…: garbage from that moment) and delete it in a process that
    outlives this one. Should that process not finish (a reboot), the next build starts another."""
    doomed = tree.with_name(f"{OLD_PREFIX}{os.getpid()}-{tree.name.lstrip('.')}")
    try:
        os.replace(tree, doomed)
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)
        return
    _delete_in_background([doomed])


def remove_leftovers(folder: Path) -> None:
    """Old trees whose deleting process did not finish: handed to another one (two at once do no harm)."""
    leftovers = list(folder.glob(f"{OLD_PREFIX}*"))
    if leftovers:
        _delete_in_background(leftovers)


def _delete_in_background(trees: list[Path]) -> None:
    code = "import shutil, sys\nfor tree in sys.argv[1:]:\n    shutil.rmtree(tree, ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, *map(str, trees)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not ended by the terminal's Ctrl+C, and nobody waits for it
        )
    except OSError:
        for tree in trees:
            shutil.rmtree(tree, ignore_errors=True)


def recover(final: Path) -> None:
    """After a kill between the two renames of the fallback: the old tree goes back where it was."""
    old = final.with_name(final.name + ".old")
    if old.is_dir() and not final.exists():
        os.replace(old, final)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing was changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@cache
def _renameat2():
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        function = ctypes.CDLL(name, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
