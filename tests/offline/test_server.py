"""`dangjian serve --production` sends the headers deploy/nginx.conf sends."""

from __future__ import annotations

import gzip
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from dangjian.offline import server

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def nginx_headers() -> dict[str, str]:
    return dict(re.findall(r'^\s*add_header\s+(\S+)\s+"([^"]*)"', NGINX_CONF, re.MULTILINE))


def test_security_headers_match_nginx_conf() -> None:
    assert nginx_headers() == server.SECURITY_HEADERS


def test_cache_rules_match_nginx_conf() -> None:
    rule = re.search(r'"~\*([^"]+)"\s+"([^"]+)";\s*default\s+"([^"]+)";', NGINX_CONF)
    assert rule is not None
    pattern, hashed, other = rule.groups()
    assert (hashed, other) == (server.CACHE_HASHED, server.CACHE_OTHER)
    for name in ("bundle.a5f9d56c.min.js", "main.57a0d79d.min.css", "dangjian.js", "a.html"):
        assert bool(re.search(pattern, name, re.IGNORECASE)) == bool(server.HASHED.search(name))


def test_csp_has_no_unsafe_or_remote_sources() -> None:
    csp = server.CONTENT_SECURITY_POLICY
    assert "unsafe" not in csp and "http" not in csp and "*" not in csp
    assert "script-src 'self';" in csp and "object-src 'none'" in csp


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><p>首页</p>" * 100, encoding="utf-8")
    (tmp_path / "assets" / "bundle.a5f9d56c.min.js").write_text("var a = 1;\n" * 200)
    (tmp_path / "data.json").write_text('{"a": 1}')
    (tmp_path / "404.html").write_text("<p>没有这个页面</p>", encoding="utf-8")
    httpd = server.make_server(tmp_path, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def get(url: str, **headers: str):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers))


def test_production_server_headers(served: str) -> None:
    page = get(served + "index.html", **{"Accept-Encoding": "gzip"})
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.headers["Content-Encoding"] == "gzip"
    assert "首页" in gzip.decompress(page.read()).decode("utf-8")
    assert page.headers["Cache-Control"] == "public, max-age=300"
    for name, value in server.SECURITY_HEADERS.items():
        assert page.headers[name] == value
    script = get(served + "assets/bundle.a5f9d56c.min.js")
    assert script.headers["Content-Type"] == "application/javascript; charset=utf-8"
    assert script.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert script.headers.get("Content-Encoding") is None
    assert script.read() == b"var a = 1;\n" * 200
    assert get(served + "data.json").headers["Content-Type"] == "application/json; charset=utf-8"
    assert get(served).headers["Content-Type"] == "text/html; charset=utf-8"


def test_production_server_404_page(served: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        get(served + "missing.html")
    assert error.value.code == 404
    assert error.value.headers["X-Content-Type-Options"] == "nosniff"
    assert "没有这个页面" in error.value.read().decode("utf-8")


def test_serve_production_needs_a_build(tmp_path: Path, capsys) -> None:
    from dangjian.cli import main

    (tmp_path / "mkdocs.yml").write_text("site_name: t\nsite_dir: build/site\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert main(["serve", "--production", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    assert "找不到已构建的网站" in capsys.readouterr().err
