"""`dangjian serve --production`: serve the built site with the headers of deploy/nginx.conf.

For local checks only (single machine, no TLS); intranets use nginx. Keep the values here
and in deploy/nginx.conf the same — tests/offline/test_server.py compares them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import os
import re
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

# The site needs nothing but its own files: every script is a file (dangjian-offline moves
# Material's inline scripts out), icons in CSS are data: URLs, no fonts are downloaded.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; media-src 'self'; object-src 'none'; "
    "frame-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

# Material's assets carry a content hash in their name (bundle.a5f9d56c.min.js)
HASHED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css)$")
CACHE_HASHED = "public, max-age=31536000, immutable"
CACHE_OTHER = "public, max-age=300"

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
}

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
GZIP_MIN_LENGTH = 1024


def cache_control(path: str) -> str:
    """Long cache for hashed assets, short for everything else (HTML changes every build)."""
    return CACHE_HASHED if HASHED.search(path) else CACHE_OTHER


def content_type(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class ProductionHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the production headers and gzip; directory listings are refused."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if os.environ.get("DANGJIAN_DEBUG"):
            super().log_message(format, *args)

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        data = path.read_bytes()
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if parsedate_to_datetime(since).timestamp() >= int(path.stat().st_mtime):
                    self.send_response(304)
                    self._common_headers(str(path))
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        self.send_response(200)
        data = self._maybe_gzip(str(path), data)
        self.send_header("Content-Type", content_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", modified)
        self._common_headers(str(path))
        self.end_headers()
        return _Body(data)

    def _maybe_gzip(self, path: str, data: bytes) -> bytes:
        if not path.endswith(COMPRESSIBLE) or len(data) < GZIP_MIN_LENGTH:
            return data
        self.send_header("Vary", "Accept-Encoding")
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return data
        self.send_header("Content-Encoding", "gzip")
        return gzip.compress(data, mtime=0)

    def _common_headers(self, path: str) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", cache_control(path))

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        data = page.read_bytes() if page.is_file() else "<h1>404 页面不存在</h1>".encode()
        self.send_response(404)
        self.send_header("Content-Type", TYPES[".html"])
        self.send_header("Content-Length", str(len(data)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        return None


class _Body:
    """The file object `SimpleHTTPRequestHandler.do_GET` copies to the client."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 8000):
    """A threaded server for `site_dir` (port 0 picks a free one)."""
    handler = functools.partial(ProductionHandler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_production(config_file: Path, dev_addr: str) -> int:
    """Handler of `dangjian serve --production`: serve the last successful build."""
    from ..core.cliargs import listen_problem, split_address
    from ..core.console import console, report_problems
    from ..core.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
    from ..core.messages import msg
    from ..site import SiteError, load

    try:
        site_dir = Path(load(config_file)["site_dir"])
    except SiteError as exc:
        report_problems(exc.problems, msg("build_failed", count=len(exc.problems)))
        return EXIT_CONTENT
    if not (site_dir / "index.html").is_file():
        console.print(msg("serve_no_site", site=site_dir), style="bold red")
        return EXIT_CONTENT
    host, port = split_address(dev_addr)
    try:
        server = make_server(site_dir, host.strip("[]"), port)
    except OSError as exc:
        problem = listen_problem(dev_addr, exc)
        if problem is None:
            raise
        console.print(problem, style="bold red")
        return EXIT_USAGE
    url = f"http://{server.server_address[0]}:{server.server_address[1]}/"
    console.print(msg("serve_production", site=site_dir, url=url))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK
