"""The scan of every file `dangjian pack` puts in the zip: remembered between packs, and run
beside the compression.

What `scan_file` finds in a file depends only on the file's exact bytes, its path in the site,
the allow list and the scanner's own code. The findings are kept in the build cache
(`build/.cache/pages/pack-scan/`, see `core/cache.py`) under a hash of exactly these, so a
second pack of an unchanged site rescans nothing, and a file changed since (by a build, or
by hand) is simply not found and scanned again.

The files still to scan are scanned in a forked second process while the pack compresses
the zip in this one; it sees the very bytes that are zipped. Where no second process can be
forked (no `fork`, or threads running that a fork could leave holding a lock) the scan runs
here, before the compression.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core import errors, links, messages
from ..core.cache import PageCache
from ..core.errors import ContentError, ErrorLog, from_plain, to_plain, valid_findings
from ..core.subprocesses import end
from . import scan
from .package import PackError, SiteFiles
from .salt import code_salt
from .scan import SCANNERS, scan_file

NAMESPACE = "pack-scan"
# The code that decides what the scan finds, and how the findings are worded
SCANNER_CODE = (scan, links, messages, errors)
# Below this many files to scan, starting a second process costs more than it saves
FORK_MIN = 64


def forks(count: int) -> bool:
    """Whether `count` files to scan are worth a second process, and one can be forked safely."""
    return count >= FORK_MIN and threading.active_count() == 1


def _scan(
    files: Mapping[str, bytes], rels: Sequence[str], allow: Sequence[str]
) -> list[list[ContentError]]:
    return [scan_file(rel, files[rel], allow) for rel in rels]


def _scan_and_store(
    sender: Connection,
    files: Mapping[str, bytes],
    wanted: list[tuple[str, str]],
    allow: Sequence[str],
    cache: PageCache,
) -> None:
    """The second process: scan, store each file's findings, send them back."""
    # The pack's own process answers Ctrl+C and SIGTERM, and stops this one quietly
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        found = _scan(files, [rel for rel, _ in wanted], allow)
    except PackError:  # a file changed on disk: the pack's own scan says so, in one line
        return
    for (_, key), problems in zip(wanted, found, strict=True):
        cache.put(key, to_plain(problems))
    cache.close()  # writes the last batch: this process ends without running finalizers
    with contextlib.suppress(OSError):  # the pack stopped meanwhile
        sender.send((found, cache.write_error))
        sender.close()


class SiteScan:
    """The scan of the pack's `files`, started now; `result()` waits for it."""

    def __init__(self, files: SiteFiles, allow: Sequence[str], cache: PageCache) -> None:
        self.files = files
        self.allow = tuple(allow)
        self.cache = cache
        self.known: list[ContentError] = []
        self.wanted: list[tuple[str, str]] = []  # (site path, cache key) of files to scan
        for rel in sorted(files):
            if Path(rel).suffix.lower() not in SCANNERS:
                continue
            key = cache.key(rel, files.digests[rel])
            cached = cache.get(key)
            if cached is None:
                self.wanted.append((rel, key))
            else:
                self.known += from_plain(cached)  # type: ignore[arg-type]
        self.process: multiprocessing.process.BaseProcess | None = None
        self.receiver: Connection | None = None
        self.found: list[list[ContentError]] | None = None
        self.problems: list[ContentError] | None = None
        if forks(len(self.wanted)):
            self._fork()
        if self.process is None:  # scanned at once: a refusal need not wait for the zip
            self.found = self._scan_here()

    @property
    def in_background(self) -> bool:
        return self.process is not None

    def _fork(self) -> None:
        try:
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            args = (sender, self.files, self.wanted, self.allow, self.cache)
            self.process = context.Process(target=_scan_and_store, args=args, daemon=True)
            self.process.start()
            sender.close()
        except (ValueError, OSError):  # no fork on this system, or no process to spare
            self.process = None

    def result(self, log: ErrorLog, root: str) -> list[ContentError]:
        """Every finding, sorted; the cache's warnings go to `log`, unused entries are removed."""
        if self.problems is not None:
            return self.problems
        found = self.found if self.found is not None else self._collect()
        if found is None:  # the second process died: scan here
            found = self._scan_here()
        self.cache.finish(log, root)
        self.problems = sorted(self.known + [problem for each in found for problem in each])
        return self.problems

    def _scan_here(self) -> list[list[ContentError]]:
        found = _scan(self.files, [rel for rel, _ in self.wanted], self.allow)
        for (_, key), problems in zip(self.wanted, found, strict=True):
            self.cache.put(key, to_plain(problems))
        return found

    def cancel(self) -> None:
        """Stop the second process if it still runs (the pack failed for another reason)."""
        end(self.process, self.receiver)
        self.process, self.receiver = None, None

    def _collect(self) -> list[list[ContentError]] | None:
        if self.process is None or self.receiver is None:
            return None
        try:
            found, write_error = self.receiver.recv()
        except (EOFError, OSError):
            self.cancel()
            return None
        self.process.join()  # it ends once it has sent
        self.cancel()
        self.cache.write_error = self.cache.write_error or write_error
        self.cache.used.update(key for _, key in self.wanted)
        return found


def scan_cache(config: MkDocsConfig, allow: Sequence[str]) -> PageCache:
    """This project's cache of scan findings, salted for this scanner and allow list."""
    salt = code_salt(config, NAMESPACE, SCANNER_CODE, allow)
    return PageCache.for_build(config, NAMESPACE, valid_findings, salt=salt)
