"""A member's first visit (issue 14), from file:// and http://: what used to be wrong on the
wrong-answer book, in search, the footer, the 404 page, notice lists, phones, practice
questions, badges, exam results, the sidebar and materials. Each test would have caught its flaw.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .members import follow, type_query
from .test_a11y import axe_violations

pytestmark = pytest.mark.browser

MATERIAL = "study/dangshi/zunyi.html"
TABLE_PAGE = "study/zuzhi/sanhui-yike.html"  # a four-column table


def dark(page) -> None:
    page.get_by_title("切换到深色模式").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_wrongbook_shows_no_settings_object(page, site, scheme: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site.url("quizzes/cuoti.html"))
    if scheme == "dark":
        dark(page)
    page.locator(".dj-quiz__meta").wait_for()
    # The status line under the buttons is empty on a plain visit (it printed [object Object])
    assert page.locator(".dj-quiz__status").inner_text() == ""
    assert "[object" not in page.locator(".dj-quiz").inner_text()


def result_labels(page) -> list[str]:
    return page.locator(".dj-search__result .dj-search__label").all_inner_texts()


def test_editors_guide_comes_last_under_its_own_label(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "黨章")
    labels = result_labels(page)
    assert labels and labels[0] != "编辑指南"
    # Once a guide page shows, only guide pages follow
    if "编辑指南" in labels:
        first = labels.index("编辑指南")
        assert set(labels[first:]) == {"编辑指南"}
    # An editor's question still finds the guide
    page.keyboard.press("Escape")
    type_query(page, "UTF-8")
    assert "编辑指南" in result_labels(page)


@pytest.mark.parametrize("query", ["黨章", "开头信息", "题库"])
def test_snippets_show_no_front_matter_or_code(page, site, query: str) -> None:
    page.goto(site.url("index.html"))
    type_query(page, query)
    snippets = page.locator(".dj-search__snippet").all_inner_texts()
    assert snippets
    for text in snippets:
        assert "---" not in text and "title:" not in text and "```" not in text, text


def test_partial_matches_follow_whole_ones_under_a_divider(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "长征 主题党日")
    texts = page.locator(".dj-search__list > li").all_inner_texts()
    divider = next(i for i, t in enumerate(texts) if t.strip() == "以下页面只包含部分词语")
    assert page.locator(".dj-search__divider").is_visible()
    # Whole matches above it (the 长征 主题党日 report first), partial ones below: the other
    # 主题党日 reports, which lack 长征
    titles = [t.split("\n")[1] if "\n" in t else t for t in texts]
    assert 0 < divider < len(texts) - 1
    assert "纪念红军长征胜利90周年" in texts[0]
    assert any("航天科普教育基地" in t for t in texts[divider + 1 :])
    # Arrow keys move over results only, never onto the divider
    page.keyboard.press("ArrowDown")
    for _ in range(len(titles) - 1):
        page.keyboard.press("ArrowDown")
        active = page.locator(".dj-search__result--active")
        assert active.count() == 1


def test_no_result_offers_near_titles_by_sound_and_the_topics(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "井岗山")  # 岗 for 冈: the same sound
    assert page.locator(".dj-search__meta").inner_text() == "没有找到与“井岗山”相关的内容"
    assert page.locator(".dj-search__result").count() == 0
    offer = page.locator(".dj-search__suggest")
    offer.get_by_text("您是不是要找：").wait_for()
    assert offer.get_by_role("link", name="党史学习").is_visible()
    offer.get_by_role("link", name="井冈山的星星之火").click()
    page.wait_for_url("**/study/dangshi/jinggangshan.html")
    assert page.locator("h1").inner_text() == "井冈山的星星之火"


def test_partial_matches_only_come_with_the_near_title_above_them(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "尊义会议")
    assert page.locator(".dj-search__meta").inner_text() == "没有页面包含完整的“尊义会议”"
    offer = page.locator(".dj-search__suggest")
    offer.get_by_text("您是不是要找：").wait_for()
    assert offer.get_by_role("link", name="伟大转折：遵义会议").is_visible()
    assert "按专题浏览" not in offer.inner_text()
    # The offer sits above the list, whose pages hold part of the query
    assert offer.bounding_box()["y"] < page.locator(".dj-search__divider").bounding_box()["y"]
    assert page.locator(".dj-search__result--partly").count() >= 1


def test_nonsense_gets_topics_but_no_titles(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "红烧肉菜谱")
    offer = page.locator(".dj-search__suggest")
    offer.get_by_text("也可以按专题浏览学习资料：").wait_for()
    assert "您是不是要找" not in offer.inner_text()
    assert offer.get_by_role("link").count() >= 3


def note_contrast(page, selector: str) -> float:
    """WCAG contrast of the （外部链接） note (the ::after of `selector`) on the backgrounds
    behind it, blended. axe skips pseudo-elements, so this measures it directly."""
    return page.evaluate(
        """sel => {
             const a = document.querySelector(sel);
             const rgba = c => c.match(/[\\d.]+/g).map(Number);
             const layers = [];
             for (let e = a; e; e = e.parentElement) {
               const c = rgba(getComputedStyle(e).backgroundColor);
               if (c.length < 4) c.push(1);
               if (c[3] > 0) layers.push(c);
               if (c[3] >= 1) break;
             }
             let bg = [255, 255, 255];
             layers.reverse().forEach(c => {
               bg = [0, 1, 2].map(i => c[i] * c[3] + bg[i] * (1 - c[3]));
             });
             const fg = rgba(getComputedStyle(a, '::after').color);
             const alpha = fg.length > 3 ? fg[3] : 1;
             const mixed = [0, 1, 2].map(i => fg[i] * alpha + bg[i] * (1 - alpha));
             const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
               return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
               return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
             const x = lum(mixed), y = lum(bg.slice(0, 3));
             return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }""",
        selector,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_footer_is_chinese_and_its_outside_link_note_is_readable(page, site, scheme) -> None:
    page.goto(site.url(MATERIAL))
    if scheme == "dark":
        dark(page)
    footer = page.locator(".md-footer-meta")
    assert "Made with" not in footer.inner_text()
    assert "本站由党建学习站生成器制作" in footer.inner_text()
    # An outside link in the footer, as a site's copyright line may hold one: its note must
    # keep AA contrast on the dark footer
    page.evaluate(
        """() => { const a = document.createElement('a');
             a.className = 'dj-external'; a.href = 'https://example.org/'; a.textContent = '上级网站';
             document.querySelector('.md-copyright').appendChild(a); }"""
    )
    note = page.evaluate(
        "getComputedStyle(document.querySelector('.md-copyright a.dj-external'), '::after').content"
    )
    assert "外部链接" in note
    assert note_contrast(page, ".md-copyright a.dj-external") >= 4.5
    assert axe_violations(page, ".md-footer-meta") == []


def test_404_page_is_chinese_with_search_and_a_way_home(page, site, built_site) -> None:
    if site.mode == "file":
        # Only a server shows a 404 page: the offline zip leaves it out
        packed = Path(unquote(urlsplit(site.root).path))
        assert (packed / "index.html").is_file() and not (packed / "404.html").exists()
        assert "页面不存在" in (built_site / "404.html").read_text(encoding="utf-8")
        return
    page.goto(site.url("404.html"))
    assert page.locator("h1").inner_text() == "页面不存在"
    assert "Not found" not in page.locator("body").inner_text()
    page.get_by_label("在本站搜索").fill("遵义会议")
    page.get_by_role("button", name="搜索", exact=True).click()
    page.locator(".dj-search__result").first.wait_for()
    assert "遵义会议" in page.locator(".dj-search__title").first.inner_text()
    page.keyboard.press("Escape")
    follow(page, page.get_by_role("link", name="返回首页"))
    assert page.url.endswith("index.html")
    assert axe_violations(page) == []


def test_notice_lists_have_no_atom_button_but_keep_the_feed_link(page, site) -> None:
    page.goto(site.url("notices/index.html"))
    assert page.get_by_text("订阅").count() == 0
    assert page.locator('a[type="application/atom+xml"]').count() == 0
    assert page.locator('link[type="application/atom+xml"]').count() == 2


def test_phone_wide_table_scrolls_with_a_visible_sign(page, site) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.url(TABLE_PAGE))
    page.wait_for_load_state("load")
    box = page.locator(".dj-table-wide").first
    box.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    hint = page.locator(".dj-table-hint").first
    assert hint.is_visible() and "左右滑动" in hint.inner_text()
    # Wide enough on a desktop: no hint there
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => !document.querySelector('.dj-table-hint:not([hidden])')")


@pytest.mark.parametrize("width", [1280, 375])
def test_answering_a_practice_question_keeps_the_page_still(page, site, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(site.url("quizzes/dangzhang-jichu.html"))
    page.locator('[data-action="practice"]').click()
    question = page.locator("fieldset.dj-quiz__question").last
    question.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    top = question.bounding_box()["y"]
    question.locator("input").first.check() if question.locator(
        "input[type=radio], input[type=checkbox]"
    ).count() else question.locator("input").first.fill("不知道")
    page.get_by_role("button", name="提交答案").click()
    page.locator('[data-action="next"]').wait_for()
    assert abs(page.evaluate("window.scrollY") - before) < 5
    assert abs(question.bounding_box()["y"] - top) < 5
    # Scrolling back up never brings 回到页面顶部 over the question
    page.mouse.wheel(0, 400)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(300)
    assert not page.locator(".md-top").is_visible()


def contrast(page, selector: str) -> float:
    """WCAG contrast ratio of an element's text on its own background colour."""
    return page.evaluate(
        """sel => {
             const e = document.querySelector(sel), s = getComputedStyle(e);
             const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
             const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
               return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
               return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
             const a = lum(s.color), b = lum(s.backgroundColor);
             return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""",
        selector,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_done_and_required_badges_differ_in_colour(page, site, scheme: str) -> None:
    page.goto(site.url("study/dangzhang/index.html"))
    if scheme == "dark":
        dark(page)
    page.goto(site.url("study/dangzhang/zonggang.html"))
    page.get_by_role("button", name="标记为已学").click()
    page.goto(site.url("study/dangzhang/index.html"))
    done = page.locator(".dj-badge--done").first
    done.wait_for()
    required = page.locator(".dj-badge--required").first
    assert required.count()
    colour = lambda b: b.evaluate("e => getComputedStyle(e).backgroundColor")  # noqa: E731
    assert colour(done) != colour(required)
    assert contrast(page, ".dj-badge--done") >= 4.5
    assert contrast(page, ".dj-badge--required") >= 4.5


def test_tags_sit_below_the_breadcrumbs(page, site) -> None:
    page.goto(site.url(MATERIAL))
    crumbs = page.locator(".dj-breadcrumbs").bounding_box()
    tags = page.locator(".md-tags").bounding_box()
    assert crumbs["y"] + crumbs["height"] <= tags["y"] + 1


@pytest.mark.parametrize("height", [900, 700, 600])
def test_desktop_sidebar_shows_no_cut_line_at_its_top(page, site, height: int) -> None:
    page.set_viewport_size({"width": 1280, "height": height})
    page.goto(site.url("study/baomi/jilv-bagui.html"))
    page.wait_for_load_state("load")
    page.wait_for_timeout(400)
    cut = page.evaluate(
        """() => { const w = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
             const top = w.getBoundingClientRect().top;
             return [...w.querySelectorAll('.md-nav__link')].map(a => a.getBoundingClientRect())
               .filter(r => r.height && r.top < top - 1 && r.bottom > top + 1).length; }"""
    )
    assert cut == 0
    active = page.locator(".md-sidebar--primary a.md-nav__link--active")
    assert active.is_visible()
    box, wrap = (
        active.bounding_box(),
        page.locator(".md-sidebar--primary .md-sidebar__scrollwrap").bounding_box(),
    )
    assert wrap["y"] <= box["y"] and box["y"] + box["height"] <= wrap["y"] + wrap["height"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_outside_link_note_in_the_text_is_readable(page, site, scheme: str) -> None:
    page.goto(site.url("about.html"))
    if scheme == "dark":
        dark(page)
    link = page.locator("article a.dj-external").first
    assert "外部链接" in link.evaluate("a => getComputedStyle(a, '::after').content")
    assert note_contrast(page, "article a.dj-external") >= 4.5
    assert axe_violations(page, "article") == []


def test_events_are_labelled_as_organisational_life(page, site) -> None:
    page.goto(site.url("index.html"))
    type_query(page, "专题党课")
    first = page.locator(".dj-search__result").first
    assert "专题党课" in first.locator(".dj-search__title").inner_text()
    assert first.locator(".dj-search__label").inner_text() == "组织生活"
    # The date of the meeting (the sample site has two 专题党课)
    assert first.locator(".dj-search__date").inner_text() in {"2026-09-25", "2026-12-18"}
    # Every label comes from the manifest the build wrote: no kind shows without one
    assert set(result_labels(page)) <= {"学习资料", "通知公告", "组织生活", "编辑指南"}
