"""One Markdown converter per build, reset between pages, instead of a new one for each page.

MkDocs' `Page.render` sets up a `markdown.Markdown` with every extension of the site for each
page: 0.6-0.8 ms, almost half as long as converting a material of 2,400 characters, and about
1.5 s of CPU in a cold build of 2,000 pages. `Converter.render` does what `Page.render` does
with one `markdown.Markdown` per build (and per process: a forked helper has its own copy),
reset before each page as Python-Markdown asks of a reused instance (`Markdown.reset`, which
each extension with per-document state joins through `registerExtension`). A conversion that
raises drops the instance: the next page gets a new one.

It reuses the converter only when every extension of the site is one of dangjian's defaults
(`defaults.markdown_extensions`) or MkDocs' `fenced_code`: each keeps per-document state only
where its `reset` clears it (footnotes, abbreviations, tab and code-block counters, the table
of contents). A site that adds any other extension gets MkDocs' own `Page.render`, as does a
MkDocs without the four per-page processors below.

Those processors (raw-HTML anchors, anchors, relative links, the title) are private to
`mkdocs.structure.pages`; they are made anew for each page exactly as `Page.render` makes
them. `tests/core/test_converter.py` checks that every page of the sample site, converted in
either order, leaves the same attributes on the page as `Page.render`.

Python-Markdown's block parser takes a document's blocks one at a time from the front of a
list (`blocks.pop(0)`, and `blocks.insert(0, rest)` for what a processor leaves): each copies
the rest of the list, so a document's conversion grows with the square of its length. That
shows in long documents (an imported report, a long compilation): 0.49 s a MB at 1.7 MB,
0.66 s a MB at 13.7 MB. The converter hands a long document's blocks
to the parser as a deque (`_Blocks`), which does both in constant time; every processor of
the extensions it reuses uses only `blocks[0]`, `pop(0)`, `insert(0, ...)` and the length.
"""

from __future__ import annotations

import collections
import functools
import logging

import markdown
from markdown.blockparser import BlockParser
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .defaults import markdown_extensions

log = logging.getLogger("mkdocs.structure.pages")  # whose level `Page.render` reads

# Extensions whose state a `Markdown.reset` clears (checked by the test above): ours, and
# `fenced_code`, which MkDocs always adds (beside `toc` and `tables`)
REUSABLE = frozenset(markdown_extensions()) | {"fenced_code"}
_PROCESSORS = (
    "_RawHTMLPreprocessor",
    "_ExtractAnchorsTreeprocessor",
    "_RelativePathTreeprocessor",
    "_ExtractTitleTreeprocessor",
)
_HAS_PROCESSORS = all(hasattr(mkdocs_pages, name) for name in _PROCESSORS)
# Documents of more blocks than this are parsed from a deque: a material has a few dozen
LONG_DOCUMENT = 1000


class _Blocks(collections.deque):
    """A document's blocks for the block parser: `pop(0)` and `insert(0, block)` in
    constant time, as the parser takes blocks from the front."""

    def pop(self, index: int = -1) -> str:  # type: ignore[override]
        if index == 0:
            return self.popleft()
        if index == -1:
            return super().pop()
        value = self[index]
        del self[index]
        return value


def _parse_chunk(parser: BlockParser, parent, text: str) -> None:
    """`BlockParser.parseChunk`, with a long document's blocks in a `_Blocks`."""
    blocks = text.split("\n\n")
    parser.parseBlocks(parent, _Blocks(blocks) if len(blocks) > LONG_DOCUMENT else blocks)


def reusable(config: MkDocsConfig) -> bool:
    """Whether pages of this configuration can share one converter."""
    return _HAS_PROCESSORS and all(
        isinstance(name, str) and name in REUSABLE for name in config.markdown_extensions
    )


class Converter:
    """`Page.render` for the pages of one build, with one `markdown.Markdown` for them all."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.reuses = reusable(config)
        self.md: markdown.Markdown | None = None

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Convert `page.markdown` and set what `Page.render` sets on the page."""
        if not self.reuses or config is not self.config:
            Page.render(page, config, files)
            return
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self.md is None:
            self.md = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            parser = self.md.parser
            parser.parseChunk = functools.partial(_parse_chunk, parser)  # type: ignore[method-assign]
        md = self.md.reset()
        # Made for each page, registered under the same names (replacing the last page's)
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)

        try:
            page.content = md.convert(page.markdown)
        except BaseException:
            # A conversion cut short may leave state no `reset` clears (the block parser's
            # state stack): the next page gets a new converter
            self.md = None
            raise
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
