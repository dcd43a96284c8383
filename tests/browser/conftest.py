"""Browser fixtures: build the sample site once, serve it over file:// and http://127.0.0.1,
and open pages in Debian's headless Chromium, failing on console errors or outside requests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from dangjian.site import build_site

from .launcher import CHROMIUM, CHROMIUM_FLAGS, serve
from .members import assert_no_broken_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session into a temporary folder."""
    site = tmp_path_factory.mktemp("browser") / "site"
    build_site(ROOT / "mkdocs.yml", site)
    return site


@pytest.fixture(scope="session")
def packed_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip of the built site (`dangjian pack`), unzipped: what file:// opens."""
    import zipfile

    from dangjian.offline.package import pack_built_site
    from dangjian.site import load

    dist = tmp_path_factory.mktemp("pack")
    result = pack_built_site(load(ROOT / "mkdocs.yml"), built_site, dist / "dist")
    with zipfile.ZipFile(result.zip_path) as archive:
        archive.extractall(dist / "unzipped")
        top = archive.namelist()[0].split("/")[0]
    return dist / "unzipped" / top


@pytest.fixture(scope="session")
def http_root(built_site: Path) -> Iterator[str]:
    """The built site served by a threaded static server on 127.0.0.1."""
    with serve(built_site) as root:
        yield root


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Whenever CI is set (any value) a missing browser fails."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI 需要 Chromium：{CHROMIUM} 不存在")
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@dataclass
class Site:
    """Where the site is opened from in one test: `file` or `http`."""

    mode: str
    root: str

    def url(self, path: str = "index.html") -> str:
        return self.root + path.lstrip("/")

    def is_inside(self, url: str) -> bool:
        return url.startswith((self.root, "data:", "blob:", "about:"))


@pytest.fixture(params=["file", "http"])
def site(request: pytest.FixtureRequest, built_site: Path) -> Site:
    if request.param == "file":
        # file:// opens the unzipped offline pack, as a member would
        packed = request.getfixturevalue("packed_site")
        return Site("file", packed.as_uri() + "/")
    return Site("http", request.getfixturevalue("http_root"))


@dataclass
class PageLog:
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def context(browser, site: Site, page_log: PageLog):
    """A fresh browser profile per test (empty localStorage)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def on_request(request) -> None:
        if not site.is_inside(request.url):
            page_log.outside_requests.append(request.url)

    ctx.on("request", on_request)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, page_log: PageLog):
    """A page that records console errors and uncaught exceptions; checked after the test."""
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: (
            page_log.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: page_log.console_errors.append(str(error)))
    yield tab
    assert page_log.console_errors == [], f"console errors: {page_log.console_errors}"
    assert page_log.outside_requests == [], (
        f"requests outside the site: {page_log.outside_requests}"
    )
    if not tab.is_closed():
        assert_no_broken_text(tab)
