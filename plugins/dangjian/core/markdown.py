"""Markdown source helpers shared by the plugins: where a page's body starts, code fences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


def body_first_line(abs_path: str | None) -> int:
    """File line where MkDocs' Markdown body starts (after front matter and blank lines)."""
    if not abs_path:
        return 1
    try:
        lines = Path(abs_path).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                # MkDocs strips leading blank lines of the body
                body = index + 1
                while body < len(lines) and not lines[body].strip():
                    body += 1
                return body + 1
    return 1


def first_line_of(abs_path: str | None, markdown: str) -> int:
    """File line of the first line of `markdown`, the end of that file as MkDocs read it.

    Unlike `body_first_line` this is right also when MkDocs could not parse the front
    matter (e.g. an impossible date) and left it in the Markdown.
    """
    if not abs_path:
        return 1
    try:
        text = Path(abs_path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1
    return max(1, text.count("\n") - markdown.count("\n") + 1)


def lines_outside_fences(markdown: str) -> Iterator[tuple[int, str]]:
    """Yield (0-based line index, line) for every line outside fenced code blocks."""
    fence: str | None = None
    for index, line in enumerate(markdown.split("\n")):
        match = _FENCE_RE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is None:
            yield index, line
