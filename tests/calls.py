"""Recording the calls a test lets through to a patched function."""

from __future__ import annotations

import pytest


def record_calls(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, argument: int = 0
) -> list:
    """Patch `owner.name` to note its positional `argument` on each call, then run as before."""
    seen: list = []
    original = getattr(owner, name)

    def recording(*args, **kwargs):
        seen.append(args[argument])
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return seen
