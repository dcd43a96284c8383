"""The browser index, built in a second process while MkDocs renders the page templates.

Every page's text is known once MkDocs has converted all Markdown (`on_env`); the templates
take about as long again as the index. On a machine with two cores the index is therefore
built beside them and only collected after the build. Where no second process can be
started, the same function runs in the build's own process at the end.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..core.cache import PageCache
from ..core.errors import ErrorLog
from .index import IndexedPage, build_index
from .termcache import TermCache
from .tokenizer import Tokenizer


@dataclass
class IndexResult:
    """The index files, and what the term cache has to report to the editor."""

    files: dict[str, str]
    rejected: int
    write_error: str | None
    used: set[str]
    damaged: bool = False  # the cache file was damaged or foreign (and started afresh)


def make_index(pages: list[IndexedPage], cache: PageCache) -> IndexResult:
    """Build the browser index of `pages`, with each page's terms from the build cache."""
    terms = TermCache(cache, Tokenizer())
    files = build_index(pages, terms.tokenizer, terms.page_terms)
    cache.flush()  # this process may end before its last entries are written otherwise
    return IndexResult(files, cache.rejected, cache.write_error, cache.used, cache.damaged)


class IndexJob:
    """`make_index` started now, in another process when possible; `result()` waits for it."""

    def __init__(self, pages: list[IndexedPage], cache: PageCache) -> None:
        self.args = (pages, cache)
        self.executor: ProcessPoolExecutor | None = None
        self.future: Future[IndexResult] | None = None
        try:
            # spawn, not fork: the build process has threads (progress bar, livereload)
            context = multiprocessing.get_context("spawn")
            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
            self.future = self.executor.submit(make_index, *self.args)
        except (OSError, NotImplementedError):  # no second process here: build it at the end
            self.cancel()

    def result(self, log: ErrorLog, root: str) -> dict[str, str]:
        """The index files; the term cache's warnings go to `log`, unused entries are removed."""
        try:
            done = self.future.result() if self.future else make_index(*self.args)
        except BrokenProcessPool:  # the second process died (e.g. out of memory): once more here
            done = make_index(*self.args)
        finally:
            self.cancel()
        _, cache = self.args  # the second process used a copy: take over what it saw
        cache.rejected, cache.write_error, cache.used = done.rejected, done.write_error, done.used
        cache.damaged = done.damaged
        cache.finish(log, root)
        return done.files

    def cancel(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor, self.future = None, None
