"""Find relative links in Markdown with their line numbers, and check them against the site.

Where a link points is decided by `core/links.py` (`resolve_from_page`), the one rule for links.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.errors import ContentError
from ..core.links import is_site_link, resolve_from_page
from ..core.markdown import lines_outside_fences
from ..core.messages import msg
from ..core.suggest import nearest

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
        if not is_site_link(link.target):
            continue
        resolved, anchor = resolve_from_page(src_uri, link.target)
        if resolved and resolved not in existing:
            if resolved.rstrip("/") + "/index.md" in existing or resolved + "index.md" in existing:
                resolved = resolved.rstrip("/") + "/index.md"
            else:
                errors.append(_missing(path, src_uri, link, resolved, existing))
                continue
        if anchor and (not resolved or resolved.endswith(".md")):
            anchors.append((resolved or src_uri, anchor, link))
    return errors, anchors


def links_to_withheld(
    path: str, src_uri: str, links: list[Link], withheld: set[str]
) -> list[ContentError]:
    """Links from a published page to a draft or a page not yet due: broken once built."""
    errors = []
    for link in links:
        if is_site_link(link.target):
            resolved, _ = resolve_from_page(src_uri, link.target)
            if resolved in withheld:
                errors.append(
                    ContentError(path, link.line, message=msg("link_withheld", target=link.target))
                )
    return errors


def _missing(
    path: str, src_uri: str, link: Link, resolved: str, existing: set[str]
) -> ContentError:
    """A broken link, with the nearest existing page of the same kind as a relative link."""
    stem, kind = posixpath.splitext(posixpath.basename(resolved))
    by_stem: dict[str, list[str]] = {}
    for page in existing:
        name, ext = posixpath.splitext(posixpath.basename(page))
        if ext == kind:
            by_stem.setdefault(name, []).append(page)
    # The nearest file name; among pages of that name, the one nearest in the tree
    name = nearest(stem, by_stem)
    found = nearest(resolved, by_stem[name], cutoff=0) if name else None
    hint = None
    if found:
        relative = posixpath.relpath(found, posixpath.dirname(src_uri) or ".")
        hint = msg("did_you_mean_link", candidate=relative)
    message = msg("link_missing", target=link.target)
    return ContentError(path, link.line, message=message, suggestion=hint)


def anchor_error(path: str, link: Link, anchor: str, ids: Iterable[str]) -> ContentError:
    """A link to a heading that is not there, with the nearest heading id of that page."""
    found = nearest(anchor, [i for i in ids if not i.startswith("__")])
    hint = msg("did_you_mean_link", candidate=f"#{found}") if found else None
    message = msg("anchor_missing", target=link.target)
    return ContentError(path, link.line, message=message, suggestion=hint)
