"""Paths as editors see them, remembered for one build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dangjian.core.paths import display_path, file_at, forget_paths
from mkdocs.structure.files import File, Files


def test_paths_inside_the_site_are_relative_with_forward_slashes(tmp_path: Path) -> None:
    forget_paths()
    page = tmp_path / "content" / "study" / "a.md"
    assert display_path(page, tmp_path) == "content/study/a.md"
    assert display_path(str(page), str(tmp_path) + os.sep) == "content/study/a.md"
    assert display_path(tmp_path, tmp_path) == "."
    outside = tmp_path.parent / "elsewhere.md"
    assert display_path(outside, tmp_path) == outside.resolve().as_posix()


def test_relative_paths_are_read_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forget_paths()
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    assert display_path("a.md", tmp_path) == "one/a.md"
    monkeypatch.chdir(tmp_path / "two")
    assert display_path("a.md", tmp_path) == "two/a.md"


def test_a_new_build_sees_a_moved_symbolic_link(tmp_path: Path) -> None:
    forget_paths()
    site = tmp_path / "site"
    (tmp_path / "real" / "a").mkdir(parents=True)
    (tmp_path / "real" / "b").mkdir()
    site.mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "real" / "a")
    page = link / "p.md"
    assert display_path(page, tmp_path / "real") == "a/p.md"
    link.unlink()
    link.symlink_to(tmp_path / "real" / "b")
    assert display_path(page, tmp_path / "real") == "a/p.md"  # within one build: as first seen
    forget_paths()
    assert display_path(page, tmp_path / "real") == "b/p.md"


def test_file_at_finds_what_get_file_from_path_finds(tmp_path: Path) -> None:
    files = Files(
        [File(p, str(tmp_path), str(tmp_path / "site"), True) for p in ("a.md", "学习/b.md")]
    )
    for path in ("a.md", "学习/b.md", "./a.md", "学习//b.md", "c.md", "学习/../a.md"):
        assert file_at(files, path) is files.get_file_from_path(path)
    assert file_at(files, "./a.md") is not None and file_at(files, "c.md") is None
