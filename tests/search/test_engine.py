"""The JavaScript engine: its node unit tests, and its ranking checked against Whoosh."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from dangjian.core.text import CJK_RANGES
from dangjian.search.index import ALPHABET, FIELD_BONUS, K1, KIND_LABELS
from dangjian.search.store import WhooshStore

from . import fixture_index

HERE = Path(__file__).parent
ASSETS = HERE.parents[1] / "theme" / "assets" / "dangjian"
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


def test_the_engine_repeats_no_constant_the_manifest_carries() -> None:
    # CJK ranges, codec alphabet, K1, field bonuses and result labels: written in Python, read from the manifest
    bounds = {f"{n:04x}" for r in CJK_RANGES for n in r}
    numbers = {str(n) for n in (K1, *FIELD_BONUS) if n}
    for script in sorted(ASSETS.glob("*.js")):
        text = script.read_text(encoding="utf-8")
        written = {b for b in bounds if re.search(rf"(\\u|0x){b}\b", text, re.IGNORECASE)}
        assert not written, f"{script.name} repeats the CJK ranges: {written}"
        assert ALPHABET[:32] not in text, f"{script.name} repeats the codec alphabet"
        repeated = numbers & set(re.findall(r"\b\d+\.\d+\b", text))
        assert not repeated, f"{script.name} repeats ranking constants {repeated}"
        if script.name.startswith("search"):
            labels = {label for label in KIND_LABELS.values() if f"'{label}'" in text}
            assert not labels, f"{script.name} repeats the result labels {labels}"


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
    # Pages holding the whole query: the partial matches after them have no Whoosh twin
    return {r["query"]: [x["url"] for x in r["results"] if not x.get("partly")] for r in lines}


def test_engine_agrees_with_whoosh_reference(node: str, tmp_path: Path) -> None:
    store = WhooshStore(tmp_path / "whoosh")
    store.update(fixture_index.PAGES, {})
    ours = engine_results(node, QUERIES)
    for query in QUERIES:
        reference = [h.url for h in store.search(query)]
        assert set(ours[query]) == set(reference), query
        if reference:
            assert ours[query][0] == reference[0], query


LOADED = """
const { loadEngine } = require(process.argv[1]);  // node -e: arguments start at argv[1]
const dj = loadEngine(process.argv[2]);
(async () => {
  for (const q of process.argv.slice(3)) {
    dj.loaded.length = 0;
    const found = await dj.search.run(q, { limit: 10 });
    console.log(JSON.stringify({ query: q, loaded: dj.loaded.filter((f) => f.startsWith('t-')),
      urls: found.results.map((r) => r.url), loose: found.loose }));
  }
})();
"""


def test_a_query_loads_the_shards_of_its_terms_and_loose_words_only_when_needed(
    node: str, tmp_path: Path, monkeypatch
) -> None:
    from dangjian.search import index
    from dangjian.search.tokenizer import Tokenizer

    monkeypatch.setattr(index, "SHARD_BYTES", 40)  # a shard for every few terms
    files = index.build_index(fixture_index.PAGES, Tokenizer())
    index.write_index(files, tmp_path)
    folder = tmp_path / index.SEARCH_DIR
    buckets = fixture_index.manifest(files)["buckets"]
    assert buckets > 20
    run = subprocess.run(
        [node, "-e", LOADED, str(HERE / "js" / "harness.js"), str(folder), "U盘", "1921月"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found = {r["query"]: r for r in map(json.loads, run.stdout.splitlines())}

    def shards(*terms: str) -> set[str]:
        return {f"t-{index.bucket(t, buckets)}.js" for t in terms}

    # U盘 is one term, found: nothing else is loaded
    assert found["U盘"]["urls"] == ["dangfei.html"] and not found["U盘"]["loose"]
    assert set(found["U盘"]["loaded"]) == shards("u盘")
    # 1921月 is not in the text adjacent: the words 1921 and 月 are loaded for the loose match
    assert found["1921月"]["loose"]
    assert set(found["1921月"]["loaded"]) == shards("1921月", "1921", "月")
