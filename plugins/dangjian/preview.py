"""`dangjian serve`: live preview that says where it is and what went wrong, in Chinese.

A failed rebuild prints the same file:line lines as `dangjian check`, keeps serving the last
good site, and lays a list of the problems over every page. The build never raises into the
reload loop, so no request waits for a fixed file; the next good build reloads the pages.
"""

from __future__ import annotations

import contextlib
import gc
import html
import os
import posixpath
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserverVFS

from .content.related import load_segmenter
from .core.cache import cache_written, records_kept
from .core.early import EarlyPages, early_pages, pages_shown_early
from .core.exitcodes import EXIT_OK, EXIT_USAGE
from .core.memo import next_build, results_kept
from .core.messages import msg
from .core.publishing import drafts_shown
from .core.watcher import Watcher
from .search.background import kept_index
from .site import BuildResult, SiteError, build_site, load

OVERLAY_ID = "dj-preview-problems"
T = TypeVar("T")


def problems_html(problems: list[str]) -> bytes:
    """The overlay listing the problems; every line is escaped."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in problems)
    box = (
        f'<div id="{OVERLAY_ID}" role="alert" lang="zh-CN" style="position:fixed;z-index:10000;'
        "top:0;left:0;right:0;max-height:60vh;overflow:auto;background:#fff3f3;color:#5c0000;"
        'border-bottom:3px solid #c00;padding:1em 1.5em;font:16px/1.6 sans-serif">'
        f"<strong>{html.escape(msg('serve_page_title'))}</strong>"
        f"<p>{html.escape(msg('serve_page_intro'))}</p>"
        f'<ul style="font-family:monospace;white-space:pre-wrap">{items}</ul></div>'
    )
    return box.encode("utf-8")


def problems_page(problems: list[str]) -> bytes:
    """A whole page for when there is no good site yet; it reloads itself every 2 seconds."""
    title = html.escape(msg("serve_page_title"))
    return (
        (
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="2"><title>{title}</title></head><body>'
        ).encode()
        + problems_html(problems)
        + b"</body></html>"
    )


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, with the problems of the last build laid over its pages,
    and the pages just edited shown before their build ends (`core/early.py`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # MkDocs' watcher looks at every watched file twice a second from its own thread. Each
        # of its thousands of `stat` calls gives up Python's lock and takes it back from the
        # build, which then waits: at 2,000 pages a preview build took twice as long with the
        # watcher running. It now waits while a build runs; what is saved meanwhile is found
        # by its first look after the build, against what it saw before it. Folders on a local
        # disk are not polled: the system reports their changes at once (`core/watcher.py`).
        self.idle = threading.Event()  # no build under way
        self.idle.set()
        polling = PollingObserverVFS(
            stat=self._when_idle(os.stat), listdir=self._when_idle(os.scandir), polling_interval=0.5
        )
        self.observer = Watcher(polling)
        self.problems: list[str] = []
        self.early: dict[str, bytes] = {}  # site path → a page of the build under way
        self.settled = threading.Event()  # no build under way has shown a page
        self.settled.set()

    def _when_idle(self, function: Callable[[str], T]) -> Callable[[str], T]:
        def once_idle(path: str) -> T:
            self.idle.wait()
            return function(path)

        return once_idle

    def show_early(self, dest_uri: str, output: bytes) -> None:
        """A page of the build under way, rendered after every problem was reported: served
        from now on, and the browsers reload. MkDocs' server held every request until the
        build ended, because MkDocs writes into the served folder; ours is swapped in whole,
        so until then the rest is served from the last complete site."""
        self.problems = []
        self.settled.clear()
        self.early = {**self.early, dest_uri: output}
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def build_ended(self, reload: bool) -> None:
        """The build is swapped in or failed. `reload`: the browsers reload again once the
        build loop says so (MkDocs' loop makes the epoch the build started with visible,
        which pages shown early have made visible already)."""
        shown, self.early = bool(self.early), {}
        self.settled.set()
        if shown and reload:
            self._wanted_epoch += 1

    def serve_request(self, environ, start_response):
        problems, early = self.problems, self.early
        path = environ.get("PATH_INFO", "")
        if (not problems and not early) or path.startswith("/livereload/"):
            return super().serve_request(environ, start_response)
        page = early.get(site_path(path, self.mount_path)) if early else None
        if page is not None:
            body = self._inject_js_into_html(page, self._visible_epoch)
            status, headers = "200 OK", [("Content-Type", "text/html; charset=utf-8")]
        else:
            status, headers, body = self._captured(environ)
            if early and status.startswith("404"):
                # Maybe new in this build, such as an image the page shown early shows
                self.settled.wait(timeout=60)
                status, headers, body = self._captured(environ)
        if problems:
            body, headers = self._with_problems(problems, status, headers, body)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]

    @staticmethod
    def _with_problems(
        problems: list[str], status: str, headers: list[tuple[str, str]], body: bytes
    ) -> tuple[bytes, list[tuple[str, str]]]:
        if status.startswith("404"):  # no good page here (yet): the problems, reloading
            return problems_page(problems), [("Content-Type", "text/html; charset=utf-8")]
        if any(k.lower() == "content-type" and "text/html" in v for k, v in headers):
            end = body.rfind(b"</body>")
            end = len(body) if end < 0 else end
            body = body[:end] + problems_html(problems) + body[end:]
        return body, headers

    def _captured(self, environ) -> tuple[str, list[tuple[str, str]], bytes]:
        captured: dict[str, object] = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        body = b"".join(super().serve_request(environ, capture))
        return str(captured.get("status", "200 OK")), list(captured.get("headers") or []), body


def site_path(path_info: str, mount_path: str) -> str | None:
    """The file below the site a request's path names, as MkDocs' server finds it."""
    path = path_info.encode("latin-1").decode("utf-8", "ignore")
    if not (path + "/").startswith(mount_path):
        return None
    relative = path[len(mount_path) :] + ("index.html" if path.endswith("/") else "")
    return posixpath.normpath("/" + relative).lstrip("/")


def preview_build(config_file: Path, site_dir: Path) -> BuildResult:
    """One build of the preview: drafts shown, and the build cache used and kept up to date
    (so an edit is shown after re-rendering only the pages it changes)."""
    early = early_pages()
    try:
        with drafts_shown(), cache_written():
            return build_site(config_file, site_dir)
    finally:
        next_build()
        if early is not None:
            early.end()


def settle_memory() -> None:
    """Between two preview builds, while the editor reads: collect the last build's garbage
    now and set everything still alive aside (`gc.freeze`), so that the next build's
    collections go through what it makes, not through what the preview keeps (the cache
    records, results and templates of the last build: about 250,000 objects the collector
    tracks at 2,000 pages). Python's full collections took 0.45–0.7 s of each preview build
    at 2,000 pages before, 0.2 s after. What is set aside and then becomes garbage is
    collected here next time."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def kept_between_builds() -> Iterator[EarlyPages]:
    """What the preview's builds keep for the next: the cache records each reads or writes
    (`KeptRecords`), what was computed from each page's text (`core/memo.py`), one search index
    process with the last index (`KeptIndex`), and the sources, to render the pages just
    edited first (`EarlyPages`)."""
    try:
        with records_kept(), results_kept(), kept_index(), pages_shown_early() as early:
            yield early
    finally:
        gc.unfreeze()  # what `settle_memory` set aside, collected as usual again


