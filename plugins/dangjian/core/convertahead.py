"""Pages checked, converted and templated ahead in a second process, while the build does
the rest.

MkDocs converts every page's Markdown in one loop, then renders every page's template in
another, each on one core; before them, the content plugin reads and checks every page in a
loop of its own. The three loops are most of a cold build. Each loop gets a helper: a process
forked when the loop starts (in the content plugin's `on_files`, after every plugin's `on_nav`,
and after every plugin's `on_env`), that works from the last page backwards while the build
goes forwards from the first; they stop where they meet.

- Checks: the helper runs the copy rules on a page and segments a material's text for its
  related materials, and hands both over under the keys they are stored under in the build
  cache (`content/plugin.py`, `_check_ahead`).
- Markdown: the helper runs what the build runs for a page up to its conversion
  (`on_pre_page`, `read_source`, every plugin's `on_page_markdown`, `Page.render`) and
  hands the converted body over under the key of the page-body cache (`pagecache.py`).
- Templates: it runs what MkDocs' `_build_page` runs up to the template's output (the
  context, every plugin's `on_page_context`, the template) and hands the output over under
  the key of the page-html cache. `on_post_page` and writing stay in the build.

The build takes a result only where its own key for the page is the same, just as it takes
an entry an earlier build stored, so a page a plugin treats differently in the helper is
simply made again here. Nothing is handed over for a page that logged a warning or raised a
Python warning in the helper: the build makes that page itself, so every warning is reported
where and as often as without a helper, and `strict` fails as it would. The helper writes
no cache (`cache.read_only_after_fork`) and prints nothing.

The conversion and template helpers are forked only for a build that writes the cache (the
checks helper also for `dangjian check`, whose findings need no cache), with at least
FORK_MIN pages, on a machine with more than one core, where `fork` exists and the build has
no other thread (a fork could leave one holding a lock; the progress bar and the search
index keep none, see `console.with_progress` and `search/background.py`). It runs at a
lower priority than the build and its search index, so it uses only the time they leave,
and stops once it finds STORED_RUN pages in a row stored already (a rebuild, where the
build finds them too).
Otherwise, and if the helper dies, the build makes every page itself.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, BinaryIO

from mkdocs.structure.files import File

from .cache import read_only_after_fork
from .subprocesses import end

# Below this many pages a second process costs more than it saves
FORK_MIN = 200
# How much lower the second process runs than the build (os.nice)
NICE = 10
# After this many pages in a row found stored, the helper stops: a rebuild (the build will
# find the rest stored too), where it would only take time from the build
STORED_RUN = 32

# What the helper runs for one file: its cache key and what it made, or None when the build
# will find that stored already
Convert = Callable[[File], "tuple[str, object] | None"]


def forks(count: int) -> bool:
    """Whether `count` pages are worth a second process, and one can be forked safely."""
    return (
        count >= FORK_MIN
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


class ConvertAhead:
    """The second process and what it has handed over so far (in the build's process)."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.receiver: Connection | None = None
        self.spool: BinaryIO | None = None  # the converted bodies, written by the second process
        self.position: Any = None  # shared: the index of the page the build is at
        self.index: dict[str, int] = {}  # src_uri -> place in the order of conversion
        self.ready: dict[str, tuple[str, int, int]] = {}  # src_uri -> (key, offset, length)
        self.owner = os.getpid()  # the build's process (a forked copy of this takes nothing)

    def start(self, files: Sequence[File], convert: Convert) -> None:
        """Fork the second process for `files` (in the order the build goes through them)."""
        self.stop()
        if not forks(len(files)):
            return
        self.index = {file.src_uri: i for i, file in enumerate(files)}
        self.owner = os.getpid()
        try:
            context = multiprocessing.get_context("fork")
            self.spool = tempfile.TemporaryFile(prefix="dangjian-ahead-")  # noqa: SIM115
            self.position = context.RawValue("q", -1)
            self.receiver, sender = context.Pipe(duplex=False)
            args = (sender, self.spool.fileno(), self.position, list(files), convert)
            self.process = context.Process(target=_convert_from_the_end, args=args, daemon=True)
            self.process.start()
            sender.close()
        except (ValueError, OSError):  # no process to spare: convert every page here
            self.stop()

    @property
    def running(self) -> bool:
        """A second process works for this build (and this is the build, not a forked copy)."""
        return self.process is not None and os.getpid() == self.owner

    def at(self, src_uri: str) -> None:
        """Tell the helper that the build has come this far: it stops before this page."""
        if not self.running:
            return
        place = self.index.get(src_uri)
        if place is not None and place > self.position.value:
            self.position.value = place

    def take(self, src_uri: str, key: str) -> object | None:
        """What the helper made of `src_uri` under `key`, if it has (the build, having said
        it is `at` this page, makes it itself otherwise)."""
        if not self.running:
            return None
        self._receive()
        found = self.ready.pop(src_uri, None)
        if found is None or found[0] != key or self.spool is None:
            return None
        _, offset, length = found
        try:
            body = json.loads(os.pread(self.spool.fileno(), length, offset))
        except (OSError, ValueError):
            return None
        return body

    def _receive(self) -> None:
        receiver = self.receiver
        try:
            while receiver is not None and receiver.poll():
                src_uri, key, offset, length = receiver.recv()
                self.ready[src_uri] = (key, offset, length)
        except (EOFError, OSError, ValueError):  # the second process has ended
            self.receiver = None
            if receiver is not None:
                receiver.close()

    def stop(self) -> None:
        """Every page is converted (or the build failed): end the second process."""
        end(self.process, self.receiver)
        if self.spool is not None:
            self.spool.close()
        self.__init__()  # type: ignore[misc]


def _convert_from_the_end(
    sender: Connection,
    spool: int,
    position: Any,
    files: list[File],
    convert: Convert,
) -> None:
    """The second process: convert pages from the last backwards until the build's position."""
    # The build's process answers Ctrl+C and SIGTERM and stops this one
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    warned = _quiet()
    read_only_after_fork()
    # Only the time the build and its search index leave over: this work is optional
    with contextlib.suppress(OSError):
        os.nice(NICE)
    stored = 0
    for place in range(len(files) - 1, -1, -1):
        if place <= position.value or stored >= STORED_RUN:
            break
        before = warned.count
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                converted = convert(files[place])
        except Exception:  # the build converts it, and reports why it fails
            continue
        stored = stored + 1 if converted is None else 0
        if converted is None or caught or warned.count != before:
            continue
        key, body = converted
        data = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
        offset = os.lseek(spool, 0, os.SEEK_END)
        view = memoryview(data)
        while view:
            view = view[os.write(spool, view) :]
        try:
            sender.send((files[place].src_uri, key, offset, len(data)))
        except OSError:  # the build has stopped listening
            return


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _quiet() -> _Count:
    """In the second process: count warnings instead of printing them, and print nothing."""
    counter = _Count()
    loggers = [logging.getLogger()]
    loggers += [
        v for v in logging.Logger.manager.loggerDict.values() if isinstance(v, logging.Logger)
    ]
    for logger in loggers:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger().addHandler(counter)
    for logger in loggers:
        logger.propagate = True
    sink = io.StringIO()
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout = sys.stderr = sink
    return counter
