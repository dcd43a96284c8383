"""Imported pages as a member sees them, from file:// (the unzipped pack) and http://:
a Word document and a saved web article, with their pictures, and a page titled by its heading.

This module builds its own small site: `built_site`, `packed_site` and `http_root` below
replace the sample site's fixtures of the same names for these tests only.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from dangjian.importer.pages import import_page
from dangjian.offline.package import pack_built_site
from dangjian.site import build_site, check_site, load

from tests.importer.article import article_page
from tests.importer.conftest import MKDOCS_YML
from tests.importer.documents import study_document

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 3)


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """mkdocs.yml of a site with an imported Word material, web notice and heading-titled page."""
    site = tmp_path_factory.mktemp("imported") / "site"
    content = site / "content"
    (content / "study" / "weekly").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=ROOT / "theme"), encoding="utf-8")
    (content / "index.md").write_text("# 首页\n", encoding="utf-8")
    (content / "study" / "weekly" / "issue-1.md").write_text(
        "# 第 1 期 学习周刊\n\n本期导读：学习党章。\n", encoding="utf-8"
    )
    sources = site.parent / "sources"
    sources.mkdir()
    word = study_document(sources / "word.docx")
    web = article_page(sources / "saved", remote_image=None)
    import_page(word, content / "study" / "ershida" / "word.md", notice=False, today=TODAY)
    import_page(web, content / "notices" / "2026" / "news.md", notice=True, today=TODAY)
    assert check_site(site / "mkdocs.yml").warnings == []
    return site / "mkdocs.yml"


@pytest.fixture(scope="module")
def built_site(imported_site: Path) -> Path:
    out = imported_site.parent / "build" / "site"
    build_site(imported_site, out)
    return out


@pytest.fixture(scope="module")
def packed_site(imported_site: Path, built_site: Path) -> Path:
    dist = imported_site.parent / "build" / "dist"
    result = pack_built_site(load(imported_site), built_site, dist)
    with zipfile.ZipFile(result.zip_path) as archive:
        archive.extractall(dist / "unzipped")
        top = archive.namelist()[0].split("/")[0]
    return dist / "unzipped" / top


@pytest.fixture(scope="module")
def http_root(built_site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def loaded_images(page) -> list[int]:
    """naturalWidth of every picture in the article (0 = not shown)."""
    page.wait_for_load_state("load")
    return page.eval_on_selector_all(".md-content img", "els => els.map(e => e.naturalWidth)")


def assert_clean_text(page) -> None:
    text = page.inner_text("body")
    for bad in ("[object", "undefined", "NaN"):
        assert bad not in text


def test_word_material_shows_structure_footnotes_and_both_pictures(page, site) -> None:
    page.goto(site.url("study/ershida/word.html"))
    assert page.inner_text(".md-content h1") == "学习贯彻党的二十大精神"
    assert page.locator(".md-content h2", has_text="一、总体要求").count() == 1
    assert page.locator(".md-content table th").all_inner_texts() == ["时间", "内容", "形式"]
    assert page.locator(".md-content ol li", has_text="集中研讨").count() == 1
    assert page.locator(".md-content .footnote li").count() == 2
    assert loaded_images(page) == [40, 30]
    assert_clean_text(page)


def test_web_notice_shows_article_and_its_saved_picture(page, site) -> None:
    page.goto(site.url("notices/2026/news.html"))
    assert page.inner_text(".md-content h1") == "市委理论学习中心组召开专题学习会"
    body = page.inner_text(".md-content")
    assert "理论学习中心组" in body and "网友评论" not in body
    assert loaded_images(page) == [60]
    assert_clean_text(page)


def test_page_without_front_matter_is_titled_by_its_heading(page, site) -> None:
    page.goto(site.url("study/weekly/issue-1.html"))
    assert page.title().startswith("第 1 期 学习周刊")
    # The heading keeps its permalink (¶, shown on hover) like every other heading
    assert page.inner_text(".md-content h1").removesuffix("¶") == "第 1 期 学习周刊"
    assert_clean_text(page)
