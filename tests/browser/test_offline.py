"""The offline pack as a member uses it: unzipped, opened by double-click (file://),
with no network. Each test records every request and checks it stayed inside the folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .members import guess_current_question, type_query

pytestmark = pytest.mark.browser

# Only the file:// variant: `site` opens the unzipped `dangjian pack` output in this mode
FILE_ONLY = pytest.mark.parametrize("site", ["file"], indirect=True)


@pytest.fixture
def requests_made(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def assert_all_inside(urls: list[str], site) -> None:
    assert urls, "no request was recorded"
    outside = [url for url in urls if not url.startswith(site.root) and url != "about:blank"]
    assert outside == []
    assert all(url.startswith("file://") for url in urls)


@FILE_ONLY
def test_landing_page_home_and_three_levels(page, site, requests_made, packed_site: Path) -> None:
    assert (packed_site / "打开我.html").is_file() and (packed_site / "SHA256SUMS").is_file()
    page.goto(site.url("打开我.html"))
    page.wait_for_url("**/index.html")
    assert "示例党支部学习站" in page.title()
    # 1: the 学习资料 tab, 2: a topic, 3: a material
    page.locator("a.md-tabs__link", has_text="学习资料").click()
    page.wait_for_url("**/study/index.html")
    page.locator("article a[href='dangshi/index.html']").first.click()
    page.wait_for_url("**/study/dangshi/index.html")
    page.locator("article a[href='zunyi.html']").first.click()
    page.wait_for_url("**/study/dangshi/zunyi.html")
    assert "遵义会议" in page.locator("article h1").inner_text()
    # Links back up are relative .html links that work from file://
    page.locator("a.md-tabs__link", has_text="通知公告").click()
    page.wait_for_url("**/notices/index.html")
    assert_all_inside(requests_made, site)


@FILE_ONLY
def test_search_works_from_the_pack(page, site, requests_made) -> None:
    page.goto(site.url("study/dangshi/zunyi.html"))
    type_query(page, "三会一课")
    assert "三会一课" in page.locator(".dj-search__result").first.inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/study/zuzhi/sanhui-yike.html*")
    assert_all_inside(requests_made, site)


@FILE_ONLY
def test_quiz_works_from_the_pack(page, site, requests_made) -> None:
    page.goto(site.url("quizzes/index.html"))
    page.locator("article a[href='dangzhang-jichu.html']").first.click()
    page.wait_for_url("**/quizzes/dangzhang-jichu.html")
    page.locator('[data-action="practice"]').click()
    guess_current_question(page)
    verdict = page.locator(".dj-quiz__verdict").inner_text()
    assert verdict.startswith(("✓ 回答正确", "✗ 回答错误"))
    assert_all_inside(requests_made, site)


@FILE_ONLY
def test_notice_attachment_opens(page, site, requests_made, packed_site: Path) -> None:
    page.goto(site.url("notices/index.html"))
    page.locator("a[href='2026/xuexi-anpai-q4.html']").first.click()
    page.wait_for_url("**/notices/2026/xuexi-anpai-q4.html")
    link = page.locator("article a[href$='2026-q4-xuexi-anpai.txt']").first
    assert "第四季度集中学习安排表" in link.inner_text()
    # From file:// Chromium ignores `download` (no same origin) and shows the file itself
    link.click()
    page.wait_for_url("**/notices/attachments/2026-q4-xuexi-anpai.txt")
    expected = packed_site / "notices" / "attachments" / "2026-q4-xuexi-anpai.txt"
    shown = page.locator("body").inner_text().strip()
    assert shown == expected.read_text(encoding="utf-8").strip()
    assert_all_inside(requests_made, site)


@FILE_ONLY
def test_old_browser_gets_the_polyfill_from_the_pack(page, site, requests_made) -> None:
    # A browser without ResizeObserver: Material loads the polyfill, here from the site itself
    page.add_init_script("delete window.ResizeObserver")
    page.goto(site.url("study/dangshi/zunyi.html"))
    page.wait_for_function("typeof window.ResizeObserver === 'function'")
    assert any(url.endswith("vendor/resize-observer-polyfill.js") for url in requests_made)
    assert_all_inside(requests_made, site)


@FILE_ONLY
def test_outside_links_are_marked(page, site) -> None:
    # 关于本站 links to the Party's news site (the footer no longer links outside)
    page.goto(site.url("about.html"))
    link = page.locator("a.dj-external").first
    assert (link.get_attribute("href") or "").startswith(("https://", "http://"))
    marker = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "外部链接" in marker
