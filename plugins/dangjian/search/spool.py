"""Pages for the search index, kept on disk from the moment they are converted.

A page's sections are about as large as its text. Held in memory until every page is converted,
they would be the build's largest per-page cost after MkDocs' own (about 6 KB a page, 120 MB
at 20,000 pages), and handing them all to the index process at once would hold them twice
more (the pickled list, then the copy that process reads). Instead each page is appended to
one temporary file as MkDocs converts it; the build keeps only the page's title, address,
kind and date (what `suggest.js` needs), and the index process reads one page at a time.
The same folder receives the index files that process writes, so that they need not travel
back to the build process either.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .index import IndexedPage


@dataclass
class SpooledPages:
    """Where the pages are: picklable, so the index process gets this instead of the pages."""

    path: str
    # src_uri → (offset, length) of the page's record
    places: dict[str, tuple[int, int]] = field(default_factory=dict)
    # src_uri → the page without its sections, sorted by src_uri
    pages: dict[str, IndexedPage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._handle: BinaryIO | None = None  # opened by the first `load` in each process

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "places": self.places, "pages": self.pages}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def light(self) -> list[IndexedPage]:
        """Every page without its sections, in the order of their source paths."""
        return list(self.pages.values())

    def load(self, page: IndexedPage) -> IndexedPage:
        """`page` (light or not) with its sections, read from the spool file."""
        return pickle.loads(self.raw(page))

    def raw(self, page: IndexedPage) -> bytes:
        """The record of `page` in the spool file: equal records, equal pages."""
        offset, length = self.places[page.src_uri]
        if self._handle is None:
            self._handle = open(self.path, "rb")  # noqa: SIM115 (closed by `close`)
        self._handle.seek(offset)
        return self._handle.read(length)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def full(self) -> Iterator[IndexedPage]:
        """Every page with its sections, one at a time, in the order of their source paths."""
        with open(self.path, "rb") as handle:
            for offset, length in self.places.values():
                handle.seek(offset)
                yield pickle.loads(handle.read(length))


class PageSpool:
    """The pages of one build, appended to a temporary file as they are converted."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="dangjian-search-")
        self.path = os.path.join(self.folder, "pages.pickle")
        self.handle = open(self.path, "wb")  # noqa: SIM115 (open for the whole build)
        self.places: dict[str, tuple[int, int]] = {}
        self.pages: dict[str, IndexedPage] = {}

    @property
    def index_folder(self) -> str:
        """Where the index process writes the index files."""
        return os.path.join(self.folder, "index")

    def add(self, page: IndexedPage) -> None:
        """Keep `page` (a page converted again replaces its earlier record)."""
        data = pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)
        self.places[page.src_uri] = (self.handle.tell(), len(data))
        self.handle.write(data)
        self.pages[page.src_uri] = dataclasses.replace(page, sections=[])

    def finish(self) -> SpooledPages:
        """Every page written: what the index process needs to read them."""
        self.handle.close()
        keys = sorted(self.pages)
        return SpooledPages(
            self.path, {k: self.places[k] for k in keys}, {k: self.pages[k] for k in keys}
        )

    def remove(self) -> None:
        """Delete the file and the index files (the build has taken them or failed)."""
        self.handle.close()
        shutil.rmtree(self.folder, ignore_errors=True)
