"""The search index built in a second process is the index the build's own process builds,
from pages spooled to disk as they were converted."""

from __future__ import annotations

import array
import base64
import dataclasses
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from dangjian.core.cache import CACHE_DIR, PageCache, config_salt
from dangjian.core.errors import ErrorLog
from dangjian.search import background
from dangjian.search.background import IndexJob
from dangjian.search.index import IndexedPage, PageTerms, build_index
from dangjian.search.sections import Section
from dangjian.search.spool import PageSpool, SpooledPages
from dangjian.search.suggest import SUGGEST_FILE, suggest_script
from dangjian.search.termcache import (
    NAMESPACE,
    SEPARATOR,
    _decode,
    _valid,
    decode_terms,
    encode_terms,
)
from dangjian.search.tokenizer import Tokenizer
from hypothesis import given, settings
from hypothesis import strategies as st

from .test_cache import entries

PAGES = [
    IndexedPage(
        url=f"study/t/p{n}.html",
        title=f"学习材料{n}：三会一课",
        kind="study",
        date=f"2026-0{1 + n % 9}-01",
        sections=[
            Section("", "", f"第{n}篇正文，坚持党的全面领导，921工程与U盘保密。"),
            Section("er", "二、民主集中制", "民主基础上的集中和集中指导下的民主相结合。"),
        ],
        src_uri=f"study/t/p{n}.md",
    )
    for n in range(12)
]


TOPICS = [("三会一课", "study/t/index.html")]


def expected() -> dict[str, str]:
    return expected_of(PAGES)


@pytest.fixture(autouse=True)
def spools() -> Iterator[list[PageSpool]]:
    made: list[PageSpool] = []
    yield made
    for spool in made:
        spool.remove()


def spooled(
    spools: list[PageSpool], pages: list[IndexedPage] = PAGES
) -> tuple[PageSpool, SpooledPages]:
    spool = PageSpool()
    spools.append(spool)
    for page in reversed(pages):  # converted in any order, read in the order of their paths
        spool.add(page)
    return spool, spool.finish()


def job(root: Path, spools: list[PageSpool], pages: list[IndexedPage] = PAGES) -> IndexJob:
    spool, spooled_pages = spooled(spools, pages)
    started = background.index_job()
    started.give(spooled_pages, cache(root), spool.index_folder, TOPICS)
    return started


def written(job: IndexJob, log: ErrorLog, root: Path) -> dict[str, str]:
    folder = job.result(log, str(root))
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


def cache(root: Path) -> PageCache:
    return PageCache(root / CACHE_DIR, NAMESPACE, config_salt(None), _valid, decode=_decode)


