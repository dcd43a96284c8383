"""A small site with the content and offline plugins, and a local HTTP server for localize."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import enter_site, mkdocs_yml, write_files

from .documents import png

MKDOCS_YML = mkdocs_yml(
    "导入测试站",
    """\
markdown_extensions:
  - attr_list
  - footnotes
  - tables
plugins:
  - dangjian-content
  - dangjian-offline
""",
    site_url="https://example.org/",
)

RED = png(20, 20, (200, 0, 0))
BLUE = png(20, 20, (0, 0, 200))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BIG = png(1, 1, (0, 0, 0)) + b"\0" * (2 * 1024 * 1024)

# path → (status, headers, body); "slow" answers after the client's timeout
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/img/red.png": (200, {"Content-Type": "image/png"}, RED),
    "/mirror/red-copy.png": (200, {"Content-Type": "image/png"}, RED),
    "/img/old-blue.png": (302, {"Location": "/img/blue.png"}, b""),
    "/img/to-ftp.png": (302, {"Location": "ftp://127.0.0.1/red.png"}, b""),
    "/img/blue.png": (200, {"Content-Type": "image/png"}, BLUE),
    "/img/missing.png": (404, {"Content-Type": "text/html"}, b"<h1>404</h1>"),
    "/img/page.png": (200, {"Content-Type": "text/html"}, b"<html>login</html>"),
    "/img/liar.png": (200, {"Content-Type": "image/png"}, b"<html>not an image</html>"),
    "/img/big.png": (200, {"Content-Type": "image/png"}, BIG),
    "/files/plan.pdf": (200, {"Content-Type": "application/pdf"}, PDF),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/img/slow.png":
            time.sleep(2)
        # Logged before answering, so a test that got its answer sees the request
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def media_server() -> Iterator[ThreadingHTTPServer]:
    """Serves ROUTES on 127.0.0.1; `server.base` is its address, `server.requests` the log."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = []  # type: ignore[attr-defined]
    server.base = f"http://127.0.0.1:{server.server_port}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def import_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder with mkdocs.yml and a home page; the working directory is the site."""
    site = tmp_path / "site"
    write_files(site, {"mkdocs.yml": MKDOCS_YML, "content/index.md": "# 首页\n"})
    enter_site(monkeypatch, site)
    return site
