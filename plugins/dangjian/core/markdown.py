"""Markdown source helpers shared by the plugins: where a page's body starts, code fences."""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


def body_start(text: str | None) -> int:
    """File line where MkDocs' Markdown body starts (after front matter and blank lines).

    `text` is the whole file as MkDocs reads it; None (unreadable) gives line 1.
    """
    if text is None:
        return 1
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                # MkDocs strips leading blank lines of the body
                body = index + 1
                while body < len(lines) and not lines[body].strip():
                    body += 1
                return body + 1
    return 1


def line_of_markdown(text: str | None, markdown: str) -> int:
    """File line of the first line of `markdown`, the end of the file `text` as MkDocs read it.

    Unlike `body_start` this is right also when MkDocs could not parse the front matter
    (e.g. an impossible date) and left it in the Markdown.
    """
    if text is None:
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


_ATX_H1_RE = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1_RE = re.compile(r"^ {0,3}=+[ \t]*$")
_ATTR_LIST_RE = re.compile(r"\s*\{[:#.][^}]*\}\s*$")
_INLINE_MARK_RE = re.compile(r"\*\*|__|`")


def first_heading(body: str, first_line: int = 1) -> tuple[str, int] | None:
    """The first level-1 heading of a Markdown body and its file line, as MkDocs takes a title.

    Both `# 标题` and a line underlined with `===` count; fenced code is skipped.
    """
    previous: tuple[int, str] | None = None
    for index, line in lines_outside_fences(body):
        atx = _ATX_H1_RE.match(line)
        if atx:
            text = _clean_heading(atx.group(1))
            if text:
                return text, first_line + index
        if _SETEXT_H1_RE.match(line) and previous and previous[0] == index - 1:
            text = _clean_heading(previous[1])
            if text:
                return text, first_line + previous[0]
        previous = (index, line) if line.strip() else None
    return None


def _clean_heading(text: str) -> str:
    text = _ATTR_LIST_RE.sub("", text)
    return _INLINE_MARK_RE.sub("", text).strip()
