"""The build cache never changes a byte: after every kind of change a warm build (with the
previous build's cache) gives exactly the output of a cold build (without any cache)."""

from __future__ import annotations

import filecmp
import hashlib
import json
import pickle
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import dangjian
import pytest
from dangjian.core import cache as cache_module
from dangjian.core.cache import _DIGESTS, CACHE_DIR, FORMAT, STORE, PageCache, text_digest
from dangjian.core.errors import ErrorLog
from dangjian.core.messages import msg
from dangjian.search.index import PageTerms
from dangjian.search.termcache import SEPARATOR, encode_terms
from dangjian.site import BuildResult, build_site


def build(site: Path, name: str) -> tuple[Path, BuildResult]:
    out = site / "build" / name
    return out, build_site(site / "mkdocs.yml", out)


def cold(site: Path, name: str = "cold") -> Path:
    """Build without any cache, leaving none behind (so the next build is cold too)."""
    cache = site / "build" / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    out, _ = build(site, name)
    shutil.rmtree(cache, ignore_errors=True)
    return out


def assert_same_tree(warm: Path, cold_out: Path) -> None:
    def differences(compare: filecmp.dircmp) -> list[str]:
        found = compare.left_only + compare.right_only + compare.funny_files
        _, mismatch, errors = filecmp.cmpfiles(
            compare.left, compare.right, compare.common_files, shallow=False
        )
        found += mismatch + errors
        for sub in compare.subdirs.values():
            found += differences(sub)
        return found

    assert differences(filecmp.dircmp(warm, cold_out)) == []


def assert_rejected(site: Path, namespace: str, damaged: int) -> None:
    """The next build warns once of the `damaged` entries of `namespace` and builds what a
    cold build does."""
    assert damaged
    warm, result = build(site, "warm")
    expected = msg("cache_rejected", path=f"{CACHE_DIR}/{namespace}", count=damaged)
    assert [w.message for w in result.warnings] == [expected]
    assert_same_tree(warm, cold(site))


def store(site: Path, namespace: str) -> Path:
    return site / CACHE_DIR / namespace / STORE


def rows(site: Path, namespace: str) -> dict[str, tuple[int, str]]:
    """Committed entries: key -> (row id, stored record). A rewritten entry gets a new row id."""
    if not store(site, namespace).is_file():
        return {}
    with sqlite3.connect(store(site, namespace)) as db:
        found = db.execute("SELECT key, rowid, record FROM entries WHERE owner=0").fetchall()
    db.close()
    return {key: (rowid, record) for key, rowid, record in found}


def entries(site: Path, namespace: str) -> list[str]:
    return sorted(rows(site, namespace))


def rewrite(site: Path, namespace: str, change: Callable[[str], str]) -> int:
    """Replace each committed record by `change(record)`, keeping its key; how many changed."""
    changed = 0
    with sqlite3.connect(store(site, namespace)) as db:
        for key, (_, record) in rows(site, namespace).items():
            if (new := change(record)) != record:
                db.execute("UPDATE entries SET record=? WHERE key=? AND owner=0", (new, key))
                changed += 1
    db.close()
    return changed


def set_record(site: Path, namespace: str, key: str, record: str) -> None:
    """Store `record` as the committed entry of `key`, as a damaged or poisoned cache would."""
    with sqlite3.connect(store(site, namespace)) as db:
        db.execute("UPDATE entries SET record=? WHERE key=? AND owner=0", (record, key))
    db.close()


def edit(site: Path, path: str, change: Callable[[str], str]) -> None:
    file = site / path
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


def warn_in_mkdocs(site: Path) -> None:
    """A link to a missing page that only MkDocs reports, as a warning: neither strict nor
    dangjian's own link check, so the build goes on."""
    edit(site, "mkdocs.yml", lambda t: t.replace("strict: true", "strict: false"))
    edit(
        site,
        "mkdocs.yml",
        lambda t: t.replace(
            "  - dangjian-content\n", "  - dangjian-content:\n      check_links: false\n"
        ),
    )
    edit(site, "content/about.md", lambda t: t + "\n[缺失](missing.md)\n")


def rename(site: Path, old: str, new: str) -> None:
    (site / old).rename(site / new)


