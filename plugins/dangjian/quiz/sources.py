"""Resolve `source` links of banks and questions to a page and heading of the site.

Headings are read from the Markdown source (ids made by the site's own toc slugify), so
source links are checked with the other bank errors, before any page is rendered. A source
is read from the docs folder unless it starts with `./` or `../`
(`core/links.resolve_from_docs_root`); a page's title is its front matter `title`, else its
first `#` heading, as for study materials.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.frontmatter import parse_front_matter
from ..core.links import is_site_link, page_file, resolve_from_docs_root
from ..core.markdown import first_heading, lines_outside_fences

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTR_ID_RE = re.compile(r"\s*\{[^}]*#([\w\-]+)[^}]*\}\s*$")
_INLINE_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"[*_`~=^]+|<[^>]+>")

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
    front, _ = parse_front_matter(url, markdown)  # a broken page is reported by its own plugin
    title = front.get("title")
    if title is None:
        heading = first_heading(front.body)
        title = heading[0] if heading else ""
    page = PageHeadings(url=url, title=str(title))
    for _, line in lines_outside_fences(front.body):
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
    if not is_site_link(target.strip()):
        return Resolved(target.strip(), target.strip()), None
    path, anchor = resolve_from_docs_root(base_uri, target)
    page = pages.get(page_file(path))
    if page is None:
        return None, "page"
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
