"""The offline rewrite cache: a warm build writes exactly what a cold build writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.offline import rewrite

from .test_package import append_to_page

POISON = "<!-- 投毒的缓存条目 -->"


def build(config: Path, folder: str = "site") -> dict[str, bytes]:
    """Build into build/<folder> (inside the project, so the cache is written)."""
    site = config.parent / "build" / folder
    assert main(["build", "-f", str(config), "-d", str(site)]) == 0
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def cold(config: Path) -> dict[str, bytes]:
    """What a build without any cache writes."""
    shutil.rmtree(config.parent / "build" / ".cache", ignore_errors=True)
    return build(config, "cold")


def entries(config: Path) -> list[Path]:
    return sorted((config.parent / "build" / ".cache").rglob("offline-rewrite/*/*.json"))


@pytest.fixture
def rewritten(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Pages (by their root URL and length) whose edits were computed, not looked up."""
    seen: list[str] = []
    find_edits = rewrite.find_edits

    def counting(html: str, root: str, allow=()):
        seen.append(root)
        return find_edits(html, root, allow)

    monkeypatch.setattr(rewrite, "find_edits", counting)
    return seen


def test_warm_build_is_cold_build_and_rewrites_nothing(
    pack_site: Path, rewritten: list[str]
) -> None:
    first = cold(pack_site)
    assert rewritten and entries(pack_site)
    assert any(path.startswith("assets/dangjian/inline/") for path in first)
    rewritten.clear()
    assert build(pack_site) == first
    assert rewritten == []


def test_changed_page_is_rewritten_again(pack_site: Path, rewritten: list[str]) -> None:
    build(pack_site)
    append_to_page(pack_site, "study/topic/first.md", "[外](https://changed.example.org/)")
    rewritten.clear()
    warm = build(pack_site)
    assert rewritten == ["../.."]  # only study/topic/first.html
    assert (
        b'class="dj-external" href="https://changed.example.org/"'
        in (warm["study/topic/first.html"])
    )
    assert warm == cold(pack_site)


def test_allow_list_change_is_not_served_from_the_cache(pack_site: Path) -> None:
    build(pack_site)
    text = pack_site.read_text(encoding="utf-8")
    allow = 'max_size_mb: 50\n      allow_external: ["https://www.example.org/"]'
    pack_site.write_text(text.replace("max_size_mb: 50", allow), encoding="utf-8")
    warm = build(pack_site)
    assert b'<a href="https://www.example.org/">' in warm["index.html"]
    assert warm == cold(pack_site)


def test_a_poisoned_entry_is_what_the_build_writes(pack_site: Path) -> None:
    build(pack_site)
    for path in entries(pack_site):
        record = json.loads(path.read_text(encoding="utf-8"))
        record["value"]["edits"].append([0, 0, POISON])
        record["value"]["edits"].sort()
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    warm = build(pack_site)
    assert warm["index.html"].decode("utf-8").startswith(POISON)


def test_damaged_entries_are_ignored_with_one_warning(
    pack_site: Path, caplog: pytest.LogCaptureFixture, rewritten: list[str]
) -> None:
    first = cold(pack_site)
    found = entries(pack_site)
    assert len(found) >= 3
    found[0].write_bytes(found[0].read_bytes()[:30])
    record = json.loads(found[1].read_text(encoding="utf-8"))
    record["value"]["edits"] = [[5, 2, POISON]]  # an edit that ends before it starts
    found[1].write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    record = json.loads(found[2].read_text(encoding="utf-8"))
    record["format"] = "another-program/1"  # a foreign entry
    found[2].write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    rewritten.clear()
    caplog.clear()
    assert build(pack_site, "cold") == first
    assert len(rewritten) == 3
    warnings = [
        record.getMessage() for record in caplog.records if "构建缓存" in record.getMessage()
    ]
    assert len(warnings) == 1 and "offline-rewrite" in warnings[0], warnings
    assert "3 个条目已损坏" in warnings[0]
