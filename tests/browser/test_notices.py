"""Notices as a member sees them, from file:// and http://: list order with pinned and
expired notices, 「新」 and 已过期 computed from a mocked clock, attachments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from dangjian.content import listing
from dangjian.content.model import Notice, parse_notice

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTICES = ROOT / "content" / "notices"


def notices() -> list[Notice]:
    result = []
    for path in sorted(NOTICES.glob("*/*.md")):
        src = path.relative_to(ROOT / "content").as_posix()
        notice, errors = parse_notice(str(path), src, path.read_text("utf-8"))
        assert notice, errors
        result.append(notice)
    assert result, "sample content has notices"
    return result


def page_of(notice: Notice) -> str:
    return notice.src_uri.removesuffix(".md") + ".html"


def at(page, day: dt.date) -> None:
    """Freeze the reader's clock at noon of `day` (local time) before the page loads."""
    page.clock.set_fixed_time(f"{day.isoformat()}T12:00:00")


def shown_titles(page) -> list[str]:
    return page.locator(".dj-notices > li:visible .dj-notice-title a").all_inner_texts()


def test_list_is_pinned_first_then_newest_without_expired(page, site, built_site) -> None:
    today = listing.build_date()  # the build's date (SOURCE_DATE_EPOCH, set by the build)
    everything = notices()
    expected = listing.current_notices(everything, today)[: listing.NOTICES_PER_PAGE]
    at(page, today)
    page.goto(site.url("notices/index.html"))
    main_list = shown_titles(page)
    assert main_list == [n.title for n in expected]
    pinned = page.locator(".dj-notices > li").evaluate_all(
        "items => items.map(i => i.classList.contains('dj-notice-item--pinned'))"
    )
    assert pinned == sorted(pinned, reverse=True)
    dates = page.locator(".dj-notices > li:not(.dj-notice-item--pinned) time").evaluate_all(
        "items => items.map(t => t.getAttribute('datetime'))"
    )
    assert dates == sorted(dates, reverse=True)
    expired = [n for n in everything if n.expired_on(today)]
    for notice in expired:
        assert notice.title not in main_list
        page.goto(site.url(f"notices/archive/{notice.date.year}.html"))
        item = page.locator(".dj-notice-item", has_text=notice.title)
        assert item.locator(".dj-badge--expired").count() == 1


def test_notice_past_expiry_on_the_readers_clock_leaves_the_list(page, site) -> None:
    today = listing.build_date()
    candidates = [n for n in listing.current_notices(notices(), today) if n.expires]
    assert candidates, "sample content has a current notice with expires"
    notice = min(candidates, key=lambda n: n.expires)
    at(page, notice.expires + dt.timedelta(days=1))
    page.goto(site.url("notices/index.html"))
    assert notice.title not in shown_titles(page)
    assert page.locator(".dj-expired-note").is_visible()
    page.goto(site.url(page_of(notice)))
    assert page.locator(".dj-notice-facts .dj-badge--expired").inner_text() == "已过期"


def test_notice_on_its_last_day_is_not_expired(page, site) -> None:
    today = listing.build_date()
    candidates = [n for n in listing.current_notices(notices(), today) if n.expires]
    notice = min(candidates, key=lambda n: n.expires)
    at(page, notice.expires)
    page.goto(site.url(page_of(notice)))
    assert page.locator(".dj-notice-facts .dj-badge--expired").count() == 0
    page.goto(site.url("notices/index.html"))
    assert notice.title in shown_titles(page)
    assert not page.locator(".dj-expired-note").is_visible()


def test_new_badge_follows_the_mocked_clock(page, site) -> None:
    lasting = [
        n
        for n in notices()
        if n.expires is None or n.expires > n.date + dt.timedelta(days=listing.NEW_DAYS + 1)
    ]
    notice = max(lasting, key=lambda n: n.date)
    badge = page.locator(".dj-notice-facts .dj-badge--new")

    at(page, notice.date + dt.timedelta(days=3))
    page.goto(site.url(page_of(notice)))
    assert badge.inner_text() == "新"

    at(page, notice.date + dt.timedelta(days=listing.NEW_DAYS))
    page.reload()
    assert badge.count() == 0

    at(page, notice.date - dt.timedelta(days=1))
    page.reload()
    assert badge.count() == 0


def test_new_badges_in_the_list_match_the_seven_day_window(page, site) -> None:
    today = listing.build_date()
    at(page, today)
    page.goto(site.url("notices/index.html"))
    flagged = page.locator(".dj-notice-item:has(.dj-badge--new) .dj-notice-title a")
    expected = [
        n.title for n in listing.current_notices(notices(), today) if listing.is_new(n, today)
    ]
    assert sorted(flagged.all_inner_texts()) == sorted(expected[: listing.NOTICES_PER_PAGE])


def test_attachments_show_name_type_size_and_link(page, site, built_site: Path) -> None:
    notice = next(n for n in notices() if n.attachments)
    page.goto(site.url(page_of(notice)))
    files = page.locator(".dj-notice-files li")
    assert files.count() == len(notice.attachments)
    for index, attachment in enumerate(notice.attachments):
        item = files.nth(index)
        link = item.locator("a")
        assert link.inner_text() == attachment.title
        size = (ROOT / "content" / attachment.src_uri).stat().st_size
        facts = item.locator(".dj-fact").inner_text()
        assert facts.startswith(Path(attachment.src_uri).suffix.lstrip(".").upper())
        assert listing.format_size(size) in facts
        href = link.evaluate("a => a.href")
        path = unquote(urlsplit(href).path).split("/notices/", 1)[1]
        assert (built_site / "notices" / path).is_file()
    page.goto(site.url(f"notices/archive/{notice.date.year}.html"))
    listed = page.locator(".dj-notice-item", has_text=notice.title).locator(".dj-attachments li")
    assert listed.count() == len(notice.attachments)
