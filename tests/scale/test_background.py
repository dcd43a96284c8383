"""The search index built in a second process is the index the build's own process builds."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from dangjian.core.cache import CACHE_DIR, PageCache, config_salt
from dangjian.core.errors import ErrorLog
from dangjian.search import background
from dangjian.search.background import IndexJob
from dangjian.search.index import IndexedPage, build_index
from dangjian.search.sections import Section
from dangjian.search.termcache import NAMESPACE, _valid
from dangjian.search.tokenizer import Tokenizer

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


def expected() -> dict[str, str]:
    return build_index(PAGES, Tokenizer())


def cache(root: Path) -> PageCache:
    return PageCache(root / CACHE_DIR, NAMESPACE, config_salt(None), _valid)


def test_second_process_gives_the_same_index_and_fills_the_cache(tmp_path: Path) -> None:
    log = ErrorLog()
    assert IndexJob(PAGES, cache(tmp_path)).result(log, str(tmp_path)) == expected()
    assert log.warnings == []
    assert len(entries(tmp_path, NAMESPACE)) == len(PAGES)
    # Warm: every page's terms come from the cache, same bytes out
    assert IndexJob(PAGES, cache(tmp_path)).result(ErrorLog(), str(tmp_path)) == expected()


def test_without_a_second_process_the_index_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(background, "ProcessPoolExecutor", refuse)
    job = IndexJob(PAGES, cache(tmp_path))
    assert job.future is None
    assert job.result(ErrorLog(), str(tmp_path)) == expected()


def test_a_second_process_that_dies_is_replaced_by_the_build_process(tmp_path: Path) -> None:
    job = IndexJob(PAGES, cache(tmp_path))

    class Died:
        def result(self) -> None:
            raise BrokenProcessPool("killed")

    job.future = Died()  # type: ignore[assignment]
    assert job.result(ErrorLog(), str(tmp_path)) == expected()
