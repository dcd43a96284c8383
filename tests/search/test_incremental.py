"""The index kept between builds (`incremental.py`: in memory in `dangjian serve`, through
the build cache in `dangjian build`, `snapshot.py`) is, after any series of edits, byte for
byte the index made from nothing, and it redoes only what the edits touch."""

from __future__ import annotations

import dataclasses
import itertools
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dangjian.core.cache import PageCache
from dangjian.search import index, snapshot
from dangjian.search.background import make_index
from dangjian.search.incremental import KeptIndex
from dangjian.search.index import SEARCH_DIR, IndexedPage, build_index
from dangjian.search.sections import Section
from dangjian.search.spool import PageSpool
from dangjian.search.suggest import SUGGEST_FILE, suggest_script
from dangjian.search.termcache import NAMESPACE, TermCache, _decode, _valid
from dangjian.search.tokenizer import Tokenizer
from hypothesis import given, settings
from hypothesis import strategies as st

WORDS = ["党章", "学习", "民主集中制", "组织生活", "三会一课", "支部", "党员", "921工程", "U盘"]
WORDS += ["保密", "的", "和", "。", "，", "Party", "2026年", "党", "學習", "领导"]
TOPICS = [("三会一课", "study/t/index.html")]

text = st.lists(st.sampled_from(WORDS), max_size=30).map("".join)
section = st.builds(Section, st.sampled_from(["", "a", "b"]), text, text)
page = st.builds(
    IndexedPage,
    url=st.just(""),
    title=text,
    kind=st.sampled_from(["study", "notice", "guide", ""]),
    date=st.sampled_from(["", "2026-01-01", "2026-03-08", "2025-07-01"]),
    sections=st.lists(section, max_size=3),
)
# (what, which page, the new value): the edits an editor saves while the preview runs
edit = st.one_of(
    st.tuples(st.just("text"), st.integers(0, 99), st.lists(section, max_size=3)),
    st.tuples(st.just("title"), st.integers(0, 99), text),
    st.tuples(st.just("date"), st.integers(0, 99), st.sampled_from(["", "2026-02-02"])),
    st.tuples(st.just("kind"), st.integers(0, 99), st.sampled_from(["study", "guide"])),
    st.tuples(st.just("add"), st.integers(0, 99), page),
    st.tuples(st.just("remove"), st.integers(0, 99), st.none()),
    st.tuples(st.just("topics"), st.integers(0, 99), text),
    st.tuples(st.just("nothing"), st.integers(0, 99), st.none()),
)


def named(pages: list[IndexedPage]) -> list[IndexedPage]:
    return [
        dataclasses.replace(p, url=f"p{n}.html", src_uri=f"p{n}.md") for n, p in enumerate(pages)
    ]


def changed(
    pages: list[IndexedPage], topics: list[tuple[str, str]], what: str, which: int, value
) -> tuple[list[IndexedPage], list[tuple[str, str]]]:
    pages = list(pages)
    at = which % len(pages) if pages else 0
    if what == "add":  # under a name no page has (a removed page's name may come back)
        taken = {p.src_uri for p in pages}
        name = next(f"n{n}" for n in itertools.count() if f"n{n}.md" not in taken)
        pages.append(dataclasses.replace(value, url=f"{name}.html", src_uri=f"{name}.md"))
    elif what == "remove" and pages:
        del pages[at]
    elif what == "topics":
        topics = [*topics, (value, f"t{len(topics)}/index.html")]
    elif what in ("text", "title", "date", "kind") and pages:
        field = "sections" if what == "text" else what
        pages[at] = dataclasses.replace(pages[at], **{field: value})
    return pages, topics


