"""`dangjian serve` keeps the cache records a build read in memory for its next build
(`core/cache.py`'s `KeptRecords`): found without SQLite, checked again like a row, and the
preview is byte for byte what a build without any cache makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dangjian.core import cache as cache_module
from dangjian.core.cache import CACHE_DIR, KeptRecords, PageCache, records_kept
from dangjian.preview import kept_between_builds, preview_build

from .test_cache import CHANGES, assert_same_tree, warn_in_mkdocs


def stored(folder: Path, valid=lambda value: True) -> tuple[PageCache, str]:
    """A cache holding {"v": 1} under the key it returns."""
    cache = PageCache(folder, "kind", "salt", valid)
    key = cache.key("page")
    cache.put(key, {"v": 1})
    cache.flush()
    return cache, key


def test_a_record_read_in_one_build_is_found_by_the_next_without_sqlite(
    tmp_path: Path, selects: list
) -> None:
    _, key = stored(tmp_path)  # written outside serve
    with records_kept():
        first = PageCache(tmp_path, "kind", "salt", lambda value: True)
        assert first.get(key) == {"v": 1}
        assert selects == ["kind"]
        second = PageCache(tmp_path, "kind", "salt", lambda value: True)  # the next build
        assert second.get(key) == {"v": 1}
        assert selects == ["kind"]
        assert key in second.used  # so the entry is not pruned as unused


def test_outside_serve_every_build_reads_sqlite(tmp_path: Path, selects: list) -> None:
    first, key = stored(tmp_path)
    assert first.get(key) == {"v": 1}
    assert PageCache(tmp_path, "kind", "salt", lambda value: True).get(key) == {"v": 1}
    assert selects == ["kind", "kind"]


def test_a_kept_record_is_checked_again(tmp_path: Path) -> None:
    with records_kept():
        first, key = stored(tmp_path)
        first.get(key)
        strict = PageCache(tmp_path, "kind", "salt", lambda value: False)
        assert strict.get(key) is None
        assert strict.rejected == 1


def test_a_kept_record_is_parsed_and_checked_once(tmp_path: Path, monkeypatch) -> None:
    checked: list[object] = []

    def valid(value: object) -> bool:
        checked.append(value)
        return True

    with records_kept():
        _, key = stored(tmp_path)  # written: kept as its record
        first = PageCache(tmp_path, "kind", "salt", valid)
        value = first.get(key)
        assert value == {"v": 1} and len(checked) == 1
        # The next builds: neither parsed nor checked again, the same value
        monkeypatch.setattr(cache_module.json, "loads", None)
        for _ in range(2):
            assert PageCache(tmp_path, "kind", "salt", valid).get(key) is value
        assert len(checked) == 1


def test_a_kept_value_counts_as_its_record_against_the_limit(tmp_path: Path) -> None:
    with records_kept():
        _, key = stored(tmp_path)
        kept = cache_module._KEPT
        size = kept.chars
        PageCache(tmp_path, "kind", "salt", lambda value: True).get(key)
        assert kept.chars == size > 0  # kept as its value now, counted as before
        kept.keep_only(tmp_path / "kind" / "entries.sqlite", set())
        assert kept.chars == 0


def test_a_written_record_is_kept_and_a_deferred_one_only_once_committed(
    tmp_path: Path, selects: list
) -> None:
    with records_kept():
        plain, key = stored(tmp_path)
        deferred = PageCache(tmp_path, "later", "salt", lambda value: True, deferred=True)
        deferred.put(key, {"v": 2})
        deferred.flush()  # written, but as this build's until it commits
        failed = PageCache(tmp_path, "failed", "salt", lambda value: True, deferred=True)
        failed.put(key, {"v": 3})
        failed.discard()
        nxt = {
            name: PageCache(tmp_path, name, "salt", lambda value: True)
            for name in ("kind", "later", "failed")
        }
        assert nxt["kind"].get(key) == {"v": 1}
        assert selects == []
        assert nxt["later"].get(key) is None  # not committed: not in SQLite, nor kept
        assert nxt["failed"].get(key) is None
        assert selects == ["later", "failed"]
        deferred.commit()
        assert PageCache(tmp_path, "later", "salt", lambda value: True).get(key) == {"v": 2}
        assert selects == ["later", "failed"]


def test_a_rejected_row_is_never_kept(tmp_path: Path, selects: list) -> None:
    _, key = stored(tmp_path)  # written outside serve
    with records_kept():
        strict = PageCache(tmp_path, "kind", "salt", lambda value: False)
        assert strict.get(key) is None
        assert PageCache(tmp_path, "kind", "salt", lambda value: True).get(key) == {"v": 1}
        assert selects == ["kind", "kind"]


def test_kept_records_stay_within_the_limit_and_only_what_a_build_read() -> None:
    kept = KeptRecords(limit=10)
    file = Path("kind/entries.sqlite")
    kept.keep(file, "a", "12345")
    kept.keep(file, "b", "123456")  # would pass the limit
    kept.keep(file, "c", "12345")
    assert (kept.get(file, "a"), kept.get(file, "b"), kept.get(file, "c")) == (
        "12345",
        None,
        "12345",
    )
    assert kept.chars == 10
    kept.keep_only(file, {"c"})
    assert (kept.get(file, "a"), kept.get(file, "c"), kept.chars) == (None, "12345", 5)
    assert kept.get(Path("other/entries.sqlite"), "c") is None


def test_nothing_is_kept_after_serve() -> None:
    with records_kept():
        assert cache_module._KEPT is not None
    assert cache_module._KEPT is None


def test_after_the_first_preview_no_entry_is_read_from_sqlite(site: Path, selects: list) -> None:
    preview = site.parent / "preview" / "site"
    with records_kept():
        preview_build(site / "mkdocs.yml", preview)  # cold: every entry written and kept
        first = site.parent / "first"
        shutil.copytree(preview, first)
        selects.clear()
        preview_build(site / "mkdocs.yml", preview)
    assert selects == []
    assert_same_tree(preview, first)


# The page each change edits, which the preview renders first and shows at once
SHOWN_EARLY = {
    "page text": "study/alpha/a1.html",
    "page title": "study/alpha/a1.html",
    "renamed page": "study/beta/a3.html",
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_previews_with_kept_records_equal_a_preview_without_cache(site: Path, change: str) -> None:
    """As `dangjian serve` builds: records kept, one search index process for all builds,
    which makes again only what changed in the index (`search/incremental.py`), and the
    edited pages rendered first (`core/early.py`)."""
    preview = site.parent / "preview" / "site"
    edited = site.parent / "edited"
    shown: list[tuple[str, bytes, list[str]]] = []

    def show(dest_uri: str, output: bytes) -> None:  # as the server is handed them
        pages = preview.parent.glob(".site-new-*/**/*.html")  # the build's pages written so far
        shown.append((dest_uri, output, sorted(p.name for p in pages if p.name != "404.html")))

    with kept_between_builds() as early:
        preview_build(site / "mkdocs.yml", preview)
        early.publish = show
        preview_build(site / "mkdocs.yml", preview)
        CHANGES[change](site)
        preview_build(site / "mkdocs.yml", preview)
        shutil.copytree(preview, edited)
        preview_build(site / "mkdocs.yml", preview)  # the edited page's entries from memory
    shutil.rmtree(site / CACHE_DIR)
    cold = site.parent / "cold" / "site"
    preview_build(site / "mkdocs.yml", cold)
    assert_same_tree(edited, cold)
    assert_same_tree(preview, cold)
    # The edited page is handed over before any other page is written, as it is written
    expected = SHOWN_EARLY.get(change)
    assert [dest for dest, _, _ in shown] == ([expected] if expected else [])
    for dest, output, written in shown:
        assert written == []
        assert output == (cold / dest).read_bytes()


def test_a_page_that_warned_warns_in_every_preview(site: Path, counts: list) -> None:
    warn_in_mkdocs(site)
    preview = site.parent / "preview" / "site"
    with records_kept():
        for _ in range(3):
            preview_build(site / "mkdocs.yml", preview)
    # Entries of a build that warned are never committed, so never read, so never kept: every
    # page is converted again and warns again
    assert len({converted for converted, _ in counts}) == 1
    assert counts[0][0] > 1
