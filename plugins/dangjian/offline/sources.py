"""The pack report in the editor's terms: outside references by host, at Markdown file:line.

The scan finds requests in the built HTML; an editor can only change the Markdown. Each
finding in a page is mapped back to the page's source (`study/a.html` ← `study/a.md`) and to
the source line that holds the same address; the same reference made twice in one HTML page
is named once. What has no Markdown source (theme, CSS, scripts) keeps its built location.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..core.errors import ContentError
from ..core.messages import msg
from ..core.paths import display_path

# The address at the end of a scan message: "…会从外部加载：https://…（…）"
_URL = re.compile(r"((?:https?:)?//[^\s（）()\"'<>]+)")
SHOWN_PER_HOST = 5


_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Reference:
    host: str
    where: str  # "content/study/a.md:12" or the built file's location
    url: str

    def sort_key(self) -> tuple:
        """issue-2.md:9 before issue-10.md:37: numbers in names and lines compare as numbers."""
        parts = _DIGITS.split(self.where)
        return tuple(int(p) if p.isdigit() else p for p in parts), self.url


def source_of(rel_html: str, docs_dir: Path) -> Path | None:
    """The Markdown page a built HTML file came from, if there is one."""
    if not rel_html.endswith(".html"):
        return None
    stem = rel_html[: -len(".html")]
    for candidate in (stem + ".md", stem.removesuffix("index") + "README.md"):
        path = docs_dir / candidate
        if path.is_file():
            return path
    return None


def _lines_with(lines: list[str], url: str) -> list[int]:
    forms = {url, html.unescape(url), html.escape(url, quote=False)}
    return [n for n, line in enumerate(lines, start=1) if any(form in line for form in forms)]


def references(
    findings: list[ContentError], site_dir: Path, docs_dir: Path, root: Path
) -> tuple[list[Reference], list[ContentError]]:
    """Outside references located in sources, and the findings that are not about a host."""
    found: set[Reference] = set()
    other: list[ContentError] = []
    sources: dict[str, list[str] | None] = {}
    seen: dict[tuple[str, str], int] = defaultdict(int)  # nth time a page loads an address
    for finding in sorted(findings):
        match = _URL.search(finding.message)
        if match is None:
            other.append(finding)
            continue
        url = match.group(1)
        host = urlsplit(url if not url.startswith("//") else "https:" + url).hostname or url
        if finding.path not in sources:
            source = source_of(finding.path, docs_dir)
            text = source.read_text(encoding="utf-8", errors="replace") if source else None
            sources[finding.path] = text.split("\n") if text is not None else None
        lines = sources[finding.path]
        numbers = _lines_with(lines, url) if lines is not None else []
        nth = seen[(finding.path, url)]
        seen[(finding.path, url)] += 1
        if numbers:
            line = numbers[min(nth, len(numbers) - 1)]
            where = f"{display_path(source_of(finding.path, docs_dir), root)}:{line}"
        else:
            where = f"{display_path(site_dir, root)}/{finding.path}:{finding.line}"
        found.add(Reference(host, where, url))
    return sorted(found, key=Reference.sort_key), other


def report_lines(refs: list[Reference], *, verbose: bool) -> list[str]:
    """Grouped by host (most references first), a few locations each unless `verbose`."""
    by_host: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        by_host[ref.host].append(ref)
    lines = []
    for host, items in sorted(by_host.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(msg("pack_external_host", host=host, count=len(items)))
        shown = items if verbose else items[:SHOWN_PER_HOST]
        lines += [f"  {ref.where}: {ref.url}" for ref in shown]
        if len(items) > len(shown):
            lines.append(msg("pack_external_more", count=len(items) - len(shown)))
    files = {ref.where.rsplit(":", 1)[0] for ref in refs}
    lines.append(msg("pack_external_total", count=len(refs), files=len(files), hosts=len(by_host)))
    return lines
