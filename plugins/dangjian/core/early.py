"""`dangjian serve` shows the page an editor saved as soon as it is rendered.

A preview build after an edit spends most of its time on the pages that did not change: it
reads and checks every source file, restores every page from the cache and prints every
stored template output (about 5 s at 2,000 pages), and MkDocs' server held every request
until the whole build was swapped in. Now the preview notes which pages' sources changed
since its last build (`saw`), has MkDocs render those first (`first`, once every page is
converted and every problem reported, so a build that will fail has failed by then) and
hands each one's output to the server (`rendered`) right away, which serves it while the
build goes on and reloads the browsers showing it (`preview.py`). Everything else is served
from the last complete site until the new one is swapped in.

The order changes nothing in the site: the template context's `pages` keeps MkDocs' order
(`pages_in_order`), and `tests/scale/test_kept.py` compares previews built this way with
builds without a cache after every kind of edit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from mkdocs.structure.files import File, Files

# More pages changed than this (a first build, a search-and-replace across the site, a
# switched git branch) are rendered in MkDocs' order, with nothing shown early
MOST_EDITED = 8


class EarlyPages:
    """The preview's memory of its last build's sources, and this build's edited pages."""

    def __init__(self) -> None:
        self.publish: Callable[[str, bytes], None] | None = None  # set by the server
        self.last: dict[str, int] | None = None  # src_uri → hash of the text, last build
        self.seen: dict[str, int] = {}
        self.edited: set[str] = set()  # src_uri of pages whose source changed, this build
        self.order: list[File] | None = None  # MkDocs' order of the pages, when changed
        self.others = False  # pages not shown early were rendered again: reload once more

    def start(self) -> None:
        self.seen, self.edited, self.order, self.others = {}, set(), None, False

    def saw(self, src_uri: str, text: str) -> None:
        """A page's source as this build read it."""
        # A hash of the text object, not a digest: both builds run in this process, and a
        # collision would only mean a page shown with the rest of the site
        self.seen[src_uri] = hash(text)
        if self.last is not None and self.last.get(src_uri) != self.seen[src_uri]:
            self.edited.add(src_uri)

    def first(self, files: Files) -> None:
        """Move the edited pages to the front of `files`, for MkDocs to render them first."""
        pages = files.documentation_pages()
        if not 0 < len(self.edited) <= MOST_EDITED or len(self.edited) >= len(pages):
            return
        self.order = list(pages)
        for file in pages:
            if file.src_uri not in self.edited:  # the others behind them, in their order
                files.remove(file)
                files.append(file)

    def pages_in_order(self, context: dict) -> dict:
        """A template context with `pages` in MkDocs' order, as if nothing had moved (one
        list for every page, as MkDocs gives every page its one list)."""
        if self.order is not None and context.get("pages") is not None:
            context["pages"] = self.order
        return context

    def rendered(self, src_uri: str, dest_uri: str, output: str, made: bool) -> None:
        """A page's final output, as MkDocs writes it next; `made`: rendered in this build
        (not the last build's output from the cache)."""
        if self.order is not None and src_uri in self.edited:
            if self.publish is not None:
                self.publish(dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
        elif made:
            self.others = True

    def end(self) -> None:
        """The build ended (well or not): the next compares its sources with this one's."""
        self.last, self.seen, self.order = self.seen, {}, None


_EARLY: EarlyPages | None = None


def early_pages() -> EarlyPages | None:
    """The preview's `EarlyPages`; None outside `dangjian serve`."""
    return _EARLY


@contextlib.contextmanager
def pages_shown_early() -> Iterator[EarlyPages]:
    global _EARLY
    _EARLY = EarlyPages()
    try:
        yield _EARLY
    finally:
        _EARLY = None
