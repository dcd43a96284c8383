"""`dangjian serve` keeps what it computed from each page's text for its next build
(`core/memo.py`): looked up by the whole input, kept while builds use it, never outside the
preview."""

from __future__ import annotations

import gc

from dangjian.core import memo
from dangjian.core.memo import Memo, next_build, remembered, results_kept
from dangjian.preview import kept_between_builds, settle_memory


class Counted:
    """A function that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> int:
        self.calls.append(text)
        return len(text)


def test_the_next_build_finds_what_the_last_computed_and_only_for_the_same_input() -> None:
    count = Counted()
    with results_kept():
        assert remembered("length", "正文一", lambda: count("正文一")) == 3
        next_build()
        assert remembered("length", "正文一", lambda: count("正文一")) == 3
        # Equal, not the same object: found by the text itself
        assert remembered("length", "".join(["正文", "一"]), lambda: count("x")) == 3
        assert remembered("length", "正文一。", lambda: count("正文一。")) == 4
        assert remembered("other", "正文一", lambda: count("正文一") + 10) == 13
    assert count.calls == ["正文一", "正文一。", "正文一"]


def test_what_a_build_did_not_use_is_let_go() -> None:
    count = Counted()
    with results_kept():
        remembered("length", "甲", lambda: count("甲"))
        remembered("length", "乙", lambda: count("乙"))
        next_build()
        remembered("length", "甲", lambda: count("甲"))  # 乙 not asked for in this build
        next_build()
        remembered("length", "乙", lambda: count("乙"))
        remembered("length", "甲", lambda: count("甲"))
    assert count.calls == ["甲", "乙", "乙"]


def test_outside_the_preview_every_call_computes() -> None:
    count = Counted()
    for _ in range(2):
        remembered("length", "甲", lambda: count("甲"))
        next_build()
    assert count.calls == ["甲", "甲"]
    assert memo._MEMO is None


def test_keys_beyond_the_limit_are_computed_each_build() -> None:
    kept = Memo(limit=10)
    count = Counted()
    for _ in range(2):
        for text in ("一二三", "四五六"):  # 10 characters a key with its path: one fits
            kept.get("length", ("page.md", text), lambda text=text: count(text))
        kept.next_build()
    assert count.calls == ["一二三", "四五六", "四五六"]


def test_the_preview_keeps_results_and_sets_its_objects_aside_until_it_ends() -> None:
    with kept_between_builds():
        assert memo._MEMO is not None
        settle_memory()
        assert gc.get_freeze_count() > 0
    assert memo._MEMO is None
    assert gc.get_freeze_count() == 0
