"""What the search box offers when a query finds nothing: near titles and the site's topics.

Written as `suggest.js` beside the index and loaded only after a query without results:
`dangjian.registerSearchSuggest({titles, topics, pinyin})`. `pinyin` maps each syllable
(toneless) to the characters read that way, for the 3,755 common characters (GB2312 level 1)
and every character of a title, so the browser can tell that 尊义会议 sounds like 遵义会议.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable

from ..core.text import CJK_CLASS
from .index import EDITORS, IndexedPage

SUGGEST_FILE = "suggest.js"


def common_characters() -> list[str]:
    """The 3,755 characters of GB2312 level 1, the ones most Chinese text is made of."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            if row == 0xD7 and cell > 0xF9:  # level 1 ends at D7F9
                break
            chars.append(bytes([row, cell]).decode("gb2312"))
    return chars


def pinyin_table(texts: Iterable[str]) -> dict[str, str]:
    """Toneless syllable → the characters (common ones and those of `texts`) read that way."""
    # Imported here: pypinyin loads a 35 MB phrase dictionary, which only the index process
    # (background.py) needs
    from pypinyin import Style, lazy_pinyin

    chars = set(common_characters())
    for text in texts:
        chars.update(re.findall(f"[{CJK_CLASS}]", text))
    table: dict[str, str] = defaultdict(str)
    for char in sorted(chars):
        syllable = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
        if syllable and syllable[0].isascii():
            table[syllable[0]] += char
    return dict(sorted(table.items()))


def suggest_script(pages: Iterable[IndexedPage], topics: Iterable[tuple[str, str]]) -> str:
    """The content of `suggest.js`: members' page titles, topics (title, url), the pinyin table."""
    return titles_script(suggested_titles(pages), topics)


def suggested_titles(pages: Iterable[IndexedPage]) -> list[tuple[str, str]]:
    """(title, url) of the pages `suggest.js` offers: members' pages with a title."""
    return sorted({(p.title, p.url) for p in pages if p.title and p.kind != EDITORS})


def titles_script(titles: list[tuple[str, str]], topics: Iterable[tuple[str, str]]) -> str:
    """`suggest_script` of the `suggested_titles` of the pages."""
    data = {
        "titles": [list(t) for t in titles],
        "topics": [list(t) for t in topics],
        "pinyin": pinyin_table(title for title, _ in titles),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"dangjian.registerSearchSuggest({text});\n"
