"""`dangjian serve`'s file watcher: told by the system where it can be, polling where not.

MkDocs polls every watched file every half second, because native events (inotify) are
missed on some file systems: Windows drives under WSL, network and virtual machine shares,
Docker Desktop's mounts. Polling costs an editor a quarter of a second on average before the
preview even starts to build (the half-second interval, then MkDocs' 0.1 s wait for more
saves). `Watcher` hands each watched *folder* on a local Linux file system (`LOCAL`, read
from `/proc/self/mountinfo`) to watchdog's inotify observer, which reports a save at once,
and everything else to the polling observer it is given: single files (an editor that saves
by writing a new file and renaming it over the old one leaves an inotify watch on a file
that no longer exists), folders with a symbolic link inside (inotify would watch the link,
not what it points to; MkDocs follows them), other systems, other file systems, and any
folder inotify refuses (its watch limit reached).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver, ObservedWatch

# File systems whose changes the Linux kernel itself sees and reports to inotify
LOCAL = frozenset("btrfs ext2 ext3 ext4 f2fs jfs overlay reiserfs tmpfs xfs zfs".split())
MOUNTINFO = Path("/proc/self/mountinfo")
# What a save, a new file, a deletion or a rename makes; not a file opened or closed after
# reading, which every build does to every page (and would start the next build)
CHANGES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def _unescape(field: str) -> str:
    """A path of mountinfo, whose spaces, tabs, newlines and backslashes are octal escapes."""
    for escaped, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escaped, char)
    return field


def filesystem_type(path: str, mountinfo: str) -> str | None:
    """The type of the file system `path` (absolute, resolved) is on, by `mountinfo`'s lines:
    the mount point nearest to it, the last mounted where several share that point."""
    found, kind = "", None
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        try:
            point = _unescape(fields[4])
            point_kind = fields[fields.index("-", 6) + 1]
        except (IndexError, ValueError):
            continue
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(found):
            found, kind = point, point_kind
    return kind


def system_watchable(path: str) -> bool:
    """Whether inotify reports every change below `path`: a folder on a local file system with
    no symbolic link inside (inotify watches a link, not the file or folder it points to)."""
    if not sys.platform.startswith("linux") or not os.path.isdir(path):
        return False
    try:
        mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return filesystem_type(os.path.realpath(path), mountinfo) in LOCAL and not _links_below(path)


def _links_below(folder: str) -> bool:
    """Whether a symbolic link is anywhere below `folder` (or a folder cannot be read)."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return True
                if entry.is_dir(follow_symlinks=False) and _links_below(entry.path):
                    return True
    except OSError:
        return True
    return False


def native_observer() -> BaseObserver | None:
    """A running inotify observer, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver

        observer = InotifyObserver()
        observer.start()
    except (ImportError, OSError):
        return None
    return observer


class Watcher:
    """The one observer MkDocs' live-reload server knows (`schedule`, `unschedule`, `start`,
    `stop`, `join`, `is_alive`), made of `polling` and a native observer from `native`.

    The native observer is made and started by the first `schedule` of a folder it can watch,
    so that a folder it refuses is found there, and not before: a running thread keeps a
    build from forking its helper process (`core/convertahead.py`), and the preview's first
    build, which may convert every page, runs before anything is watched."""

    def __init__(
        self, polling: BaseObserver, native: Callable[[], BaseObserver | None] = native_observer
    ) -> None:
        self.polling = polling
        self.native: BaseObserver | None = None
        self._make_native: Callable[[], BaseObserver | None] | None = native
        self.watches: dict[ObservedWatch, BaseObserver] = {}

    def _native(self) -> BaseObserver | None:
        if self._make_native is not None:
            self.native, self._make_native = self._make_native(), None
        return self.native

    def schedule(
        self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False
    ) -> ObservedWatch:
        if system_watchable(path) and (native := self._native()) is not None:
            try:  # the folder itself, should `path` be a link to it
                watch = native.schedule(
                    handler, os.path.realpath(path), recursive=recursive, event_filter=CHANGES
                )
            except OSError:  # e.g. inotify's limit of watched folders reached
                pass
            else:
                self.watches[watch] = native
                return watch
        watch = self.polling.schedule(handler, path, recursive=recursive)
        self.watches[watch] = self.polling
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        self.watches.pop(watch).unschedule(watch)

    def natively_watched(self) -> list[str]:
        return [watch.path for watch, observer in self.watches.items() if observer is self.native]

    def start(self) -> None:
        self.polling.start()

    def stop(self) -> None:
        self.polling.stop()
        if self.native is not None:
            # Its reading thread may look once more after its watches are gone and log an
            # error in English (watchdog 7.1); the preview is ending, nothing is lost
            logging.getLogger("watchdog.observers.inotify").disabled = True
            self.native.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.polling.is_alive():
            self.polling.join(timeout)
        if self.native is not None:
            self.native.join(timeout)

    def is_alive(self) -> bool:
        return self.polling.is_alive()
