"""Comfort for older members, from file:// and http://: 大字模式 (text at 100/125/150%,
remembered, set before the first paint, layout intact on a phone and in print) and 朗读
(speechSynthesis with a Chinese voice; a stub records what it is asked to read)."""

from __future__ import annotations

import pytest

from .test_a11y import axe_violations

pytestmark = pytest.mark.browser

MATERIAL = "study/dangshi/zunyi.html"
NOTICE = "notices/2026/dangfei-shoujiao.html"

# What the page reads through: a stand-in for speechSynthesis with one Chinese voice. It records
# every utterance in order; window.__speech.finish() ends the current one (fires onend).
SPEECH_STUB = """
(() => {
  const log = { spoken: [], calls: [], current: null };
  log.finish = () => { const u = log.current; log.current = null; if (u && u.onend) u.onend({}); };
  window.__speech = log;
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [{ name: '测试中文', lang: 'zh-CN', default: true }],
    speak: (u) => { log.spoken.push(u.text); log.calls.push('speak'); log.current = u; },
    pause: () => log.calls.push('pause'),
    resume: () => log.calls.push('resume'),
    cancel: () => { log.calls.push('cancel'); log.current = null; },
    addEventListener: () => {}
  }});
})();
"""

NO_CHINESE_VOICE = """
Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
  getVoices: () => [{ name: 'English', lang: 'en-US' }], speak() {}, pause() {}, resume() {},
  cancel() {}, addEventListener() {} }});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def text_size(page) -> float:
    return page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    )


def test_text_size_steps_through_three_sizes_and_is_remembered(page, site) -> None:
    page.goto(site.url(MATERIAL))
    button = page.locator("button.dj-textsize")
    assert button.get_attribute("aria-label").startswith("大字100%")
    normal = text_size(page)
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("data-dj-textsize") == "125"
    assert text_size(page) == pytest.approx(normal * 1.25, rel=0.02)
    assert button.get_attribute("aria-label").startswith("大字125%")
    page.keyboard.press("Enter")
    assert text_size(page) == pytest.approx(normal * 1.5, rel=0.02)
    # Another page of the site opens at the same size
    page.goto(site.url(NOTICE))
    assert page.locator("html").get_attribute("data-dj-textsize") == "150"
    assert page.locator("button.dj-textsize").inner_text().replace("\n", "") == "大字150%"
    page.locator("button.dj-textsize").click()
    assert text_size(page) == pytest.approx(normal, rel=0.02)


def test_saved_text_size_is_set_before_the_first_paint(page, site) -> None:
    page.goto(site.url(MATERIAL))
    page.locator("button.dj-textsize").click()
    # Record the <html> attribute at the moment <body> is created, before anything is painted
    page.add_init_script(
        """new MutationObserver((records, observer) => {
             if (document.body) {
               window.__atBody = document.documentElement.getAttribute('data-dj-textsize');
               observer.disconnect();
             }
           }).observe(document, { childList: true, subtree: true });"""
    )
    page.reload()
    assert page.evaluate("window.__atBody") == "125"


@pytest.mark.parametrize("path", [MATERIAL, "study/zuzhi/sanhui-yike.html", "index.html"])
def test_largest_text_keeps_the_phone_layout(page, site, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.url(path))
    for _ in range(2):
        page.locator("button.dj-textsize").click()
    assert page.locator("html").get_attribute("data-dj-textsize") == "150"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The header still shows its buttons side by side, search included
    assert page.locator("button.dj-textsize").is_visible()
    assert page.locator(".dj-search__open").is_visible()


def test_print_uses_the_normal_text_size(page, site) -> None:
    page.goto(site.url(MATERIAL))
    page.emulate_media(media="print")
    normal = text_size(page)
    page.emulate_media(media="screen")
    page.locator("button.dj-textsize").click()
    page.locator("button.dj-textsize").click()
    page.emulate_media(media="print")
    assert text_size(page) == pytest.approx(normal)
    assert not page.locator("button.dj-textsize").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_text_size_control_is_accessible_in_both_schemes(page, site) -> None:
    page.goto(site.url(MATERIAL))
    page.locator("button.dj-textsize").click()
    assert axe_violations(page) == []
    page.get_by_title("切换到深色模式").click()
    assert axe_violations(page) == []


def spoken(page) -> list[str]:
    return page.evaluate("window.__speech.spoken")


@pytest.mark.parametrize("path", [MATERIAL, NOTICE])
def test_read_aloud_reads_paragraphs_in_order_with_a_highlight(page, site, path: str) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(site.url(path))
    read = page.get_by_role("button", name="朗读本页正文")
    read.focus()
    page.keyboard.press("Enter")
    title = page.locator("h1").inner_text()
    first = page.locator(".md-content__inner .dj-reading")
    assert spoken(page) == [title]
    assert first.inner_text() == title
    # Each paragraph follows when the one before ends, highlighted and in view
    paragraphs = page.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner > p')]
             .filter(p => !p.closest('.dj-readaloud')).map(p => p.textContent.trim())"""
    )
    for _ in range(4):
        page.evaluate("window.__speech.finish()")
    said = spoken(page)
    assert len(said) == 5 and said[1] in paragraphs
    assert said == list(dict.fromkeys(said))  # nothing read twice
    highlighted = page.locator(".dj-reading")
    assert highlighted.count() == 1
    assert highlighted.inner_text().replace("¶", "").strip() == said[-1]
    box = highlighted.bounding_box()
    assert box["y"] >= 0 and box["y"] + min(box["height"], 100) <= page.viewport_size["height"]
    # Facts, breadcrumbs and buttons are not read
    assert not any(s.startswith(("首页", "日期", "类别", "标记为已学", "朗读")) for s in said)


def test_read_aloud_pauses_resumes_and_stops(page, site) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(site.url(MATERIAL))
    page.get_by_role("button", name="朗读本页正文").click()
    page.get_by_role("button", name="暂停朗读").click()
    assert page.locator(".dj-readaloud__status").inner_text() == "已暂停"
    page.get_by_role("button", name="继续朗读").click()
    assert page.evaluate("window.__speech.calls").count("resume") == 1
    # The member keeps reading and scrolling while it speaks
    page.mouse.wheel(0, 600)
    page.get_by_role("button", name="停止朗读").click()
    assert page.locator(".dj-reading").count() == 0
    assert page.evaluate("window.__speech.calls")[-1] == "cancel"
    # An utterance ending after stop does not start the next one
    before = len(spoken(page))
    page.evaluate("window.__speech.finish()")
    assert len(spoken(page)) == before
    assert page.get_by_role("button", name="朗读本页正文").is_visible()
    assert axe_violations(page) == []


def test_read_aloud_is_hidden_without_a_chinese_voice(page, site) -> None:
    page.add_init_script(NO_CHINESE_VOICE)
    page.goto(site.url(MATERIAL))
    page.wait_for_load_state("load")
    assert not page.locator(".dj-readaloud").is_visible()
    assert page.get_by_role("button", name="朗读本页正文").count() == 0


def test_read_aloud_is_only_on_materials_and_notices(page, site) -> None:
    page.add_init_script(SPEECH_STUB)
    page.goto(site.url("index.html"))
    page.wait_for_load_state("load")
    assert page.get_by_role("button", name="朗读本页正文").count() == 0
    page.goto(site.url(NOTICE))
    assert page.get_by_role("button", name="朗读本页正文").is_visible()
