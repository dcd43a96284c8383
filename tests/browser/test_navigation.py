"""The sample site opens and navigates from file:// and from http://127.0.0.1."""

from __future__ import annotations


def test_home_page_opens_with_chinese_title(page, site) -> None:
    page.goto(site.url("index.html"))
    assert "示例党支部学习站" in page.title()
    assert page.locator("html").get_attribute("lang") == "zh"


def test_links_are_plain_html_files(page, site) -> None:
    page.goto(site.url("index.html"))
    hrefs = page.eval_on_selector_all(
        "a.md-nav__link[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    internal = [h for h in hrefs if not h.startswith(("http", "#"))]
    assert internal, "navigation has links"
    assert all(h.endswith(".html") or ".html#" in h for h in internal), internal
