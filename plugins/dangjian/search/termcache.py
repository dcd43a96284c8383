"""Each page's search terms, kept in the build cache so a rebuild tokenizes only changed pages.

A page's terms are a pure function of its title and sections (and of the tokenizer, which
belongs to the dangjian version in the cache salt), so they are stored under a hash of those.
"""

from __future__ import annotations

import array
import base64
import binascii
import json
import sys
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from .index import IndexedPage, PageTerms, page_terms
from .tokenizer import Tokenizer

NAMESPACE = "search-terms"
RECORD = "terms-3"  # in every key: entries of the formats before (lists, a dict) are not read
# Between a page's terms: a private-use character, which no term holds (`encode_terms` checks)
SEPARATOR = "\ue000"
_UINT32 = next(code for code in "IL" if array.array(code).itemsize == 4)


def encode_terms(found: PageTerms) -> dict[str, object] | None:
    """How a page's terms are stored: {"t": the terms joined by SEPARATOR, "n": their numbers
    (tf × 4 + flag) as little-endian 32-bit integers in base64, "l": the body length}. Two
    strings rather than two lists: every build reads every page's terms, and these decode in a
    third of the time. None when they do not fit (a term holding SEPARATOR, a number of 2³²
    or more): the page's terms are then worked out in every build."""
    joined = SEPARATOR.join(found.terms)
    if joined.count(SEPARATOR) != max(0, len(found.terms) - 1):
        return None
    try:
        numbers = array.array(_UINT32, found.tf_flags)
    except (OverflowError, TypeError):
        return None
    if sys.byteorder == "big":
        numbers.byteswap()
    return {
        "t": joined,
        "n": base64.b64encode(numbers.tobytes()).decode("ascii"),
        "l": found.length,
    }


def decode_terms(value: object) -> PageTerms | None:
    """The terms `encode_terms` stored as `value`; None for anything it could not have written."""
    return _decode(value) if _valid(value) else None


def _decode(value: Any) -> PageTerms | None:
    """`decode_terms` of a value of the right shape (`_valid`), checked by C loops (split,
    base64, sets) as it is decoded: every page's terms are read in every build."""
    try:
        numbers = array.array(_UINT32, base64.b64decode(value["n"], validate=True))
    except (binascii.Error, ValueError):  # not base64, or not a whole number of integers
        return None
    if sys.byteorder == "big":
        numbers.byteswap()
    terms = value["t"].split(SEPARATOR) if value["t"] else []
    distinct_terms = set(terms)
    if not len(numbers) == len(terms) == len(distinct_terms) or "" in distinct_terms:
        return None  # a term twice would break its postings
    distinct = set(numbers)  # some twenty numbers, of a thousand terms
    # Each term in the page at least once, in its title (2), a heading (1) or the body (0)
    if distinct and (min(distinct) < 4 or any(n & 3 == 3 for n in distinct)):
        return None
    return PageTerms(terms, numbers, value["l"])


def _valid(value: object) -> bool:
    """The shape of a stored entry (`_decode` checks the rest as it decodes it)."""
    return (
        isinstance(value, dict)
        and value.keys() == {"t", "n", "l"}
        and isinstance(value["t"], str)
        and isinstance(value["n"], str)
        and type(value["l"]) is int
        and value["l"] >= 0
    )


def term_cache(config: MkDocsConfig) -> PageCache:
    """This build's cache of search terms."""
    return PageCache.for_build(config, NAMESPACE, _valid, decode=_decode)


class TermCache:
    """`page_terms` for `index_files`, read from `cache` (a `term_cache`, which decodes what
    it stores) where already known."""

    def __init__(self, cache: PageCache, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.cache = cache

    def page_terms(self, page: IndexedPage) -> PageTerms:
        return self.terms_and_key(page)[0]

    def terms_and_key(self, page: IndexedPage) -> tuple[PageTerms, str]:
        """The page's terms, and the key they are stored under."""
        sections = [[s.anchor, s.heading, s.text, s.level] for s in page.sections]
        key = self.cache.key(RECORD, page.title, json.dumps(sections, ensure_ascii=False))
        stored = self.cache.get(key)
        if isinstance(stored, PageTerms):
            return stored, key
        found = page_terms(page, self.tokenizer)
        encoded = encode_terms(found)
        if encoded is not None:
            self.cache.put(key, encoded)
        return found, key

    def used_again(self, key: str) -> None:
        """Terms stored under `key` are used again without being read (`incremental.py`):
        counted as used, so the entry is not let go as unused."""
        self.cache.used.add(key)
