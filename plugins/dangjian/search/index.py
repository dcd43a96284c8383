"""The browser index: term shards, the manifest and the text chunks, written as classic scripts.

Layout under `assets/dangjian/search/` (all deterministic: same pages, same bytes):

- `manifest.js`: page count, shard count, pages per chunk and the Traditional→Simplified pairs
  the engine needs (only those whose Simplified character occurs in the site), plus the CJK
  character ranges, the codec alphabet and ranking constants (K1, field bonuses), so the
  engine never repeats them.
- `t-<hash>.js`: `dangjian.registerSearchShard(id, {term: postings})`; a term lives in the shard
  named by FNV-1a(term) mod the shard count, so a query loads only its terms' shards.
- `c-<n>.js`: `dangjian.registerSearchChunk(id, [[id, url, title, kind, date, sections]])`, the
  text a result needs for its snippet and for verifying phrases; loaded only for shown results.

Postings are per page: page ids (newest page first) delta-coded in base 32, each followed by one
weight character: 4 bits of BM25 term-frequency saturation (title and headings count extra) and
2 bits saying whether the term is in the title (2), a heading (1) or only the body (0). Single
CJK characters carry no weight character: a page id list is all a one-character query needs.
A term in so many pages that a bitmap is shorter is written `!` + one base-64 character per six
page ids (bit i of character k: page 6k + i) + the weight characters of its pages in id order:
common characters and words take a third of the space their delta-coded ids would.
"""

from __future__ import annotations

import array
import collections
import functools
import itertools
import json
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.text import CJK_RANGES
from .sections import Section
from .tokenizer import Tokenizer

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/"
K1, B = 1.2, 0.75
TITLE_TF, HEADING_TF = 3, 2  # extra term frequency for a term in the title / a heading
# Score the browser adds for a term in the body only / a heading / the title
FIELD_BONUS = (0, 0.9, 2.4)
SHARD_BYTES = 8_000  # average shard size aimed at
# Average text chunk size aimed at: a shown result loads up to this much for its snippet. Not
# less: with one ~7 KB page per chunk, chunks were half the files of a site (slow to write, to
# unzip on Windows) and compressed worse (at 2,000 pages, 16 KB chunks saved 3% of the zip)
CHUNK_BYTES = 16_000
SEARCH_DIR = "assets/dangjian/search"
EDITORS = "guide"  # pages of this kind are listed after every other result
# What a result of each kind is labelled, in the browser (the manifest) and in `dangjian search`
KIND_LABELS = {"study": "学习资料", "notice": "通知公告", "event": "组织生活", EDITORS: "编辑指南"}


@dataclass
class IndexedPage:
    """A page as the search index sees it."""

    url: str
    title: str
    kind: str  # a key of KIND_LABELS ("guide", the editors' guide, ranks last) or "" (other pages)
    date: str  # YYYY-MM-DD or ""
    sections: list[Section]
    src_uri: str = ""


def bucket(term: str, buckets: int) -> str:
    """Shard id of a term: FNV-1a over UTF-16 code units, as search-index.js computes it."""
    return format(term_hash(term) % buckets, "x")


