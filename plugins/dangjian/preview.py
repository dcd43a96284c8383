"""`dangjian serve`: live preview that says where it is and what went wrong, in Chinese.

A failed rebuild prints the same file:line lines as `dangjian check`, keeps serving the last
good site, and lays a list of the problems over every page. The build never raises into the
reload loop, so no request waits for a fixed file; the next good build reloads the pages.
"""

from __future__ import annotations

import contextlib
import html
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .core.cache import cache_written, records_kept
from .core.exitcodes import EXIT_OK, EXIT_USAGE
from .core.messages import msg
from .core.publishing import drafts_shown
from .search.background import kept_index
from .site import BuildResult, SiteError, build_site, load

OVERLAY_ID = "dj-preview-problems"


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
    """MkDocs' live-reload server, with the problems of the last build laid over its pages."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []

    def serve_request(self, environ, start_response):
        problems = self.problems
        if not problems or environ.get("PATH_INFO", "").startswith("/livereload/"):
            return super().serve_request(environ, start_response)
        captured: dict[str, object] = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        body = b"".join(super().serve_request(environ, capture))
        status = str(captured.get("status", "200 OK"))
        headers = list(captured.get("headers") or [])
        if status.startswith("404"):  # no good page here (yet): the problems, reloading
            body = problems_page(problems)
            headers = [("Content-Type", "text/html; charset=utf-8")]
        elif any(k.lower() == "content-type" and "text/html" in v for k, v in headers):
            end = body.rfind(b"</body>")
            end = len(body) if end < 0 else end
            body = body[:end] + problems_html(problems) + body[end:]
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]


def preview_build(config_file: Path, site_dir: Path) -> BuildResult:
    """One build of the preview: drafts shown, and the build cache used and kept up to date
    (so an edit is shown after re-rendering only the pages it changes)."""
    with drafts_shown(), cache_written():
        return build_site(config_file, site_dir)


@contextlib.contextmanager
def kept_between_builds() -> Iterator[None]:
    """What the preview's builds keep for the next: the cache records each reads or writes
    (`KeptRecords`), and one search index process with the last index (`KeptIndex`)."""
    with records_kept(), kept_index():
        yield


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
            try:
                result = preview_build(config_file, site_dir)
            except SiteError as exc:
                server.problems = exc.problems
                print(msg("serve_failed", count=len(exc.problems)), file=sys.stderr, flush=True)
                for line in exc.problems:
                    print(line, file=sys.stderr, flush=True)
                return
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