def serve(config_file: Path, dev_addr: str) -> int:
    # The previewed site lives in a temporary folder removed however the preview ends (Ctrl+C,
    # SIGTERM, a busy port), as `mkdocs serve` does: at 2,000 pages each preview's copy is
    # about 80 MB
    with (
        kept_between_builds(),
        tempfile.TemporaryDirectory(prefix="dangjian-serve-", ignore_cleanup_errors=True) as temp,
    ):
        return _serve(config_file, dev_addr, Path(temp) / "site")


def _serve(config_file: Path, dev_addr: str, site_dir: Path) -> int:
    config = load(config_file)
    host, _, port = dev_addr.rpartition(":")
    lock = threading.Lock()

    def builder(config=None) -> None:
        # The preview shows drafts and pages not yet due, with their banner
        with lock:
            server.idle.clear()
            early = early_pages()
            if early is not None:
                early.publish = server.show_early
            failed = True
            try:
                result = preview_build(config_file, site_dir)
                failed = False
            except SiteError as exc:
                server.problems = exc.problems
                print(msg("serve_failed", count=len(exc.problems)), file=sys.stderr, flush=True)
                for line in exc.problems:
                    print(line, file=sys.stderr, flush=True)
                return
            finally:
                # Pages shown early were all that changed, or the browsers reload once more
                server.build_ended(reload=failed or early is None or early.others)
                settle_memory()
                server.idle.set()
            server.problems = []
            print(msg("serve_rebuilt", seconds=result.seconds), file=sys.stderr, flush=True)

    try:
        server = PreviewServer(
            builder=builder, host=host or "127.0.0.1", port=int(port), root=str(site_dir)
        )
    except (OSError, ValueError) as exc:
        print(msg("serve_port_busy", addr=dev_addr, reason=exc), file=sys.stderr)
        return EXIT_USAGE
    print(msg("serve_building"), file=sys.stderr, flush=True)
    builder()
    if "dangjian-content" in config.plugins:
        load_segmenter()
    server.watch(config.docs_dir)
    server.watch(str(config_file.resolve()))
    if config.theme.custom_dir:
        server.watch(config.theme.custom_dir)
    terms = config_file.resolve().parent / "terms.yml"
    if terms.is_file():
        server.watch(str(terms))
    url = f"http://{host or '127.0.0.1'}:{port}/"

    def announce() -> None:
        # Say "ready" only once the watcher has its first look at the files: from then on
        # every saved change is seen
        while not server.observer.is_alive():
            time.sleep(0.05)
        print(msg("serve_ready", url=url), file=sys.stderr, flush=True)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return EXIT_OK
