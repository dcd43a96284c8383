"""Where member-visible prose is in a content file, as spans that copy rules may read or fix.

Markdown: the body outside code blocks, inline code, HTML tags and comments, link targets,
URLs and attribute lists; plus the text values of a few front-matter keys. YAML (question
banks, topic files): the values of the keys members read; answers, ids and paths are skipped.
Keys themselves are never part of a span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Front-matter and YAML keys whose values a member reads
PROSE_KEYS = frozenset(
    {"title", "summary", "description", "subtitle", "stem", "explanation", "analysis", "name"}
)
# Keys whose nested values (options of a question) a member reads
PROSE_LISTS = frozenset({"options"})

_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
_KEY_RE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(\s*)(.*)$")
_ITEM_RE = re.compile(r"^(\s*)-\s+(.*)$")
_OPTION_RE = re.compile(r"^(\s*)([A-Za-z0-9]{1,2})\s*:(\s*)(.*)$")
# Parts of a Markdown line that are not prose
_PROTECTED_RE = re.compile(
    r"""
    (`+).*?\1                               # inline code
    | <!--.*?-->                            # comment
    | </?[A-Za-z][^<>]*>                    # HTML tag or autolink
    | \]\([^()\s]*(?:\([^()]*\))?[^()]*\)   # link target ](...)
    | \]\[[^\]]*\]                          # reference ][id]
    | \[\^[^\]]+\]                          # footnote reference
    | [a-z][a-z0-9+.-]*://\S+               # bare URL
    | \{[:#.][^{}]*\}                       # attribute list {#id .class}
    | &[a-z]+;|&\#\d+;                      # entity
    | :[a-z0-9_+-]+:                        # emoji shortcode
    | !?\[|\]                               # link brackets
    """,
    re.VERBOSE | re.IGNORECASE,
)
_LINE_PREFIX_RE = re.compile(
    r"^\s*(?:\[[^\]]+\]:.*$|(?:!!!|\?\?\?\+?|===)\s*\S*|\*\[[^\]]*\]:)"  # ref defs, admonitions
)


@dataclass(frozen=True)
class Span:
    """Prose at 1-based `line`, starting at 0-based `start` in that line."""

    line: int
    start: int
    text: str


def _split_prose(line: str, number: int, offset: int = 0) -> Iterator[Span]:
    position = 0
    for found in _PROTECTED_RE.finditer(line):
        if found.start() > position:
            yield from _trimmed(number, offset + position, line[position : found.start()])
        position = found.end()
    if position < len(line):
        yield from _trimmed(number, offset + position, line[position:])


def _trimmed(number: int, start: int, text: str) -> Iterator[Span]:
    stripped = text.rstrip("\r")
    if stripped.strip():
        yield Span(number, start, stripped)


def _value_span(number: int, line: str, start: int) -> Iterator[Span]:
    """A YAML scalar written on one line; quoted values give the text inside the quotes."""
    value = line[start:].rstrip("\r")
    if not value.strip() or value[0] in "[{|>&*!#":
        return
    if value[0] in "\"'" and len(value) > 1 and value.rstrip()[-1] == value[0]:
        yield Span(number, start + 1, value.rstrip()[1:-1])
    else:
        yield Span(number, start, value)


def front_matter_end(lines: list[str]) -> int:
    """Index of the line closing the front matter, or -1 when there is none."""
    if not lines or lines[0].rstrip("\r").rstrip() != "---":
        return -1
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r").rstrip() in ("---", "..."):
            return index
    return -1


def markdown_spans(text: str) -> Iterator[Span]:
    """Prose spans of a Markdown page, front-matter values included."""
    lines = text.split("\n")
    end = front_matter_end(lines)
    for index in range(1, end):
        found = _KEY_RE.match(lines[index])
        if found and not found.group(1) and found.group(2) in PROSE_KEYS:
            yield from _value_span(index + 1, lines[index], found.start(4))
    fence = None
    in_comment = False
    previous_blank = True
    for index in range(end + 1, len(lines)):
        line = lines[index].rstrip("\r")
        marker = _FENCE_RE.match(line)
        if fence is not None:
            if marker and marker.group(1).startswith(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)[0] * len(marker.group(1))
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            line = line.split("<!--", 1)[0]
        if previous_blank and (line.startswith("\t") or line.startswith("    ")):
            continue  # indented code
        previous_blank = not line.strip()
        if _LINE_PREFIX_RE.match(line):
            prefix = _LINE_PREFIX_RE.match(line)
            rest = line[prefix.end() :]
            yield from _split_prose(rest, index + 1, prefix.end())
            continue
        yield from _split_prose(line, index + 1)


def yaml_spans(text: str) -> Iterator[Span]:
    """Prose spans of a YAML content file (question bank, topic file)."""
    lines = text.split("\n")
    block_indent: int | None = None  # inside a `key: |` block scalar of a prose key
    list_indent: int | None = None  # inside `options:`
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r")
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if block_indent is not None:
            if indent > block_indent:
                yield Span(index + 1, indent, line[indent:])
                continue
            block_indent = None
        if list_indent is not None and indent <= list_indent and not line.lstrip().startswith("-"):
            list_indent = None
        if list_indent is not None and indent > list_indent:
            option = _OPTION_RE.match(line)
            item = _ITEM_RE.match(line)
            if option:
                yield from _value_span(index + 1, line, option.start(4))
            elif item:
                yield from _value_span(index + 1, line, item.start(2))
            continue
        list_indent = None
        found = _KEY_RE.match(line)
        if not found:
            continue
        key, value_start = found.group(2), found.start(4)
        if key in PROSE_LISTS:
            list_indent = indent if not line.lstrip().startswith("-") else indent + 2
            continue
        if key not in PROSE_KEYS:
            continue
        if found.group(4)[:1] in ("|", ">"):
            block_indent = len(found.group(1)) + (2 if line.lstrip().startswith("-") else 0)
            continue
        yield from _value_span(index + 1, line, value_start)


def spans(path: str, text: str) -> Iterator[Span]:
    """Prose spans of a content file, by its kind."""
    if path.endswith((".yml", ".yaml")):
        return yaml_spans(text)
    return markdown_spans(text)
