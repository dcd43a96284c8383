"""Environment variables set for the duration of one block, then restored as they were.

The build reads a few settings from the environment because MkDocs runs our plugins without
a way to pass them (drafts shown, the cache written by `serve`, `SOURCE_DATE_EPOCH`); a
process that builds several sites (serve, tests) must not keep one build's value.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def environment(name: str, value: str) -> Iterator[None]:
    """Set `name` to `value` inside the block; afterwards it is unset or its old value again."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
