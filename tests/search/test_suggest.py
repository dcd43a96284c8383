"""The data behind 「您是不是要找」, pages kept out of members' search, and snippet text."""

from __future__ import annotations

import json

from dangjian.search.index import IndexedPage
from dangjian.search.plugin import searchable
from dangjian.search.sections import split_sections
from dangjian.search.suggest import common_characters, pinyin_table, suggest_script


def _data(script: str) -> dict:
    return json.loads(script[script.index("(") + 1 : script.rindex(")")])


def test_pinyin_table_groups_characters_by_toneless_syllable() -> None:
    table = pinyin_table(["遵义会议"])
    assert "尊" in table["zun"] and "遵" in table["zun"]
    assert "章" in table["zhang"] and "张" in table["zhang"]
    # Every character is under exactly one syllable
    chars = "".join(table.values())
    assert len(chars) == len(set(chars))
    assert len(common_characters()) == 3755


def test_a_rare_character_of_a_title_is_in_the_table() -> None:
    rare = "鄱"  # not in GB2312 level 1
    assert rare not in common_characters()
    assert rare in pinyin_table([f"{rare}阳湖"])["po"]


def test_suggest_script_lists_members_titles_and_topics_not_the_guide() -> None:
    pages = [
        IndexedPage("study/a.html", "伟大转折：遵义会议", "study", "", []),
        IndexedPage("guide/study.html", "编写学习资料", "guide", "", []),
    ]
    data = _data(suggest_script(pages, [("党史学习", "study/dangshi/index.html")]))
    assert data["titles"] == [["伟大转折：遵义会议", "study/a.html"]]
    assert data["topics"] == [["党史学习", "study/dangshi/index.html"]]
    assert suggest_script(pages, []) == suggest_script(list(reversed(pages)), [])


def test_search_false_keeps_a_page_out_of_members_search() -> None:
    assert searchable({"title": "x"})
    assert not searchable({"search": False})
    assert not searchable({"search": {"exclude": True}})
    assert searchable({"search": {"boost": 2}})


def test_code_blocks_never_become_snippet_text() -> None:
    html = (
        "<p>开头信息写在文件最前面。</p>"
        '<div class="highlight"><pre><code>---\ntitle: 党章\ndate: 2026-01-01\n---</code></pre></div>'
        "<p>保存后提交。</p>"
    )
    [section] = split_sections(html)
    assert section.text == "开头信息写在文件最前面。 保存后提交。"
