"""A site written by `dangjian init` (the templates), in a temporary folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dangjian.adopt.init import SiteAnswers, create_site

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    create_site(
        site,
        SiteAnswers(site_name="测试支部学习站", site_url="https://xuexi.example.org/"),
        today=TODAY,
    )
    return site