def term_hash(term: str) -> int:
    """FNV-1a of a term over its UTF-16 code units (`bucket`)."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def encode_number(value: int) -> str:
    """Base-32 digits, leading ones marked as continued (alphabet upper half)."""
    digits = [value & 31]
    value >>= 5
    while value:
        digits.append(32 + (value & 31))
        value >>= 5
    return "".join(ALPHABET[d] for d in reversed(digits))


@dataclass
class IndexShard:
    """One shard file: the postings of the terms whose hash falls in it."""

    id: str
    postings: dict[str, str] = field(default_factory=dict)

    def script(self) -> str:
        return f'dangjian.registerSearchShard("{self.id}",{_json(self.postings)});\n'


def _weight(tf: int, field_flag: int, norm: float) -> str:
    saturation = tf * (K1 + 1) / (tf + norm)
    level = min(15, round(saturation / (K1 + 1) * 15))
    return ALPHABET[(field_flag << 4) | max(level, 1)]


_SMALL = [encode_number(n).encode() for n in range(1024)]


@dataclass
class PageTerms:
    """What the index needs of one page: its distinct terms, each with its weighted term
    frequency and where it shows in one number (tf × 4 + 2 title, 1 heading, 0 body), and the
    body length in terms (for BM25). Two sequences, not a dict: the index reads every page's
    terms in every build, stored as two strings (`termcache.encode_terms`)."""

    terms: list[str]
    tf_flags: Sequence[int]  # a list, or an array of them read from the build cache
    length: int


def page_terms(page: IndexedPage, tokenizer: Tokenizer) -> PageTerms:
    """The terms of one page; a pure function of its title and sections."""
    counts: Counter[str] = Counter()
    flag: dict[str, int] = {}
    for term in tokenizer.terms(page.title):
        counts[term] += TITLE_TF
        flag[term] = 2
    length = 0
    for section in page.sections:
        for term in tokenizer.terms(section.heading):
            counts[term] += HEADING_TF
            flag.setdefault(term, 1)
        body = tokenizer.terms(section.text)
        length += len(body)
        counts.update(body)
    terms = list(counts)
    return PageTerms(terms, [counts[t] << 2 | flag.get(t, 0) for t in terms], length)


def build_index(
    pages: Iterable[IndexedPage],
    tokenizer: Tokenizer,
    terms: Callable[[IndexedPage], PageTerms] | None = None,
) -> dict[str, str]:
    """Every file of the browser index: path below `SEARCH_DIR` → content.

    `terms` gives a page's terms (by default computed with `page_terms`; the plugin passes
    one that reads them from the build cache).
    """
    return dict(index_files(pages, tokenizer, terms))


def index_files(
    pages: Iterable[IndexedPage],
    tokenizer: Tokenizer,
    terms: Callable[[IndexedPage], PageTerms] | None = None,
    load: Callable[[IndexedPage], IndexedPage] | None = None,
) -> Iterator[tuple[str, str]]:
    """The files of `build_index`, (name, content) one at a time, text chunks first.

    `pages` may come without their sections when `load` gives a page with them: then no more
    than one page's sections are in memory at a time (`spool.py`). `terms` is asked once per
    page, and the terms of all pages are never in memory at once either: each page's ids and
    term frequencies are appended to its terms' arrays.
    """
    if terms is None:
        terms = functools.partial(page_terms, tokenizer=tokenizer)
    if load is None:
        load = _same
    # Newest first, so that the lower id wins a tie on score; the editors' guide after the rest
    ordered = sorted(pages, key=order_key)
    # One page at a time: its id and each term's tf × 4 + flag appended to the term's arrays
    # by C loops (`map`), no Python step per term; weighted and encoded once all are in
    ids_of: dict[str, array.array] = defaultdict(_numbers)
    tf_flags_of: dict[str, array.array] = defaultdict(_numbers)
    lengths: list[int] = []  # body lengths, for BM25's length normalisation
    distinct: list[set[int]] = []  # the tf × 4 + flag numbers of each page
    text_bytes: list[int] = []  # text sizes, for the chunks
    for page_id, page in enumerate(ordered):
        full = load(page)
        found = terms(full)
        lengths.append(max(1, found.length))
        distinct.append(set(found.tf_flags))
        text_bytes.append(text_size(full))
        add_page(ids_of, tf_flags_of, page_id, found.terms, found.tf_flags)
    # Each page's weight character for each of its numbers, by its length against the average
    average = average_length(lengths)
    weights_of_page = [
        weight_table(length, numbers, average)
        for length, numbers in zip(lengths, distinct, strict=True)
    ]
    del distinct

    per_chunk = pages_per_chunk(text_bytes)
    for start in range(0, len(ordered), per_chunk):
        yield chunk_file(start // per_chunk, start, ordered[start : start + per_chunk], load)

    bitmap_chars = bitmap_length(len(ordered))
    joined: dict[str, str] = {}
    for term in list(ids_of):
        ids, tf_flags = ids_of.pop(term), tf_flags_of.pop(term)
        joined[term] = term_postings(term, ids, tf_flags, weights_of_page, bitmap_chars)
    buckets = shard_count(sum(itertools.starmap(term_bytes, joined.items())))
    # Every bucket gets a file, even an empty one: a query term may fall in any of them
    shards = {format(n, "x"): IndexShard(format(n, "x")) for n in range(buckets)}
    for term in sorted(joined):
        shard_id = bucket(term, buckets)
        shards[shard_id].postings[term] = joined[term]
    seen_chars = {term for term in joined if _unweighted(term)}
    del joined
    for shard_id, shard in sorted(shards.items()):
        yield f"t-{shard_id}.js", shard.script()
    yield manifest_file(ordered, buckets, per_chunk, tokenizer, seen_chars)


def order_key(page: IndexedPage) -> tuple[bool, bool, str, str]:
    """Where a page goes in the index (its id): newest first, so that the lower id wins a tie
    on score; pages without a date after those with one; the editors' guide after the rest."""
    return (page.kind == EDITORS, page.date == "", _negate(page.date), page.url)


