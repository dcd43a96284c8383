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
    """A stored entry: {"c": {term: count}, "f": {term: flag}, "l": body length}."""
    if not isinstance(value, dict) or not isinstance(value.get("l"), int):
        return False
    counts, flags = value.get("c"), value.get("f")
    return (
        isinstance(counts, dict)
        and isinstance(flags, dict)
        and all(type(n) is int and n > 0 for n in counts.values())
        and all(type(n) is int and n in (1, 2) and t in counts for t, n in flags.items())
    )


def term_cache(config: MkDocsConfig) -> PageCache:
    """This build's cache of search terms."""
    return PageCache.for_build(config, NAMESPACE, _valid)


class TermCache:
    """`page_terms` for `build_index`, read from `cache` where already known."""

    def __init__(self, cache: PageCache, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.cache = cache

    def page_terms(self, page: IndexedPage) -> PageTerms:
        sections = [[s.anchor, s.heading, s.text, s.level] for s in page.sections]
        key = self.cache.key(page.title, json.dumps(sections, ensure_ascii=False))
        stored = self.cache.get(key)
        if stored is not None:
            return PageTerms(stored["c"], stored["f"], stored["l"])
        found = page_terms(page, self.tokenizer)
        self.cache.put(key, {"c": found.counts, "f": found.flags, "l": found.length})
        return found