def test_second_process_gives_the_same_index_and_fills_the_cache(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    log = ErrorLog()
    assert written(job(tmp_path, spools), log, tmp_path) == expected()
    assert log.warnings == []
    assert len(entries(tmp_path, NAMESPACE)) == len(PAGES)
    # Warm: every page's terms come from the cache, same bytes out
    assert written(job(tmp_path, spools), ErrorLog(), tmp_path) == expected()


def test_without_a_second_process_the_index_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spools: list[PageSpool]
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(background.multiprocessing, "get_context", refuse)
    here = job(tmp_path, spools)
    assert here.process is None
    assert written(here, ErrorLog(), tmp_path) == expected()


def test_a_second_process_that_dies_is_replaced_by_the_build_process(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    died = job(tmp_path, spools)
    assert died.process is not None
    died.process.kill()
    assert written(died, ErrorLog(), tmp_path) == expected()


def test_an_error_in_the_second_process_is_raised_in_the_build(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    spool, pages = spooled(spools)
    (tmp_path / "missing").write_text("a file where the index folder should be")
    failing = IndexJob()
    failing.give(pages, cache(tmp_path), str(tmp_path / "missing" / "x"), TOPICS)
    with pytest.raises(OSError):
        failing.result(ErrorLog(), str(tmp_path))


def test_the_build_process_keeps_no_thread_for_the_index(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    before = threading.active_count()
    started = job(tmp_path, spools)
    assert threading.active_count() == before  # so the template helper may fork meanwhile
    assert written(started, ErrorLog(), tmp_path) == expected()


def test_an_index_process_never_given_pages_ends_with_the_build() -> None:
    """Started with the build, it waits for the pages: a build that fails before they are
    converted ends it (on_build_error), and one whose process is gone ends it by closing."""
    waiting = IndexJob()
    process = waiting.process
    assert process is not None and process.is_alive()
    waiting.cancel()
    assert waiting.process is None and waiting.connection is None
    with pytest.raises(ValueError):  # closed: ended and waited for, nothing left running
        process.is_alive()
    # The build's end of the pipe closed without a word: the process returns by itself
    left = IndexJob()
    assert left.connection is not None and left.process is not None
    left.connection.close()
    left.process.join(30)
    assert left.process.exitcode == 0
    left.cancel()


def test_the_spool_keeps_only_light_pages_in_memory(spools: list[PageSpool]) -> None:
    spool, pages = spooled(spools)
    assert all(page.sections == [] for page in spool.pages.values())
    assert list(pages.pages) == sorted(p.src_uri for p in PAGES)
    # Read back from disk: the same pages, in the order of their source paths
    assert list(pages.full()) == sorted(PAGES, key=lambda p: p.src_uri)
    assert [pages.load(p) for p in pages.light()] == sorted(PAGES, key=lambda p: p.src_uri)
    pages.close()


def stored(terms: list[str], numbers: list[int], length: int = 1) -> dict[str, object]:
    """An entry as `encode_terms` writes it, whatever the terms and numbers."""
    packed = array.array("I", numbers)
    if sys.byteorder == "big":
        packed.byteswap()
    encoded = base64.b64encode(packed.tobytes()).decode("ascii")
    return {"t": SEPARATOR.join(terms), "n": encoded, "l": length}


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (stored(["党章", "党"], [3 * 4 + 2, 4], 5), True),
        (stored([], [], 0), True),
        (stored(["党章"], [0]), False),  # in the page no time
        (stored(["党章"], [3]), False),
        (stored(["党章"], [4 + 3]), False),  # no such field
        (stored(["党章", "党章"], [4, 4]), False),  # a term twice
        (stored(["党章", ""], [4, 4]), False),  # an empty term
        (stored(["党章", "党"], [4]), False),
        (stored(["党章"], [4, 4]), False),
        ({**stored(["党章"], [4]), "n": "!!!!"}, False),  # not base64
        ({**stored(["党章"], [4]), "n": base64.b64encode(b"abc").decode()}, False),  # 3 bytes
        ({**stored(["党章"], [4]), "t": ["党章"]}, False),  # the format before
        ({"t": ["党章"], "n": [4], "l": 1}, False),
        ({**stored(["党章"], [4]), "n": [4]}, False),
        ({**stored(["党章"], [4]), "l": "1"}, False),
        ({**stored(["党章"], [4]), "l": -1}, False),
        ({**stored(["党章"], [4]), "l": True}, False),
        ({**stored(["党章"], [4]), "f": {}}, False),
        ({"c": {"党章": 1}, "f": {}, "l": 1}, False),  # the format before that
        (["t"], False),
        ({"l": 7}, False),  # the body length alone, as the index once kept it
    ],
)
def test_stored_terms_are_checked_before_use(value: object, valid: bool) -> None:
    found = decode_terms(value)
    assert (found is not None) is valid
    if found is not None:
        assert encode_terms(found) == value


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=6).filter(lambda t: SEPARATOR not in t),
        st.tuples(st.integers(1, (1 << 30) - 1), st.integers(0, 2)),
        max_size=50,
    ),
    st.integers(0, 10_000),
)
def test_terms_come_back_as_they_were_stored(
    counts: dict[str, tuple[int, int]], length: int
) -> None:
    found = PageTerms(list(counts), [tf << 2 | flag for tf, flag in counts.values()], length)
    encoded = encode_terms(found)
    assert encoded is not None
    back = decode_terms(json.loads(json.dumps(encoded, ensure_ascii=False)))
    assert back is not None
    assert (back.terms, list(back.tf_flags), back.length) == (found.terms, found.tf_flags, length)


