"""Atom feeds: valid RFC 4287 structure, absolute URLs, same bytes on every build."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from dangjian.content.feeds import FEED_LIMIT, FeedEntry, atom_feed, newest

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(entries: list[FeedEntry]) -> bytes:
    return atom_feed(
        site_url="https://example.org/dj",
        feed_path="notices.xml",
        title="测试 · 通知公告",
        subtitle="测试",
        author="测试支部",
        entries=entries,
    )


ENTRIES = [
    FeedEntry("notices/2026/a.html", "甲 <通知> & 公告", dt.date(2026, 3, 1), "摘要", "通知"),
    FeedEntry("notices/2026/b.html", "乙", dt.date(2026, 5, 1), "", None),
]


def check_atom(xml: bytes, base: str) -> ET.Element:
    """Required elements of RFC 4287 §4.1: feed and entries need id, title, updated."""
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            node = element.find(f"{ATOM}{name}")
            assert node is not None and (node.text or "").strip(), (element.tag, name)
        dt.datetime.fromisoformat(element.find(f"{ATOM}updated").text)
        links = element.findall(f"{ATOM}link")
        assert links and all(link.get("href", "").startswith(base) for link in links)
    # An entry without content needs a link rel=alternate (§4.1.1) — feedgen's default
    ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    author = root.find(f"{ATOM}author/{ATOM}name")
    assert author is not None and author.text
    return root


def test_feed_is_valid_atom_with_absolute_urls() -> None:
    root = check_atom(feed(ENTRIES), "https://example.org/dj/")
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["乙", "甲 <通知> & 公告"]
    assert entries[1].find(f"{ATOM}link").get("href") == (
        "https://example.org/dj/notices/2026/a.html"
    )
    assert root.find(f"{ATOM}updated").text.startswith("2026-05-01")
    self_link = [x for x in root.findall(f"{ATOM}link") if x.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/dj/notices.xml"


def test_feed_bytes_do_not_depend_on_the_clock_or_input_order() -> None:
    assert feed(ENTRIES) == feed(list(reversed(ENTRIES)))


def test_empty_feed_is_still_valid() -> None:
    root = check_atom(feed([]), "https://example.org/dj/")
    assert root.findall(f"{ATOM}entry") == []


def test_a_feed_holds_the_newest_entries_which_its_callers_pick_first() -> None:
    many = [
        FeedEntry(f"study/t/m{n:02d}.html", f"第{n}篇", dt.date(2026, 1, 1 + n % 28), "摘要")
        for n in range(80)
    ]
    picked = newest(reversed(many))
    assert len(picked) == FEED_LIMIT
    assert picked == sorted(many, key=lambda e: (e.date, e.url), reverse=True)[:FEED_LIMIT]
    assert feed(picked) == feed(many)  # so a summary is written only for what the feed holds
    root = ET.fromstring(feed(many))
    assert len(root.findall(f"{ATOM}entry")) == FEED_LIMIT
