"""Findings of per-page checks kept in the build cache, so a rebuild checks only what changed.

A check whose findings depend only on its inputs (a page's text, its path, the site's rule set)
is run once per distinct input: its findings are stored in `build/.cache/pages/page-checks/`
under a hash of the check's name, every input and the build's salt (dangjian's code,
mkdocs.yml, the loaded configuration: `core/pagecache.site_salt`). The findings are stored
before the site's rule settings and silencing comments apply (the error log applies them to
cached and fresh findings alike), so a warm build reports exactly what a cold build reports.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from ..core.errors import ContentError, ErrorLog, from_plain, to_plain, valid_findings

NAMESPACE = "page-checks"


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

    def key(self, check: str, *inputs: str) -> str:
        """The key for `check` on `inputs`."""
        return self.cache.key(check, *inputs)

    def get(self, check: str, *inputs: str) -> tuple[str, dict[str, object] | None]:
        """The key for `check` on `inputs`, and its stored result (None when unknown)."""
        key = self.cache.key(check, *inputs)
        return key, self.cache.get(key)  # type: ignore[return-value]

    def put(self, key: str, findings: list[ContentError], **extra: object) -> None:
        self.cache.put(key, {"findings": to_plain(findings), **extra})

    def findings(
        self,
        check: str,
        inputs: tuple[str, ...],
        run: Callable[[], list[ContentError]],
        ready: list[list[object]] | None = None,
    ) -> list[ContentError]:
        """`run()`, or what it gave in an earlier build for the same `inputs`, or `ready`
        (what it gave in a second process of this build, as `to_plain` writes it)."""
        key, stored = self.get(check, *inputs)
        if stored is not None:
            return from_plain(stored["findings"])  # type: ignore[arg-type]
        found = from_plain(ready) if ready is not None else run()
        self.put(key, found)
        return found

    def finish(self, log: ErrorLog, root: str) -> None:
        self.cache.finish(log, root)

    def close(self) -> None:
        self.cache.close()
