"""Rules for the set of source files, applied once where MkDocs has collected them.

A file is published only if its real path (every symlink followed) stays inside the docs
folder; two files must not land on the same page (README.md beside index.md, names that
differ only in case, an editor's file at the path of a generated page).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable

from mkdocs.structure.files import File, Files

from ..core.errors import ContentError
from ..core.messages import msg
from ..core.paths import RealFolder, is_inside

Display = Callable[[str], str]

# Names become titles and URLs in the HTML; these characters are refused, not escaped
_UNSAFE_NAME_RE = re.compile(r'[<>"\x00-\x1f\x7f]')


def _escape_point(docs_dir: str, src_uri: str) -> str:
    """The first folder or file on the way to `src_uri` whose real path leaves `docs_dir`."""
    parts = src_uri.split("/")
    for depth in range(1, len(parts) + 1):
        candidate = os.path.join(docs_dir, *parts[:depth])
        if not is_inside(candidate, docs_dir):
            return candidate
    return os.path.join(docs_dir, *parts)


def refuse_outside(files: Files, docs_dir: str, display: Display) -> list[ContentError]:
    """Remove every file whose real path leaves `docs_dir`; one error per escaping link."""
    errors: list[ContentError] = []
    docs = os.path.abspath(docs_dir)
    real_docs = RealFolder(docs)
    for file in list(files):
        source = file.abs_src_path
        if not source or not os.path.abspath(source).startswith(docs + os.sep):
            continue  # theme files and generated pages
        if real_docs.contains(source):
            continue
        files.remove(file)
        link = _escape_point(docs, file.src_uri)
        error = ContentError(
            display(link), message=msg("outside_docs", target=os.path.realpath(link))
        )
        if error not in errors:
            errors.append(error)
    return errors


def collisions(files: Files, docs_dir: str, display: Display) -> list[ContentError]:
    """README.md beside index.md, names with markup characters, names differing only in case."""
    errors: list[ContentError] = []
    seen: dict[str, File] = {}
    docs = os.path.abspath(docs_dir)
    for file in sorted(_sources(files, docs), key=lambda f: f.src_uri):
        if posixpath.basename(file.src_uri) == "index.md":
            readme = os.path.join(os.path.dirname(file.abs_src_path), "README.md")
            if os.path.isfile(readme):
                errors.append(
                    ContentError(
                        display(readme), message=msg("readme_beside_index", file="README.md")
                    )
                )
        if _UNSAFE_NAME_RE.search(file.src_uri):
            errors.append(ContentError(display(file.abs_src_path), message=msg("unsafe_name")))
        folded = file.src_uri.casefold()
        other = seen.setdefault(folded, file)
        if other is not file:
            errors.append(
                ContentError(
                    display(file.abs_src_path),
                    message=msg("case_collision", other=display(other.abs_src_path)),
                )
            )
    return errors


def generated_collision(
    editor_file: File, generated: str, title: str, display: Display
) -> ContentError:
    """An editor's file sits where a listing page would be generated."""
    return ContentError(
        display(editor_file.abs_src_path),
        message=msg("generated_collision", title=title, generated=generated),
    )


def _sources(files: Files, docs: str) -> Iterable[File]:
    return (
        f
        for f in files
        if f.abs_src_path and not f.generated_by and f.abs_src_path.startswith(docs + os.sep)
    )
