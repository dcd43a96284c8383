"""dangjian-offline's page rewrites, kept in the build cache between builds.

What `rewrite.find_edits` does to a page depends only on the page's HTML, where the site root
is seen from the page, the allow list and the rewriting code; not on other pages or files.
Its edits and moved-out scripts are stored under a hash of exactly these in
`build/.cache/pages/offline-rewrite/` (see `core/cache.py` for how entries are stored, checked
and pruned), so a rebuild whose page HTML is unchanged rewrites it by a lookup. An entry is
right whatever else the build did (it is a function of its key alone), so entries are written
at once, not aside until the build succeeds: that would cost a second rename per page.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig

from ..core import links
from ..core.cache import PageCache
from ..core.errors import ErrorLog
from . import rewrite, scan
from .salt import code_salt

NAMESPACE = "offline-rewrite"
# The code that decides the edits
REWRITE_CODE = (rewrite, scan, links)


def _valid(value: object) -> bool:
    if not isinstance(value, dict) or set(value) != {"edits", "scripts"}:
        return False
    edits, scripts = value["edits"], value["scripts"]
    last = 0
    for edit in edits if isinstance(edits, list) else [None]:
        if not (
            isinstance(edit, list)
            and len(edit) == 3
            and all(type(bound) is int for bound in edit[:2])
            and last <= edit[0] <= edit[1]
            and isinstance(edit[2], str)
        ):
            return False
        last = edit[1]
    return isinstance(scripts, dict) and all(
        isinstance(path, str) and isinstance(code, str) for path, code in scripts.items()
    )


class RewriteCache:
    """`rewrite.rewrite_html` for one build, by a lookup where the page was rewritten before."""

    def __init__(self, config: MkDocsConfig, allow: Sequence[str]) -> None:
        self.allow = tuple(allow)
        salt = code_salt(config, NAMESPACE, REWRITE_CODE, self.allow)
        self.cache = PageCache.for_build(config, NAMESPACE, _valid, salt=salt)

    def rewrite(self, html: str, root: str) -> tuple[str, dict[str, str]]:
        """The rewritten page and {site path: script text} of the scripts moved out of it."""
        key = self.cache.key(root, html)
        found = self.cache.get(key)
        if isinstance(found, dict):
            edits = [(start, end, text) for start, end, text in found["edits"]]
            scripts = found["scripts"]
        else:
            edits, scripts = rewrite.find_edits(html, root, self.allow)
            self.cache.put(key, {"edits": edits, "scripts": scripts})
        return rewrite.apply_edits(html, edits), scripts

    def finish(self, log: ErrorLog, root: str) -> None:
        """A successful build: warn about damaged entries, drop unused ones."""
        self.cache.finish(log, root)
