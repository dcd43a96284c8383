"""A page's Markdown and source text, let go as soon as nothing will read them again.

MkDocs keeps every page's Markdown (`page.markdown`) from reading the page until the build
ends, and the site model keeps every content file's text (`SiteModel.sources`): together about
15 KB a page, 300 MB at 20,000 pages, all held while the templates run. Each is read only
while its own page is read and converted:

- the source text: front matter, copy and attachment checks (`on_files`), the first line of
  the Markdown body for link and quiz-block messages (`on_page_markdown`) and the safety
  policy's line numbers (`on_page_content`);
- the Markdown: `Page.render`, the plugins' `on_page_markdown`, and after that only
  `Page.title`, which asks whether it is None (our title comes from the front matter or the
  rendered heading).

So after the page's last `on_page_content` both go: the Markdown becomes "" (what a page
restored from the build cache has had all along, `pagecache.py`, so warm builds have always
run like this) and the source text is replaced by `sitemodel.RELEASED`, whose reading raises.
`tests/scale/test_release.py` lists every place in MkDocs, Material and dangjian that reads
`.markdown` and fails when a new one appears, and checks that a site built with and without
the release is byte for byte the same.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

from .sitemodel import SiteModel


def release_page_text(page: Page, site: SiteModel) -> None:
    """Let go of `page`'s Markdown and source text: its last `on_page_content` has run."""
    page.markdown = ""
    if not page.file.generated_by:
        site.release(page.file.src_uri)
