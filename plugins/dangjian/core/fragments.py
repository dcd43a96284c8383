"""Template parts that depend on the page only through its folder, rendered once a folder.

Some parts of every page are the same for all pages of a folder: links in them are relative
to the page's folder, and nothing else in them reads the page.

- Material's sidebar navigation (`partials/nav.html`) and tabs (`partials/tabs.html`), for a
  page that is not itself in the navigation (every material of a topic above
  `nav_materials_limit`, every notice): no item is active and none is the page. Rendered
  through a macro per item, they were about a sixth of a page's template time. Such a page
  may still have a `parent`, a section of the navigation MkDocs made first, which
  `content/nav.py` replaced: setting it `active` changes nothing shown.
- The style sheets, Material's script settings (`config`) and the scripts that `main.html`
  writes, for every page.

The template wraps each part in `{% call once(kind) %}` (`theme/partials/dj-once.html`): the
first page of a folder renders it, the others print what was kept. A page in the navigation,
or under one of its sections, gets its own navigation and tabs, and so does every page when
the content plugin, which sets `dj_fragments`, is off. `theme/partials/nav.html` and
`tabs.html` hold copies of Material's partials, checked against the installed Material by
`tests/scale/test_fragments.py`. What is kept lives for one build and one process (a forked
helper keeps its own).
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

Key = tuple[str, str]
# The parts that show which page is active
NAVIGATION = ("nav", "tabs")


class Fragments:
    """The parts kept in this build, by kind ("nav", "styles"…) and folder."""

    def __init__(self, nav: Navigation) -> None:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        self.sections = {id(section) for section in _sections(nav.items)}
        self.kept: dict[Key, str] = {}

    def key(self, kind: str, page: Page | None) -> Key | None:
        """Under what the part `kind` is kept for `page`; None where it depends on the page
        itself (the navigation or tabs of a page in the navigation or under one of its
        sections, whose `active` it sets; any part of a theme page such as 404.html)."""
        if page is None or (kind in NAVIGATION and self._shown_in_navigation(page)):
            return None
        return kind, page.url.rpartition("/")[0]

    def _shown_in_navigation(self, page: Page) -> bool:
        """Whether the page, or a section it makes `active`, is in the navigation shown."""
        if page.file.src_uri in self.in_nav:
            return True
        parent = page.parent  # a section of MkDocs' first navigation, which ours replaced
        while parent is not None:
            if id(parent) in self.sections:
                return True
            parent = parent.parent
        return False

    def keep(self, key: Key | None, html: str) -> str:
        """Keep the part rendered for `key` and print it."""
        if key is not None:
            self.kept[key] = html
        return html


def _sections(items: list) -> list:
    found = []
    for item in items:
        if item.is_section:
            found += [item, *_sections(item.children)]
    return found
