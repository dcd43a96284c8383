"""Small pages with known answers for ranking, phrase and exclusion tests, and the browser
index built from them (committed in fixtures/index/ so the node tests run on their own).

Regenerate after an intended index format change: `.venv/bin/python -m tests.search.fixture_index`.
"""

from __future__ import annotations

import json
from pathlib import Path

from dangjian.search.index import IndexedPage, build_index
from dangjian.search.sections import Section
from dangjian.search.suggest import SUGGEST_FILE, suggest_script
from dangjian.search.tokenizer import Tokenizer

INDEX_DIR = Path(__file__).parent / "fixtures" / "index"


def _page(
    key: str, title: str, kind: str, date: str, *sections: tuple[str, str, str]
) -> IndexedPage:
    return IndexedPage(
        url=f"{key}.html",
        title=title,
        kind=kind,
        date=date,
        sections=[Section(a, h, t) for a, h, t in sections],
        src_uri=f"{key}.md",
    )


PAGES = [
    _page(
        "pingtai",
        "智慧党建平台使用指南",
        "study",
        "2026-09-02",
        ("", "", "智慧党建平台是支部开展日常党务工作的信息系统。"),
        ("denglu", "一、登录", "用手机号登录智慧党建平台，首次登录须修改密码。"),
    ),
    _page(
        "jianshe",
        "网络阵地建设",
        "study",
        "2026-05-01",
        ("", "", "支部的党建工作离不开网络。"),
        ("pingtai", "二、各类平台", "各类平台都要落实管理责任，发布内容要经过审核。"),
    ),
    _page(
        "dangfei",
        "关于做好党费收缴工作的通知",
        "notice",
        "2026-01-12",
        ("", "", "请于1月31日前交纳党费。"),
        ("baomi", "二、注意事项", "不得使用个人U盘拷贝党费明细，不要在网上谈论921工程的细节。"),
    ),
    _page(
        "dangzhang-old",
        "党章学习",
        "study",
        "2024-03-01",
        ("", "", "党章是党的根本大法。"),
    ),
    _page(
        "dangzhang-new",
        "党章学习",
        "study",
        "2025-03-01",
        ("", "", "党章是党的根本大法。"),
    ),
    _page(
        "yida",
        "中共一大",
        "study",
        "2025-07-01",
        ("", "", "1921年7月，中国共产党第一次全国代表大会在上海召开。"),
        ("yiyi", "历史意义", "党的诞生是开天辟地的大事变。指南针一样指明方向。"),
    ),
    # The editors' guide: its title holds 党章, yet it comes after every member's page
    _page(
        "guide",
        "党章学习资料的写法",
        "guide",
        "",
        ("", "", "编写党章学习资料时，标题写在开头信息中。"),
    ),
]


TOPICS = [("党章党规", "study/dangzhang/index.html"), ("党史学习", "study/dangshi/index.html")]


def build() -> dict[str, str]:
    files = build_index(PAGES, Tokenizer())
    files[SUGGEST_FILE] = suggest_script(PAGES, TOPICS)
    return files


def manifest(files: dict[str, str]) -> dict:
    """The manifest of an index's files, parsed from its registerSearchManifest(…) call."""
    text = files["manifest.js"]
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


if __name__ == "__main__":
    INDEX_DIR.mkdir(parents=True, exist_ok=True)
    for old in INDEX_DIR.iterdir():
        old.unlink()
    for name, content in build().items():
        (INDEX_DIR / name).write_text(content, encoding="utf-8")
    print(f"wrote {INDEX_DIR}")
