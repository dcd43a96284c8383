"""The query parser against the fixture shared with the JavaScript twin
(tests/search/js/query.test.js runs the same cases against search-query.js)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dangjian.search.query import Group, parse_query
from dangjian.search.tokenizer import Tokenizer

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "query.json").read_text(encoding="utf-8"))["cases"]


def plain(group: Group) -> dict:
    return {
        "text": group.text,
        "terms": [[t.term, t.pos] for t in group.terms],
        "loose": group.loose,
    }


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer()


def test_fixture_has_phrases_exclusions_and_empty_queries() -> None:
    assert len(CASES) >= 20
    assert any(c["exclude"] for c in CASES) and any(not c["groups"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["query"] or "empty" for c in CASES])
def test_queries_parse_as_the_shared_fixture_says(tokenizer: Tokenizer, case: dict) -> None:
    query = parse_query(case["query"], tokenizer)
    assert [plain(g) for g in query.groups] == case["groups"]
    assert [plain(g) for g in query.exclude] == case["exclude"]
