"""Search index size and speed on synthetic 2,000- and 10,000-page Chinese sites.

The pages are made from the sample content's own sentences, shuffled with a fixed seed
(~2,400 characters and four sections each), so the vocabulary is real and the output is the
same on every run. For each size it prints:

- index build time (tokenizing every page and writing every file),
- index size (term shards + manifest) and text store size (chunks), vs the plain text,
- bytes a first query downloads (engine, UI, CSS, manifest, its shards, result chunks),
- p50/p95 latency in headless Chromium opened from file://, in three situations:
  - fresh: the first query in a page open for a second (manifest loaded, as the search box
    does on focus): its term shards and result chunks all still to load; "instant" is the same
    query fired the moment the page has loaded, while Chromium still does the page's own
    start-up work (no member types that fast, but the number is printed);
  - session: one page, the queries typed one after another in a shuffled order, each loading
    the shards and chunks it still lacks, as in a member's visit;
  - warm: the same query run again (everything loaded: the engine's own work);
  each as the time to the first screen of results (the top 5, which the search box shows as
  soon as they are confirmed) and to the whole list of 10,
- how many scripts (term shards + text chunks) a first-time query loads on average: each
  script from file:// costs Chromium several milliseconds however small it is, so this count,
  not the bytes, is what first-time latency mostly follows.

    .venv/bin/python benchmarks/search_bench.py [--sizes 2000 10000]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _browser import chromium  # noqa: E402
from dangjian.search.assets import PIECES, SCRIPTS, joined  # noqa: E402
from dangjian.search.index import SEARCH_DIR, IndexedPage, build_index, write_index  # noqa: E402
from dangjian.search.sections import Section  # noqa: E402
from dangjian.search.tokenizer import Tokenizer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "theme" / "assets" / "dangjian"
PAGE_CHARS = 2400
QUERIES = [
    "党员",
    "支部",
    "学习",
    "党章",
    "黨章",
    "党费",
    "保密",
    "精神",
    "会议",
    "制度",
    "全面从严治党",
    "民主集中制",
    "三会一课",
    "两个维护",
    "主题党日",
    "组织生活会",
    "中国式现代化",
    "高质量发展",
    "批评和自我批评",
    "涉密载体",
    "智慧党建平台",
    "921工程",
    "U盘",
    "1921年",
    "2026年度",
    "遵義會議",
    "兩彈一星",
    "党费 计算基数",
    "长征 精神",
    "党员 -党费",
    '"三会一课"',
    "保密 微信 -群主",
    "红烧肉菜谱",
    "量子计算机",
    "足球世界杯",
    "党建工作平台",
    "学习贯彻",
    "理想信念",
    "自我革命",
    "发展对象",
]

HTML = """<!doctype html><html lang="zh"><head><meta charset="utf-8">
<meta name="dangjian-root" content="."><meta name="dangjian-site" content="bench">
<link rel="stylesheet" href="assets/dangjian/search.css"></head><body>
<script src="assets/dangjian/dangjian.js"></script>
{scripts}</body></html>
""".format(scripts="".join(f'<script src="assets/dangjian/{name}"></script>\n' for name in SCRIPTS))


def sentences() -> list[str]:
    """Sentences of the sample study materials and notices, Markdown removed."""
    found: list[str] = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?s)^---\n.*?\n---\n", "", text)
        text = re.sub(r"[#>*`|\[\]()!_-]+", " ", text)
        for part in re.split(r"(?<=[。！？；])", text):
            part = re.sub(r"\s+", "", part)
            if len(part) >= 8:
                found.append(part)
    return found


def corpus(size: int, pool: list[str]) -> list[IndexedPage]:
    rng = random.Random(20261126 + size)
    pages = []
    for number in range(size):
        parts: list[list[str]] = [[] for _ in range(4)]
        length = 0
        while length < PAGE_CHARS:
            sentence = rng.choice(pool)
            parts[min(3, length * 4 // PAGE_CHARS)].append(sentence)
            length += len(sentence)
        sections = [Section("", "", "".join(parts[0]))]
        for i, body in enumerate(parts[1:], start=1):
            heading = rng.choice(pool)[: rng.randint(6, 14)]
            sections.append(Section(f"s{i}", heading, "".join(body)))
        year = 2015 + number % 12
        pages.append(
            IndexedPage(
                url=f"p/{number:05d}.html",
                title=rng.choice(pool)[: rng.randint(8, 18)],
                kind="study" if number % 3 else "notice",
                date=f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                sections=sections,
                src_uri=f"p/{number:05d}.md",
            )
        )
    return pages


def plain_bytes(pages: list[IndexedPage]) -> int:
    return sum(
        len(p.title.encode()) + sum(len((s.heading + s.text).encode()) for s in p.sections)
        for p in pages
    )


SESSIONS = 3
SETTLE_MS = 1000
FRESH_ROUNDS = 3  # each query this many times in a fresh page: p95 of 120 first queries
TIMED = """async q => { const t = performance.now(); let first = null;
  await window.dangjian.search.run(q, {limit: 10, first: 5,
    partial: () => { first = performance.now() - t; }});
  const all = performance.now() - t;
  return [all, first === null ? all : first]; }"""


def _timed(page, query: str, into: dict[str, list[float]] | None) -> float:
    """Run `query` as the search box does; time to the first screen (5) and to all 10 results."""
    full, screen = page.evaluate(TIMED, query)
    if into is not None:
        into["full"].append(full)
        into["screen"].append(screen)
    return full


def _percentiles(name: str, times: dict[str, list[float]]) -> dict[str, float]:
    """p50 and p95 of the first-screen and whole-list times of one situation."""
    found = {}
    for key, label in (("screen", "first 5"), ("full", "all 10")):
        found[f"{name} {label} p50 ms"] = statistics.median(times[key])
        found[f"{name} {label} p95 ms"] = _p95(times[key])
    return found


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _search_page(browser, site: Path):
    """A new page on the bench site with the search manifest loaded (as on the box's focus)."""
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.evaluate("() => window.dangjian.search.load()")
    return page


def measure(size: int, pool: list[str], browser) -> dict[str, float]:
    pages = corpus(size, pool)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
        site = Path(scratch)
        started = time.perf_counter()
        files = build_index(pages, Tokenizer())
        write_index(files, site)
        build_seconds = time.perf_counter() - started
        assets = site / "assets" / "dangjian"
        for name in ("dangjian.js", "search.js", "search.css"):
            (assets / name).write_bytes((ASSETS / name).read_bytes())
        pieces = [(ASSETS / name).read_text(encoding="utf-8") for name in PIECES]
        (assets / "search-engine.js").write_text(joined(pieces), encoding="utf-8")
        (site / "index.html").write_text(HTML, encoding="utf-8")
        folder = site / SEARCH_DIR
        shards = sum(f.stat().st_size for f in folder.glob("t-*.js"))
        manifest = (folder / "manifest.js").stat().st_size
        chunks = sum(f.stat().st_size for f in folder.glob("c-*.js"))
        text = plain_bytes(pages)

        # First query: everything the page loads for search plus what the query loads
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto((site / "index.html").as_uri())
        page.evaluate("q => window.dangjian.search.run(q, {limit: 10})", "全面从严治党")
        first_bytes = sum(
            Path(u[len("file://") :]).stat().st_size
            for u in requested
            if u.startswith("file://") and "/assets/dangjian/" in u and "dangjian.js" not in u
        )
        page.close()

        # First query in a freshly opened page: its shards and result chunks all still to load,
        # the engine's code not yet compiled. The page has been open SETTLE_MS (a member needs
        # longer than that to reach the box and type); "instant" fires the query the moment the
        # page has loaded, while Chromium is still busy with the page's own start-up work.
        fresh: dict[str, list[float]] = {"screen": [], "full": []}
        instant: dict[str, list[float]] = {"screen": [], "full": []}
        warm: list[float] = []
        scripts = 0
        for round_, query in itertools.product(range(FRESH_ROUNDS), QUERIES):
            page = _search_page(browser, site)
            page.wait_for_timeout(SETTLE_MS)
            loaded: list[str] = []
            page.on("request", lambda r, loaded=loaded: loaded.append(r.url))
            _timed(page, query, fresh)
            scripts += sum(1 for u in loaded if re.search(r"/search/[tc]-[0-9a-f]+\.js$", u))
            # Same query again: every script already loaded, so this is the engine's own work
            warm.append(_timed(page, query, None))
            page.close()
            if round_ == 0:
                page = _search_page(browser, site)
                _timed(page, query, instant)
                page.close()

        # A member's session: one page, the queries one after another in a shuffled order;
        # each loads the shards and chunks it still lacks
        session: dict[str, list[float]] = {"screen": [], "full": []}
        for round_ in range(SESSIONS):
            order = QUERIES[:]
            random.Random(round_).shuffle(order)
            page = _search_page(browser, site)
            for query in order:
                _timed(page, query, session)
            page.close()
    load = os.getloadavg()[0]
    return {
        "pages": size,
        "build s": build_seconds,
        "text MB": text / 1e6,
        "index MB": (shards + manifest) / 1e6,
        "index/text": (shards + manifest) / text,
        "chunks/text": chunks / text,
        "first query KB": first_bytes / 1e3,
        **_percentiles("fresh", fresh),
        **_percentiles("instant", instant),
        **_percentiles("session", session),
        "warm p50 ms": statistics.median(warm),
        "warm p95 ms": _p95(warm),
        "first query scripts": scripts / len(QUERIES) / FRESH_ROUNDS,
        "files": len(files),
        "load avg": load,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    pool = sentences()
    rows = []
    with chromium() as browser:
        for size in args.sizes:
            rows.append(measure(size, pool, browser))
            print(
                " ".join(
                    f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
                    for k, v in rows[-1].items()
                ),
                flush=True,
            )
    print(
        "\nbudgets: first query ≤ 300 KB at 10,000 pages; index ≤ 0.5 × text; p95 < 50 ms at 2,000"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
