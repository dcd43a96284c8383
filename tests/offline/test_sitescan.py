"""The pack's scan cache and second process: nothing rescanned twice, nothing changed trusted."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.offline import sitescan
from dangjian.site import load

from ..calls import record_calls
from ..scale.test_cache import rows, set_record
from .test_package import append_to_page, only_zip

POISON = "投毒的缓存条目"


def pack(config: Path, *extra: str) -> int:
    return main(["pack", "-f", str(config), *extra])


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths scanned in this process; the scan is kept here unless a test forks it."""
    monkeypatch.setattr(sitescan, "forks", lambda count: False)
    return record_calls(monkeypatch, sitescan, "scan_file")


def entry_key(config: Path, rel: str) -> str:
    """The cache key of the built file `rel` as it is now."""
    site = config.parent / "build" / "site"
    cache = sitescan.scan_cache(load(config), ())
    digest = hashlib.sha256((site / rel).read_bytes()).hexdigest()
    return cache.key(rel, digest)


def record(config: Path, key: str) -> str:
    """The stored record of `key`, as written."""
    return rows(config.parent, sitescan.NAMESPACE)[key][1]


def test_second_pack_rescans_nothing_and_writes_the_same_zip(
    pack_site: Path, scanned: list[str]
) -> None:
    assert pack(pack_site) == 0
    first = only_zip(pack_site).read_bytes()
    assert "index.html" in scanned and "study/topic/first.html" in scanned
    scanned.clear()
    assert pack(pack_site, "--no-build") == 0
    assert scanned == []
    assert only_zip(pack_site).read_bytes() == first


@pytest.mark.parametrize("forked", [False, True])
def test_page_changed_after_the_build_is_rescanned_and_refused(
    pack_site: Path, monkeypatch: pytest.MonkeyPatch, capsys, forked: bool
) -> None:
    assert pack(pack_site) == 0
    monkeypatch.setattr(sitescan, "forks", lambda count: forked)
    page = pack_site.parent / "build" / "site" / "study" / "topic" / "first.html"
    page.write_text(
        page.read_text(encoding="utf-8") + '<img src="https://evil.example.com/x.png">',
        encoding="utf-8",
    )
    dist = pack_site.parent / "build" / "dist"
    before = sorted(p.name for p in dist.iterdir())
    capsys.readouterr()
    assert pack(pack_site, "--no-build") == 1
    err = capsys.readouterr().err
    assert "https://evil.example.com/x.png" in err and "study/topic/first.html" in err
    assert sorted(p.name for p in dist.iterdir()) == before  # nothing new or half-written


def test_forked_scan_finds_what_the_scan_here_finds(
    pack_site: Path, monkeypatch: pytest.MonkeyPatch, capsys, scanned: list[str]
) -> None:
    append_to_page(pack_site, "study/topic/first.md", '<img src="https://img.example.com/a.png">')
    append_to_page(pack_site, "index.md", '<iframe src="//video.example.com/v"></iframe>')
    assert pack(pack_site) == 1
    here = capsys.readouterr().err
    assert scanned and "img.example.com" in here and "video.example.com" in here
    scanned.clear()
    # nothing cached: every file is scanned again, now in the second process
    shutil.rmtree(pack_site.parent / "build" / ".cache")
    monkeypatch.setattr(sitescan, "forks", lambda count: True)
    assert pack(pack_site, "--no-build") == 1
    assert scanned == []  # the child's scans are not counted in this process
    assert capsys.readouterr().err == here
    assert not (pack_site.parent / "build" / "dist").exists()
    # the second process stored what it found: a third pack scans nothing
    monkeypatch.setattr(sitescan, "forks", lambda count: False)
    assert pack(pack_site, "--no-build") == 1
    assert scanned == [] and capsys.readouterr().err == here


def test_a_poisoned_entry_is_what_the_pack_reports(pack_site: Path, capsys) -> None:
    assert pack(pack_site) == 0
    key = entry_key(pack_site, "index.html")
    stored = json.loads(record(pack_site, key))
    assert stored["value"] == []
    # path, line, column, key, message, level, rule, suggestion (core/errors.to_plain)
    stored["value"] = [["index.html", 3, 1, None, POISON, "error", None, None]]
    set_record(pack_site.parent, sitescan.NAMESPACE, key, json.dumps(stored, ensure_ascii=False))
    capsys.readouterr()
    assert pack(pack_site, "--no-build") == 1
    assert f"index.html:3:1: {POISON}" in capsys.readouterr().err


def test_damaged_entries_are_rescanned_with_one_warning(
    pack_site: Path, capsys, caplog: pytest.LogCaptureFixture, scanned: list[str]
) -> None:
    assert pack(pack_site) == 0
    first = only_zip(pack_site).read_bytes()
    truncated = entry_key(pack_site, "index.html")
    set_record(pack_site.parent, sitescan.NAMESPACE, truncated, record(pack_site, truncated)[:20])
    foreign = entry_key(pack_site, "study/topic/first.html")
    stored = json.loads(record(pack_site, foreign))
    stored["value"] = [{"message": POISON}]  # not what this program writes
    text = json.dumps(stored, ensure_ascii=False)
    set_record(pack_site.parent, sitescan.NAMESPACE, foreign, text)
    scanned.clear()
    capsys.readouterr()
    caplog.clear()
    assert pack(pack_site, "--no-build") == 0
    err = capsys.readouterr().err
    assert sorted(scanned) == ["index.html", "study/topic/first.html"]
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1 and "构建缓存" in warnings[0] and "2 个条目已损坏" in warnings[0]
    assert "另有 1 条警告" in err and POISON not in err
    assert only_zip(pack_site).read_bytes() == first
    scanned.clear()
    caplog.clear()
    assert pack(pack_site, "--no-build") == 0  # rewritten: trusted again
    assert scanned == [] and caplog.records == []
    assert "警告" not in capsys.readouterr().err


def test_findings_are_not_reused_under_another_allow_list(pack_site: Path) -> None:
    append_to_page(pack_site, "index.md", '<img src="https://img.example.com/a.png">')
    assert pack(pack_site) == 1
    assert pack(pack_site, "--no-build") == 1
    text = pack_site.read_text(encoding="utf-8")
    allow = 'max_size_mb: 50\n      allow_external: ["https://img.example.com/"]'
    pack_site.write_text(text.replace("max_size_mb: 50", allow), encoding="utf-8")
    assert pack(pack_site, "--no-build") == 0


def test_a_second_process_that_dies_is_replaced_by_a_scan_here(
    pack_site: Path, monkeypatch: pytest.MonkeyPatch, capsys, scanned: list[str]
) -> None:
    append_to_page(pack_site, "index.md", '<img src="https://img.example.com/a.png">')
    monkeypatch.setattr(sitescan, "forks", lambda count: True)
    monkeypatch.setattr(sitescan, "_scan_and_store", lambda *args: os._exit(3))
    assert pack(pack_site) == 1
    err = capsys.readouterr().err
    assert "index.html" in scanned and "https://img.example.com/a.png" in err
    assert "Traceback" not in err
