"""Paths as editors see them: relative to the site folder, with forward slashes."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(
    abs_path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None
) -> str:
    """Path relative to `base` (default: the working directory) if inside it, else absolute."""
    path = Path(abs_path).resolve()
    root = Path(base or os.getcwd()).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def site_root(config: object) -> str:
    """Folder holding mkdocs.yml; file paths in messages are relative to it."""
    config_file = getattr(config, "config_file_path", None) or config["config_file_path"]  # type: ignore[index]
    return os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