def add_page(
    ids_of: dict[str, array.array],
    tf_flags_of: dict[str, array.array],
    page_id: int,
    terms: Sequence[str],
    tf_flags: Sequence[int],
) -> None:
    """Append `page_id` and each term's number to its terms' arrays (which `ids_of` and
    `tf_flags_of` make when missing) by C loops (`map`), no Python step per term."""
    id_lists = map(ids_of.__getitem__, terms)
    _drain(map(array.array.append, id_lists, itertools.repeat(page_id)))
    tf_flag_lists = map(tf_flags_of.__getitem__, terms)
    _drain(map(array.array.append, tf_flag_lists, tf_flags))


def text_size(page: IndexedPage) -> int:
    """About the bytes a page takes in its text chunk."""
    return sum(len(s.text.encode()) for s in page.sections) + 200


def average_length(lengths: Sequence[int]) -> float:
    return sum(lengths) / len(lengths) if lengths else 1.0


def weight_table(length: int, numbers: Iterable[int], average: float) -> dict[int, int]:
    """A page's weight character (as a byte) for each of its numbers (tf × 4 + flag), by its
    body length against the average."""
    norm = K1 * (1 - B + B * length / average)
    return {n: ord(_weight(n >> 2, n & 3, norm)) for n in numbers}


def bitmap_length(pages: int) -> int:
    """Characters of a bitmap posting in an index of `pages` pages (`_bitmap`)."""
    return 1 + (pages + 5) // 6


def term_postings(
    term: str,
    ids: array.array,
    tf_flags: array.array,
    weights_of_page: Sequence[dict[int, int]],
    bitmap_chars: int,
) -> str:
    """The postings of `term` in the pages `ids` (ascending) with these numbers."""
    if _unweighted(term):  # single CJK characters: ids only
        return _postings(ids, b"", bitmap_chars)
    # The weight of each page's number, looked up in that page's own table
    pages_weights = map(weights_of_page.__getitem__, ids)
    return _postings(ids, bytes(map(dict.__getitem__, pages_weights, tf_flags)), bitmap_chars)


def term_bytes(term: str, postings: str) -> int:
    """What a term adds to its shard, about (for the number of shards)."""
    return len(term.encode()) + len(postings) + 6


def shard_count(size: int) -> int:
    return max(1, round(size / SHARD_BYTES))


def pages_per_chunk(text_bytes: Sequence[int]) -> int:
    """Pages in a text chunk, so that a chunk is about `CHUNK_BYTES`."""
    if not text_bytes:
        return 1
    return max(1, round(CHUNK_BYTES / (sum(text_bytes) / len(text_bytes))))


def chunk_file(
    number: int,
    start: int,
    pages: Sequence[IndexedPage],
    load: Callable[[IndexedPage], IndexedPage],
) -> tuple[str, str]:
    """Text chunk `number`: the pages whose ids begin at `start`, with their sections."""
    chunk_id = format(number, "x")
    records = []
    for i, page in enumerate(pages):
        sections = [[s.anchor, s.heading, s.text] for s in load(page).sections]
        records.append([start + i, page.url, page.title, page.kind, page.date, sections])
    return f"c-{chunk_id}.js", f'dangjian.registerSearchChunk("{chunk_id}",{_json(records)});\n'


