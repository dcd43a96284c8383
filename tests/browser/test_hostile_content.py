"""Hostile content in real Chromium, from file:// and http://: markup an editor (or an
attacker with commit rights) writes into front matter, `_topic.yml`, banks and config text
runs nothing; search links work for file names with #, ? and %.

Every payload sets `window.__pwned` if it ever runs; the flag must stay unset on every page.
"""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from pathlib import Path

import pytest
from dangjian.site import build_site, load

from tests.hostile.conftest import BANK, CONFIG

from .conftest import Site
from .members import follow, type_query

pytestmark = pytest.mark.browser

RUN = "<img src=x onerror=window.__pwned=1>"
P = f"'毒{RUN}'"  # a quoted YAML scalar holding the payload
FILES = {
    "index.md": "---\ntitle: 首页\n---\n欢迎。\n",
    "study/t/_topic.yml": f"title: {P}\ndescription: '\"><img src=x onerror=window.__pwned=1>'\n",
    "study/t/x.md": (
        f"---\ntitle: {P}\ntags: [{P}]\nauthor: {P}\nsource: {P}\nsummary: {P}\n"
        "date: 2026-01-05\n---\n\n## A & B < C\n\n毒药正文。\n"
    ),
    "study/t/n.md": "---\ntitle: 12345\ndate: 2026-01-04\n---\n\n数字标题正文。\n",
    "study/t/a#b.md": "---\ntitle: 井号文件\n---\n\n井号专用词甲乙。\n",
    "study/t/what?.md": "---\ntitle: 问号文件\n---\n\n问号专用词丙丁。\n",
    "study/t/百分%E4.md": "---\ntitle: 百分号文件\n---\n\n百分号专用词戊己。\n",
    "notices/2026/n.md": (
        f"---\ntitle: {P}\ndate: 2026-01-05\ncategory: {P}\naudience: {P}\n"
        f"attachments:\n  - file: plan.txt\n    title: {P}\n---\n\n正文。\n"
    ),
    "notices/2026/plan.txt": "计划\n",
    "quizzes/bank.yml": BANK.replace("title: 题库", f"title: {P}\ndescription: {P}").replace(
        "stem: 一加一等于几？", f"stem: {P}"
    ),
}
# Material prints the copyright as HTML: sanitised, links stay, nothing active does
COPYRIGHT = (
    '版权 <a href="javascript:window.__pwned=1" onclick="window.__pwned=1">支部</a>'
    "<script>window.__pwned=1</script>"
).replace("'", "''")
PAGES = (
    "index.html",
    "study/index.html",
    "study/t/index.html",
    "study/t/x.html",
    "study/t/n.html",
    "tags.html",
    "notices/index.html",
    "notices/2026/n.html",
    "quizzes/bank.html",
)


@pytest.fixture(scope="module")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "site"
    config = CONFIG.replace(
        "  - dangjian-content\n", f"  - dangjian-content:\n      categories: [通知, {P}]\n"
    ).replace("site_name: 测试站\n", f"site_name: 测试站\ncopyright: '{COPYRIGHT}'\n")
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, body in FILES.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    build_site(root / "mkdocs.yml", root / "build" / "site")
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def hostile_http(hostile_built: Path):
    """This module's site on 127.0.0.1 (main's tests/browser/launcher.serve does the same)."""
    handler = functools.partial(_Quiet, directory=str(hostile_built / "build" / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["file", "http"])
def site(request: pytest.FixtureRequest, hostile_built: Path) -> Site:
    """This module's hostile site instead of the sample: file:// opens its unzipped pack."""
    if request.param == "http":
        return Site("http", request.getfixturevalue("hostile_http"))
    from dangjian.offline.package import pack_built_site

    unzipped = hostile_built / "unzipped"
    if not unzipped.exists():
        result = pack_built_site(
            load(hostile_built / "mkdocs.yml"),
            hostile_built / "build" / "site",
            hostile_built / "dist",
        )
        with zipfile.ZipFile(result.zip_path) as archive:
            archive.extractall(unzipped)
    top = next(unzipped.iterdir())
    return Site("file", top.as_uri() + "/")


def assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__pwned") is None, "a payload ran"
    assert page.locator("img[onerror], [onload], [onmouseover]").count() == 0
    text = page.inner_text("body")
    for bad in ("[object", "undefined", "NaN"):
        assert bad not in text, bad


def test_markup_from_content_and_config_runs_nowhere(page, site) -> None:
    for path in PAGES:
        page.goto(site.url(path))
        page.wait_for_load_state("load")
        assert_nothing_ran(page)
        if path in ("study/t/x.html", "notices/2026/n.html", "quizzes/bank.html"):
            # the payload is shown as the text it is
            assert "毒<img src=x onerror" in page.inner_text("body"), path


def test_numeric_title_and_escaped_heading_show_as_text(page, site) -> None:
    page.goto(site.url("study/t/n.html"))
    assert page.title().startswith("12345")
    page.goto(site.url("study/t/x.html"))
    assert page.locator("h2", has_text="A & B < C").count() == 1


def test_quiz_with_hostile_stem_runs_nothing(page, site) -> None:
    page.goto(site.url("quizzes/bank.html"))
    page.locator('[data-action="practice"]').click()
    page.locator("fieldset.dj-quiz__question").wait_for()
    assert_nothing_ran(page)


def test_search_results_show_markup_as_text(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "毒药正文")
    first = page.locator(".dj-search__result").first
    assert "毒<img src=x onerror=window.__pwned=1>" in first.inner_text()
    assert "&amp;" not in first.inner_text() and "&lt;" not in first.inner_text()
    assert_nothing_ran(page)


@pytest.mark.parametrize(
    ("query", "title"),
    [("井号专用词", "井号文件"), ("问号专用词", "问号文件"), ("百分号专用词", "百分号文件")],
)
def test_search_result_opens_pages_with_odd_file_names(page, site, query, title) -> None:
    page.goto(site.url("study/t/x.html"))
    type_query(page, query)
    first = page.locator(".dj-search__result").first
    assert title in first.inner_text()
    follow(page, first)
    assert page.title().startswith(title), page.url
    assert page.locator("h1", has_text=title).count() == 1
