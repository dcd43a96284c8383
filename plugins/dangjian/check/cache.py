"""Findings of per-page checks kept in the build cache, so a rebuild checks only what changed.

A check whose findings depend only on its inputs (a page's text, its path, the site's rule set)
is run once per distinct input: its findings are stored in `build/.cache/pages/page-checks/`
under a hash of the check's name, every input and the build's salt (dangjian's code,
mkdocs.yml, the loaded configuration: `core/pagecache.site_salt`). The findings are stored
before the site's rule settings and silencing comments apply (the error log applies them to
cached and fresh findings alike), so a warm build reports exactly what a cold build reports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from ..core.errors import ContentError, ErrorLog

NAMESPACE = "page-checks"
# The fields of a finding, in the order a stored finding lists them
FIELDS = tuple(f.name for f in dataclasses.fields(ContentError))
_TYPES = {
    "path": (str,),
    "line": (int, type(None)),
    "column": (int, type(None)),
    "key": (str, type(None)),
    "message": (str,),
    "level": (str,),
    "rule": (str, type(None)),
    "suggestion": (str, type(None)),
}


def to_plain(findings: list[ContentError]) -> list[list[object]]:
    return [list(dataclasses.astuple(found)) for found in findings]


def from_plain(value: list[list[object]]) -> list[ContentError]:
    return [ContentError(*fields) for fields in value]  # type: ignore[arg-type]


def valid_findings(value: object) -> bool:
    """Whether `value` is a list of findings as `to_plain` writes them."""
    return isinstance(value, list) and all(
        isinstance(found, list)
        and len(found) == len(FIELDS)
        and all(type(item) in _TYPES[name] for name, item in zip(FIELDS, found, strict=True))
        and found[FIELDS.index("level")] in ("error", "warning")
        for found in value
    )


def _valid_anchor(value: object) -> bool:
    return isinstance(value, list) and [type(item) for item in value] == [str, str, str, int]


def _valid(value: object) -> bool:
    """A stored result: its findings, and for the link check the anchors left to check."""
    return (
        isinstance(value, dict)
        and valid_findings(value.get("findings"))
        and all(_valid_anchor(anchor) for anchor in value.get("anchors", []))
        and isinstance(value.get("active", False), bool)
    )


class CheckCache:
    """This build's stored findings: `findings` runs a check only for an input not seen before."""

    def __init__(self, config: MkDocsConfig, salt: str) -> None:
        self.cache = PageCache.for_build(config, NAMESPACE, _valid, salt=salt)

    def get(self, check: str, *inputs: str) -> tuple[str, dict[str, object] | None]:
        """The key for `check` on `inputs`, and its stored result (None when unknown)."""
        key = self.cache.key(check, *inputs)
        return key, self.cache.get(key)  # type: ignore[return-value]

    def put(self, key: str, findings: list[ContentError], **extra: object) -> None:
        self.cache.put(key, {"findings": to_plain(findings), **extra})

    def findings(
        self, check: str, inputs: tuple[str, ...], run: Callable[[], list[ContentError]]
    ) -> list[ContentError]:
        """`run()`, or what it gave in an earlier build for the same `inputs`."""
        key, stored = self.get(check, *inputs)
        if stored is not None:
            return from_plain(stored["findings"])  # type: ignore[arg-type]
        found = run()
        self.put(key, found)
        return found

    def finish(self, log: ErrorLog, root: str) -> None:
        self.cache.finish(log, root)

    def close(self) -> None:
        self.cache.close()
