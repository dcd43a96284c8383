"""The browser index: reproducible files, sections from HTML, shard layout."""

from __future__ import annotations

from pathlib import Path

from dangjian.search.index import bucket, encode_number
from dangjian.search.sections import split_sections

from . import fixture_index


def test_committed_fixture_index_is_what_the_writer_builds() -> None:
    built = fixture_index.build()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in fixture_index.INDEX_DIR.iterdir()}
    assert built == on_disk, (
        "run `.venv/bin/python -m tests.search.fixture_index` after a format change"
    )


def test_build_is_deterministic_whatever_the_page_order() -> None:
    from dangjian.search.index import build_index
    from dangjian.search.tokenizer import Tokenizer

    forward = build_index(fixture_index.PAGES, Tokenizer())
    backward = build_index(list(reversed(fixture_index.PAGES)), Tokenizer())
    assert forward == backward


def test_every_bucket_has_a_shard_even_without_terms(monkeypatch) -> None:
    from dangjian.search import index
    from dangjian.search.tokenizer import Tokenizer

    monkeypatch.setattr(index, "SHARD_BYTES", 10)  # more buckets than terms
    files = index.build_index(fixture_index.PAGES, Tokenizer())
    buckets = fixture_index.manifest(files)["buckets"]
    shards = {name for name in files if name.startswith("t-")}
    assert shards == {f"t-{n:x}.js" for n in range(buckets)}
    assert 'registerSearchShard("0",' in files["t-0.js"]


def test_every_file_is_a_classic_script_calling_the_runtime() -> None:
    for name, content in fixture_index.build().items():
        assert content.startswith("dangjian.registerSearch"), name
        assert "\u2028" not in content and "\u2029" not in content


def test_numbers_are_base32_with_continuation_digits() -> None:
    assert encode_number(0) == "0"
    assert encode_number(31) == "V"
    assert encode_number(32) == "X0"  # one continued digit, then a final digit
    assert bucket("党建", 1) == "0"


def test_sections_split_at_headings_with_anchors() -> None:
    html = (
        '<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>导语</p>'
        '<h2 id="yi">一、要求<a class="headerlink" href="#yi">¶</a></h2><p>第一段</p><ul><li>甲</li><li>乙</li></ul>'
        '<h3 id="er">（二）<em>细则</em></h3><p>a&amp;b</p><script>var x = "不要索引";</script>'
    )
    sections = split_sections(html)
    assert [(s.anchor, s.heading, s.text) for s in sections] == [
        ("", "", "导语"),
        ("yi", "一、要求", "第一段 甲 乙"),
        ("er", "（二）细则", "a&b"),
    ]


def test_fixture_files_stay_small(tmp_path: Path) -> None:
    sizes = {name: len(c.encode()) for name, c in fixture_index.build().items()}
    assert sizes["manifest.js"] < 2000


def test_hostile_html_leaves_only_text() -> None:
    html = (
        '<p>正文<img src="x" onerror="alert(1)"><script>alert("偷看")</script></p>'
        "<style>p{}</style><h2>无锚点标题</h2><p>&lt;b&gt;不是标签&lt;/b&gt;</p>"
    )
    sections = split_sections(html)
    assert [(s.anchor, s.heading, s.text) for s in sections] == [
        ("", "", "正文"),
        ("", "无锚点标题", "<b>不是标签</b>"),  # shown with textContent, never parsed
    ]


def test_frequent_terms_are_written_as_bitmaps_when_shorter() -> None:
    from array import array

    from dangjian.search.index import _postings

    every = array("I", range(12))  # pages 0–11, ids only: twelve delta digits
    assert _postings(every, b"", 3) == "!//"  # all six bits of both characters
    assert _postings(every, b"A" * 12, 3) == "!//" + "A" * 12
    rare = array("I", [10])  # page 10 only: one digit beats a bitmap
    assert _postings(rare, b"", 3) == "A"
