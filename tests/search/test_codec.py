"""The postings codec and the shard hash against the fixtures shared with the JavaScript twin
(tests/search/js/codec.test.js runs the same cases against search-index.js)."""

from __future__ import annotations

import array
import json
import re
from pathlib import Path

import pytest
from dangjian.search import index
from dangjian.search.index import ALPHABET, bucket, encode_number
from hypothesis import given
from hypothesis import strategies as st

from . import fixture_index

FIXTURES = Path(__file__).parent / "fixtures"
POSTINGS = json.loads((FIXTURES / "postings.json").read_text(encoding="utf-8"))["cases"]
BUCKETS = json.loads((FIXTURES / "bucket.json").read_text(encoding="utf-8"))["cases"]


def encode(postings: list[list], pages: int, unweighted: bool) -> str:
    """A plain writing of the format (what `build_index` writes for a term in these [page id,
    weight code] pages): delta-coded ids, each followed by its weight character, or the bitmap
    form when that is shorter."""
    text, last = "", -1
    for page, weight in postings:
        text += encode_number(page - last - 1) + ("" if unweighted else ALPHABET[weight])
        last = page
    weights = "" if unweighted else "".join(ALPHABET[w] for _, w in postings)
    chars = (pages + 5) // 6
    if 1 + chars + len(weights) >= len(text):
        return text
    ids = {page for page, _ in postings}
    bitmap = [sum(1 << b for b in range(6) if 6 * k + b in ids) for k in range(chars)]
    return "!" + "".join(ALPHABET[n] for n in bitmap) + weights


def decode(text: str, pages: int, unweighted: bool) -> list[list]:
    """A plain reading of the format (the browser's decode is search-index.js): [id, weight]."""
    digit = {c: n for n, c in enumerate(ALPHABET)}
    if text.startswith("!"):
        chars = (pages + 5) // 6
        ids = [k * 6 + b for k in range(chars) for b in range(6) if digit[text[1 + k]] >> b & 1]
        weights = [None] * len(ids) if unweighted else [digit[c] for c in text[1 + chars :]]
        return [[i, w] for i, w in zip(ids, weights, strict=True)]
    # A number: continued digits (alphabet's upper half), a final digit; then one weight
    number = f"[{re.escape(ALPHABET[32:])}]*[{re.escape(ALPHABET[:32])}]"
    found, page = [], -1
    for code, weight in re.findall(f"({number})({'' if unweighted else '.'})", text):
        value = 0
        for d in code:
            value = value * 32 + digit[d] % 32
        page += value + 1
        found.append([page, digit[weight] if weight else None])
    return found


def test_fixture_covers_both_forms() -> None:
    encoded = [c["encoded"] for c in POSTINGS]
    assert any(e.startswith("!") for e in encoded) and any(e and e[0] != "!" for e in encoded)
    assert any(c["unweighted"] for c in POSTINGS) and "" in encoded


@pytest.mark.parametrize("case", POSTINGS, ids=[c["about"] for c in POSTINGS])
def test_postings_encode_to_the_shared_strings(case: dict) -> None:
    assert encode(case["postings"], case["pages"], case["unweighted"]) == case["encoded"]
    assert decode(case["encoded"], case["pages"], case["unweighted"]) == case["postings"]


def test_every_postings_string_of_the_fixture_index_round_trips() -> None:
    # `encode` above is what build_index writes: re-encoding what it wrote gives the same string
    files = fixture_index.build()
    pages = fixture_index.manifest(files)["pages"]
    checked = 0
    for name, script in files.items():
        if name.startswith("t-"):
            terms = json.loads(script[script.index(",") + 1 : script.rindex(")")])
            for term, text in terms.items():
                unweighted = len(term) == 1 and not term.isascii()
                assert encode(decode(text, pages, unweighted), pages, unweighted) == text, term
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("case", BUCKETS, ids=[f"{c['term']}/{c['buckets']}" for c in BUCKETS])
def test_shard_hash_matches_the_shared_fixture(case: dict) -> None:
    assert bucket(case["term"], case["buckets"]) == case["shard"]


@given(
    st.lists(st.integers(0, 3000), unique=True).map(sorted),
    st.booleans(),
    st.data(),
)
def test_postings_from_page_ids_are_what_the_codec_writes(
    ids: list[int], unweighted: bool, data: st.DataObject
) -> None:
    # What the index writes from a term's page ids and weights (C loops), and what `encode`
    # above makes of the same pairs, for gaps of any size (a gap of 1,024 or more is slower)
    weights = [] if unweighted else [data.draw(st.integers(1, 63)) for _ in ids]
    pages = 3001
    written = index._postings(
        array.array("I", ids), bytearray(ord(ALPHABET[w]) for w in weights), 1 + (pages + 5) // 6
    )
    pairs = [
        [i, None if unweighted else w] for i, w in zip(ids, weights or [0] * len(ids), strict=True)
    ]
    assert written == encode(pairs, pages, unweighted)
    assert decode(written, pages, unweighted) == pairs
