"""Rewrite built HTML and Material's bundle so the site makes no request to another host
and runs under a strict Content-Security-Policy (no inline scripts).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from ..core.links import is_external
from .scan import EXTERNAL_CLASS, TOKENS, allowed, attributes

# Where externalized inline scripts go, relative to the site root
INLINE_DIR = "assets/dangjian/inline"
VENDOR_DIR = "assets/dangjian/vendor"

# Material's bundle loads these from unpkg.com; we point them at files inside the site.
# `__md_scope` is Material's own URL of the site root, set in every page's head.
MATERIAL_URLS = {
    '"https://unpkg.com/resize-observer-polyfill"': "resize-observer-polyfill.js",
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': "mermaid.min.js",
}

# Inline scripts of these types run as classic scripts and can live in a file instead
CLASSIC_TYPES = ("", "text/javascript", "application/javascript")

_CLASS_ATTR = re.compile(r"""(\sclass\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


def mark_external_link(tag: str) -> str:
    """Add the `dj-external` class to one `<a …>` start tag."""
    match = _CLASS_ATTR.search(tag)
    if match:
        classes = match.group(3).split()
        if EXTERNAL_CLASS in classes:
            return tag
        value = " ".join([*classes, EXTERNAL_CLASS])
        return tag[: match.start(3)] + value + tag[match.end(3) :]
    return tag[:2] + f' class="{EXTERNAL_CLASS}"' + tag[2:]


# One edit of a page: replace html[start:end] with the text
Edit = tuple[int, int, str]


def rewrite_html(html: str, root: str, allow: Sequence[str] = ()) -> tuple[str, dict[str, str]]:
    """Mark outside links and move inline scripts into files.

    `root` is the relative URL of the site root as seen from this page ("." or "../..",
    or "/" for server-only pages). Returns the new HTML and {site path: script text}.
    """
    edits, scripts = find_edits(html, root, allow)
    return apply_edits(html, edits), scripts


def find_edits(
    html: str, root: str, allow: Sequence[str] = ()
) -> tuple[list[Edit], dict[str, str]]:
    """The edits `rewrite_html` makes to `html` (in order), and the scripts it moves out."""
    edits: list[Edit] = []
    scripts: dict[str, str] = {}
    for token in TOKENS.finditer(html):
        if token.group("tag") is not None:
            if token.group("tag").lower() != "a" or "//" not in token.group("attrs"):
                continue
            href = attributes(token.group("attrs")).get("href", "")
            if is_external(href) and not allowed(href, allow):
                edits.append((token.start(), token.end(), mark_external_link(token.group(0))))
        elif (token.group("raw") or "").lower() == "script":
            values = attributes(token.group("rawattrs"))
            code = token.group("body")
            if "src" in values or values.get("type", "").lower() not in CLASSIC_TYPES:
                continue
            if not code.strip():
                continue
            digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]
            path = f"{INLINE_DIR}/{digest}.js"
            scripts[path] = code
            src = root.rstrip("/") + "/" + path
            edits.append((token.start(), token.end(), f'<script src="{src}"></script>'))
    return sorted(edits), scripts


def apply_edits(html: str, edits: Sequence[Edit]) -> str:
    """`html` with each (start, end, text) edit made; the edits are sorted and do not overlap."""
    out, last = [], 0
    for start, end, replacement in edits:
        out += [html[last:start], replacement]
        last = end
    out.append(html[last:])
    return "".join(out)


def patch_material_bundle(js: str) -> str:
    """Point Material's polyfill and mermaid loaders at copies inside the site."""
    for literal, name in MATERIAL_URLS.items():
        local = f'new URL("{VENDOR_DIR}/{name}",__md_scope).href'
        js = js.replace(literal, local)
    return js
