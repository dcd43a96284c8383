"""Ordering, pagination, expiry and topic order of the generated listings (no build)."""

from __future__ import annotations

import datetime as dt

import pytest
from dangjian.content import listing
from dangjian.content.model import Notice, Topic, sort_materials

from . import factories

D = dt.date


def notice(title: str, day: D, pinned: bool = False, expires: D | None = None) -> Notice:
    return Notice(
        src_uri=f"notices/{title}.md",
        title=title,
        date=day,
        category="通知",
        pinned=pinned,
        expires=expires,
        attachments=[],
        audience=None,
    )


def material(name: str, order: int | None = None, day: D | None = None, hours=None):
    return factories.material(name, order=order, date=day, hours=hours)


def test_pinned_first_then_newest_first() -> None:
    notices = [
        notice("old", D(2026, 1, 1)),
        notice("new", D(2026, 5, 1)),
        notice("pinned-old", D(2025, 1, 1), pinned=True),
        notice("mid", D(2026, 3, 1)),
        notice("pinned-new", D(2026, 2, 1), pinned=True),
    ]
    titles = [n.title for n in listing.sort_notices(notices)]
    assert titles == ["pinned-new", "pinned-old", "new", "mid", "old"]


def test_same_day_order_is_stable_by_title() -> None:
    notices = [notice("乙", D(2026, 1, 1)), notice("甲", D(2026, 1, 1))]
    assert [n.title for n in listing.sort_notices(notices)] == [
        n.title for n in listing.sort_notices(list(reversed(notices)))
    ]


def test_expired_notices_leave_the_main_list() -> None:
    today = D(2026, 6, 3)
    notices = [
        notice("gone", D(2026, 1, 1), expires=D(2026, 6, 2)),
        notice("last-day", D(2026, 1, 1), expires=D(2026, 6, 3)),
        notice("open", D(2026, 1, 1)),
        notice("pinned-gone", D(2026, 1, 1), pinned=True, expires=D(2026, 1, 31)),
    ]
    assert {n.title for n in listing.current_notices(notices, today)} == {"last-day", "open"}
    assert notices[0].expired_on(today)
    assert not notices[1].expired_on(today)


def test_archive_keeps_every_notice_by_year_newest_first() -> None:
    notices = [
        notice("a", D(2025, 2, 1), expires=D(2025, 3, 1)),
        notice("b", D(2026, 1, 1)),
        notice("c", D(2025, 9, 1)),
    ]
    years = listing.archive_years(notices)
    assert list(years) == [2026, 2025]
    assert [n.title for n in years[2025]] == ["c", "a"]


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(0, [0]), (1, [1]), (20, [20]), (21, [20, 1]), (45, [20, 20, 5])],
)
def test_pagination_twenty_per_page(count: int, sizes: list[int]) -> None:
    pages = listing.paginate(list(range(count)))
    assert [len(p.items) for p in pages] == sizes
    assert [p.number for p in pages] == list(range(1, len(sizes) + 1))
    assert all(p.count == len(sizes) for p in pages)
    assert sum((p.items for p in pages), []) == list(range(count))
    assert not pages[0].has_previous
    assert pages[-1].has_next is False


def test_page_file_names() -> None:
    assert listing.page_uri("notices/index.md", 1) == "notices/index.md"
    assert listing.page_uri("notices/index.md", 2) == "notices/page-2.md"
    assert listing.page_uri("notices/category/tongzhi.md", 3) == "notices/category/tongzhi-3.md"


def test_new_badge_window_is_seven_days() -> None:
    today = D(2026, 6, 10)
    assert listing.is_new(notice("x", D(2026, 6, 10)), today)
    assert listing.is_new(notice("x", D(2026, 6, 4)), today)
    assert not listing.is_new(notice("x", D(2026, 6, 3)), today)
    assert not listing.is_new(notice("x", D(2026, 6, 11)), today)


def test_build_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2026-06-02T16:30Z is already 2026-06-03 in China
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780417800")
    assert listing.build_date() == D(2026, 6, 3)


def test_topics_by_order_then_title() -> None:
    topics = [Topic("c", "丙"), Topic("b", "乙", order=2), Topic("a", "甲", order=1)]
    assert [t.slug for t in listing.topic_order(topics)] == ["a", "b", "c"]


def test_materials_in_order_and_neighbours_stay_in_topic() -> None:
    first, second, third = material("x", 1), material("y", 2), material("z", None, D(2026, 1, 1))
    topic = Topic("t", "T", materials=[third, second, first])
    assert [m.title for m in sort_materials(topic.materials)] == ["x", "y", "z"]
    assert listing.neighbours(first, topic) == (None, second)
    assert listing.neighbours(second, topic) == (first, third)
    assert listing.neighbours(third, topic) == (second, None)


def test_totals_and_formats() -> None:
    assert listing.total_hours([material("a", hours=1.5), material("b", hours=None)]) == 1.5
    assert listing.format_hours(2.0) == "2"
    assert listing.format_hours(1.5) == "1.5"
    assert listing.format_size(900) == "900 B"
    assert listing.format_size(12_600) == "12.3 KB"
    assert listing.format_size(3 * 1024 * 1024) == "3.0 MB"


def test_category_slugs_are_ascii() -> None:
    categories = ("通知", "公告", "简报", "党课")
    slugs = [listing.category_slug(c, categories) for c in categories]
    assert slugs == ["tongzhi", "gonggao", "jianbao", "category-4"]