CHANGES: dict[str, Callable[[Path], None]] = {
    "page text": lambda s: edit(
        s, "content/study/alpha/a1.md", lambda t: t + "\n新增一段关于遵义会议的学习体会。\n"
    ),
    "page title": lambda s: edit(
        s, "content/study/alpha/a1.md", lambda t: t.replace("甲一：党章总纲", "甲一：党章总纲修订")
    ),
    "renamed page": lambda s: rename(s, "content/study/alpha/a3.md", "content/study/beta/a3.md"),
    "deleted page": lambda s: (s / "content/study/beta/b1.md").unlink(),
    "topic file": lambda s: edit(
        s, "content/study/alpha/_topic.yml", lambda t: t.replace("第一专题", "党章专题")
    ),
    "question bank": lambda s: edit(
        s, "content/quizzes/demo.yml", lambda t: t.replace("十一章", "十一个章节")
    ),
    "mkdocs.yml": lambda s: edit(
        s, "mkdocs.yml", lambda t: t.replace("测试支部学习站", "测试支部学习园地")
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_warm_build_after_a_change_equals_cold_build(site: Path, change: str) -> None:
    build(site, "first")  # fills the cache
    assert entries(site, "search-terms") and entries(site, "related-terms")
    CHANGES[change](site)
    warm, result = build(site, "warm")
    assert result.warnings == []
    assert_same_tree(warm, cold(site))


def test_unchanged_pages_are_read_from_the_cache(site: Path) -> None:
    build(site, "first")
    before = rows(site, "search-terms")
    CHANGES["page text"](site)
    build(site, "warm")
    after = rows(site, "search-terms")
    kept = {key for key in before if after.get(key) == before[key]}
    # One page changed (its old entry is pruned and a new one written); all others were reused
    assert len(kept) == len(before) - 1
    assert len(after) == len(before)


def without_index(site: Path) -> None:
    """Remove the stored index, so that the next build reads every page's search terms (with
    it, only those of changed pages: `search/snapshot.py`)."""
    store(site, "search-index").unlink()


def poison(site: Path) -> None:
    """Rewrite every entry with a valid shape but wrong content, keeping its key."""

    def fake(value: object) -> Callable[[str], str]:
        return lambda text: json.dumps({**json.loads(text), "value": value}, ensure_ascii=False)

    rewrite(site, "search-terms", fake(encode_terms(PageTerms(["伪造"], [9 * 4], 1))))
    rewrite(site, "related-terms", fake(["伪造"]))


def test_poisoned_entries_change_the_output_so_the_tests_above_can_fail(site: Path) -> None:
    build(site, "first")
    poison(site)
    without_index(site)
    warm, _ = build(site, "warm")
    search = "assets/dangjian/search/manifest.js"
    assert (warm / search).read_bytes() != (cold(site) / search).read_bytes()


@pytest.mark.parametrize("change", ["new version", "mkdocs.yml"])
def test_entries_of_another_version_or_configuration_are_never_used(
    site: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site, "first")
    poison(site)  # were these entries used, the output would differ from a cold build
    if change == "new version":
        monkeypatch.setattr(dangjian, "__version__", dangjian.__version__ + ".post1")
    else:
        CHANGES["mkdocs.yml"](site)
    warm, result = build(site, "warm")
    assert result.warnings == []
    assert_same_tree(warm, cold(site))


def test_a_small_file_is_read_in_one_query_and_a_big_one_row_by_row(
    tmp_path: Path, selects: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = PageCache(tmp_path, "page-checks", "盐", _anything)
    keys = [writer.key(str(n)) for n in range(50)]
    for n, key in enumerate(keys):
        writer.put(key, {"n": n})
    writer.close()
    selects.clear()
    reader = PageCache(tmp_path, "page-checks", "盐", _anything)
    assert [reader.get(key) for key in keys] == [{"n": n} for n in range(50)]
    assert reader.get(reader.key("absent")) is None
    assert selects == ["page-checks"]
    # What the build writes is found again without a query; a deferred entry is not found
    # before it is committed, as a row would not be
    reader.put(reader.key("new"), {"n": -1})
    assert reader.get(reader.key("new")) == {"n": -1}
    later = PageCache(tmp_path, "page-html", "盐", _anything, deferred=True)
    later.put("k", {"n": 1})
    later.flush()
    assert later.get("k") is None
    assert selects == ["page-checks", "page-html"]
    # Another process (the search index) gets a copy without the rows: it reads its own
    reader.flush()
    copy = pickle.loads(pickle.dumps(reader))
    assert copy._rows is None and copy.get(keys[7]) == {"n": 7}
    for cache in (reader, later, copy):
        cache.close()
    monkeypatch.setattr(cache_module, "READ_WHOLE_BYTES", 0)
    selects.clear()
    big = PageCache(tmp_path, "page-checks", "盐", _anything)
    assert [big.get(key) for key in keys[:3]] == [{"n": n} for n in range(3)]
    assert selects == ["page-checks"] * 3
    big.close()


def _anything(value: object) -> bool:
    return True


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: "\x00\xff not json",
        lambda text: json.dumps({"format": "other-tool/3", "value": {}}),  # foreign
        # The right shape, but fails the check: one term more than numbers
        lambda text: text.replace('"t":"', f'"t":"坏{SEPARATOR}', 1),
    ],
    ids=["truncated", "garbage", "foreign", "invalid value"],
)
def test_damaged_or_foreign_cache_is_ignored_with_a_warning(
    site: Path, damage: Callable[[str], str]
) -> None:
    build(site, "first")
    without_index(site)
    assert_rejected(site, "search-terms", rewrite(site, "search-terms", damage))
    # The damaged entries were replaced: the next build has nothing to warn about
    _, result = build(site, "again")
    assert result.warnings == []


def test_damage_found_only_when_unused_entries_are_removed_is_reported(tmp_path: Path) -> None:
    """A build that neither read nor wrote a cache file opens it first to remove the entries
    it did not use: damage found then is reported by that build, not passed over."""
    writer = PageCache(tmp_path, "page-checks", "盐", _anything)
    writer.put(writer.key("甲"), {"n": 1})
    writer.close()
    writer.file.write_bytes(b"\x00\xff not a database" * 100)
    log = ErrorLog()
    PageCache(tmp_path, "page-checks", "盐", _anything).finish(log, str(tmp_path))
    assert [w.message for w in log.warnings] == [msg("cache_damaged", path="page-checks")]
    again = ErrorLog()
    PageCache(tmp_path, "page-checks", "盐", _anything).finish(again, str(tmp_path))
    assert again.warnings == []  # started afresh


def test_entry_copied_under_another_name_is_not_trusted(site: Path) -> None:
    build(site, "first")
    first = next(iter(rows(site, "search-terms").values()))[1]
    rewrite(site, "search-terms", lambda _: first)  # right format, but naming another key
    without_index(site)
    warm, result = build(site, "warm")
    assert len(result.warnings) == 1
    assert_same_tree(warm, cold(site))


def test_unwritable_cache_warns_and_builds_the_same_site(site: Path) -> None:
    blocker = site / CACHE_DIR
    blocker.parent.mkdir(parents=True)
    blocker.write_text("不是目录", encoding="utf-8")  # the cache folder cannot be created
    out, result = build(site, "blocked")
    messages = sorted(w.message for w in result.warnings)
    namespaces = [
        "page-body",
        "page-checks",
        "page-html",
        "related-terms",
        "search-index",
        "search-terms",
    ]
    assert len(messages) == len(namespaces)
    for message, namespace in zip(messages, namespaces, strict=True):
        assert message.startswith(f"无法写入构建缓存 build/.cache/pages/{namespace}：")
    blocker.unlink()
    assert_same_tree(out, cold(site))


def test_builds_outside_the_project_read_the_cache_but_never_write_it(site: Path) -> None:
    # dangjian check and serve build into a temporary folder
    out = site.parent / "elsewhere"
    build_site(site / "mkdocs.yml", out)
    assert not (site / "build").exists()
    build(site, "first")
    before = rows(site, "search-terms")
    CHANGES["page text"](site)
    build_site(site / "mkdocs.yml", out)
    assert rows(site, "search-terms") == before


def foreign_database(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:  # a SQLite file of another program, with our table name
        db.execute("CREATE TABLE entries (key TEXT, owner INTEGER, record TEXT)")
        db.execute("INSERT INTO entries VALUES ('k', 0, '{}')")
    db.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        lambda path: path.write_bytes(b"\x00\xff not a database" * 100),
        foreign_database,
    ],
    ids=["truncated", "garbage", "foreign"],
)
@pytest.mark.parametrize(
    ("namespace", "stored_index"),
    [("search-terms", False), ("search-terms", True), ("page-html", True), ("page-checks", True)],
    ids=["search-terms", "search-terms-with-stored-index", "page-html", "page-checks"],
)
def test_damaged_or_foreign_cache_file_is_replaced_with_one_warning(
    site: Path, damage: Callable[[Path], None], namespace: str, stored_index: bool
) -> None:
    build(site, "first")
    damage(store(site, namespace))
    if not stored_index:
        without_index(site)  # with it, the terms of unchanged pages are read only by its restore
    warm, result = build(site, "warm")
    expected = msg("cache_damaged", path=f"{CACHE_DIR}/{namespace}")
    assert [w.message for w in result.warnings] == [expected]
    assert_same_tree(warm, cold(site))
    # The file was started afresh: the next build has nothing to warn about, and uses it
    _, result = build(site, "again")
    assert result.warnings == []
    assert entries(site, namespace)


