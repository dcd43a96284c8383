"""The search index kept in the build cache (`search/snapshot.py`): the next `dangjian build`
reads it back and makes what a cold build makes; one damaged or of another kind is not used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dangjian.core.cache import text_record
from dangjian.search.index import SEARCH_DIR
from dangjian.search.snapshot import NAMESPACE
from dangjian.search.suggest import SUGGEST_FILE

from .test_cache import CHANGES, assert_rejected, assert_same_tree, build, cold, rewrite, rows
from .test_pagecache import key_of


def suggested(site: Path) -> str:
    return (site / SEARCH_DIR / SUGGEST_FILE).read_text(encoding="utf-8")


def poison(site: Path, words: str) -> None:
    """The stored index's `suggest.js` offers `words`; the record is otherwise whole."""

    def change(record: str) -> str:
        data = json.loads(record.partition("\n")[2])
        inputs, text = data["suggest"]
        data["suggest"] = [inputs, text.replace('"titles":[', f'"titles":[["{words}","x.html"],')]
        return text_record(key_of(record), json.dumps(data, ensure_ascii=False))

    assert rewrite(site, NAMESPACE, change) == 1


@pytest.mark.parametrize("change", ["page text", "page title", "deleted page", "mkdocs.yml"])
def test_a_rebuild_from_the_stored_index_equals_a_cold_build(site: Path, change: str) -> None:
    build(site, "first")
    [(row, _)] = rows(site, NAMESPACE).values()
    CHANGES[change](site)
    warm, result = build(site, "warm")
    assert result.warnings == []
    [(again, _)] = rows(site, NAMESPACE).values()  # this build's index, for the next
    assert again != row
    assert_same_tree(warm, cold(site))


def test_the_stored_index_is_what_the_next_build_starts_from(site: Path) -> None:
    """So the tests above can fail: what it holds reaches the site when nothing changed."""
    build(site, "first")
    poison(site, "伪造的标题")
    warm, _ = build(site, "warm")
    assert "伪造的标题" in suggested(warm)
    assert "伪造的标题" not in suggested(cold(site))


def test_an_unchanged_site_does_not_write_its_index_again(site: Path) -> None:
    build(site, "first")
    before = rows(site, NAMESPACE)
    build(site, "warm")
    assert rows(site, NAMESPACE) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: record[: len(record) // 2],
        lambda record: text_record(key_of(record), '{"pages": []}'),
        lambda record: text_record(key_of(record), record.partition("\n")[2].replace("[", "{", 1)),
    ],
    ids=["cut short", "does not add up", "not JSON"],
)
def test_a_damaged_stored_index_is_ignored_with_a_warning(site: Path, damage) -> None:
    build(site, "first")
    assert_rejected(site, NAMESPACE, rewrite(site, NAMESPACE, damage))
