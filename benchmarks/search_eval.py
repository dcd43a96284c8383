"""Search quality on the judged query set: our engine vs Material's built-in search.

Builds the sample site twice — ours (dangjian-search) and plain Material with its `search`
plugin (lang zh) on the same content — then types every query of `search_queries.yml` into each
site's search box in headless Chromium and reads the results shown. Ours is opened from file://,
Material's over http://127.0.0.1 (its web worker cannot start from file://).

Prints recall@10, MRR@10 and nDCG@10 for both (and for the editors' Whoosh index, the
reference ranker, updated in build/.cache/search/ by the build), and how many results each shows for the queries
that should find nothing.

    .venv/bin/python benchmarks/search_eval.py [--verbose]
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _browser import chromium, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUERIES = Path(__file__).with_name("search_queries.yml")


def copy_content(folder: Path) -> Path:
    """The content, minus `template:` keys that name our theme's templates."""
    target = folder / "content"
    shutil.copytree(ROOT / "content", target)
    for page in target.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^template:.*\n", "", text, count=1), encoding="utf-8")
    return target


def material_config(folder: Path) -> Path:
    """mkdocs.yml for plain Material + its search on our content, same Markdown extensions."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    blocks: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            current = line.split(":", 1)[0]
            blocks[current] = []
        if current:
            blocks[current].append(line)
    config = [
        "site_name: 示例党支部学习站",
        "site_url: https://dangjian.example.org/",
        f"docs_dir: {copy_content(folder)}",
        f"site_dir: {folder / 'site'}",
        "use_directory_urls: false",
        "theme:",
        "  name: material",
        "  language: zh",
        "  font: false",
        "plugins:",
        "  - search:",
        "      lang: zh",
        *blocks.get("markdown_extensions", []),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text("\n".join(config) + "\n", encoding="utf-8")
    return path


def build_material(folder: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(material_config(folder)), strict=False)
    build(config)
    return folder / "site"


def build_ours(folder: Path) -> Path:
    """Build the sample site, updating the editors' Whoosh index too (as `dangjian search`)."""
    from dangjian.search.cli import with_whoosh
    from dangjian.site import build_site

    return build_site(ROOT / "mkdocs.yml", folder / "site", configure=with_whoosh).site_dir


def page_path(href: str, base: str) -> str:
    """Site-relative page path of a result link (anchor dropped)."""
    absolute = urljoin(base, href)
    path = unquote(urlsplit(absolute).path)
    root = unquote(urlsplit(base).path).rsplit("/", 1)[0] + "/"
    return path[len(root) :] if path.startswith(root) else path


def dedupe(paths: list[str]) -> list[str]:
    seen: list[str] = []
    for p in paths:
        if p not in seen:
            seen.append(p)
    return seen


def run_ours(browser, site: Path, queries: list[str]) -> dict[str, list[str]]:
    page = browser.new_page()
    base = (site / "index.html").as_uri()
    page.goto(base)
    results = {}
    for query in queries:
        page.fill(".dj-search__input", "")
        page.fill(".dj-search__input", query)
        page.dispatch_event(".dj-search__input", "input")
        page.wait_for_function(
            "() => window.dangjian.searchBox && window.dangjian.searchBox.pending",
        )
        page.evaluate("() => window.dangjian.searchBox.update()")
        hrefs = page.eval_on_selector_all(
            ".dj-search__result", "els => els.map(e => e.getAttribute('href'))"
        )
        results[query] = dedupe([page_path(h, base) for h in hrefs])[:10]
    page.close()
    return results


def run_material(browser, url: str, queries: list[str]) -> dict[str, list[str]]:
    page = browser.new_page()
    page.goto(url + "index.html")
    page.click(".md-search__input")
    # Wait for the worker to index the site
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/初始化|Initializing/.test(m.textContent); }",
        timeout=60_000,
    )
    results = {}
    for query in queries:
        page.fill(".md-search__input", "")
        page.wait_for_timeout(50)
        page.fill(".md-search__input", query)
        page.keyboard.press("End")  # Material reads the box on keyup; fill() sends none
        previous = None
        for _ in range(40):  # until the result list stops changing
            page.wait_for_timeout(100)
            current = page.eval_on_selector_all(
                ".md-search-result__item > a.md-search-result__link",
                "els => els.map(e => e.href)",
            )
            if current == previous:
                break
            previous = current
        results[query] = dedupe([page_path(h, url + "index.html") for h in previous or []])[:10]
    page.close()
    return results


