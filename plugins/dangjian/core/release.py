"""A page's Markdown and source text, let go as soon as nothing will read them again.

MkDocs keeps every page's Markdown (`page.markdown`) from reading the page until the build
ends, and the site model keeps every content file's text (`SiteModel.sources`); a generated
page (a listing, a question bank's page) also keeps its text in its `File`. That
is about 15 KB a page, 300 MB at 20,000 pages, all held while the templates run. Each is
read only while its own page is read and converted:

- the source text: front matter, copy and attachment checks (`on_files`), the first line of
  the Markdown body for link and quiz-block messages (`on_page_markdown`) and the safety
  policy's line numbers (`on_page_content`);
- the Markdown: `Page.render`, the plugins' `on_page_markdown`, and after that only
  `Page.title`, which asks whether it is None (our title comes from the front matter or the
  rendered heading);
- a generated page's text: `Page.read_source` and, for line numbers, `SiteModel.source_lines`
  (quiz blocks in `on_page_markdown`). MkDocs reads a `File`'s content again only to copy a
  file that is not a page, or in a `--dirty` build, which dangjian does not offer.

So after the page's last `on_page_content` they go: the Markdown and a generated page's text
become "" (for the Markdown what a page restored from the build cache has had all along,
`pagecache.py`, so warm builds have always run like this) and the source text is replaced by
`sitemodel.RELEASED`, whose reading raises. `tests/scale/test_release.py` lists every place
in MkDocs, Material and dangjian that reads `.markdown` or a `File`'s content and fails when
a new one appears, and checks that a site built with and without the release is byte for
byte the same.
"""

from __future__ import annotations

import os
import tempfile
from typing import BinaryIO

from mkdocs.structure.pages import Page

from .sitemodel import SiteModel


def release_page_text(page: Page, site: SiteModel) -> str:
    """Let go of `page`'s Markdown and source text: its last `on_page_content` has run.
    Returns the source text as it was."""
    source = site.source_lines(page.file) or ""
    page.markdown = ""
    if page.file.generated_by:
        page.file.content_string = ""
    else:
        site.release(page.file.src_uri)
    return source


class TextSpool:
    """Texts by key in an anonymous temporary file (gone with the build, even a killed one),
    so that a build holds in memory only where each text is."""

    def __init__(self) -> None:
        self.handle: BinaryIO | None = None
        self.places: dict[str, tuple[int, int]] = {}  # key -> (offset, length)

    def start(self) -> None:
        """A new build: an empty file."""
        self.close()
        # Unbuffered: `get` reads at an offset, past any buffer
        self.handle = tempfile.TemporaryFile(prefix="dangjian-html-", buffering=0)  # noqa: SIM115

    def put(self, key: str, text: str) -> bool:
        """Keep `text` under `key`; False when the spool is not started."""
        if self.handle is None:
            return False
        data = text.encode("utf-8", "surrogatepass")
        offset = self.handle.seek(0, 2)
        view = memoryview(data)
        while view:  # an unbuffered file may take less than all at once
            view = view[self.handle.write(view) or 0 :]
        self.places[key] = (offset, len(data))
        return True

    def get(self, key: str) -> str | None:
        place = self.places.get(key)
        if place is None or self.handle is None:
            return None
        offset, length = place
        # At an offset, not from the file's position: a forked process shares that position
        return os.pread(self.handle.fileno(), length, offset).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
        self.handle = None
        self.places = {}


class HtmlSpool(TextSpool):
    """Each page's HTML on disk from its conversion until its template, as MkDocs would
    otherwise hold every page's HTML from the first conversion to the end of the build.

    After its last `on_page_content` a page's HTML goes to the spool and `page.content` is "";
    it is put back before any plugin's `on_page_context` and let go again after the page's
    last `on_post_page`. Only the page's own template and the hooks of its own context read
    it in between. A page whose source holds an HTML comment keeps its HTML in memory: a
    plugin may fill that place in `on_env`, as Material's tags plugin fills the listing its
    `<!-- material/tags -->` asks for.
    """

    def keep(self, page: Page, html: str, source: str) -> str:
        """What `page.content` holds until `restore`: "" when `html` went to disk.

        `source` is the page's text as read, before any plugin changed it."""
        if not html or "<!--" in source or not self.put(page.file.src_uri, html):
            return html
        return ""

    def restore(self, page: Page) -> None:
        """Put the page's HTML back, for its context hooks and template."""
        html = self.get(page.file.src_uri)
        if html is not None:
            page.content = html

    def release(self, page: Page) -> None:
        """The page is written: its HTML is on disk still, for a later `restore`."""
        if page.file.src_uri in self.places:
            page.content = ""
