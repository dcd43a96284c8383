"""Rewrite built HTML and Material's bundle so the site makes no request to another host
and runs under a strict Content-Security-Policy (no inline scripts).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from html.parser import HTMLParser

from .scan import EXTERNAL_CLASS, allowed, is_external

# Where externalized inline scripts go, relative to the site root
INLINE_DIR = "assets/dangjian/inline"
VENDOR_DIR = "assets/dangjian/vendor"

# Material's bundle loads these from unpkg.com; we point them at files inside the site.
# `__md_scope` is Material's own URL of the site root, set in every page's head.
MATERIAL_URLS = {
    '"https://unpkg.com/resize-observer-polyfill"': "resize-observer-polyfill.js",
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': "mermaid.min.js",
}

_CLASS_ATTR = re.compile(r"""(\sclass\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


class _Tags(HTMLParser):
    """Collects the source spans of `<a>` start tags and of inline `<script>` elements."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.text = text
        self.links: list[tuple[int, int, dict[str, str]]] = []
        self.scripts: list[tuple[int, int, int, int]] = []  # tag start, body start/end, end
        self._script: tuple[int, int] | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append((start, start + len(raw), values))
        elif tag == "script":
            kind = values.get("type", "").lower()
            if "src" not in values and kind in ("", "text/javascript", "application/javascript"):
                self._script = (start, start + len(raw))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            end_tag = self._offset()
            close = self.text.index(">", end_tag) + 1
            start, body = self._script
            self.scripts.append((start, body, end_tag, close))
            self._script = None


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


def rewrite_html(html: str, root: str, allow: Sequence[str] = ()) -> tuple[str, dict[str, str]]:
    """Mark outside links and move inline scripts into files.

    `root` is the relative URL of the site root as seen from this page ("." or "../..",
    or "/" for server-only pages). Returns the new HTML and {site path: script text}.
    """
    parser = _Tags(html)
    parser.feed(html)
    parser.close()
    edits: list[tuple[int, int, str]] = []
    for start, end, values in parser.links:
        href = values["href"]
        if is_external(href) and not allowed(href, allow):
            edits.append((start, end, mark_external_link(html[start:end])))
    scripts: dict[str, str] = {}
    for start, body, end_tag, close in parser.scripts:
        code = html[body:end_tag]
        if not code.strip():
            continue
        digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]
        path = f"{INLINE_DIR}/{digest}.js"
        scripts[path] = code
        src = root.rstrip("/") + "/" + path
        edits.append((start, close, f'<script src="{src}"></script>'))
    out, last = [], 0
    for start, end, replacement in sorted(edits):
        out += [html[last:start], replacement]
        last = end
    out.append(html[last:])
    return "".join(out), scripts


def patch_material_bundle(js: str) -> str:
    """Point Material's polyfill and mermaid loaders at copies inside the site."""
    for literal, name in MATERIAL_URLS.items():
        local = f'new URL("{VENDOR_DIR}/{name}",__md_scope).href'
        js = js.replace(literal, local)
    return js
