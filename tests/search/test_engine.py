"""The JavaScript engine: its node unit tests, and its ranking checked against Whoosh."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from dangjian.search.store import WhooshStore

from . import fixture_index

HERE = Path(__file__).parent
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def node() -> str:
    if NODE is None:
        pytest.fail("Node.js is needed for the search engine tests (apt-get install nodejs)")
    return NODE


def test_node_unit_tests_pass(node: str) -> None:
    run = subprocess.run(
        [node, "--test", str(HERE / "js")], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout


QUERIES = [
    "党建平台",
    "党建 平台",
    "平台 -智慧",
    "黨章",
    "921工程",
    "U盘",
    "1921年",
    "指南",
    "红烧肉菜谱",
]


def engine_results(node: str, queries: list[str]) -> dict[str, list[str]]:
    run = subprocess.run(
        [node, str(HERE / "js" / "harness.js"), str(fixture_index.INDEX_DIR), *queries],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    return {r["query"]: [x["url"] for x in r["results"]] for r in lines}


def test_engine_agrees_with_whoosh_reference(node: str, tmp_path: Path) -> None:
    store = WhooshStore(tmp_path / "whoosh")
    store.update(fixture_index.PAGES, {})
    ours = engine_results(node, QUERIES)
    for query in QUERIES:
        reference = [h.url for h in store.search(query)]
        assert set(ours[query]) == set(reference), query
        if reference:
            assert ours[query][0] == reference[0], query
