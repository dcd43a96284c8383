"""The browser index, built in a second process while MkDocs renders the page templates.

Every page's text is known once MkDocs has converted all Markdown (`on_env`); the templates
take about as long again as the index. On a machine with two cores the index is therefore
built beside them and only collected after the build. The process is started with the build
and waits for the pages. Where no second process can be started, the same function runs in
the build's own process at the end.

Neither the pages nor the index travel between the processes: the second process reads the
pages from the build's spool file one at a time and writes the index files (and `suggest.js`,
whose pinyin dictionary the build process then never loads) into the spool's folder, from
where the build moves them into the site (`spool.py`).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..core.cache import PageCache
from ..core.errors import ErrorLog
from ..core.subprocesses import end
from .incremental import KeptIndex
from .index import SEARCH_DIR, index_files, write_index
from .snapshot import LastIndex
from .spool import SpooledPages
from .suggest import SUGGEST_FILE, suggest_script
from .termcache import TermCache
from .tokenizer import Tokenizer


@dataclass
class CacheReport:
    """What a cache the index process used has to report to the editor, and which of its
    entries to keep (the files are on disk)."""

    rejected: int
    write_error: str | None
    used: set[str]
    damaged: bool = False  # the cache file was damaged or foreign (and started afresh)

    @classmethod
    def of(cls, cache: PageCache) -> CacheReport:
        return cls(cache.rejected, cache.write_error, cache.used, cache.damaged)

    def onto(self, cache: PageCache) -> None:
        """Into the build process's copy of the cache, before its `finish`."""
        cache.rejected, cache.write_error, cache.used = self.rejected, self.write_error, self.used
        cache.damaged = self.damaged


def make_index(
    pages: SpooledPages,
    cache: PageCache,
    folder: str,
    topics: list[tuple[str, str]],
    kept: KeptIndex | None = None,
) -> CacheReport:
    """Write the browser index of `pages` below `folder`, each page's terms from the cache,
    and `suggest.js` with the titles of `pages` and `topics` (title, url). With `kept` (the
    last index, `incremental.py`), only what changed since is made again."""
    try:
        if kept is None or not kept.keeps(pages):
            terms = TermCache(cache, Tokenizer() if kept is None else kept.tokenizer)
            files = index_files(pages.light(), terms.tokenizer, terms.page_terms, pages.load)
            suggest = (SUGGEST_FILE, suggest_script(pages.light(), topics))
            write_index(itertools.chain(files, [suggest]), folder)
        else:
            write_index(kept.files(pages, TermCache(cache, kept.tokenizer), topics), folder)
    finally:
        pages.close()
        # Else this process may end before its last entries are written, or (serve's) keep
        # the cache locked for the next build after an error
        cache.flush()
    return CacheReport.of(cache)


def _start(
    keep: bool, last: LastIndex | None = None
) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    """A fresh index process (`_make_indexes_and_send`) and our end of its pipe. Spawned,
    not forked: it loads only what the index needs."""
    context = multiprocessing.get_context("spawn")
    connection, theirs = context.Pipe()
    process = context.Process(target=_make_indexes_and_send, args=(theirs, keep, last), daemon=True)
    try:
        process.start()
    except BaseException:
        connection.close()
        raise
    finally:
        theirs.close()
    return process, connection