def manifest_file(
    ordered: Sequence[IndexedPage],
    buckets: int,
    per_chunk: int,
    tokenizer: Tokenizer,
    seen_chars: Collection[str],
) -> tuple[str, str]:
    """`manifest.js` of an index of the pages `ordered` (by id); `seen_chars`, the single
    CJK characters that have postings, pick the Traditional→Simplified pairs it carries."""
    fold = "".join(s + t for s, t in tokenizer.table.items() if t in seen_chars)
    manifest = {
        "version": 2,  # 2: bitmaps for frequent terms, pairs across script boundaries
        "pages": len(ordered),
        "buckets": buckets,
        "chunk": per_chunk,
        "fold": fold,
        # Ids from here on are editors' pages: ranked after all others, under their own label
        "editors": sum(1 for p in ordered if p.kind != EDITORS),
        # The engine cuts, decodes and ranks with these, written only in Python
        "cjk": [list(r) for r in CJK_RANGES],
        "alphabet": ALPHABET,
        "k1": K1,
        "fieldBonus": FIELD_BONUS,
        "labels": KIND_LABELS,
    }
    return "manifest.js", f"dangjian.registerSearchManifest({_json(manifest)});\n"


def _same(page: IndexedPage) -> IndexedPage:
    return page


def _unweighted(term: str) -> bool:
    """Single CJK characters: ids only, no weights (they rank by the phrase terms around them)."""
    return len(term) == 1 and not term.isascii()


# The code of a delta by the delta plus one (an id minus the one before it; never 0)
_CODE_OF_STEP = [b"", *_SMALL]
_BYTE = [bytes([n]) for n in range(256)]
_MINUS_ONE = (-1,)
# A character of a bitmap for each value of its six bits
_BITMAP_CHARS = bytes(ord(ALPHABET[n]) if n < 64 else 0 for n in range(256))


def _postings(ids: array.array, weights: bytes, bitmap_chars: int) -> str:
    """The postings of a term in the pages `ids` (ascending), with these weight characters
    (none for a term without weights): delta-coded, or a bitmap when that is shorter.

    Made by `map` and `join` (C loops): two million page–term pairs at 2,000 pages.
    """
    # Each id minus the one before it: the delta plus one
    steps = list(map(operator.sub, ids, itertools.chain(_MINUS_ONE, ids)))
    try:
        codes = list(map(_CODE_OF_STEP.__getitem__, steps))
    except IndexError:  # a gap of 1,024 pages or more
        codes = [encode_number(step - 1).encode() for step in steps]
    if weights:
        text = b"".join(map(operator.add, codes, map(_BYTE.__getitem__, weights)))
    else:
        text = b"".join(codes)
    if bitmap_chars + len(weights) >= len(text):
        return text.decode("ascii")
    return _bitmap(ids, weights.decode("ascii"), bitmap_chars)


def _bitmap(ids: Iterable[int], weights: str, bitmap_chars: int) -> str:
    """`!`, one base-64 character per six pages (bit i of character k: page 6k + i), then
    the weight characters of the pages in id order."""
    bits = bytearray((bitmap_chars - 1) * 6)  # one byte per page: 1 where the term is
    collections.deque(map(bits.__setitem__, ids, _ONES), maxlen=0)
    # Bit i of character k is page 6k + i: the six slices of every sixth page, each shifted
    # by its bit, added as numbers with one byte per character (no byte exceeds 63: no carry)
    chars = bitmap_chars - 1
    value = sum(int.from_bytes(bits[bit::6], "big") << bit for bit in range(6))
    return "!" + value.to_bytes(chars, "big").translate(_BITMAP_CHARS).decode("ascii") + weights


_ONES = itertools.repeat(1)


def _numbers() -> array.array:
    return array.array("I")


def _drain(iterator: Iterator[object]) -> None:
    """Run a `map` made for its effect."""
    collections.deque(iterator, maxlen=0)


def _json(value: object) -> str:
    """Compact JSON safe inside an ES2017 script (U+2028/9 end a line in older engines)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _negate(date: str) -> str:
    """Sort key turning newer dates into smaller strings."""
    return "".join(chr(0x7F - ord(c)) for c in date)


def write_index(files: dict[str, str] | Iterable[tuple[str, str]], site_dir: str | Path) -> None:
    """Write the index files below the site's `SEARCH_DIR`, replacing what was there."""
    folder = Path(site_dir) / SEARCH_DIR
    if folder.exists():
        for old in folder.iterdir():
            old.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items() if isinstance(files, dict) else files:
        (folder / name).write_text(content, encoding="utf-8")
