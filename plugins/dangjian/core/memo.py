"""Results of pure functions kept from one preview build to the next, by their whole input.

`dangjian serve` builds the same site again and again in one process, and after an edit all
but a page or two read as before. What is computed from a page's text alone (its parsed front
matter, its reading time) is then looked up by that text instead of computed again. The keys
are the inputs themselves, not digests of them: a dict compares a text found under the same
hash with the text asked for, so a hit is always the value of exactly that input.

Only inside `results_kept` (the preview); elsewhere `remembered` computes every time. Each
build keeps what it used (`next_build`): what the last build used and this one did not is let
go, so memory stays that of about one build's inputs and results, and at most `limit`
characters of keys (a site too big for that computes the rest each build). The values are
shared between builds: callers read them and never change them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar

T = TypeVar("T")


def _chars(key: Hashable) -> int:
    """The characters of the texts in `key`, a text or a tuple holding texts."""
    parts = key if isinstance(key, tuple) else (key,)
    return sum(len(part) for part in parts if isinstance(part, str))


class Memo:
    """This build's and the last build's results, each by function name and input."""

    def __init__(self, limit: int = 32 << 20) -> None:
        self.current: dict[tuple[str, Hashable], object] = {}
        self.last: dict[tuple[str, Hashable], object] = {}
        self.limit = limit
        self.chars = 0  # of the keys of `current`

    def get(self, name: str, key: Hashable, compute: Callable[[], T]) -> T:
        entry = (name, key)
        if entry in self.current:
            return self.current[entry]  # type: ignore[return-value]
        value = self.last.pop(entry) if entry in self.last else compute()
        chars = _chars(key)
        if self.chars + chars <= self.limit:
            self.current[entry] = value
            self.chars += chars
        return value  # type: ignore[return-value]

    def next_build(self) -> None:
        """A build has ended: what it used is kept for the next, the rest let go."""
        self.last, self.current, self.chars = self.current, {}, 0


_MEMO: Memo | None = None


def remembered(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or in the preview what it gave in this or the last build for `key`."""
    memo = _MEMO
    return compute() if memo is None else memo.get(name, key, compute)


def memo_active() -> bool:
    return _MEMO is not None


def next_build() -> None:
    if _MEMO is not None:
        _MEMO.next_build()


@contextlib.contextmanager
def results_kept() -> Iterator[Memo]:
    """Builds in this block keep their results for the next (`dangjian serve`)."""
    global _MEMO
    _MEMO = Memo()
    try:
        yield _MEMO
    finally:
        _MEMO = None
