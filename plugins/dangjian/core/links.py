"""Links: whether one leaves the site, and which file and heading one inside points to.

The one place for these rules; `content/links.py` (Markdown links), `quiz/sources.py`
(question-bank `source:`) and `pack/scan.py` (the built site) import them.

Two questions about "outside", kept apart because they differ on `mailto:` and `data:`:

- `is_site_link`: a path to a file of this site (no scheme, no host). Everything else
  (`https:`, `mailto:`, `tel:`, `data:`, `javascript:`, `//host`) is not checked as a page.
- `is_external`: the browser contacts another host (http(s)/ftp/ws(s), `//host`), read as a
  browser reads a URL: tabs and newlines dropped, `\\` as `/`.

Two rules for where a relative path starts, named for what they are:

- `resolve_from_page`: Markdown links, as browsers and MkDocs read them. `a.md` and
  `../b.md#x` are relative to the page's folder, `/c.md` starts at the docs folder.
- `resolve_from_docs_root`: a bank's `source:`. Editors write `study/t/a.md#x` from the docs
  folder; only `./` and `../` are relative to the bank's folder.

Both return the docs-relative path ('' for the same page) and the anchor, percent-decoded.
A backslash is part of a file name, not a folder separator, and a path that leaves the
docs folder keeps its leading `../`: neither matches any file, so the link is reported.
"""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

# Browsers drop tabs and newlines anywhere in a URL and read "\\" as "/" in http(s) URLs;
# "https:host" (no slashes) still leaves the site
_URL_NOISE = re.compile(r"[\t\n\r]")
_EXTERNAL = re.compile(r"^(?:(?:https?|ftp|wss?):|[/\\]{2})", re.IGNORECASE)
_ROOT_ABSOLUTE = re.compile(r"^[/\\](?![/\\])")


class Target(NamedTuple):
    """Where a link inside the site points: docs-relative path ('' = same page), anchor."""

    path: str
    anchor: str


def _normalized(url: str) -> str:
    """`url` as a browser's URL parser starts reading it."""
    return _URL_NOISE.sub("", url).strip(" \x00\x0b\x0c")


def is_external(url: str) -> bool:
    """True for URLs on another host: http(s)/ftp/ws schemes and protocol-relative (//host)."""
    return bool(_EXTERNAL.match(_normalized(url)))


def is_root_absolute(url: str) -> bool:
    """True for `/x`: from the server's root, which is not the site's folder under file://."""
    return bool(_ROOT_ABSOLUTE.match(_normalized(url)))


def is_site_link(target: str) -> bool:
    """True for a path to a file of the site: no scheme (`mailto:`, `data:`…) and no host."""
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith("//"))


def resolve_from_page(src_uri: str, target: str) -> Target:
    """A Markdown link of page `src_uri`: relative to its folder, `/x` from the docs folder."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    anchor = unquote(parts.fragment)
    if not path:
        return Target("", anchor)
    if path.startswith("/"):
        return Target(path.lstrip("/"), anchor)
    return Target(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)), anchor)


def resolve_from_docs_root(src_uri: str, target: str) -> Target:
    """A `source:` of the bank `src_uri`: from the docs folder, `./` and `../` from the bank's."""
    parts = urlsplit(target.strip())
    path = unquote(parts.path).strip()
    if path.startswith(("./", "../")):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    return Target(path.lstrip("/"), unquote(parts.fragment).strip())


def page_file(path: str) -> str:
    """The Markdown file a page path names: `x/` and `x` (no extension) mean `x/index.md`."""
    if not path or path.endswith(".md"):
        return path
    return path.rstrip("/") + ("/index.md" if path.endswith("/") or "." not in path else "")
