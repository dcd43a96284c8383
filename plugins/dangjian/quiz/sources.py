"""Resolve `source` links of banks and questions to a page and heading of the site.

Headings are read from the Markdown source (ids made by the site's own toc slugify), so
source links are checked with the other bank errors, before any page is rendered.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..core.markdown import lines_outside_fences

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTR_ID_RE = re.compile(r"\s*\{[^}]*#([\w\-]+)[^}]*\}\s*$")
_INLINE_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"[*_`~=^]+|<[^>]+>")
_TITLE_RE = re.compile(r"^title:\s*[\"']?(.+?)[\"']?\s*$", re.MULTILINE)

Slugify = Callable[[str, str], str]


@dataclass
class PageHeadings:
    """A page's URL (relative to the site root), title and heading ids with their text."""

    url: str
    title: str
    headings: dict[str, str] = field(default_factory=dict)


def heading_text(raw: str) -> str:
    text = _INLINE_LINK_RE.sub(r"\1", raw)
    return _MARKUP_RE.sub("", text).strip()


def scan_headings(markdown: str, url: str, slugify: Slugify) -> PageHeadings:
    """Heading ids as Python-Markdown's toc makes them (unique with _1, _2 suffixes)."""
    title = ""
    body = markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---", 4)
        if end > 0:
            found = _TITLE_RE.search(markdown[4:end])
            title = found.group(1) if found else ""
            body = markdown[end + 4 :]
    page = PageHeadings(url=url, title=title)
    for _, line in lines_outside_fences(body):
        heading = _HEADING_RE.match(line)
        if not heading:
            continue
        raw = heading.group(2)
        custom = _ATTR_ID_RE.search(raw)
        text = heading_text(_ATTR_ID_RE.sub("", raw))
        if custom:
            anchor = custom.group(1)
        else:
            anchor = base = slugify(text, "-")
            counter = 1
            while anchor in page.headings:
                anchor = f"{base}_{counter}"
                counter += 1
        page.headings[anchor] = text
        if len(heading.group(1)) == 1 and not page.title:
            page.title = text
    return page


@dataclass(frozen=True)
class Resolved:
    """A source link that resolves: site-relative URL and a label for members."""

    url: str
    title: str


def resolve(
    target: str, base_uri: str, pages: dict[str, PageHeadings], slugify: Slugify
) -> tuple[Resolved | None, str | None]:
    """Resolve `target` (docs-root path, or relative to `base_uri` with ./ ../).

    Returns (resolved, None), or (None, "page"/"anchor") naming what is missing.
    """
    parts = urlsplit(target.strip())
    if parts.scheme or parts.netloc:
        return Resolved(target.strip(), target.strip()), None
    path = unquote(parts.path).strip()
    if path.startswith(("./", "../")):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base_uri), path))
    path = path.lstrip("/")
    if path and not path.endswith(".md"):
        path = path.rstrip("/") + ("/index.md" if path.endswith("/") or "." not in path else "")
    page = pages.get(path)
    if page is None:
        return None, "page"
    anchor = unquote(parts.fragment).strip()
    if not anchor:
        return Resolved(page.url, page.title), None
    for candidate in (anchor, slugify(heading_text(anchor), "-")):
        if candidate in page.headings:
            label = (
                f"{page.title} · {page.headings[candidate]}"
                if page.title
                else page.headings[candidate]
            )
            return Resolved(f"{page.url}#{candidate}", label), None
    return None, "anchor"
