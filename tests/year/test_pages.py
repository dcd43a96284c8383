"""The printable topic's Markdown: materials in order, headings one level down, text escaped."""

from __future__ import annotations

import datetime as dt

from dangjian.year.pages import print_markdown

from ..content.factories import material


def test_print_page_demotes_headings_but_not_code_and_escapes_titles() -> None:
    body = "## 一、背景\n\n正文\n\n```text\n## 不是标题\n```\n\n### 小节\n"
    first = material("a", title="<b>甲</b>", date=dt.date(2026, 1, 2), source="人民日报", body=body)
    second = material("b", title="乙", body="正文乙")
    text = print_markdown("专题 & 测试", "简介 <i>x</i>", [first, second])
    assert 'title: "专题 & 测试（打印版）"' in text
    assert "hide: [navigation, toc, footer]" in text
    assert '<p class="dj-summary">简介 &lt;i&gt;x&lt;/i&gt;</p>' in text
    assert "## 1. &lt;b&gt;甲&lt;/b&gt;" in text and "## 2. 乙" in text
    assert text.index("## 1.") < text.index("## 2.")
    assert "### 一、背景" in text and "#### 小节" in text
    assert "```text\n## 不是标题\n```" in text
    assert '<p class="dj-print-facts">2026-01-02 · 人民日报</p>' in text
    assert text.count('<div class="dj-print-material" markdown="1">') == 2