class Indexes:
    """Indexes made by one `KeptIndex`, each from its own spool, with one term cache."""

    def __init__(self, folder: Path, kept: KeptIndex | None = None) -> None:
        self.folder = folder
        self.kept = kept or KeptIndex()
        self.cache = self.new_cache()

    def new_cache(self, salt: str = "salt") -> PageCache:
        return PageCache(self.folder, NAMESPACE, salt, _valid, decode=_decode)

    def snapshots(self) -> PageCache:
        return PageCache(self.folder, snapshot.NAMESPACE, "salt", snapshot._valid, text=True)

    def restart(self) -> PageCache:
        """What the next `dangjian build` does: the index process writes its index to the
        cache, and the next one reads it back. Returns the cache it was read from."""
        snapshot.LastIndex(self.snapshots(), self.new_cache()).save(self.kept)
        self.kept = KeptIndex(self.kept.limit, self.kept.pages_limit)
        cache = self.snapshots()
        snapshot.LastIndex(cache, self.new_cache()).restore(self.kept)
        self.cache = self.new_cache()  # the one the build hands over with its pages
        return cache

    def files(self, pages: list[IndexedPage], topics: list[tuple[str, str]]) -> dict[str, str]:
        spool = PageSpool()
        try:
            for p in reversed(pages):  # converted in any order
                spool.add(p)
            spooled = spool.finish()
            made = self.kept.files(spooled, TermCache(self.cache, self.kept.tokenizer), topics)
            spooled.close()
        finally:
            spool.remove()
            self.cache.flush()  # as make_index does: the next build's cache reads it
        return dict(made)


def from_nothing(pages: list[IndexedPage], topics: list[tuple[str, str]]) -> dict[str, str]:
    files = build_index(pages, Tokenizer())
    files[SUGGEST_FILE] = suggest_script(pages, topics)
    return files


@pytest.fixture
def small_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards and text chunks of a few terms and pages, so that edits change their number."""
    monkeypatch.setattr(index, "SHARD_BYTES", 120)
    monkeypatch.setattr(index, "CHUNK_BYTES", 500)


@pytest.mark.usefixtures("small_files")
@settings(max_examples=60, deadline=None)
@given(
    st.lists(page, min_size=1, max_size=8).map(named),
    st.lists(st.tuples(edit, st.booleans()), max_size=6),
)
def test_after_any_edits_the_kept_index_is_the_index_made_from_nothing(
    pages: list[IndexedPage], edits: list[tuple[tuple, bool]]
) -> None:
    """Edits between the builds of one preview, or (`restart`) of `dangjian build`."""
    topics = list(TOPICS)
    with tempfile.TemporaryDirectory() as folder:
        indexes = Indexes(Path(folder))
        assert indexes.files(pages, topics) == from_nothing(pages, topics)
        for (what, which, value), restart in edits:
            if restart:
                indexes.restart()
            pages, topics = changed(pages, topics, what, which, value)
            assert indexes.files(pages, topics) == from_nothing(pages, topics), what


def pages_of(count: int) -> list[IndexedPage]:
    return named(
        [
            IndexedPage(
                url="",
                title=f"学习材料{n}：三会一课",
                kind="study",
                date=f"2026-0{1 + n % 9}-01",
                sections=[Section("", "", f"第{n}篇正文，坚持党的全面领导，921工程与U盘保密。")],
            )
            for n in range(count)
        ]
    )


@pytest.fixture
def indexes(tmp_path: Path) -> Iterator[Indexes]:
    yield Indexes(tmp_path)


def reads(indexes: Indexes) -> int:
    """Term cache entries read or written so far (every page looked up counts one)."""
    return len(indexes.cache.used)


def test_an_unchanged_page_is_not_read_again_but_its_entry_stays_used(indexes: Indexes) -> None:
    pages = pages_of(20)
    indexes.files(pages, TOPICS)
    indexes.cache = indexes.new_cache()  # the next build's cache
    looked_up: list[str] = []
    get = indexes.cache.get
    indexes.cache.get = lambda key: looked_up.append(key) or get(key)  # type: ignore[method-assign]
    pages[4] = dataclasses.replace(pages[4], title="修订后的标题")
    assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)
    assert len(looked_up) == 1  # the edited page only
    assert reads(indexes) == 20  # every page's entry counts as used: none is let go


@pytest.mark.usefixtures("small_files")
def test_only_the_chunks_and_shards_a_page_touches_are_made_again(
    indexes: Indexes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "SHARD_BYTES", 250)  # the edit leaves the number of shards
    pages = pages_of(60)
    indexes.files(pages, TOPICS)
    made: list[str] = []
    chunk_file = index.chunk_file

    def counting(number, *args):
        made.append(f"c-{number:x}")
        return chunk_file(number, *args)

    monkeypatch.setattr("dangjian.search.incremental.chunk_file", counting)
    scripts: list[str] = []
    script = index.IndexShard.script
    monkeypatch.setattr(
        index.IndexShard, "script", lambda shard: scripts.append(shard.id) or script(shard)
    )
    shards = len(indexes.kept.shards)
    before = index.page_terms(pages[7], Tokenizer()).terms
    pages[7] = dataclasses.replace(pages[7], title="学习材料7：民主生活会")
    files = indexes.files(pages, TOPICS)
    assert len(made) == 1  # 10 pages of this size a chunk
    assert len(indexes.kept.shards) == shards
    # The body's length is the same, so no other page's weights move: the shards of the
    # page's terms before and after, and only those
    after = index.page_terms(pages[7], Tokenizer()).terms
    touched = {index.bucket(term, shards) for term in {*before, *after}}
    assert sorted(scripts) == sorted(touched)
    assert len(touched) < shards
    assert files == from_nothing(pages, TOPICS)


def test_a_renumbering_edit_or_another_cache_makes_everything_again(indexes: Indexes) -> None:
    pages = pages_of(10)
    indexes.files(pages, TOPICS)
    pages[3] = dataclasses.replace(pages[3], date="2027-01-01")  # now the newest: id 0
    assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)
    indexes.cache = indexes.new_cache("another configuration")
    assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)
    assert len(indexes.cache.used) == 10  # every page's terms looked up under the new salt


def test_a_site_too_big_to_keep_is_made_from_nothing_every_time(tmp_path: Path) -> None:
    indexes = Indexes(tmp_path, KeptIndex(limit=10))
    pages = pages_of(5)
    for n in range(3):
        pages[n] = dataclasses.replace(pages[n], title=f"第{n}次修改")
        assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)
        assert indexes.kept.pages == {}


def test_a_site_of_many_pages_is_made_one_page_at_a_time_as_build_makes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not even tried: `index_files` keeps little in memory, a kept index all of it."""
    kept = KeptIndex(pages=4)
    pages = pages_of(4)
    made = Indexes(tmp_path, kept)
    made.files(pages, TOPICS)
    assert len(kept.pages) == 4
    spool = PageSpool()
    for page in pages_of(5):
        spool.add(page)
    spooled = spool.finish()
    assert not kept.keeps(spooled)
    assert kept.pages == {}
    folder = tmp_path / "index"
    calls: list[object] = []
    monkeypatch.setattr(KeptIndex, "files", lambda *args: calls.append(args))
    try:
        make_index(spooled, made.new_cache(), str(folder), TOPICS, kept=kept)
    finally:
        spool.remove()
    assert calls == []
    written = {
        path.name: path.read_text(encoding="utf-8") for path in (folder / SEARCH_DIR).iterdir()
    }
    assert written == from_nothing(pages_of(5), TOPICS)


