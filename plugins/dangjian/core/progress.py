"""A progress hook the CLI can listen to while MkDocs renders pages."""

from __future__ import annotations

from collections.abc import Callable

_listener: Callable[[], None] | None = None


def listen(callback: Callable[[], None] | None) -> None:
    global _listener
    _listener = callback


def advance() -> None:
    if _listener is not None:
        _listener()
