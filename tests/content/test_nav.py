"""Our own nav linking: parents, previous/next and the page list, as MkDocs links them."""

from __future__ import annotations

from dangjian.content.nav import linked_navigation
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page


def _page(config: MkDocsConfig, src_uri: str) -> Page:
    return Page(src_uri, File(src_uri, "/docs", "/site", True), config)


def test_parents_previous_next_and_pages_in_reading_order() -> None:
    config = MkDocsConfig()
    config.load_dict({"site_name": "测试", "docs_dir": "/docs"})
    home, overview, a, b, tags, notice = (
        _page(config, uri)
        for uri in (
            "index.md",
            "study/index.md",
            "study/t/a.md",
            "study/t/b.md",
            "tags.md",
            "notices/index.md",
        )
    )
    topic = Section("专题", [a, b])
    study = Section("学习资料", [overview, topic, tags])
    outside = Link("共产党员网", "https://www.12371.cn/")
    notices = Section("通知公告", [notice])
    # A page moved to the top level keeps no parent from MkDocs' own nav
    home.parent = study

    nav = linked_navigation([home, study, outside, notices])

    assert nav.items == [home, study, outside, notices]
    assert nav.pages == [home, overview, a, b, tags, notice]
    assert [home.parent, study.parent, outside.parent, notices.parent] == [None] * 4
    assert overview.parent is study and topic.parent is study and tags.parent is study
    assert a.parent is topic and b.parent is topic and notice.parent is notices
    assert [p.previous_page for p in nav.pages] == [None, home, overview, a, b, tags]
    assert [p.next_page for p in nav.pages] == [overview, a, b, tags, notice, None]
    assert list(nav) == [home, study, outside, notices]


def test_empty_navigation() -> None:
    nav = linked_navigation([])
    assert nav.items == [] and nav.pages == []