def test_an_index_that_failed_halfway_is_not_kept(
    indexes: Indexes, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = pages_of(10)
    indexes.files(pages, TOPICS)

    def fail(*args: object) -> str:
        raise MemoryError

    pages[2] = dataclasses.replace(pages[2], title="修改")
    with monkeypatch.context() as patched:
        patched.setattr("dangjian.search.incremental.term_postings", fail)
        with pytest.raises(MemoryError):
            indexes.files(pages, TOPICS)
    assert indexes.kept.pages == {}
    assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)


def test_the_next_build_reads_the_last_index_and_looks_up_only_the_edited_page(
    indexes: Indexes,
) -> None:
    pages = pages_of(20)
    indexes.files(pages, TOPICS)
    indexes.restart()
    assert len(indexes.kept.pages) == 20
    looked_up: list[str] = []
    get = indexes.cache.get
    indexes.cache.get = lambda key: looked_up.append(key) or get(key)  # type: ignore[method-assign]
    pages[4] = dataclasses.replace(pages[4], sections=[Section("", "", "改过的正文，民主集中制。")])
    assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)
    assert len(looked_up) == 1
    assert reads(indexes) == 20


def test_a_snapshot_is_written_only_when_the_index_changed(indexes: Indexes) -> None:
    pages = pages_of(5)
    indexes.files(pages, TOPICS)
    written: list[str] = []
    put = PageCache.put
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(PageCache, "put", lambda cache, *a: written.append(a[0]) or put(cache, *a))
        indexes.restart()
        assert len(written) == 1
        indexes.files(pages, TOPICS)  # nothing changed
        used = indexes.restart()
        assert len(written) == 1
        assert used.used == {used.key(snapshot.RECORD)}  # read, so kept in the cache
        indexes.files(pages, [*TOPICS, ("新专题", "t/index.html")])  # suggest.js changed
        indexes.restart()
        assert len(written) == 2


