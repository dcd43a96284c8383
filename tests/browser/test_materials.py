"""Study materials as a member sees them, from file:// and http://: topic order, 标记为已学
with progress that survives a reload, export/import, phone width, and pages without our JS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dangjian.content.model import parse_material, parse_topic, sort_materials

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
STUDY = ROOT / "content" / "study"


def topics() -> dict[str, list[str]]:
    """Topic folder → material titles in the order the topic page must list them."""
    result = {}
    for folder in sorted(p for p in STUDY.iterdir() if p.is_dir()):
        topic, _ = parse_topic("t", folder.name, (folder / "_topic.yml").read_text("utf-8"))
        materials = []
        for path in sorted(folder.glob("*.md")):
            if path.name == "index.md":
                continue
            src = path.relative_to(ROOT / "content").as_posix()
            material, errors = parse_material(str(path), src, path.read_text("utf-8"), "t")
            assert material, errors
            materials.append(material)
        result[folder.name] = [m.title for m in sort_materials(materials)]
    return result


def first_material() -> tuple[str, str, list[str]]:
    """(topic folder, material page URL, all material titles of that topic)."""
    for folder, titles in topics().items():
        if len(titles) >= 2:
            for path in sorted((STUDY / folder).glob("*.md")):
                text = path.read_text("utf-8")
                if f"title: {titles[0]}" in text:
                    return folder, f"study/{folder}/{path.stem}.html", titles
    raise AssertionError("sample content needs a topic with two materials")


def test_topic_pages_list_materials_in_order(page, site) -> None:
    expected = topics()
    assert expected
    for folder, titles in expected.items():
        page.goto(site.url(f"study/{folder}/index.html"))
        shown = page.locator(".dj-material-item .dj-material-title").all_inner_texts()
        assert shown == titles, folder
        facts = page.locator(".dj-material-item .dj-facts").all_inner_texts()
        assert all("阅读约" in f for f in facts)


def test_material_shows_reading_time_hours_and_last_updated(page, site) -> None:
    _, url, _ = first_material()
    page.goto(site.url(url))
    facts = page.locator(".dj-facts").first.inner_text()
    assert "阅读约" in facts and "分钟" in facts
    assert "最后更新" in facts
    # How reading time is estimated: a tooltip on the fact, not a sentence on every material
    reading = page.locator(".dj-facts .dj-fact", has_text="阅读约").first
    assert reading.get_attribute("title") == "阅读时间按每分钟 300 字估算"
    assert "每分钟" not in page.locator("article").inner_text()
    crumbs = page.locator(".dj-breadcrumbs li").all_inner_texts()
    assert crumbs[:2] == ["首页", "学习资料"]


def test_mark_as_studied_survives_reload_and_counts_in_progress(page, site) -> None:
    folder, url, titles = first_material()
    page.goto(site.url(url))
    button = page.get_by_role("button", name="标记为已学")
    button.click()
    done = page.locator(".dj-mark-button[aria-pressed='true']")
    assert done.count() == 1
    page.reload()
    assert page.locator(".dj-mark-button[aria-pressed='true']").count() == 1

    page.goto(site.url(f"study/{folder}/index.html"))
    assert page.locator(".dj-material-item.dj-done").count() == 1
    assert page.locator(".dj-material-item.dj-done .dj-material-title").inner_text() == titles[0]
    progress = page.locator(".dj-progress .dj-progress-text").first.inner_text()
    assert f"已学 1/{len(titles)} 篇" in progress

    page.goto(site.url("study/index.html"))
    total = sum(len(t) for t in topics().values())
    overall = page.locator(".dj-progress .dj-progress-text").first.inner_text()
    assert f"已学 1/{total} 篇" in overall
    assert page.locator(".dj-progress[data-dj-done='1']").count() == 2  # overall + the topic

    # Unmark again: back to zero after reload
    page.goto(site.url(url))
    page.locator(".dj-mark-button").click()
    page.reload()
    assert page.locator(".dj-mark-button[aria-pressed='false']").count() == 1


def test_progress_export_and_import(page, site, tmp_path: Path) -> None:
    _, url, _ = first_material()
    page.goto(site.url(url))
    page.get_by_role("button", name="标记为已学").click()
    page.goto(site.url("study/index.html"))
    with page.expect_download() as download:
        page.get_by_role("button", name="导出学习进度").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["format"] == "dangjian-progress"
    assert list(data["done"]) == [url.removesuffix(".html")]

    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.locator(".dj-progress[data-dj-done='1']").count() == 0
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="导入学习进度").click()
    chooser.value.set_files(str(saved))
    page.wait_for_function("document.querySelectorAll('.dj-progress[data-dj-done=\"1\"]').length")
    assert "新增 1 篇" in page.locator("[data-dj-progress-tools] [role=status]").inner_text()
    page.reload()
    assert page.locator(".dj-progress[data-dj-done='1']").count() == 2


@pytest.mark.parametrize("which", ["home", "material"])
def test_phone_width_has_no_horizontal_overflow(page, site, which: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    url = "index.html" if which == "home" else first_material()[1]
    page.goto(site.url(url))
    page.screenshot(path=str(tmp_path / f"{which}-375.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_listings_and_materials_work_without_javascript(browser, site) -> None:
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not site.is_inside(r.url) else None)
    try:
        tab = context.new_page()
        folder, url, titles = first_material()
        tab.goto(site.url(f"study/{folder}/index.html"))
        assert tab.locator(".dj-material-title").all_inner_texts() == titles
        tab.goto(site.url(url))
        assert "阅读约" in tab.locator(".dj-facts").first.inner_text()
        tab.goto(site.url("index.html"))
        assert tab.locator(".dj-home .dj-notice-item").count() > 0
        assert tab.locator(".dj-home .dj-material-item").count() > 0
    finally:
        context.close()
    assert outside == []


def test_print_hides_navigation_and_shows_link_addresses(page, site) -> None:
    _, url, _ = first_material()
    page.goto(site.url(url))
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.dj-mark', '.dj-breadcrumbs']
             .map(s => document.querySelector(s))
             .filter(Boolean)
             .map(e => getComputedStyle(e).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    after = page.evaluate(
        """() => {
             const a = document.querySelector('.md-content .md-typeset p a[href$=".html"]');
             return a ? [a.getAttribute('href'), getComputedStyle(a, '::after').content] : null;
           }"""
    )
    assert after, "the material links to another page"
    assert after[0] in after[1]
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset > p:not([class])')).fontSize)"
    )
    assert size >= 15  # 12pt