def test_two_builds_at_once_share_the_cache_safely(site: Path) -> None:
    build(site, "first")
    CHANGES["page text"](site)  # both builds render the edited page and write its entries
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "dangjian.cli", "build", "-f", "mkdocs.yml", "-d", out],
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for out in ("build/one", "build/two")
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not any("警告" in output for output in outputs), outputs
    expected = cold(site, "cold")
    build(site, "first")  # entries one build wrote may have been pruned by the other
    warm, result = build(site, "warm")
    assert result.warnings == []
    for out in ("one", "two", "warm"):
        assert_same_tree(site / "build" / out, expected)


@pytest.mark.parametrize("text", [True, False])
def test_text_and_json_records_read_back_what_was_stored(tmp_path: Path, text: bool) -> None:
    cache = PageCache(tmp_path, "page-html", "盐", lambda value: isinstance(value, str), text=text)
    values = {"a": "<p>一\n二</p>\n", "b": "", "c": '"\\u2028\u2028\\'}
    for key, value in values.items():
        cache.put(key, value)
    cache.flush()
    assert {key: cache.get(key) for key in values} == values
    assert cache.rejected == 0
    cache.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: record[:-1],  # cut short by one character
        lambda record: record.replace("页面", "页西", 1),  # changed inside
        lambda record: record.replace("\n", " ", 1),  # one line
        lambda record: json.dumps({"format": FORMAT, "key": "k", "value": "<p>页面</p>"}),
        lambda record: "不是 JSON\n<p>页面</p>",
    ],
    ids=["cut", "changed", "one line", "json record", "no header"],
)
def test_a_damaged_text_record_is_not_trusted(tmp_path: Path, damage) -> None:
    cache = PageCache(tmp_path, "page-html", "盐", lambda value: isinstance(value, str), text=True)
    cache.put("k", "<p>页面</p>\n<p>第二段</p>")
    cache.flush()
    with sqlite3.connect(cache.file) as db:
        (record,) = db.execute("SELECT record FROM entries WHERE key='k'").fetchone()
        db.execute("UPDATE entries SET record=? WHERE key='k'", (damage(record),))
    db.close()
    assert cache.get("k") is None and cache.rejected == 1
    cache.close()


