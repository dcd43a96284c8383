"""The pack reads the site from disk as it scans and compresses, instead of holding all of it
(a 20,000-page site is about 1 GB), and refuses a file that changes while it packs."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest
from dangjian.cli import main
from dangjian.core.messages import msg
from dangjian.offline import package, sitescan

BIG = 4 * 1024 * 1024  # bytes in each of the large downloads


def pack(config: Path, *extra: str) -> int:
    return main(["pack", "-f", str(config), *extra])


@pytest.mark.parametrize("forked", [False, True])
def test_a_file_changed_while_packing_stops_the_pack(
    pack_site: Path, monkeypatch: pytest.MonkeyPatch, capsys, forked: bool
) -> None:
    assert pack(pack_site) == 0
    dist = pack_site.parent / "build" / "dist"
    before = sorted(p.name for p in dist.iterdir())
    page = pack_site.parent / "build" / "site" / "index.html"
    monkeypatch.setattr(sitescan, "forks", lambda count: forked)
    site_contents = package.Package.site_contents

    def then_changed(self: package.Package):
        found = site_contents(self)  # digests taken: the page changes before it is read
        page.write_text(page.read_text(encoding="utf-8") + "<!-- 改动 -->", encoding="utf-8")
        return found

    monkeypatch.setattr(package.Package, "site_contents", then_changed)
    # A changed page scans as unseen; clear the cache so that both kinds of read happen
    capsys.readouterr()
    assert pack(pack_site, "--no-build") == 1
    err = capsys.readouterr().err
    assert msg("pack_file_changed", path="index.html") in err
    assert "Traceback" not in err
    assert sorted(p.name for p in dist.iterdir()) == before  # nothing new or half-written


def test_pack_does_not_hold_the_whole_site_in_memory(pack_site: Path) -> None:
    assert pack(pack_site) == 0
    downloads = pack_site.parent / "build" / "site" / "downloads"
    downloads.mkdir(exist_ok=True)
    for n in range(12):  # 48 MB of files the zip must carry
        (downloads / f"big-{n}.bin").write_bytes(bytes([n]) * BIG)
    tracemalloc.start()
    try:
        assert pack(pack_site, "--no-build") == 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * BIG, f"{peak / 2**20:.1f} MB held at once"
    newest = max(
        (pack_site.parent / "build" / "dist").glob("*.zip"), key=lambda p: p.stat().st_mtime
    )
    with zipfile.ZipFile(newest) as archive:
        names = archive.namelist()
        assert sum(1 for name in names if "/downloads/big-" in name) == 12
        assert archive.read(next(n for n in names if n.endswith("big-3.bin"))) == bytes([3]) * BIG
