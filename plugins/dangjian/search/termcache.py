"""Each page's search terms, kept in the build cache so a rebuild tokenizes only changed pages.

A page's terms are a pure function of its title and sections (and of the tokenizer, which
belongs to the dangjian version in the cache salt), so they are stored under a hash of those.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from .index import IndexedPage, PageTerms, page_terms
from .tokenizer import Tokenizer

NAMESPACE = "search-terms"


def _valid(value: object) -> bool:
    """A stored entry: {"c": {term: count}, "f": {term: flag}, "l": body length}, or only
    {"l": body length} (what the index's first pass reads)."""
    if not isinstance(value, dict) or type(value.get("l")) is not int or value["l"] < 0:
        return False
    if value.keys() == {"l"}:
        return True
    counts, flags = value.get("c"), value.get("f")
    if not isinstance(counts, dict) or not isinstance(flags, dict):
        return False
    # Checked with set operations (C loops): every page's terms are read in every build
    return (
        set(map(type, counts.values())) <= {int}
        and (not counts or min(counts.values()) > 0)
        and set(map(type, flags.values())) <= {int}
        and set(flags.values()) <= {1, 2}
        and flags.keys() <= counts.keys()
    )


def term_cache(config: MkDocsConfig) -> PageCache:
    """This build's cache of search terms."""
    return PageCache.for_build(config, NAMESPACE, _valid)


class TermCache:
    """`page_terms` and each page's body length for `index_files`, read from `cache` where
    already known.

    A page's body length is also stored on its own: the index's first pass needs only that,
    and reading it costs a fraction of decoding the page's terms.
    """

    def __init__(self, cache: PageCache, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.cache = cache
        # Each page's key, as `index_files` asks for a page's length, then for its terms
        self.keys: dict[tuple[str, str], str] = {}

    def page_terms(self, page: IndexedPage) -> PageTerms:
        key = self._key(page)
        stored = self.cache.get(key)
        if stored is not None and "c" in stored:
            return PageTerms(stored["c"], stored["f"], stored["l"])
        found = page_terms(page, self.tokenizer)
        self.cache.put(key, {"c": found.counts, "f": found.flags, "l": found.length})
        return found

    def length(self, page: IndexedPage) -> int:
        """The page's body length in terms, for BM25."""
        key = self.cache.key("length", self._key(page))
        stored = self.cache.get_or_compute(key, lambda: {"l": self.page_terms(page).length})
        return stored["l"]  # type: ignore[index]

    def _key(self, page: IndexedPage) -> str:
        key = self.keys.get((page.url, page.title))
        if key is None:
            sections = [[s.anchor, s.heading, s.text, s.level] for s in page.sections]
            key = self.cache.key(page.title, json.dumps(sections, ensure_ascii=False))
            self.keys[page.url, page.title] = key
        return key
