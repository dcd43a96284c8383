"""Fixtures for the content plugin: a small site in tmp_path, built with our theme."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from dangjian.site import build_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture
def small_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture site outside any git checkout, build date 2026-06-03."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    shutil.copytree(ROOT / "theme", site / "theme")
    # 2026-06-03 12:00 China time: fixed build "today" (reproducible builds)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780459200")
    return site


@pytest.fixture
def build(small_site: Path) -> Callable[[], Path]:
    """Build the fixture site and return the output folder."""

    def run() -> Path:
        out = small_site / "build" / "site"
        build_site(small_site / "mkdocs.yml", out)
        return out

    return run
