"""Drafts and publish dates decided from front matter, in the site's time zone."""

from __future__ import annotations

import datetime as dt

import pytest
from dangjian.core.publishing import Publishing, page_publishing, today_in

DAY = dt.date(2026, 7, 1)


def test_draft_and_publish_date_decide_what_is_withheld() -> None:
    assert Publishing().withheld(DAY) is None
    assert Publishing(draft=True, publish=dt.date(2000, 1, 1)).withheld(DAY) == "草稿"
    assert Publishing(publish=DAY).withheld(DAY) is None  # due on the day itself
    assert (
        Publishing(publish=DAY).withheld(DAY - dt.timedelta(days=1))
        == "定时发布：2026-07-01 起对外显示"
    )


def test_front_matter_values_are_checked_with_file_and_line() -> None:
    state, problems = page_publishing(
        "a.md", "---\ntitle: 甲\ndraft: 是\npublish: 2026-13-01\n---\n"
    )
    assert state == Publishing()
    assert [(p.line, p.key) for p in problems] == [(3, "draft"), (4, "publish")]
    state, problems = page_publishing(
        "a.md", "---\ntitle: 甲\ndraft: true\npublish: 2026-07-01\n---\n"
    )
    assert state == Publishing(True, DAY) and problems == []


def test_today_depends_on_the_time_zone() -> None:
    # UTC+14 and UTC-12 are 26 hours apart: a day apart, or two from 10:00 to 12:00 UTC
    now = dt.datetime.now(dt.UTC)
    expected = (now + dt.timedelta(hours=14)).date() - (now - dt.timedelta(hours=12)).date()
    assert today_in("Pacific/Kiritimati") - today_in("Etc/GMT+12") == expected
    assert expected >= dt.timedelta(days=1)
    with pytest.raises(ValueError):
        today_in("Mars/Olympus")
