"""The search engine the browser loads: one `search-engine.js` joined from its pieces.

The engine is written as separate classic scripts, one concept each like the Python modules
they mirror (`search-tokenizer.js` ↔ `tokenizer.py`, `search-query.js` ↔ `query.py`, …), and
the node tests run those files as they are. Pages load them as one file because a member's
browser pays for every script a page names (3–9 ms each from file://, whatever its size, on
every page; see the README's search numbers), and six more on every page is a cost members
would pay for our file layout. They are joined in a fixed order as `core/joinscripts.py`
describes (plain concatenation; a site's `custom_dir` still overrides any piece).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..core.joinscripts import join_scripts

ASSETS = "assets/dangjian/"
# In load order; the run loop comes last and keeps the name pages load
PIECES = (
    "search-tokenizer.js",
    "search-query.js",
    "search-index.js",
    "search-rank.js",
    "search-match.js",
    "search-suggest.js",
    "search-engine.js",
)
ENGINE = ASSETS + "search-engine.js"
# What pages load, in order: the joined engine, then the search box
SCRIPTS = ("search-engine.js", "search.js")


def join_engine(files: Files, config: MkDocsConfig) -> Files:
    """Replace the pieces among `files` with one generated `search-engine.js`.

    A piece missing from the theme is left to the content plugin's asset check, which names
    it; the pieces found are then shipped as they are.
    """
    found = [files.get_file_from_path(ASSETS + name) for name in PIECES]
    if any(file is None for file in found):
        return files
    return join_scripts(files, config, found, ENGINE)  # type: ignore[arg-type]
