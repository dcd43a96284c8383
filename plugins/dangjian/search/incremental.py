"""The browser index kept between builds, redone only where pages changed.

`index_files` makes the index from nothing, keeping little in memory: right for a site too big
to keep (`KEPT_PAGES`). Otherwise the index was what a rebuild waited for last (1–2 s at
2,000 pages, most of it appending two million page–term pairs and encoding every term's
postings again). A `KeptIndex` lives in the index process (`background.py`) and keeps what
the last index was made of: each page's terms, each term's page ids, numbers and postings,
and each file's text. `dangjian serve` keeps it in memory from one build to the next;
`dangjian build`, a new process each time, through the build cache (`snapshot.py`). The next
index looks at every page's record in the spool (a hash of its bytes: same bytes, same page)
and redoes only what the changed ones touch:

- their terms: taken out of, and put into, the terms' arrays; those terms' postings encoded again;
- the pages whose weight characters changed (a page's body length moves the average);
- the shards holding a changed term, unless the number of shards changed (then all of them);
- the text chunks holding a changed page, unless the pages per chunk changed (then all);
- the manifest, and `suggest.js` when a title, address or topic changed.

A page added, removed or moved in the order (its date or address changed) renumbers the pages:
everything is made again, from the kept terms of the pages that did not change. The files are
byte for byte those `index_files` and `suggest_script` write for the same pages
(`tests/search/test_incremental.py` checks random series of edits against them).
"""

from __future__ import annotations

import array
import bisect
import hashlib
import itertools
import json
import pickle
import sys
from collections import defaultdict
from dataclasses import dataclass

from .index import (
    IndexedPage,
    IndexShard,
    PageTerms,
    _numbers,
    _unweighted,
    add_page,
    average_length,
    bitmap_length,
    chunk_file,
    manifest_file,
    order_key,
    pages_per_chunk,
    shard_count,
    term_bytes,
    term_hash,
    term_postings,
    text_size,
    weight_table,
)
from .spool import SpooledPages
from .suggest import SUGGEST_FILE, suggested_titles, titles_script
from .termcache import TermCache
from .tokenizer import Tokenizer

# Page–term pairs kept at most (about 25 bytes each): some 4,000 pages of 2,400 characters.
# A bigger site's index is made from nothing every time, as `dangjian build` makes it, one
# page at a time: a site of more pages than KEPT_PAGES is not even tried, so that the preview
# of 20,000 pages needs no more memory than its build
KEPT_PAIRS = 4_000_000
KEPT_PAGES = 4_000


@dataclass
class _Page:
    """What the index needs of a page, kept while its record in the spool stays the same."""

    digest: bytes  # of its record in the spool
    key: str  # its terms' entry in the term cache
    terms: list[str]
    tf_flags: array.array
    length: int  # body length in terms, at least 1
    numbers: set[int]  # its distinct tf × 4 + flag numbers
    text_bytes: int


def kept_page(found: PageTerms, key: str, digest: bytes, text_bytes: int) -> _Page:
    """What is kept of a page whose terms are `found`, stored under `key`."""
    return _Page(
        digest,
        key,
        # One string a term for all pages, not one a page that holds it
        list(map(sys.intern, found.terms)),
        array.array("I", found.tf_flags),
        max(1, found.length),
        set(found.tf_flags),
        text_bytes,
    )


