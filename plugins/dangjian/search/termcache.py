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
RECORD = "terms-2"  # in every key: entries of the format before (a dict of counts) are not read


def _valid(value: object) -> bool:
    """A stored entry: {"t": [term], "n": [tf × 4 + flag], "l": body length} (`PageTerms`), or
    only {"l": body length} (what the index's first pass reads)."""
    if not isinstance(value, dict) or type(value.get("l")) is not int or value["l"] < 0:
        return False
    if value.keys() == {"l"}:
        return True
    terms, tf_flags = value.get("t"), value.get("n")
    if value.keys() != {"t", "n", "l"} or not isinstance(terms, list):
        return False
    # Checked with set operations (C loops): every page's terms are read in every build
    if not isinstance(tf_flags, list) or not set(map(type, terms)) <= {str}:
        return False
    if not set(map(type, tf_flags)) <= {int} or not len(tf_flags) == len(terms) == len(set(terms)):
        return False  # a term twice would break its postings
    distinct = set(tf_flags)  # some twenty numbers, of a thousand terms
    # Each term in the page at least once, in its title (2), a heading (1) or the body (0)
    return (not distinct or min(distinct) >= 4) and all(n & 3 != 3 for n in distinct)


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
        if stored is not None and "t" in stored:
            return PageTerms(stored["t"], stored["n"], stored["l"])
        found = page_terms(page, self.tokenizer)
        self.cache.put(key, {"t": found.terms, "n": found.tf_flags, "l": found.length})
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
            text = json.dumps(sections, ensure_ascii=False)
            key = self.cache.key(RECORD, page.title, text)
            self.keys[page.url, page.title] = key
        return key