def _ignore_ctrl_c() -> None:
    """In an index process: Ctrl+C in the terminal reaches every process of the command, and
    the build's process ends this one itself (`end`, or the pipe closing); without this, each
    printed a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _make_indexes_and_send(
    connection: Connection, keep: bool, last: LastIndex | None = None
) -> None:
    """The second process: for each build's pages (`make_index`'s arguments) received, send
    the result (or error). A build's own process makes one index and ends; serve's (`keep`)
    makes one for each of its builds, keeping the last (`KeptIndex`), until the pipe closes.
    With `last`, a build's process reads the index of the build before, while the build
    converts its pages, and leaves its own for the next (`snapshot.py`)."""
    _ignore_ctrl_c()
    # While the build converts its pages: pypinyin's dictionaries take 0.3 s to load, which
    # otherwise came after the templates, at the end of a rebuild
    import pypinyin  # noqa: F401

    kept = KeptIndex() if keep or last is not None else None
    if last is not None:
        last.restore(kept)  # type: ignore[arg-type]
    while True:
        try:
            args = connection.recv()
        except EOFError:  # the build ended before its pages were converted, or serve ended
            return
        try:
            terms = make_index(*args, kept=kept)
            if last is not None:
                # A damaged term cache found by the restore was started afresh there: the
                # index's own copy of the cache then opened a sound file
                terms.damaged = terms.damaged or last.terms.damaged
                last.save(kept)  # type: ignore[arg-type]
            reports = (terms, None if last is None else CacheReport.of(last.cache))
            done: tuple[str, object] = ("done", reports)
        except Exception as exc:  # the build raises it, as if the index were built there
            done = ("failed", exc)
        finally:
            args[1].close()  # this build's term cache: its connection is not used again
        connection.send(done)
        if kept is None:
            connection.close()
            return


class IndexJob:
    """A second process, started with the build, that runs `make_index` once `give` hands it
    the pages; `result()` waits for it. Where no second process can be started (or it died),
    `result()` runs `make_index` in the build's own process.

    Started before the pages are converted, so that starting Python and importing the index's
    code are done by the time the pages are ready. A plain process and a pipe, not a process
    pool: a pool keeps a thread in the build's process, and a process with threads cannot
    safely fork the helpers that convert and template pages meanwhile (`core/convertahead.py`).
    """

    def __init__(self, last: LastIndex | None = None) -> None:
        self.args: tuple[SpooledPages, PageCache, str, list[tuple[str, str]]] | None = None
        self.last = last  # for the index process to start from (`snapshot.py`)
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None
        try:
            self.process, self.connection = _start(keep=False, last=last)
        except (OSError, NotImplementedError):  # no second process here: build it at the end
            self.cancel()

    def give(
        self, pages: SpooledPages, cache: PageCache, folder: str, topics: list[tuple[str, str]]
    ) -> None:
        """Every page is converted: build the index of `pages` (see `make_index`)."""
        self.args = (pages, cache, folder, topics)
        if self.connection is None:
            return
        try:
            self._send(self.connection)
        except OSError:  # the second process is gone: `result()` builds it here
            self._gone()

    def _send(self, connection: Connection) -> None:
        connection.send(self.args)

    def _gone(self) -> None:
        self.cancel()

    def result(self, log: ErrorLog, root: str) -> Path:
        """The folder holding the index files; the term cache's warnings go to `log`, unused
        entries are removed."""
        assert self.args is not None, "give() the pages first"
        try:
            done = self._receive()
            if done is None:  # no second process, or it died (e.g. out of memory): here
                done = (make_index(*self.args), None)
        finally:
            self.cancel()
        _, cache, folder, _ = self.args  # the second process used a copy: take over what it saw
        terms_report, snapshot_report = done
        terms_report.onto(cache)
        cache.finish(log, root)
        if self.last is not None:
            if snapshot_report is not None:
                snapshot_report.onto(self.last.cache)
            self.last.cache.finish(log, root)
        return Path(folder) / SEARCH_DIR

    def _receive(self) -> tuple[CacheReport, CacheReport | None] | None:
        if self.connection is None:
            return None
        try:
            kind, value = self.connection.recv()
        except (EOFError, OSError):  # the second process ended without a word
            self._gone()
            return None
        if kind == "failed":
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        end(self.process, self.connection)
        self.process, self.connection = None, None


class KeptIndexJob(IndexJob):
    """An `IndexJob` of `dangjian serve`, whose builds share one index process (`IndexWorker`):
    started once, not for every build, and keeping its last index (`incremental.py`)."""

    def __init__(self, worker: IndexWorker) -> None:  # not super's, which starts a process
        self.args = None
        self.last = None  # the worker keeps its last index in memory
        self.worker = worker
        self.awaited = False  # the worker is making (or has made) an index nobody received
        self.process, self.connection = worker.running()

    def _send(self, connection: Connection) -> None:
        super()._send(connection)
        self.awaited = True

    def _receive(self) -> tuple[CacheReport, CacheReport | None] | None:
        try:
            return super()._receive()
        finally:
            self.awaited = False  # answered (or the worker died and was ended)

    def cancel(self) -> None:
        """The build no longer needs its index: the worker stays for the next build, unless
        it is still to answer for this one. Its answer would wait in the pipe, and an answer
        larger than the pipe's buffer blocks the worker, which then never reads the next
        build's pages: the next build starts another worker instead. A dead worker is ended."""
        if self.process is not None and (self.awaited or not self.process.is_alive()):
            self.worker.stop()
        self.awaited = False
        self.process, self.connection = None, None

    def _gone(self) -> None:
        """The worker died: the next build starts another."""
        self.worker.stop()
        self.process, self.connection = None, None


class IndexWorker:
    """The index process of `dangjian serve` (`kept_index`): one for all its builds, with the
    builds' last index kept in memory (`KeptIndex`). Started with the first build that needs
    it, and again after it died."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None

    def running(self) -> tuple[multiprocessing.process.BaseProcess | None, Connection | None]:
        if self.process is None or not self.process.is_alive():
            self.stop()
            try:
                self.process, self.connection = _start(keep=True)
            except (OSError, NotImplementedError):  # no second process: each build at its end
                self.stop()
        return self.process, self.connection

    def stop(self) -> None:
        end(self.process, self.connection)
        self.process, self.connection = None, None


# Set inside `kept_index` (`dangjian serve`, which builds many times in one process)
_WORKER: IndexWorker | None = None


@contextlib.contextmanager
def kept_index() -> Iterator[None]:
    """Builds in this block share one index process, which keeps their last index."""
    global _WORKER
    _WORKER = IndexWorker()
    try:
        yield
    finally:
        _WORKER.stop()
        _WORKER = None


def index_job(last: LastIndex | None = None) -> IndexJob:
    """The index process of a build that begins (see `IndexJob`), starting from `last` unless
    it is serve's, which keeps its last index in memory."""
    return IndexJob(last) if _WORKER is None else KeptIndexJob(_WORKER)


def move_index(written: Path, site_dir: str | os.PathLike[str]) -> None:
    """Put the index files written below `written` in the site, replacing what was there."""
    folder = Path(site_dir) / SEARCH_DIR
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(written.iterdir()):
        shutil.move(path, folder / path.name)