def test_keys_tell_apart_parts_split_differently_and_long_texts(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "page-checks", "盐", lambda value: True)
    long_text = "党章" * 600  # hashed on its own, its digest remembered
    keys = [
        cache.key("a\0b"),
        cache.key("a", "b"),
        cache.key("ab"),
        cache.key(long_text),
        cache.key(long_text + "。"),
        cache.key(long_text, ""),
        cache.key("", long_text),
    ]
    assert len(set(keys)) == len(keys)
    # The same text gives the same key, remembered or not, and whatever object holds it
    assert cache.key("".join(["党章"] * 600)) == keys[3]
    for n in range(40):  # more texts than are remembered
        cache.key(long_text + str(n))
    assert cache.key(long_text) == keys[3]


def test_only_texts_of_a_pages_size_are_remembered() -> None:
    # A topic's print page grows with the site: remembering it would keep it alive
    _DIGESTS.clear()
    print_page = "党章" * 100_000
    assert text_digest(print_page) == hashlib.sha256(print_page.encode()).digest()
    assert not _DIGESTS
    for n in range(100):
        text_digest(f"第{n}页" * 1000)
    assert 0 < len(_DIGESTS) <= 16


def test_a_cache_that_decodes_returns_what_it_made_and_rejects_what_it_cannot(
    tmp_path: Path,
) -> None:
    cache = PageCache(
        tmp_path, "search-terms", "盐", lambda value: isinstance(value, str), decode=_number
    )
    cache.put("good", "42")
    cache.put("bad", "四十二")  # the right shape, but it does not decode
    cache.flush()
    assert cache.get("good") == 42 and cache.rejected == 0
    assert cache.get("bad") is None and cache.rejected == 1
    cache.close()


def _number(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None
