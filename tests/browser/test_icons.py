"""The icons of the header, the search box, the footer and the back-to-top button are drawn by
base.css (masks with the paths of Material's icons), not written into every page as SVG. Each
still shows: in the normal colours, the dark scheme and a high-contrast (forced colours) mode."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PAGE = "study/baomi/weixin-baomi.html"
# Where each icon shows on a computer's screen, and on a phone's
WIDE = {
    "深色模式": "label[for='__palette_1']",
    "搜索框": ".dj-search__icon",
    "上一页": ".md-footer__link--prev .md-footer__button",
    "下一页": ".md-footer__link--next .md-footer__button",
}
NARROW = {"菜单": ".md-header__button[for='__drawer']", "搜索": ".dj-search__open"}


def _painted(page, selector: str) -> bool:
    """Whether the element's icon paints anything: its picture with and without the icon."""
    element = page.locator(selector).first
    icon = page.locator(f"{selector} .dj-icon").first
    shown = element.screenshot(timeout=5000)
    icon.evaluate("e => e.style.visibility = 'hidden'")
    hidden = element.screenshot(timeout=5000)
    icon.evaluate("e => e.style.visibility = ''")
    return shown != hidden


def _all_painted(page, icons: dict[str, str]) -> dict[str, bool]:
    return {name: _painted(page, selector) for name, selector in icons.items()}


@pytest.mark.parametrize(
    ("scheme", "forced"), [("light", "none"), ("dark", "none"), ("light", "active")]
)
def test_icons_are_drawn_without_inline_svg(page, site, scheme: str, forced: str) -> None:
    page.emulate_media(color_scheme=scheme, forced_colors=forced)
    page.goto(site.url(PAGE))
    wide = dict(WIDE)
    if scheme == "dark":  # the palette follows the member's choice, not the system's
        page.locator("label[for='__palette_1']").click()
        wide["浅色模式"] = wide.pop("深色模式").replace("__palette_1", "__palette_0")
    assert page.locator("header svg, footer svg, .md-top svg").count() == 0
    assert _all_painted(page, wide) == dict.fromkeys(wide, True)
    # Back to top: Material shows it once a member scrolls up (from the second scroll event
    # on: a loaded machine may deliver the first two as one)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    top = page.locator(".md-top")
    for _ in range(5):
        page.wait_for_timeout(150)
        page.mouse.wheel(0, -200)
        with contextlib.suppress(PlaywrightTimeout):
            top.wait_for(state="visible", timeout=1000)
            break
    assert _painted(page, ".md-top")
    page.evaluate("window.scrollTo(0, 0)")
    # A phone's width: the menu button, and the search box opening over the header
    page.set_viewport_size({"width": 375, "height": 740})
    assert _all_painted(page, NARROW) == dict.fromkeys(NARROW, True)
    page.locator(".dj-search__open").click()
    page.locator(".dj-search__input").fill("党")
    assert _all_painted(page, {"返回": ".dj-search__back", "清除": ".dj-search__clear"}) == {
        "返回": True,
        "清除": True,
    }
