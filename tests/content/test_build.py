"""Building the fixture site: generated listings, material facts, nav, feeds, escaping."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from dangjian.core.messages import msg
from dangjian.core.text import CHARS_PER_MINUTE
from dangjian.site import build_site

Build = Callable[[], Path]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def material_links(html: str) -> list[str]:
    return re.findall(r'class="dj-material-title" href="([^"]+)"', html)


def notice_titles(html: str) -> list[str]:
    block = html.split('<ol class="dj-notices">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<a href="[^"]+\.html">([^<]+)</a>', block)


def test_generated_pages_and_feeds_exist(build: Build) -> None:
    site = build()
    for path in (
        "study/index.html",
        "study/alpha/index.html",
        "study/beta/index.html",
        "notices/index.html",
        "notices/category/tongzhi.html",
        "notices/category/gonggao.html",
        "notices/category/jianbao.html",
        "notices/archive/index.html",
        "notices/archive/2025.html",
        "notices/archive/2026.html",
        "tags.html",
        "notices.xml",
        "study.xml",
    ):
        assert (site / path).is_file(), path


def test_topic_page_lists_materials_in_order(build: Build) -> None:
    html = read(build(), "study/alpha/index.html")
    assert material_links(html) == ["a2.html", "a1.html", "a3.html"]
    assert "本专题共 3 篇，合计 3 学时" in html
    assert html.count('class="dj-badge dj-badge--required"') == 1


def test_study_overview_topics_in_order_with_totals(build: Build) -> None:
    html = read(build(), "study/index.html")
    titles = re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)
    assert titles == ["第二专题", "第一专题"]
    assert "共 2 个专题、4 篇学习资料，合计 5 学时" in html


def test_notice_list_pinned_first_newest_first_without_expired(build: Build) -> None:
    site = build()
    assert notice_titles(read(site, "notices/index.html")) == [
        "置顶的组织生活会通知",
        "最新的公告",
        "中间的简报",
    ]
    archive = read(site, "notices/archive/2025.html")
    assert notice_titles(archive) == ["已经过期的旧通知"]
    assert "dj-badge--expired" in archive
    assert notice_titles(read(site, "notices/category/gonggao.html")) == ["最新的公告"]


def test_notice_shows_category_date_audience_and_attachment(build: Build) -> None:
    html = read(build(), "notices/2026/pinned.html")
    assert "发布日期" in html and "2026-01-05" in html
    assert "对象：全体党员" in html
    assert '<a href="../category/tongzhi.html">通知</a>' in html
    assert '<a href="../files/plan.txt" download>实施方案</a>' in html
    size = len("实施方案全文\n".encode())
    assert f"TXT · {size} B" in html


def test_pagination_twenty_per_page(small_site: Path, build: Build) -> None:
    folder = small_site / "content" / "notices" / "2026"
    for index in range(1, 26):
        (folder / f"bulk-{index:02d}.md").write_text(
            f"---\ntitle: 批量通知{index:02d}\ndate: 2026-02-{index:02d}\n---\n\n正文。\n",
            encoding="utf-8",
        )
    site = build()
    first = notice_titles(read(site, "notices/index.html"))
    second = notice_titles(read(site, "notices/page-2.html"))
    assert len(first) == 20 and len(second) == 8
    assert first[0] == "置顶的组织生活会通知"
    assert second[-1] == "批量通知01"
    assert 'href="page-2.html" rel="next"' in read(site, "notices/index.html")
    assert not (site / "notices/page-3.html").exists()


def test_material_facts_reading_time_and_fallback_date(small_site: Path, build: Build) -> None:
    body = "学" * (CHARS_PER_MINUTE * 2 + 1)
    (small_site / "content/study/beta/long.md").write_text(
        f"---\ntitle: 长文\ndate: 2026-05-20\nhours: 1\n---\n\n{body}\n", encoding="utf-8"
    )
    site = build()
    html = read(site, "study/beta/long.html")
    assert f"阅读约 {math.ceil(len(body) / CHARS_PER_MINUTE)} 分钟" in html
    assert f"每分钟 {CHARS_PER_MINUTE} 字" in html
    # Outside a git checkout 最后更新 falls back to the front matter date
    assert '最后更新 <time datetime="2026-05-20">' in html
    assert "阅读约 1 分钟" in read(site, "study/alpha/a1.html")


def test_prev_next_stay_within_topic_and_breadcrumbs(build: Build) -> None:
    site = build()
    middle = read(site, "study/alpha/a1.html")
    assert re.search(r'href="a2.html" class="md-footer__link md-footer__link--prev"', middle)
    assert re.search(r'href="a3.html" class="md-footer__link md-footer__link--next"', middle)
    first = read(site, "study/alpha/a2.html")
    assert "md-footer__link--prev" not in first
    last = read(site, "study/alpha/a3.html")
    assert "md-footer__link--next" not in last
    assert 'aria-label="当前位置"' in middle
    assert '<a href="index.html">第一专题</a>' in middle


def test_related_materials_share_tags(build: Build) -> None:
    html = read(build(), "study/alpha/a1.html")
    related = html.split("相关学习资料", 1)[1].split("</ul>", 1)[0]
    assert "a2.html" in related


def test_nav_has_chinese_sections_and_topic_order(build: Build) -> None:
    html = read(build(), "study/index.html")
    tabs = re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*</a>', html)
    assert tabs == ["首页", "学习资料", "通知公告", "编辑指南", "关于"]
    nav = html.split("md-nav--primary", 1)[1]
    assert nav.index("第二专题") < nav.index("第一专题")


@pytest.mark.parametrize("path", ["study/alpha/index.html", "study/alpha/a3.html"])
def test_titles_are_escaped(build: Build, path: str) -> None:
    html = read(build(), path)
    body = html.split("<body", 1)[1]
    assert "甲三：&lt;b&gt;党员&lt;/b&gt;的权利" in body
    assert "<b>党员</b>" not in body


def test_listings_are_in_the_html_without_javascript(build: Build) -> None:
    site = build()
    home = read(site, "index.html")
    assert "最新通知" in home and "置顶的组织生活会通知" in home
    assert "乙一：遵义会议" in home


def test_same_input_same_bytes(build: Build) -> None:
    site = build()
    first = {p: read(site, p) for p in ("study/index.html", "notices/index.html", "notices.xml")}
    site = build()
    assert first == {p: read(site, p) for p in first}


def test_feeds_disabled_with_message_without_site_url(small_site: Path) -> None:
    config = small_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_url: https://example.org/dj/\n", ""),
        encoding="utf-8",
    )
    result = build_site(config, small_site / "out")
    site = result.site_dir
    assert not (site / "notices.xml").exists()
    assert [str(w) for w in result.warnings if w.key == "site_url"] == [
        "mkdocs.yml: 警告：" + msg("feeds_no_site_url") + " [DJ900]"
    ]
    assert "订阅（Atom）" not in read(site, "notices/index.html")
    assert "application/atom+xml" not in read(site, "study/alpha/a1.html")


@pytest.mark.parametrize("path", ["notices.xml", "study.xml"])
def test_built_feeds_link_to_existing_pages(build: Build, path: str) -> None:
    site = build()
    xml = read(site, path)
    links = re.findall(r'<link href="https://example.org/dj/([^"]*)"', xml)
    pages = [link for link in links if link.endswith(".html")]
    assert pages
    assert all((site / link).is_file() for link in pages)


def test_pages_announce_the_feeds(build: Build) -> None:
    html = read(build(), "study/alpha/a1.html")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="通知公告" href="../../notices.xml">'
        in html
    )


def test_large_sites_list_topics_not_materials_in_the_nav(small_site: Path, build: Build) -> None:
    config = small_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - dangjian-content\n", "  - dangjian-content:\n      nav_materials_limit: 2\n"
        ),
        encoding="utf-8",
    )
    html = read(build(), "study/index.html")
    nav = html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert 'href="alpha/index.html"' in nav and "第一专题" in nav
    assert "a1.html" not in nav, "materials are reached from their topic page"
    material = read(small_site / "build" / "site", "study/alpha/a1.html")
    assert "md-footer__link" in material, "prev/next within the topic stays"


def test_a_build_pins_its_dates_only_while_it_runs(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A process that builds several sites (serve, the test suite) must not keep the first
    # site's commit date as every later site's "today"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build()
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build()
    assert os.environ["SOURCE_DATE_EPOCH"] == "1767225600"
