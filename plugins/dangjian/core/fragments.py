"""Material's navigation and tabs for the pages outside the navigation, rendered once a folder.

Material renders the sidebar navigation (`partials/nav.html`) and the tabs (`partials/tabs.html`)
for every page, through a macro per item: about a sixth of a page's template time. For a page
that is not itself in the navigation (every material and notice: topic pages and lists lead to
them) neither depends on the page but through its folder: no item is active and none is the
page, so the output differs only in the links, which are relative to the page's folder. (Such
a page may still have a `parent`: a section of the navigation MkDocs made first, which
`content/nav.py` replaced; setting it `active` changes nothing shown.)

`theme/partials/nav.html` and `tabs.html` hold Material's own partial (a copy, checked against
the installed Material by `tests/scale/test_fragments.py`): they render it for the first such
page of a folder, and print what was kept for the others. A page in the navigation, or under
one of its sections, is rendered as Material renders it, and so is every page when the
content plugin, which sets `dj_fragments`, is off. What is kept lives for one build and one
process (a forked helper keeps its own).
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

Key = tuple[str, str]


class Fragments:
    """The partials kept in this build, by kind ("nav", "tabs") and folder."""

    def __init__(self, nav: Navigation) -> None:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        self.sections = {id(section) for section in _sections(nav.items)}
        self.kept: dict[Key, str] = {}

    def key(self, kind: str, page: Page | None) -> Key | None:
        """Under what the partial of `kind` is kept for `page`; None where it depends on the
        page itself (a page in the navigation or under one of its sections, whose `active` it
        sets; or none: a theme page such as 404.html)."""
        if page is None or page.file.src_uri in self.in_nav:
            return None
        parent = page.parent  # a section of MkDocs' first navigation, which ours replaced
        while parent is not None:
            if id(parent) in self.sections:
                return None
            parent = parent.parent
        return kind, page.url.rpartition("/")[0]

    def keep(self, key: Key | None, html: str) -> str:
        """Keep the partial rendered for `key` and print it."""
        if key is not None:
            self.kept[key] = html
        return html


def _sections(items: list) -> list:
    found = []
    for item in items:
        if item.is_section:
            found += [item, *_sections(item.children)]
    return found
