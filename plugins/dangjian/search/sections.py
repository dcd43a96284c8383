"""Rendered page HTML cut into sections at each heading: (anchor, heading, plain text)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_HEADING_RE = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S | re.I)
_ID_RE = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""")
_PERMALINK_RE = re.compile(r"<a\b[^>]*class=\"[^\"]*headerlink[^\"]*\"[^>]*>.*?</a>", re.S)
# Code blocks are examples (front matter, YAML), not prose a member should read as a snippet
_DROP_RE = re.compile(r"<(script|style|template|pre)\b.*?</\1>", re.S | re.I)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")
# Block elements end a run of text: keep them apart so words of two cells never join
_BLOCK_RE = re.compile(r"</?(p|div|li|td|th|tr|br|dd|dt|pre|blockquote|h[1-6])\b[^>]*>", re.I)


@dataclass(frozen=True)
class Section:
    """A part of a page under one heading; the first section (anchor "") has no heading."""

    anchor: str
    heading: str
    text: str
    level: int = 0


def _text(markup: str) -> str:
    markup = _BLOCK_RE.sub(" ", markup)
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub("", markup))).strip()


def split_sections(markup: str) -> list[Section]:
    """Sections of a page's content HTML, in order; the page's own h1 opens the first one."""
    markup = _DROP_RE.sub(" ", _PERMALINK_RE.sub("", markup))
    sections: list[Section] = []
    anchor, heading, level, start = "", "", 0, 0
    for match in _HEADING_RE.finditer(markup):
        body = _text(markup[start : match.start()])
        if body or heading:
            sections.append(Section(anchor, heading, body, level))
        found = _ID_RE.search(match.group(2))
        level = int(match.group(1))
        if level == 1 and not sections:
            anchor, heading = "", ""  # the page title: its section is the page itself
        else:
            anchor, heading = (found.group(1) if found else ""), _text(match.group(3))
        start = match.end()
    body = _text(markup[start:])
    if body or heading or not sections:
        sections.append(Section(anchor, heading, body, level))
    return sections
