"""Writing the output folders: readable by a web server, never left half-made by a signal.

A build goes into a staging folder beside the site and is swapped in by two renames. The
staging folder and everything in it are made world-readable (a web server runs as another
user), SIGTERM becomes an exception so `finally` blocks remove the staging folder, and
signals wait while the two renames run.
"""

from __future__ import annotations

import errno
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .messages import msg

DIR_MODE = 0o755
FILE_MODE = 0o644


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so no `except Exception` eats it."""


def staging_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder in `parent`, readable by everyone (mkdtemp alone gives 0700)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(folder, DIR_MODE)
    return folder


def make_folders(path: Path) -> None:
    """Create `path` and its missing parents, each 0755 (`mkdir` alone follows the umask)."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        os.chmod(folder, DIR_MODE)


def make_readable(tree: Path) -> None:
    """Folders 0755 and files 0644 throughout `tree`, whatever the umask was."""
    for folder, _, files in os.walk(tree):
        os.chmod(folder, DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block ends (for renames that must both happen)."""
    if not _in_main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` (the previous handler comes back after)."""
    if not _in_main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_REASONS = {
    errno.EACCES: "os_permission",
    errno.EPERM: "os_permission",
    errno.EROFS: "os_read_only",
    errno.ENOSPC: "os_no_space",
    errno.ENOTDIR: "os_not_folder",
    errno.EEXIST: "os_not_folder",
}


def unwritable(path: Path | str, exc: OSError) -> str:
    """One Chinese line for an OSError while writing output under `path`."""
    key = _REASONS.get(exc.errno or 0)
    reason = msg(key) if key else (exc.strerror or type(exc).__name__)
    return msg("output_unwritable", path=path, reason=reason)
