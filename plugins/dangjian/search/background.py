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

import itertools
import multiprocessing
import os
import shutil
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..core.cache import PageCache
from ..core.errors import ErrorLog
from ..core.subprocesses import end
from .index import SEARCH_DIR, index_files, write_index
from .spool import SpooledPages
from .suggest import SUGGEST_FILE, suggest_script
from .termcache import TermCache
from .tokenizer import Tokenizer


@dataclass
class IndexResult:
    """What the term cache has to report to the editor (the files are on disk)."""

    rejected: int
    write_error: str | None
    used: set[str]
    damaged: bool = False  # the cache file was damaged or foreign (and started afresh)


def make_index(
    pages: SpooledPages, cache: PageCache, folder: str, topics: list[tuple[str, str]]
) -> IndexResult:
    """Write the browser index of `pages` below `folder`, each page's terms from the cache,
    and `suggest.js` with the titles of `pages` and `topics` (title, url)."""
    terms = TermCache(cache, Tokenizer())
    try:
        files = index_files(pages.light(), terms.tokenizer, terms.page_terms, pages.load)
        suggest = (SUGGEST_FILE, suggest_script(pages.light(), topics))
        write_index(itertools.chain(files, [suggest]), folder)
    finally:
        pages.close()
    cache.flush()  # this process may end before its last entries are written otherwise
    return IndexResult(cache.rejected, cache.write_error, cache.used, cache.damaged)


def _make_index_and_send(connection: Connection) -> None:
    """The second process: wait for `make_index`'s arguments, send its result (or error)."""
    # While the build converts its pages: pypinyin's dictionaries take 0.3 s to load, which
    # otherwise came after the templates, at the end of a rebuild
    import pypinyin  # noqa: F401

    try:
        args = connection.recv()
    except EOFError:  # the build ended before its pages were converted
        return
    try:
        done: tuple[str, object] = ("done", make_index(*args))
    except Exception as exc:  # the build raises it, as if the index were built there
        done = ("failed", exc)
    connection.send(done)
    connection.close()


class IndexJob:
    """A second process, started with the build, that runs `make_index` once `give` hands it
    the pages; `result()` waits for it. Where no second process can be started (or it died),
    `result()` runs `make_index` in the build's own process.

    Started before the pages are converted, so that starting Python and importing the index's
    code are done by the time the pages are ready. A plain process and a pipe, not a process
    pool: a pool keeps a thread in the build's process, and a process with threads cannot
    safely fork the helpers that convert and template pages meanwhile (`core/convertahead.py`).
    """

    def __init__(self) -> None:
        self.args: tuple[SpooledPages, PageCache, str, list[tuple[str, str]]] | None = None
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None
        try:
            # spawn, not fork: a fresh process that loads only what the index needs
            context = multiprocessing.get_context("spawn")
            self.connection, theirs = context.Pipe()
            self.process = context.Process(target=_make_index_and_send, args=(theirs,), daemon=True)
            self.process.start()
            theirs.close()
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
            self.connection.send(self.args)
        except OSError:  # the second process is gone: `result()` builds it here
            self.cancel()

    def result(self, log: ErrorLog, root: str) -> Path:
        """The folder holding the index files; the term cache's warnings go to `log`, unused
        entries are removed."""
        assert self.args is not None, "give() the pages first"
        try:
            done = self._receive()
            if done is None:  # no second process, or it died (e.g. out of memory): here
                done = make_index(*self.args)
        finally:
            self.cancel()
        _, cache, folder, _ = self.args  # the second process used a copy: take over what it saw
        cache.rejected, cache.write_error, cache.used = done.rejected, done.write_error, done.used
        cache.damaged = done.damaged
        cache.finish(log, root)
        return Path(folder) / SEARCH_DIR

    def _receive(self) -> IndexResult | None:
        if self.connection is None:
            return None
        try:
            kind, value = self.connection.recv()
        except (EOFError, OSError):  # the second process ended without a word
            return None
        if kind == "failed":
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        end(self.process, self.connection)
        self.process, self.connection = None, None


def move_index(written: Path, site_dir: str | os.PathLike[str]) -> None:
    """Put the index files written below `written` in the site, replacing what was there."""
    folder = Path(site_dir) / SEARCH_DIR
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(written.iterdir()):
        shutil.move(path, folder / path.name)
