"""A topic's print page, put together from its materials' HTML as their own pages show it.

The print page's Markdown (`pages.print_markdown`) is only a frame: the topic's title and
summary and, for each material, its number, title, facts and a placeholder for its text.
Each material's HTML is kept as its own page is converted (or restored from the build
cache), and fills its placeholder when the print page is converted. Generated pages are
added after every page of the site, and MkDocs converts pages in that order, so the
materials come first.

So a topic's materials are converted once, not a second time joined into one document
(about a tenth of a cold build's CPU time, and at 20,000 pages a 16 MB document after each
edit); and one material's Markdown cannot change another's: a code fence left open, a link
reference or an abbreviation no longer reaches into the next material, and each material's
footnotes follow its own text.

A material's HTML loses its page's links to the question banks that test it (“学完来测一测”,
which is not printed either), and changes in two ways, only inside tags (`localize`):
- headings go one level down (its `##` under the material's numbered `##` title; h6 stays);
- every id, and every reference to one (`href="#…"`, `for`, `headers`, the ARIA id
  references, `url(#…)`, anchor and radio-group names), gets the prefix `dj-p<N>-`, so that
  ids stay unique in the page as they are in each material's own page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..offline.rewrite import apply_edits
from ..offline.scan import ATTRIBUTE
from ..quiz.embed import RELATED_CLASS

# Where material N's text goes: what Python-Markdown makes of the frame's placeholder
PLACE = '<div data-dj-print="{number}"></div>'
_PLACE_RE = re.compile(r'<div data-dj-print="(\d+)"></div>')
# A material page's links to the banks that test it: for the screen, not for a compilation
_QUIZ_LINKS = re.compile(f'<aside class="{RELATED_CLASS}"[^>]*>.*?</aside>', re.DOTALL)

# Comments and the insides of script and style elements are left alone; start and end tags
# are matched with their attributes (possessively, as `offline/scan.py` does)
_TOKENS = re.compile(
    r"""<!--.*?-->
    | <(?P<raw>script|style)\b(?:"[^"]*"|'[^']*'|[^'">]+)*+>.*?</(?P=raw)\s*>
    | <(?P<end>/?)(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">]+)*+)>""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_HEADINGS = {f"h{n}": f"h{n + 1}" for n in range(1, 6)}
# Attributes holding one id, several ids, or a URL that may be "#id"
_ONE_ID = frozenset({"id", "for", "form", "list"})
_ID_LISTS = frozenset(
    {
        "headers",
        "aria-activedescendant",
        "aria-controls",
        "aria-describedby",
        "aria-details",
        "aria-errormessage",
        "aria-flowto",
        "aria-labelledby",
        "aria-owns",
    }
)
_FRAGMENT_URLS = frozenset({"href", "xlink:href", "usemap"})
_NAMED = frozenset({"a", "input", "map"})  # whose `name` is an anchor, radio group or map
_URL_ID = re.compile(r"""(url\(\s*(?:&quot;|["'])?\s*)#""", re.IGNORECASE)


def assemble(frame: str, material_html: Callable[[int], str | None]) -> str:
    """The print page's HTML: each placeholder filled with material N's `for_print` HTML.
    A material whose HTML is not known (a check converts only some pages) leaves its place
    empty."""
    return _PLACE_RE.sub(lambda match: material_html(int(match.group(1))) or "", frame)


def for_print(html: str, number: int, parts: list[str] | None = None) -> str:
    """Material N's page HTML as its print page shows it: without its quiz links, headings
    one level down, ids prefixed (`localize`). `parts` are what `print_parts` made of the
    same HTML, when the build cache kept them."""
    prefix = f"dj-p{number}-"
    if parts is not None:
        return prefix.join(parts)
    return localize(_QUIZ_LINKS.sub("", html), prefix)


def print_parts(html: str) -> list[str] | None:
    """`for_print` of `html` cut where the prefix goes (for any N, `for_print(html, N,
    parts)` joins them), to keep with the converted page in the build cache: a rebuild then
    only joins. None when every private-use character is in the page (the mark cannot be
    told apart)."""
    html = _QUIZ_LINKS.sub("", html)
    mark = next((chr(c) for c in range(0xE000, 0xF900) if chr(c) not in html), None)
    return None if mark is None else localize(html, mark).split(mark)


def valid_parts(value: object) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(p, str) for p in value))


def localize(html: str, prefix: str) -> str:
    """`html` with its headings one level down and its ids and id references prefixed."""
    out: list[str] = []
    last = 0
    for token in _TOKENS.finditer(html):
        tag = token.group("tag")
        if tag is None:
            continue
        name = tag.lower()
        heading = _HEADINGS.get(name)
        attrs = token.group("attrs")
        if token.group("end"):
            if heading is None:
                continue
            replaced = f"</{heading}{attrs}>"
        else:
            new_attrs = _prefix_attributes(name, attrs, prefix) if "=" in attrs else attrs
            if heading is None and new_attrs is attrs:
                continue
            replaced = f"<{heading or tag}{new_attrs}>"
        out += [html[last : token.start()], replaced]
        last = token.end()
    out.append(html[last:])
    return "".join(out)


def _prefix_attributes(tag: str, attrs: str, prefix: str) -> str:
    """`attrs` with id values and references prefixed; the same object when none is."""
    edits: list[tuple[int, int, str]] = []
    for match in ATTRIBUTE.finditer(attrs):
        name = match.group(1).lower()
        group = next((g for g in (2, 3, 4) if match.group(g) is not None), None)
        if group is None:
            continue
        value = match.group(group)
        new = _prefixed(tag, name, value, prefix)
        if new is None and "url(" in value.lower():
            new = _URL_ID.sub(lambda m: m.group(1) + "#" + prefix, value)
        if new is not None and new != value:
            edits.append((match.start(group), match.end(group), new))
    return apply_edits(attrs, edits) if edits else attrs


def _prefixed(tag: str, name: str, value: str, prefix: str) -> str | None:
    if name in _ONE_ID or (name == "name" and tag in _NAMED):
        return prefix + value if value else None
    if name in _ID_LISTS:
        return " ".join(prefix + part for part in value.split())
    if name in _FRAGMENT_URLS and value.startswith("#") and len(value) > 1:
        return "#" + prefix + value[1:]
    return None
