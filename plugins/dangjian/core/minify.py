"""Page HTML without the whitespace its templates indent with.

Material's templates, and ours, are written for people: indented blocks and blank lines
between tags are a sixth of a page's bytes (about 4.5 KB of a 28 KB material page), repeated
in every page a member downloads and in every file of the offline zip, where each page is
compressed on its own. A run of whitespace between two tags is shortened to one newline (or
one space): the browser renders any run there as it renders one character, so the page looks
and reads the same. Inside `pre`, `textarea`, `code` and `kbd` (shown with their whitespace)
and `script` and `style` nothing is touched.
"""

from __future__ import annotations

import re

# Elements whose whitespace is content, each matched whole (none of them nests in itself)
_KEPT = re.compile(
    r"<(?=[ptcksPTCKS])(pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.S | re.I
)
_GAP_LINES = re.compile(r">[ \t\r\f\v]*\n\s*<")
_GAP_SPACES = re.compile(r">[ \t\r\f\v]{2,}<")
# Where a kept element waits while the rest is collapsed: a tag of its own, so the gaps
# around it collapse too. A page that holds this character already is left as it is.
_MARK = "\ue000"
_PLACED = re.compile(f"<{_MARK}(\\d+)>")


def collapse_whitespace(html: str) -> str:
    """`html` with each whitespace run between two tags made one character, outside the
    elements that show their whitespace. Idempotent; a page renders the same."""
    if _MARK in html:
        return html
    kept: list[str] = []

    def place(element: re.Match[str]) -> str:
        kept.append(element.group(0))
        return f"<{_MARK}{len(kept) - 1}>"

    text = _KEPT.sub(place, html)
    text = _GAP_SPACES.sub("> <", _GAP_LINES.sub(">\n<", text))
    return _PLACED.sub(lambda placed: kept[int(placed.group(1))], text) if kept else text