def test_a_site_too_big_to_keep_lets_its_old_snapshot_go(tmp_path: Path) -> None:
    indexes = Indexes(tmp_path)
    indexes.files(pages_of(5), TOPICS)
    indexes.restart()
    indexes.kept.limit = 10
    indexes.files(pages_of(5)[1:], TOPICS)  # over the limit: nothing kept
    cache = indexes.snapshots()
    cache.get(cache.key(snapshot.RECORD))
    snapshot.LastIndex(cache, indexes.cache).save(indexes.kept)
    assert cache.used == set()  # so `finish` removes it


def _changed_snapshot(change) -> Callable[[str], str]:
    def damage(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data, ensure_ascii=False)

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "[]",
        _changed_snapshot(lambda d: d["pages"][0].__setitem__(3, "12")),
        _changed_snapshot(lambda d: d["pages"][0].pop()),
        _changed_snapshot(lambda d: d["postings"].pop()),
        _changed_snapshot(lambda d: (d["terms"].append("无页之词"), d["postings"].append("1"))),
        _changed_snapshot(lambda d: d.__setitem__("identity", [1, 2])),
        _changed_snapshot(lambda d: d.__delitem__("suggest")),
        _changed_snapshot(lambda d: d["pages"].append(d["pages"][0])),
        _changed_snapshot(lambda d: d.__setitem__("suggest", [1, 2])),
    ],
    ids=[
        "cut short",
        "not ours",
        "size a string",
        "a page cut short",
        "postings missing",
        "a term of no page",
        "identity not text",
        "suggest missing",
        "a page twice",
        "suggest not text",
    ],
)
def test_a_snapshot_that_does_not_add_up_is_not_used(indexes: Indexes, damage) -> None:
    pages = pages_of(12)
    indexes.files(pages, TOPICS)
    snapshots = indexes.snapshots()
    snapshot.LastIndex(snapshots, indexes.cache).save(indexes.kept)
    key = snapshots.key(snapshot.RECORD)
    record = snapshots.get(key)
    snapshots.put(key, damage(record))
    snapshots.flush()
    cache = indexes.snapshots()
    kept = KeptIndex()
    snapshot.LastIndex(cache, indexes.cache).restore(kept)
    assert kept.pages == {} and cache.rejected == 1
    indexes.kept = kept
    assert indexes.files(pages, TOPICS) == from_nothing(pages, TOPICS)


@pytest.mark.parametrize("lost", ["a page's terms", "the term cache"])
def test_a_snapshot_whose_terms_are_gone_is_not_used_nor_called_damaged(
    indexes: Indexes, lost: str
) -> None:
    pages = pages_of(6)
    indexes.files(pages, TOPICS)
    snapshot.LastIndex(indexes.snapshots(), indexes.cache).save(indexes.kept)
    if lost == "the term cache":  # another configuration: its own terms
        indexes.cache = indexes.new_cache("another configuration")
    else:
        with sqlite3.connect(indexes.cache.file) as db:
            db.execute("DELETE FROM entries WHERE rowid = (SELECT min(rowid) FROM entries)")
        db.close()
    cache = indexes.snapshots()
    kept = KeptIndex()
    snapshot.LastIndex(cache, indexes.cache).restore(kept)
    assert kept.pages == {} and cache.rejected == 0


def test_a_damaged_record_is_caught_before_it_is_read(indexes: Indexes) -> None:
    """A record cut short in the file (not through `put`) fails its checksum."""
    indexes.files(pages_of(3), TOPICS)
    indexes.restart()
    cache = indexes.snapshots()
    with sqlite3.connect(cache.file) as db:
        db.execute("UPDATE entries SET record=substr(record, 1, length(record) - 9)")
    db.close()
    kept = KeptIndex()
    snapshot.LastIndex(cache, indexes.cache).restore(kept)
    assert kept.pages == {} and cache.rejected == 1
