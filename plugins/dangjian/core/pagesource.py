"""`dangjian serve`: a page's front matter as MkDocs reads it, parsed again only when its text
has changed since the last build.

MkDocs' `Page.read_source` parses every page's front matter with PyYAML on every build (about
0.4 s of 2,000 pages, more than any plugin spends on a page restored from the cache). The
preview's pages read it through `read_source` instead, which does what MkDocs 1.6 does and
looks the result up by the text (`core/memo.py`). `tests/core/test_pagesource.py` checks it
against `Page.read_source` on every page of the sample site.
"""

from __future__ import annotations

import functools
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as mkdocs_meta

from .memo import memo_active, remembered


def read_remembered(page: Page) -> None:
    """In the preview, have MkDocs read `page` with `read_source` (one page, one build)."""
    if memo_active():
        page.read_source = functools.partial(read_source, page)  # type: ignore[method-assign]


def read_source(page: Page, config: MkDocsConfig) -> None:
    """`Page.read_source`, with the front matter parsed once for each text."""
    page.__dict__.pop("read_source", None)  # this build's reading only
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None:
        try:
            source = page.file.content_string
        except (OSError, ValueError):  # MkDocs' own reading logs and raises it
            Page.read_source(page, config)
            return
    markdown, meta = remembered(
        "mkdocs-front-matter", (page.file.src_uri, source), lambda: mkdocs_meta.get_data(source)
    )
    page.markdown, page.meta = markdown, _copy(meta)


def _copy(value: Any) -> Any:
    """A copy of parsed YAML the page's plugins may change without changing the kept one."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, set):
        return set(value)
    return value
