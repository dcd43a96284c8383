"""`dangjian search "查询"`: search the site as editors do, with file paths and line numbers.

Uses the Whoosh index in `build/.cache/search/`, brought up to date first by a check build
(only changed pages are re-indexed), so results always reflect the files on disk.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..core.cliargs import positive_int
from ..core.cliparser import Subcommands
from ..core.console import make_console
from ..core.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from ..core.messages import msg
from ..core.terminal import fit, snippet
from .index import KIND_LABELS
from .query import parse_query
from .store import Hit, WhooshStore
from .tokenizer import Tokenizer

_FRONT_KEY_RE = re.compile(r"^(?:title|summary|description):\s*")  # a match in front matter


def register(sub: Subcommands, add_config_option: Callable) -> None:
    parser = sub.add_parser("search", help="在全站内容中搜索（显示文件和行号）")
    add_config_option(parser)
    parser.add_argument("query", metavar="查询", help="搜索词；空格分隔表示同时包含，-词 表示排除")
    parser.add_argument(
        "-n", "--limit", type=positive_int, default=10, metavar="数量", help="最多显示几条"
    )
    parser.add_argument(
        "--no-refresh", action="store_true", help="不先更新索引（直接用上次构建的索引）"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json"
    )
    parser.set_defaults(handler=cmd_search)


def match_line(path: Path, query: str, tokenizer: Tokenizer) -> int | None:
    """First line of the file where every phrase of the query occurs (or the first phrase)."""
    parsed = parse_query(query, tokenizer)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    # Each phrase as its units run together: lines are compared the same way, gaps dropped
    wanted = ["".join(unit for unit, _ in tokenizer.units(g.text)) for g in parsed.groups]
    folded = [tokenizer.fold(line) for line in lines]
    for needle_set in (wanted, wanted[:1]):
        for number, line in enumerate(folded, start=1):
            compact = "".join(u for u, _ in tokenizer.units(line))
            if needle_set and all(n in compact for n in needle_set):
                return number
    return None


def with_whoosh(config) -> None:
    """Have the refresh build update the editors' Whoosh index (off in ordinary builds)."""
    plugin = config.plugins.get("dangjian-search")
    if plugin is not None:
        plugin.config.whoosh = True


def cmd_search(args: argparse.Namespace) -> int:
    from ..site import SiteError, check_site, load

    console = make_console(stderr=False)
    config_file = Path(args.config_file)
    tokenizer = Tokenizer()
    if not parse_query(args.query, tokenizer).groups:
        console.print(msg("search_empty_query"))
        return EXIT_USAGE
    try:
        config = load(config_file)
        if not args.no_refresh:
            check_site(config_file, configure=with_whoosh)
    except SiteError as exc:
        for line in exc.problems:
            console.print(line)
        console.print(msg("search_index_failed"))
        return EXIT_CONTENT
    plugin = config.plugins.get("dangjian-search")
    cache = plugin.config.cache_dir if plugin else "build/.cache/search"
    root = config_file.resolve().parent
    store = WhooshStore(root / cache, tokenizer)
    if not store.exists():
        console.print(msg("search_no_index"))
        return EXIT_CONTENT
    hits = store.search(args.query, limit=args.limit)
    if not hits:
        console.print(msg("search_none", query=args.query))
        return EXIT_OK
    results = [_result(rank, hit, args.query, root, tokenizer) for rank, hit in enumerate(hits, 1)]
    if args.format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return EXIT_OK
    if hits[0].loose:
        console.print(msg("search_loose", query=args.query))
    show_results(console, results, _needles(args.query, tokenizer))
    return EXIT_OK


def _needles(query: str, tokenizer: Tokenizer) -> list[str]:
    return [group.text for group in parse_query(query, tokenizer).groups]


def _result(rank: int, hit: Hit, query: str, root: Path, tokenizer: Tokenizer) -> dict:
    line = match_line(root / hit.source, query, tokenizer) if hit.source else None
    text = ""
    if line:
        lines = (root / hit.source).read_text(encoding="utf-8-sig").splitlines()
        text = _FRONT_KEY_RE.sub("", " ".join(lines[line - 1].split()))
    return {
        "rank": rank,
        "title": hit.title,
        "file": hit.source,
        "line": line,
        "kind": hit.kind,
        "date": hit.date,
        "url": hit.url,
        "snippet": text,
        "loose": hit.loose,
    }


def show_results(console: Console, results: list[dict], needles: list[str]) -> None:
    """Title, kind and date; file:line on a line of its own (never split); one-line snippet."""
    width = max(40, console.width) - 4
    for result in results:
        heading = Text(f"{result['rank']:>2}. ", style="bold")
        about = " · ".join(
            x for x in (KIND_LABELS.get(result["kind"], "页面"), result["date"]) if x
        )
        heading.append(fit(result["title"], width - cell_len(about) - 2), style="bold")
        heading.append(f"  {about}", style="dim")
        console.print(heading, soft_wrap=True)
        where = result["file"] or result["url"]
        if result["line"]:
            where += f":{result['line']}"
        console.print(Text("    " + where, style="cyan"), soft_wrap=True)
        if result["snippet"]:
            console.print(Text("    ") + snippet(result["snippet"], needles, width), soft_wrap=True)
