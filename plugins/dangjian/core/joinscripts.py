"""Classic scripts, or style sheets, joined into one generated file: what `search-engine.js`
(from the engine's pieces), `site.js` (from every feature's script) and `site.css` (from every
feature's style sheet) are made by.

A member's browser pays for every file a page names (3–9 ms each from file://, whatever its
size), so pieces written as separate files for their authors and tests ship as one. Joining is
plain concatenation, no bundler: each piece is a complete IIFE that reaches the others only
through `window.dangjian` when called. Each piece comes under a comment naming it, ends with
a line break (so a trailing `//` comment cannot swallow what follows) and is followed by `;`
(so a piece ending in `})()` cannot call the next one). A site's `custom_dir` overrides any
piece, as the pieces are read from the site's files after MkDocs has applied the theme order.
Style sheets are joined the same way but without the `;`, which CSS would read as the start of
the next rule (and drop that rule); none of ours holds `@import` or `@charset`, which only
count at the top of a file (`tests/content/test_pagescripts.py` checks).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def join_scripts(files: Files, config: MkDocsConfig, pieces: Sequence[File], target: str) -> Files:
    """Replace `pieces` among `files` with one generated `target` holding them in order."""
    after = "" if target.endswith(".css") else ";\n"
    content = "".join(
        f"/* {posixpath.basename(piece.src_uri)} */\n{_ending(piece.content_string)}{after}"
        for piece in pieces
    )
    for piece in pieces:
        files.remove(piece)
    files.append(File.generated(config, target, content=content))
    return files


def _ending(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"
