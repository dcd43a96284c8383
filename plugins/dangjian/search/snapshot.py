"""The index a build made, kept in the build cache so that the next `dangjian build` redoes
only what changed.

`dangjian serve` keeps its last index in memory (`incremental.py`). `dangjian build` is a new
process each time and made the whole index again: at 2,000 pages about 4 s of the index
process, of which the build waited 0.7–2 s after its last template. Now the index process of a
build writes what its `KeptIndex` holds into the cache once the index is made (only when it
changed), and the next build's index process reads it back while the build is still
converting pages, which that process would otherwise sit out; the index then redoes only
what the changed pages touch, as the preview does.

The snapshot is one text entry (checked by its CRC, `core/cache.py`) of the namespace
`search-index`, under a key of the build's salt (dangjian's code, mkdocs.yml): the pages in
index order, each with a digest of its record and the key of its terms in the term cache
(`termcache.py`, read back from there), every term's postings and `suggest.js`. Not the
text chunks: the first index after reading it makes them all again from the pages (0.3 s at
2,000 pages, while the build is still templating), which takes the snapshot from 18 to
3.6 MB and the memory it takes to write it down with it. What it holds is used only for
pages whose records are the same bytes now (`KeptIndex.files`), so a snapshot of other
pages just means more is made again. One that does not parse or does not add up is not
used (the cache's warning names its folder), nor one whose pages' terms are no longer all
in the term cache: the index is then made from nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig

from ..core.cache import PageCache
from .incremental import KeptIndex, kept_page
from .index import PageTerms

NAMESPACE = "search-index"
RECORD = "kept-index-3"  # in the key: a snapshot of another layout is not read


class Unusable(Exception):
    """The snapshot names terms the term cache no longer holds (not a damaged snapshot)."""


@dataclass
class LastIndex:
    """Where a build's index process finds the index of the build before, and leaves its own:
    the snapshot's cache, and the term cache holding the terms it names. Both are copies
    made for that process."""

    cache: PageCache
    terms: PageCache

    def restore(self, kept: KeptIndex) -> None:
        """Fill `kept` with the snapshot, if it is worth trusting and its terms are all
        there; the term cache is closed after (the build hands over its own with the pages)."""
        try:
            text = self.cache.get(self.cache.key(RECORD))
            if text is None:
                return
            _load(kept, text, self.terms)  # type: ignore[arg-type]
        except Unusable:
            kept.clear()
        except (ValueError, TypeError, KeyError, IndexError):
            kept.clear()
            self.cache.rejected += 1
        finally:
            self.terms.close()

    def save(self, kept: KeptIndex) -> None:
        """Write what `kept` holds after an index, if that index changed it. A `kept` left
        empty (a site too big to keep) writes nothing, and the old snapshot goes as unused."""
        key = self.cache.key(RECORD)
        if not kept.order:
            self.cache.used.discard(key)
            return
        if kept.changed:
            self.cache.put(key, _dump(kept))
            self.cache.flush()
            kept.changed = False


def last_index(config: MkDocsConfig, terms: PageCache) -> LastIndex:
    """This build's snapshot cache, with `terms`, its term cache."""
    return LastIndex(PageCache.for_build(config, NAMESPACE, _valid, text=True), terms)


def _valid(value: object) -> bool:
    return isinstance(value, str)


def _dump(kept: KeptIndex) -> str:
    terms = sorted(kept.postings)
    snapshot = {
        "identity": list(kept.cache_identity or ()),
        "pages": [
            [uri, kept.pages[uri].digest.hex(), kept.pages[uri].key, kept.pages[uri].text_bytes]
            for uri in kept.order
        ],
        "terms": terms,
        "postings": [kept.postings[term] for term in terms],
        "suggest": list(kept.suggest or ()),
    }
    return json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))


def _load(kept: KeptIndex, text: str, terms: PageCache) -> None:
    """Raises ValueError (or TypeError, KeyError, IndexError) for anything `_dump` could not
    have written, Unusable for terms not found."""
    data = json.loads(text)
    names, postings = _strings(data["terms"]), _strings(data["postings"])
    if len(names) != len(postings):
        raise ValueError("terms")
    identity = _strings(data["identity"])
    suggest = _strings(data["suggest"])
    order = []
    for page in data["pages"]:
        uri, digest, key, text_bytes = page
        _strings([uri, digest, key])
        if type(text_bytes) is not int or text_bytes < 0:
            raise ValueError("page")
        order.append(uri)
    if len(identity) != 2 or len(suggest) != 2 or not order or len(set(order)) != len(order):
        raise ValueError("snapshot")
    if (identity[0], identity[1]) != (str(terms.file), terms.salt):
        raise Unusable  # the terms of another cache
    pages = []
    for _, digest, key, text_bytes in data["pages"]:
        found = terms.get(key)
        if not isinstance(found, PageTerms):
            raise Unusable
        pages.append(kept_page(found, key, bytes.fromhex(digest), text_bytes))
    kept.resume(
        (identity[0], identity[1]),
        pages,
        order,
        dict(zip(names, postings, strict=True)),
        (suggest[0], suggest[1]),
    )


def _strings(values: object) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise TypeError("not a list of strings")
    return values
