"""Each page's search terms, kept in the build cache so a rebuild tokenizes only changed pages.

A page's terms are a pure function of its title and sections (and of the tokenizer, which
belongs to the dangjian version in the cache salt), so they are stored under a hash of those.
"""

from __future__ import annotations

import array
import json

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from .index import IndexedPage, PageTerms, page_terms
from .tokenizer import Tokenizer

NAMESPACE = "search-terms"
RECORD = "terms-2"  # in every key: entries of the format before (a dict of counts) are not read


def _valid(value: object) -> bool:
    """A stored entry: {"t": [term], "n": [tf × 4 + flag], "l": body length} (`PageTerms`)."""
    if not isinstance(value, dict) or value.keys() != {"t", "n", "l"}:
        return False
    terms, tf_flags, length = value["t"], value["n"], value["l"]
    if type(length) is not int or length < 0:
        return False
    if not isinstance(terms, list) or not isinstance(tf_flags, list):
        return False
    # Checked by C loops: every page's terms are read in every build
    try:
        "".join(terms)  # every term a string
        numbers = array.array("q", tf_flags)  # every number an integer (a bool fails below)
    except (TypeError, OverflowError):
        return False
    if not len(numbers) == len(terms) == len(set(terms)):
        return False  # a term twice would break its postings
    distinct = set(numbers)  # some twenty numbers, of a thousand terms
    # Each term in the page at least once, in its title (2), a heading (1) or the body (0);
    # the index keeps the numbers as 32-bit
    return not distinct or (
        min(distinct) >= 4 and max(distinct) < 1 << 32 and all(n & 3 != 3 for n in distinct)
    )


def term_cache(config: MkDocsConfig) -> PageCache:
    """This build's cache of search terms."""
    return PageCache.for_build(config, NAMESPACE, _valid)


class TermCache:
    """`page_terms` for `index_files`, read from `cache` where already known."""

    def __init__(self, cache: PageCache, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.cache = cache

    def page_terms(self, page: IndexedPage) -> PageTerms:
        sections = [[s.anchor, s.heading, s.text, s.level] for s in page.sections]
        key = self.cache.key(RECORD, page.title, json.dumps(sections, ensure_ascii=False))
        stored = self.cache.get(key)
        if stored is not None:
            return PageTerms(stored["t"], stored["n"], stored["l"])
        found = page_terms(page, self.tokenizer)
        self.cache.put(key, {"t": found.terms, "n": found.tf_flags, "l": found.length})
        return found
