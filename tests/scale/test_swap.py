"""The old site is deleted after the build, by a detached process, and never half-way."""

from __future__ import annotations

import time
from pathlib import Path

from dangjian.site import build_site, swap, trash_folder


def gone(path: Path, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.txt")}


def make(folder: Path, text: str, files: int = 200) -> Path:
    for n in range(files):
        (folder / f"d{n % 7}").mkdir(parents=True, exist_ok=True)
        (folder / f"d{n % 7}" / f"{n}.txt").write_text(f"{text}{n}", encoding="utf-8")
    return folder


def test_swap_puts_the_new_site_in_place_and_deletes_the_old_one_later(tmp_path: Path) -> None:
    site = make(tmp_path / "site", "旧")
    new = make(tmp_path / ".site-new-1", "新")
    expected = tree(new)
    swap(new, site)
    assert tree(site) == expected  # in place at once, whatever the deletion is doing
    assert not new.exists()
    assert gone(trash_folder(site))
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_old_sites_left_by_a_killed_build_are_deleted_by_the_next_one(tmp_path: Path) -> None:
    site = make(tmp_path / "site", "旧")
    left = make(trash_folder(site) / "12345-1", "被中止的构建留下的")
    swap(make(tmp_path / ".site-new-2", "新"), site)
    assert gone(left) and gone(trash_folder(site))


def test_first_build_has_nothing_to_delete(tmp_path: Path) -> None:
    swap(make(tmp_path / ".site-new-3", "新"), tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_rebuilding_a_site_replaces_it(site: Path) -> None:
    out = site / "build" / "site"
    build_site(site / "mkdocs.yml", out)
    (site / "content" / "about.md").write_text("# 关于\n\n改过的正文。\n", encoding="utf-8")
    build_site(site / "mkdocs.yml", out)
    assert "改过的正文" in (out / "about.html").read_text(encoding="utf-8")
    assert gone(trash_folder(out))
