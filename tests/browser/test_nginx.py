"""deploy/nginx.conf in a real nginx on 127.0.0.1: pages, headers, and no CSP violation
in Chromium. The `site` fixture is overridden here so `page` opens the nginx-served site.
"""

from __future__ import annotations

import gzip
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import MIME_TYPES, free_port, require_nginx, running_nginx

from .conftest import Site
from .members import follow, guess_current_question, type_query

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

# Records Content-Security-Policy violations before any page script runs
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


def server_conf(site_dir: Path, port: int) -> str:
    """deploy/nginx.conf with `listen` and `root` pointed at this test's site."""
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    text, listens = re.subn(
        r"^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{port};", text, flags=re.M
    )
    text, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1root {site_dir};", text, flags=re.M)
    assert listens == 1 and roots == 1, "deploy/nginx.conf must have one listen and one root"
    return text


@pytest.fixture(scope="session")
def nginx_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real nginx serving the built site with deploy/nginx.conf on a free local port."""
    require_nginx(MIME_TYPES)
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (prefix / "site.conf").write_text(server_conf(built_site, port), encoding="utf-8")
    user = "root" if os.geteuid() == 0 else ""  # workers must read pytest's tmp folders
    http = f"include {MIME_TYPES};\ninclude {prefix / 'site.conf'};\n"
    with running_nginx(prefix, port, http, user=user) as url:
        yield url


@pytest.fixture
def site(nginx_root: str) -> Site:
    """Overrides the file/http `site`: every browser test in this module goes through nginx."""
    return Site("nginx", nginx_root)


def fetch(url: str, gzip_ok: bool = True):
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_headers(site: Site, built_site: Path) -> None:
    from dangjian.offline import server

    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    checks = {
        "index.html": ("text/html; charset=utf-8", server.CACHE_OTHER),
        "study/dangshi/zunyi.html": ("text/html; charset=utf-8", server.CACHE_OTHER),
        f"assets/javascripts/{bundle.name}": (
            "application/javascript; charset=utf-8",
            server.CACHE_HASHED,
        ),
        "assets/dangjian/dangjian.js": (
            "application/javascript; charset=utf-8",
            server.CACHE_OTHER,
        ),
        "tags.json": ("application/json; charset=utf-8", server.CACHE_OTHER),
        "assets/dangjian/base.css": ("text/css; charset=utf-8", server.CACHE_OTHER),
        "events/zuzhi-shenghuo.ics": ("text/calendar; charset=utf-8", server.CACHE_OTHER),
    }
    for path, (content_type, cache) in checks.items():
        response = fetch(site.url(path))
        assert response.status == 200, path
        assert response.headers["Content-Type"] == content_type, path
        assert response.headers["Cache-Control"] == cache, path
        for name, value in server.SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        assert body == (built_site / path).read_bytes(), path
    # gzip for text larger than gzip_min_length
    assert (
        fetch(site.url(f"assets/javascripts/{bundle.name}")).headers["Content-Encoding"] == "gzip"
    )
    assert fetch(site.url("index.html"), gzip_ok=False).headers.get("Content-Encoding") is None


def test_missing_page_is_the_sites_404(site: Site) -> None:
    response = fetch(site.url("no/such/page.html"))
    assert response.status == 404
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"]


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_pages_under_csp_without_violations(page, site: Site) -> None:
    page.add_init_script(CSP_LISTENER)
    for path, title in (
        ("index.html", "示例党支部学习站"),
        ("study/dangshi/zunyi.html", "遵义会议"),
        ("study/index.html", "学习资料"),
        ("study/dangshi/index.html", "党史"),
        ("notices/index.html", "通知公告"),
        ("notices/2026/xuexi-anpai-q4.html", "第四季度"),
        ("tags.html", "标签"),
        ("quizzes/dangzhang-jichu.html", "党章"),
    ):
        response = page.goto(site.url(path))
        assert response and response.status == 200
        assert title in page.title()
        page.wait_for_load_state("load")
        assert csp_violations(page) == [], path
    # Palette toggle (Material's inline-script logic, moved to files) still works
    page.locator("label[for='__palette_1']").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert csp_violations(page) == []


def test_search_and_quiz_under_csp(page, site: Site) -> None:
    page.add_init_script(CSP_LISTENER)
    page.goto(site.url("index.html"))
    type_query(page, "三会一课")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/study/zuzhi/sanhui-yike.html*")
    assert csp_violations(page) == []
    page.goto(site.url("quizzes/dangzhang-jichu.html"))
    page.locator('[data-action="practice"]').click()
    guess_current_question(page)
    assert page.locator(".dj-quiz__verdict").is_visible()
    assert csp_violations(page) == []


def test_missing_page_under_csp_is_chinese_with_search_and_home(page, site: Site, page_log) -> None:
    page.add_init_script(CSP_LISTENER)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    missing = site.url("no/such/page.html")
    response = page.goto(missing)
    assert response and response.status == 404
    page.wait_for_load_state("load")
    # Chromium logs the page's own 404 as a console error: that one is expected, nothing else
    assert failed == [missing]
    expected = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert page_log.console_errors == [expected]
    page_log.console_errors.clear()
    assert page.locator("h1").inner_text() == "页面不存在"
    # 大字模式 and 朗读 scripts load from the site root, as every asset of this page does
    assert page.locator("button.dj-textsize").is_visible()
    page.get_by_label("在本站搜索").fill("三会一课")
    page.get_by_label("在本站搜索").press("Enter")
    page.locator(".dj-search__result").first.wait_for()
    page.keyboard.press("Escape")
    follow(page, page.get_by_role("link", name="返回首页"))
    assert page.title().startswith("示例党支部学习站") or "首页" in page.title()
    assert csp_violations(page) == []