def run_whoosh(queries: list[str]) -> dict[str, list[str]]:
    """The editors' `dangjian search` ranking (Whoosh BM25F), from the index build_ours updated."""
    from dangjian.search.store import WhooshStore

    store = WhooshStore(ROOT / "build" / ".cache" / "search")
    return {q: dedupe([h.url for h in store.search(q, limit=10)]) for q in queries}


def metrics(ranked: list[str], relevant: dict[str, int]) -> tuple[float, float, float]:
    hits = [p for p in ranked[:10] if p in relevant]
    recall = len(hits) / len(relevant)
    mrr = next((1 / (i + 1) for i, p in enumerate(ranked[:10]) if p in relevant), 0.0)
    dcg = sum((2 ** relevant.get(p, 0) - 1) / math.log2(i + 2) for i, p in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return recall, mrr, dcg / idcg


def summarize(judged: list[dict], results: dict[str, list[str]]) -> dict[str, float]:
    scored = [metrics(results[q["query"]], q["relevant"]) for q in judged if q["relevant"]]
    none = [q for q in judged if not q["relevant"]]
    return {
        "recall@10": sum(s[0] for s in scored) / len(scored),
        "MRR@10": sum(s[1] for s in scored) / len(scored),
        "nDCG@10": sum(s[2] for s in scored) / len(scored),
        "no-match queries with results": sum(1 for q in none if results[q["query"]]),
        "results shown for no-match queries": sum(len(results[q["query"]]) for q in none),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's ranking")
    args = parser.parse_args()
    judged = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    queries = [q["query"] for q in judged]
    with tempfile.TemporaryDirectory(prefix="search-eval-") as scratch:
        ours_site = build_ours(Path(scratch) / "ours")
        material_site = build_material(Path(scratch) / "material")
        with chromium() as browser, serve(material_site) as url:
            ours = run_ours(browser, ours_site, queries)
            material = run_material(browser, url, queries)
    whoosh = run_whoosh(queries)
    a, b, c = summarize(judged, ours), summarize(judged, material), summarize(judged, whoosh)
    judged_count = sum(1 for q in judged if q["relevant"])
    print(f"{len(judged)} queries ({judged_count} judged, {len(judged) - judged_count} no-match)")
    print(f"{'':36}{'dangjian':>12}{'Material':>12}{'Whoosh CLI':>12}")
    for key in a:
        fmt = "{:>12.3f}" if isinstance(a[key], float) else "{:>12d}"
        print(f"{key:36}" + fmt.format(a[key]) + fmt.format(b[key]) + fmt.format(c[key]))
    same_top = sum(1 for q in queries if ours[q][:1] == whoosh[q][:1])
    print(f"same first result as the Whoosh reference: {same_top}/{len(queries)} queries")
    kinds = sorted({q["kind"] for q in judged if q["relevant"]})
    print("\nMRR@10 by kind of query:")
    for kind in kinds:
        part = [q for q in judged if q["kind"] == kind]
        mo = sum(metrics(ours[q["query"]], q["relevant"])[1] for q in part) / len(part)
        mm = sum(metrics(material[q["query"]], q["relevant"])[1] for q in part) / len(part)
        print(f"  {kind:14} n={len(part):2}  dangjian {mo:.3f}  Material {mm:.3f}")
    for q in judged:
        r, m, n = metrics(ours[q["query"]], q["relevant"]) if q["relevant"] else (1, 1, 1)
        bad = (q["relevant"] and (r < 1 or m < 1)) or (not q["relevant"] and ours[q["query"]])
        if args.verbose or bad:
            print(f"\n[{q['kind']}] {q['query']}  recall {r:.2f} rr {m:.2f}")
            print("  ours:    ", ours[q["query"]])
            print("  material:", material[q["query"]][:5])
            print("  judged:  ", q["relevant"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
