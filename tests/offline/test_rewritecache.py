"""The offline rewrite cache: a warm build writes exactly what a cold build writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.offline import rewrite

from ..calls import record_calls
from ..scale.test_cache import entries as stored_keys
from ..scale.test_cache import rewrite as rewrite_records
from ..scale.test_cache import rows, set_record
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


NAMESPACE = "offline-rewrite"


def entries(config: Path) -> list[str]:
    return stored_keys(config.parent, NAMESPACE)


@pytest.fixture
def rewritten(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Pages (by their root URL) whose edits were computed, not looked up."""
    return record_calls(monkeypatch, rewrite, "find_edits", argument=1)


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

    def poisoned(text: str) -> str:
        record = json.loads(text)
        record["value"]["edits"].append([0, 0, POISON])
        record["value"]["edits"].sort()
        return json.dumps(record, ensure_ascii=False)

    assert rewrite_records(pack_site.parent, NAMESPACE, poisoned) >= 1
    warm = build(pack_site)
    assert warm["index.html"].decode("utf-8").startswith(POISON)


def test_damaged_entries_are_ignored_with_one_warning(
    pack_site: Path, caplog: pytest.LogCaptureFixture, rewritten: list[str]
) -> None:
    first = cold(pack_site)
    found = rows(pack_site.parent, NAMESPACE)
    assert len(found) >= 3
    keys = sorted(found)
    set_record(pack_site.parent, NAMESPACE, keys[0], found[keys[0]][1][:30])
    record = json.loads(found[keys[1]][1])
    record["value"]["edits"] = [[5, 2, POISON]]  # an edit that ends before it starts
    set_record(pack_site.parent, NAMESPACE, keys[1], json.dumps(record, ensure_ascii=False))
    record = json.loads(found[keys[2]][1])
    record["format"] = "another-program/1"  # a foreign entry
    set_record(pack_site.parent, NAMESPACE, keys[2], json.dumps(record, ensure_ascii=False))
    rewritten.clear()
    caplog.clear()
    assert build(pack_site, "cold") == first
    assert len(rewritten) == 3
    warnings = [
        record.getMessage() for record in caplog.records if "构建缓存" in record.getMessage()
    ]
    assert len(warnings) == 1 and "offline-rewrite" in warnings[0], warnings
    assert "3 个条目已损坏" in warnings[0]