def test_terms_that_do_not_fit_are_not_stored() -> None:
    assert encode_terms(PageTerms([f"党{SEPARATOR}章"], [4], 1)) is None
    assert encode_terms(PageTerms(["党章"], [1 << 32], 1)) is None


# -- `dangjian serve`: one index process for all builds, keeping the last index -----------------

EDITED = [dataclasses.replace(PAGES[0], title="修订后的标题"), *PAGES[1:]]


def test_the_builds_of_serve_share_one_index_process(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    with background.kept_index():
        first = job(tmp_path, spools, EDITED)
        assert isinstance(first, background.KeptIndexJob)
        worker = first.process
        assert worker is not None
        written(first, ErrorLog(), tmp_path)
        second = job(tmp_path, spools)
        assert second.process is worker and worker.is_alive()
        assert written(second, ErrorLog(), tmp_path) == expected()
    with pytest.raises(ValueError):  # serve ended: the process was ended and waited for
        worker.is_alive()
    assert isinstance(background.index_job(), IndexJob)


def test_a_build_that_failed_before_collecting_its_index_never_blocks_the_next(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    """The worker's answer for a failed build (here 10,000 pages' term keys, 640 KB, more than
    the pipe holds) would block it while the next build sends its pages: a hang."""
    many = [
        IndexedPage(
            f"p{n}.html", f"第{n}页", "study", "", [Section("", "", f"正文{n}")], f"p{n}.md"
        )
        for n in range(10_000)
    ]
    with background.kept_index():
        failed = job(tmp_path, spools, many)  # the build failed after its pages were given
        failed.cancel()
        done = threading.Event()
        result: dict[str, str] = {}

        def next_build() -> None:
            result.update(written(job(tmp_path, spools, many), ErrorLog(), tmp_path))
            done.set()

        threading.Thread(target=next_build, daemon=True).start()
        assert done.wait(120), "the next build's index never came"
        assert result == expected_of(many)


def test_an_index_process_of_serve_that_died_is_replaced(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    with background.kept_index():
        died = job(tmp_path, spools, EDITED)
        assert died.process is not None
        died.process.kill()
        # This build makes its index itself; the next starts a new process
        assert written(died, ErrorLog(), tmp_path) == expected_of(EDITED)
        again = job(tmp_path, spools)
        assert again.process is not None and again.process.is_alive()
        assert written(again, ErrorLog(), tmp_path) == expected()


def test_an_error_in_the_index_process_of_serve_is_raised_and_it_goes_on(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    (tmp_path / "missing").write_text("a file where the index folder should be")
    with background.kept_index():
        spool, pages = spooled(spools, EDITED)
        failing = background.index_job()
        worker = failing.process
        failing.give(pages, cache(tmp_path), str(tmp_path / "missing" / "x"), TOPICS)
        with pytest.raises(OSError):
            failing.result(ErrorLog(), str(tmp_path))
        after = job(tmp_path, spools)
        assert after.process is worker  # answered: the worker stays, with its last index
        assert written(after, ErrorLog(), tmp_path) == expected()


def test_serve_keeps_no_thread_for_its_index_process(
    tmp_path: Path, spools: list[PageSpool]
) -> None:
    before = threading.active_count()
    with background.kept_index():
        started = job(tmp_path, spools)
        assert threading.active_count() == before
        assert written(started, ErrorLog(), tmp_path) == expected()


def expected_of(pages: list[IndexedPage]) -> dict[str, str]:
    files = build_index(pages, Tokenizer())
    files[SUGGEST_FILE] = suggest_script(pages, TOPICS)
    return files


def test_a_worker_that_could_not_start_is_ended_without_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(process: object) -> None:
        raise OSError("too many processes")

    monkeypatch.setattr(background.multiprocessing.context.SpawnProcess, "start", refuse)
    worker = background.IndexWorker()
    assert worker.running() == (None, None)  # each build then makes its index at its end
    unstarted = IndexJob()
    assert unstarted.process is None and unstarted.connection is None
