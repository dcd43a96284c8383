"""The printable topic's frame: materials in order, titles and facts escaped, and a place
for each material's HTML (`printed.py` fills it)."""

from __future__ import annotations

import datetime as dt

from dangjian.year.pages import print_markdown
from dangjian.year.printed import PLACE

from ..content.factories import material


def test_print_page_frame_escapes_titles_and_leaves_a_place_per_material() -> None:
    body = "## 一、背景\n\n正文甲\n"
    first = material("a", title="<b>甲</b>", date=dt.date(2026, 1, 2), source="人民日报", body=body)
    second = material("b", title="乙", body="正文乙")
    text = print_markdown("专题 & 测试", "简介 <i>x</i>", [first, second])
    assert 'title: "专题 & 测试（打印版）"' in text
    assert "hide: [navigation, toc, footer]" in text
    assert '<p class="dj-summary">简介 &lt;i&gt;x&lt;/i&gt;</p>' in text
    assert "## 1. &lt;b&gt;甲&lt;/b&gt;" in text and "## 2. 乙" in text
    assert '<p class="dj-print-facts">2026-01-02 · 人民日报</p>' in text
    assert text.count('<div class="dj-print-material" markdown="1">') == 2
    places = [PLACE.format(number=n) for n in (1, 2)]
    assert text.index("## 1.") < text.index(places[0]) < text.index("## 2.") < text.index(places[1])
    # The text comes from each material's own page, converted once
    assert "正文" not in text and "背景" not in text