class KeptIndex:
    """The last index made, for making the next one (see the module's docstring)."""

    def __init__(self, limit: int = KEPT_PAIRS, pages: int = KEPT_PAGES) -> None:
        self.limit = limit
        self.pages_limit = pages
        self.tokenizer = Tokenizer()
        self.clear()

    def keeps(self, spooled: SpooledPages) -> bool:
        """Whether the index of these pages is made here (else from nothing, and nothing is
        kept)."""
        if len(spooled.pages) > self.pages_limit:
            self.clear()
            return False
        return True

    def clear(self) -> None:
        self.cache_identity: tuple[str, str] | None = None
        self.pages: dict[str, _Page] = {}  # by src_uri
        self.order: list[str] = []  # src_uri by page id
        self.ids_of: dict[str, array.array] = {}
        self.tf_flags_of: dict[str, array.array] = {}
        self.weights: list[dict[int, int]] = []
        self.lengths_sum = 0
        self.postings: dict[str, str] = {}
        self.size = 0  # sum of `term_bytes`
        self.seen_chars: set[str] = set()
        self.hashes: dict[str, int] = {}  # term → `term_hash`, so a new number of shards is cheap
        self.buckets = 0
        self.shard_terms: dict[str, set[str]] = {}
        self.shards: dict[str, str] = {}  # shard id → its file's text
        self.per_chunk = 0
        self.chunks: list[tuple[str, str]] = []
        self.suggest: tuple[str, str] | None = None  # (its inputs as JSON, its text)
        # Whether the last `files` changed what is kept (`snapshot.py` writes it only then)
        self.changed = False

    def resume(
        self,
        identity: tuple[str, str],
        pages: list[_Page],
        order: list[str],
        postings: dict[str, str],
        suggest: tuple[str, str],
    ) -> None:
        """Hold the index a snapshot describes (`snapshot.py`): `pages` in `order`, their
        terms from the term cache of `identity`, and what was made of them. The next `files`
        makes every text chunk (a snapshot has none). Raises ValueError if `postings` are
        not those of the pages' terms."""
        self.clear()
        self.cache_identity = identity
        self._make(pages, order, postings)
        self.suggest = suggest

    def files(
        self, spooled: SpooledPages, terms: TermCache, topics: list[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        """The index files and `suggest.js` of the pages in `spooled`, each (name, text)."""
        try:
            return self._files(spooled, terms, topics)
        except BaseException:
            self.clear()  # half updated: the next index is made from nothing
            raise

    def _files(
        self, spooled: SpooledPages, terms: TermCache, topics: list[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        identity = (str(terms.cache.file), terms.cache.salt)  # the keys kept are of this cache
        if identity != self.cache_identity:
            self.clear()
            self.cache_identity = identity
        self.changed = False
        lights = sorted(spooled.light(), key=order_key)
        order = [page.src_uri for page in lights]
        pages: list[_Page] = []
        changed: list[int] = []
        for page_id, light in enumerate(lights):
            raw = spooled.raw(light)
            digest = hashlib.sha256(raw).digest()
            kept = self.pages.get(light.src_uri)
            if kept is not None and kept.digest == digest:
                terms.used_again(kept.key)
                pages.append(kept)
            else:
                pages.append(self._page(pickle.loads(raw), digest, terms))
                changed.append(page_id)
        if order != self.order:  # renumbered (or the first index): every page anew
            self._make(pages, order)
            self._chunk(lights, None, spooled)
            self.changed = True
        else:
            self._chunk(lights, self._update(pages, order, changed), spooled)
            self.changed = bool(changed)
        files = list(self.chunks)
        files += [(f"t-{shard_id}.js", self.shards[shard_id]) for shard_id in sorted(self.shards)]
        files.append(
            manifest_file(lights, self.buckets, self.per_chunk, terms.tokenizer, self.seen_chars)
        )
        files.append((SUGGEST_FILE, self._suggest(lights, topics)))
        if sum(len(page.terms) for page in pages) > self.limit:
            self.clear()  # too big to keep: made from nothing next time
        return files

    def _page(self, full: IndexedPage, digest: bytes, terms: TermCache) -> _Page:
        found, key = terms.terms_and_key(full)
        return kept_page(found, key, digest, text_size(full))

    def _make(
        self, pages: list[_Page], order: list[str], postings: dict[str, str] | None = None
    ) -> None:
        """Everything from the pages' terms (as `index_files` makes it); with `postings`, the
        terms' postings as they were made from these pages before (`snapshot.py`)."""
        ids_of: dict[str, array.array] = defaultdict(_numbers)
        tf_flags_of: dict[str, array.array] = defaultdict(_numbers)
        for page_id, page in enumerate(pages):
            add_page(ids_of, tf_flags_of, page_id, page.terms, page.tf_flags)
        self.ids_of, self.tf_flags_of = dict(ids_of), dict(tf_flags_of)
        self._remember(pages, order)
        self.lengths_sum = sum(page.length for page in pages)
        average = average_length([page.length for page in pages])
        self.weights = [weight_table(page.length, page.numbers, average) for page in pages]
        bitmap_chars = bitmap_length(len(pages))
        if postings is None:
            postings = {
                term: term_postings(term, ids, self.tf_flags_of[term], self.weights, bitmap_chars)
                for term, ids in self.ids_of.items()
            }
        elif postings.keys() != self.ids_of.keys():
            raise ValueError("postings of other terms")
        self.postings = postings
        self.size = sum(itertools.starmap(term_bytes, self.postings.items()))
        self.seen_chars = {term for term in self.postings if _unweighted(term)}
        self._shard_all()

    def _update(self, pages: list[_Page], order: list[str], changed: list[int]) -> set[int] | None:
        """Redo what the `changed` pages (by id; the order is the same) touch. Returns the
        text chunks to write again, None for all of them."""
        dirty: set[str] = set()
        for page_id in changed:
            old, new = self.pages[self.order[page_id]], pages[page_id]
            for term in old.terms:
                ids, tf_flags = self.ids_of[term], self.tf_flags_of[term]
                at = bisect.bisect_left(ids, page_id)
                del ids[at], tf_flags[at]
            for term, number in zip(new.terms, new.tf_flags, strict=True):
                ids = self.ids_of.setdefault(term, _numbers())
                tf_flags = self.tf_flags_of.setdefault(term, _numbers())
                at = bisect.bisect_left(ids, page_id)
                ids.insert(at, page_id)
                tf_flags.insert(at, number)
            dirty.update(old.terms)
            dirty.update(new.terms)
        lengths_sum = sum(page.length for page in pages)
        # The average moved: any page's weights may have; else only the changed pages'
        reweigh = range(len(pages)) if lengths_sum != self.lengths_sum else changed
        average = average_length([page.length for page in pages])
        for page_id in reweigh:
            page = pages[page_id]
            weights = weight_table(page.length, page.numbers, average)
            if weights != self.weights[page_id]:
                self.weights[page_id] = weights
                dirty.update(page.terms)
        self.lengths_sum = lengths_sum
        self._remember(pages, order)

        bitmap_chars = bitmap_length(len(pages))
        for term in dirty:
            before = self.postings.pop(term, None)
            if before is not None:
                self.size -= term_bytes(term, before)
            ids = self.ids_of[term]
            if ids:
                self.postings[term] = term_postings(
                    term, ids, self.tf_flags_of[term], self.weights, bitmap_chars
                )
                self.size += term_bytes(term, self.postings[term])
            else:  # in no page any more
                del self.ids_of[term], self.tf_flags_of[term]
            if _unweighted(term):
                if ids:
                    self.seen_chars.add(term)
                else:
                    self.seen_chars.discard(term)
        if shard_count(self.size) != self.buckets:
            self._shard_all()
        else:
            self._shard_again(dirty)

        if pages_per_chunk([page.text_bytes for page in pages]) != self.per_chunk:
            return None
        return {page_id // self.per_chunk for page_id in changed}

    def _remember(self, pages: list[_Page], order: list[str]) -> None:
        self.order = order
        self.pages = dict(zip(order, pages, strict=True))

    def _shard_all(self) -> None:
        self.buckets = shard_count(self.size)
        known = self.hashes  # of the terms that still are, and of some that went
        self.hashes = {term: known.get(term) or term_hash(term) for term in self.postings}
        # Every bucket gets a file, even an empty one: a query term may fall in any of them
        self.shard_terms = {format(n, "x"): set() for n in range(self.buckets)}
        for term in self.postings:
            self.shard_terms[self._shard_of(term)].add(term)
        self.shards = {}
        self._write_shards(self.shard_terms)

    def _shard_again(self, dirty: set[str]) -> None:
        touched = set()
        for term in dirty:
            shard_id = self._shard_of(term)
            touched.add(shard_id)
            if term in self.postings:
                self.shard_terms[shard_id].add(term)
            else:
                self.shard_terms[shard_id].discard(term)
                self.hashes.pop(term)
        self._write_shards(touched)

    def _shard_of(self, term: str) -> str:
        """`bucket(term, self.buckets)`."""
        found = self.hashes.get(term)
        if found is None:
            found = self.hashes[term] = term_hash(term)
        return format(found % self.buckets, "x")

    def _write_shards(self, shard_ids: set[str] | dict[str, set[str]]) -> None:
        for shard_id in shard_ids:
            postings = {term: self.postings[term] for term in self.shard_terms[shard_id]}
            self.shards[shard_id] = IndexShard(shard_id, postings).script()

    def _chunk(
        self, lights: list[IndexedPage], numbers: set[int] | None, spooled: SpooledPages
    ) -> None:
        """Make the text chunks `numbers` again (None: every chunk)."""
        if numbers is None:
            self.per_chunk = pages_per_chunk([page.text_bytes for page in self.pages.values()])
            self.chunks = []
            numbers = set(range(-(-len(lights) // self.per_chunk)))
        for number in sorted(numbers):
            start = number * self.per_chunk
            made = chunk_file(number, start, lights[start : start + self.per_chunk], spooled.load)
            if number < len(self.chunks):
                self.chunks[number] = made
            else:
                self.chunks.append(made)

    def _suggest(self, lights: list[IndexedPage], topics: list[tuple[str, str]]) -> str:
        titles = suggested_titles(lights)
        inputs = json.dumps([titles, topics], ensure_ascii=False)
        if self.suggest is None or self.suggest[0] != inputs:
            self.suggest = (inputs, titles_script(titles, topics))
            self.changed = True
        return self.suggest[1]
