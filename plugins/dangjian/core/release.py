"""A page's Markdown and source text, let go as soon as nothing will read them again.

MkDocs keeps every page's Markdown (`page.markdown`) from reading the page until the build
ends, and the site model keeps every content file's text (`SiteModel.sources`); a generated
page (a topic's print page holds all its materials) also keeps its text in its `File`. That
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

from mkdocs.structure.pages import Page

from .sitemodel import SiteModel


def release_page_text(page: Page, site: SiteModel) -> None:
    """Let go of `page`'s Markdown and source text: its last `on_page_content` has run."""
    page.markdown = ""
    if page.file.generated_by:
        page.file.content_string = ""
    else:
        site.release(page.file.src_uri)
