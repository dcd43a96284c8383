"""Find relative links in Markdown with their line numbers, and check them against the site."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..core.errors import ContentError
from ..core.markdown import lines_outside_fences
from ..core.messages import msg

_INLINE_RE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^()\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REF_RE = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
_ID_RE = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass(frozen=True)
class Link:
    target: str
    line: int


def find_links(markdown: str, first_line: int = 1) -> Iterator[Link]:
    """Yield link and image targets outside code, with file line numbers."""
    for offset, line in lines_outside_fences(markdown):
        if line.startswith("    "):  # indented code
            continue
        stripped = _CODE_SPAN_RE.sub("", line)
        for found in _INLINE_RE.finditer(stripped):
            yield Link(found.group(1), first_line + offset)
        ref = _REF_RE.match(stripped)
        if ref:
            yield Link(ref.group(1), first_line + offset)


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith("//")


def resolve(src_uri: str, target: str) -> tuple[str, str]:
    """Return (site-relative path or '' for the same page, anchor) for a relative link."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if not path:
        return "", unquote(parts.fragment)
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    return resolved, unquote(parts.fragment)


def page_ids(html: str) -> set[str]:
    """Every element id in rendered page HTML: heading anchors and attr_list ids."""
    return set(_ID_RE.findall(html))


def check_targets(
    path: str,
    src_uri: str,
    links: list[Link],
    existing: set[str],
) -> tuple[list[ContentError], list[tuple[str, str, Link]]]:
    """Check that link targets exist; return errors and (page, anchor, link) left to check."""
    errors: list[ContentError] = []
    anchors: list[tuple[str, str, Link]] = []
    for link in links:
        if is_external(link.target):
            continue
        resolved, anchor = resolve(src_uri, link.target)
        if resolved and resolved not in existing:
            if resolved.rstrip("/") + "/index.md" in existing or resolved + "index.md" in existing:
                resolved = resolved.rstrip("/") + "/index.md"
            else:
                errors.append(
                    ContentError(path, link.line, message=msg("link_missing", target=link.target))
                )
                continue
        if anchor and (not resolved or resolved.endswith(".md")):
            anchors.append((resolved or src_uri, anchor, link))
    return errors, anchors
