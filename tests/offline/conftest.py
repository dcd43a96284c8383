"""Fixtures for the pack tests: a small site copied into tmp, with a pinned build date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

EPOCH = "1764115200"  # 2025-11-26 00:00 UTC


@pytest.fixture
def pack_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/offline/fixtures/site; returns its mkdocs.yml."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site" / "content", site / "content")
    template = (FIXTURES / "site" / "mkdocs.yml.in").read_text(encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(template.replace("THEME_DIR", str(ROOT / "theme")), encoding="utf-8")
    return config
