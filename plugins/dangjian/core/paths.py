"""Paths as editors see them: relative to the site folder, with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files

# What `display_path` gave in this build: each page's name is asked for by several checks
_shown: dict[tuple[str, str, str], str] = {}


def display_path(
    abs_path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None
) -> str:
    """Path relative to `base` (default: the working directory) if inside it, else absolute."""
    cwd = os.getcwd()  # a relative `abs_path` is read from it
    key = (os.fspath(abs_path), os.fspath(base or cwd), cwd)
    shown = _shown.get(key)
    if shown is None:
        shown = _shown[key] = _display_path(key[0], key[1])
    return shown


def forget_paths() -> None:
    """A new build: folders and symbolic links may have changed since the last one."""
    _shown.clear()


def _display_path(abs_path: str, base: str) -> str:
    path, folder = os.path.abspath(abs_path), os.path.abspath(base)
    inside = folder.rstrip(os.sep) + os.sep
    if path.startswith(inside):  # the common case, without asking the disk
        return Path(path[len(inside) :]).as_posix()
    root = Path(base)
    # As written first (a symlink is named, not its target), then with links followed
    for path, folder in (
        (Path(os.path.abspath(abs_path)), Path(os.path.abspath(root))),
        (Path(abs_path).resolve(), root.resolve()),
    ):
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            continue
    return Path(abs_path).resolve().as_posix()


def site_root(config: object) -> str:
    """Folder holding mkdocs.yml; file paths in messages are relative to it."""
    config_file = getattr(config, "config_file_path", None) or config["config_file_path"]  # type: ignore[index]
    return os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()


def is_inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """True if `path`, with every symlink followed, is `folder` or lies below it.

    The one rule for "does this file really belong to the site's sources".
    """
    return RealFolder(folder).contains(path)


class RealFolder:
    """`is_inside` for many paths under one folder, each directory's real path found once:
    `os.path.realpath` looks at every part of a path (55 µs a page at 2,000 pages)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.root = os.path.realpath(folder)
        self._prefix = self.root.rstrip(os.sep) + os.sep
        self._folders: dict[str, str] = {}  # a path's folder -> its real path

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """True if `path`, with every symlink followed, is the folder or lies below it."""
        path = os.fspath(path)
        head, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            real = os.path.realpath(path)
        else:  # the name itself leads nowhere else: its folder's real path, and the name
            real_head = self._folders.get(head)
            if real_head is None:
                real_head = self._folders[head] = os.path.realpath(head or os.curdir)
            real = os.path.join(real_head, name)
        return real == self.root or real.startswith(self._prefix)


def file_at(files: Files, src_uri: str) -> File | None:
    """`files.get_file_from_path(src_uri)`, without normalising `src_uri` first where it is
    a file's own already (as our models' paths are): a tenth of the time, asked per page."""
    found = files.src_uris.get(src_uri)
    return found if found is not None else files.get_file_from_path(src_uri)
