"""Search as a member uses it, from file:// and http://: keyboard only, highlighted results,
section anchors, 「没有找到」 for nonsense, and the phone layout."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from .members import type_query

pytestmark = pytest.mark.browser


def test_keyboard_search_highlights_and_opens_the_page(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "三会一课")
    first = page.locator(".dj-search__result").first
    assert "“三会一课”制度的基本要求" in first.inner_text()
    assert "学习资料" in first.locator(".dj-search__label").inner_text()
    # Pages holding the whole phrase mark it whole (pages with part of it follow, marked by word)
    marks = page.locator(
        ".dj-search__result:not(.dj-search__result--partly) .dj-search__snippet mark"
    ).all_inner_texts()
    assert marks and all(m == "三会一课" for m in marks)
    page.keyboard.press("ArrowDown")
    assert "dj-search__result--active" in (first.get_attribute("class") or "")
    page.keyboard.press("Enter")
    page.wait_for_url("**/study/zuzhi/sanhui-yike.html*")
    assert "三会一课" in page.title()


def test_enter_right_after_fast_typing_opens_the_typed_query(page, site) -> None:
    page.goto(site.url("index.html"))
    page.keyboard.press("/")
    # 三 is searched at once, 湾改编 within the typing-burst pause: Enter must wait for
    # 三湾改编, not open the first result for 三
    page.keyboard.type("三湾改编")
    page.keyboard.press("Enter")
    page.wait_for_url("**/study/dangshi/jinggangshan.html#*")


def test_result_links_to_the_section_anchor(page, site) -> None:
    page.goto(site.url("study/zuzhi/sanhui-yike.html"))
    type_query(page, "三湾改编")
    first = page.locator(".dj-search__result").first
    href = first.get_attribute("href") or ""
    assert href.startswith("../../study/dangshi/jinggangshan.html#"), (
        href
    )  # relative: works from file://
    page.keyboard.press("Enter")
    page.wait_for_url("**/jinggangshan.html#*")
    anchor = unquote(page.url.split("#", 1)[1])
    heading = page.locator(f"[id='{anchor}']")
    assert "三湾改编" in heading.inner_text()


def test_traditional_query_and_notice_label(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "黨建平台")
    texts = page.locator(".dj-search__result").all_inner_texts()
    assert any("通知公告" in t for t in texts)
    assert any("学习资料" in t for t in texts)
    assert "党建平台" in page.locator(".dj-search__result mark").all_inner_texts()


def test_nonsense_finds_nothing_and_esc_closes(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "红烧肉菜谱")
    assert "没有找到" in page.locator(".dj-search__meta").inner_text()
    assert page.locator(".dj-search__result").count() == 0
    page.keyboard.press("Escape")
    assert page.locator(".dj-search__output").is_hidden()


def test_exclusion_and_and(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "921工程 -航天科普")
    texts = page.locator(".dj-search__result").all_inner_texts()
    assert texts and not any("航天科普教育基地" in t for t in texts)


def test_phone_button_opens_full_screen_search(page, site) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site.url("index.html"))
    assert page.locator(".dj-search__input").is_hidden()
    page.locator(".dj-search__open").click()
    page.keyboard.type("党费")
    page.wait_for_selector(".dj-search__result")
    box = page.locator(".dj-search__box").bounding_box()
    assert box and box["width"] >= 380
    page.locator(".dj-search__back").click()
    assert page.locator(".dj-search__input").is_hidden()


COMPOSE = """([value, done]) => {
  const input = document.querySelector('.dj-search__input');
  if (!done) input.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
  input.value = value;
  input.dispatchEvent(new InputEvent('input', {data: value, isComposing: true,
    inputType: 'insertCompositionText'}));
  if (done) input.dispatchEvent(new CompositionEvent('compositionend', {data: value}));
}"""


def test_input_method_pinyin_is_not_searched_until_committed(page, site) -> None:
    page.goto(site.url("index.html"))
    page.keyboard.press("/")
    page.evaluate(COMPOSE, ["sanhui", False])
    page.wait_for_timeout(300)
    assert page.locator(".dj-search__output").is_hidden()
    assert page.locator(".dj-search__result").count() == 0
    page.evaluate(COMPOSE, ["三会一课", True])
    page.wait_for_selector(".dj-search__result")
    assert "三会一课" in page.locator(".dj-search__result").first.inner_text()


def test_first_results_show_before_the_rest_has_loaded(page, site) -> None:
    page.goto(site.url("index.html"))
    page.evaluate(
        """() => { window.metaSeen = [];
        const list = document.querySelector('.dj-search__list');
        new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n =>
          window.metaSeen.push([n.textContent, list.getAttribute('aria-busy')])))).observe(
          document.querySelector('.dj-search__meta'), {childList: true}); }"""
    )
    type_query(page, "党员")
    page.wait_for_function("document.querySelectorAll('.dj-search__result').length > 5")
    seen = page.evaluate("window.metaSeen")
    loading = [i for i, (text, _) in enumerate(seen) if "正在加载更多结果" in text]
    final = [i for i, (text, _) in enumerate(seen) if text.startswith("找到")]
    assert loading and final and loading[0] < final[-1], seen
    # Screen readers are told the list is still changing, and then that it is done
    assert seen[loading[0]][1] == "true" and seen[final[-1]][1] == "false", seen
    assert "正在加载" not in page.locator(".dj-search__meta").inner_text()


def test_more_results_on_request(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "党员")
    page.wait_for_function("document.querySelectorAll('.dj-search__result').length === 10")
    meta = page.locator(".dj-search__meta").inner_text()
    assert meta.startswith("找到 ") and meta.endswith("显示前 10 个"), meta
    total = int(meta.split()[1])
    assert total > 10
    first_ten = page.locator(".dj-search__result").evaluate_all("els => els.map(e => e.href)")
    more = page.locator(".dj-search__more")
    assert more.is_visible()
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.dj-search__result').length > 10")
    results = page.locator(".dj-search__result")
    assert results.count() == min(20, total)
    # The first ten stay where they were; focus is on the first new one
    assert results.evaluate_all("els => els.slice(0, 10).map(e => e.href)") == first_ten
    assert page.evaluate("document.activeElement.id") == "dj-search-result-10"
    assert more.is_visible() == (total > 20)
