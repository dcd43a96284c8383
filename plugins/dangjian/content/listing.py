"""Listings built from front matter: notice order, pagination, expiry, topic totals.

Pure functions over the parsed models; no MkDocs objects, so tests need no build.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from .model import Notice, StudyMaterial, Topic, sort_materials

T = TypeVar("T")

NOTICES_PER_PAGE = 20
# Days a notice counts as 「新」, checked again in the browser against the reader's clock
NEW_DAYS = 7
# Calendar of the branch: build dates are taken in China Standard Time
CHINA = dt.timezone(dt.timedelta(hours=8))

# ASCII file names for the default categories: zip tools on old PCs mangle Chinese names
CATEGORY_SLUGS = {"通知": "tongzhi", "公告": "gonggao", "简报": "jianbao"}


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated listing; `number` counts from 1."""

    items: list
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def build_date() -> dt.date:
    """The build's 'today': from SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=CHINA).date()
    return dt.datetime.now(tz=CHINA).date()


def sort_notices(notices: Sequence[Notice]) -> list[Notice]:
    """Pinned first, then newest first; same day by title so the order is stable."""
    by_title = sorted(notices, key=lambda n: (n.title, n.src_uri))
    by_date = sorted(by_title, key=lambda n: n.date, reverse=True)
    return sorted(by_date, key=lambda n: not n.pinned)


def current_notices(notices: Sequence[Notice], today: dt.date) -> list[Notice]:
    """Notices for the main list: not yet expired on `today`, in listing order."""
    return sort_notices([n for n in notices if not n.expired_on(today)])


def archive_years(notices: Sequence[Notice]) -> dict[int, list[Notice]]:
    """Every notice (expired ones too) by year, newest year first, newest first within it."""
    years: dict[int, list[Notice]] = {}
    for notice in sorted(notices, key=lambda n: (n.date, n.title, n.src_uri), reverse=True):
        years.setdefault(notice.date.year, []).append(notice)
    return dict(sorted(years.items(), reverse=True))


def paginate(items: Sequence[T], per_page: int = NOTICES_PER_PAGE) -> list[Pagination]:
    """Split `items` into pages of `per_page`; an empty listing still has one (empty) page."""
    if per_page < 1:
        raise ValueError("per_page must be positive")
    count = max(1, math.ceil(len(items) / per_page))
    return [
        Pagination(list(items[i * per_page : (i + 1) * per_page]), i + 1, count)
        for i in range(count)
    ]


def page_uri(base: str, number: int) -> str:
    """Source path of page `number` of a listing: `notices/index.md`, `notices/page-2.md`…"""
    folder, _, name = base.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if number == 1:
        return base
    stem = "page" if name == "index.md" else name.removesuffix(".md")
    return f"{prefix}{stem}-{number}.md"


def category_slug(category: str, categories: Sequence[str]) -> str:
    """ASCII file name for a category: a known pinyin slug, else its position."""
    if category in CATEGORY_SLUGS:
        return CATEGORY_SLUGS[category]
    return f"category-{list(categories).index(category) + 1}"


def is_new(notice: Notice, today: dt.date) -> bool:
    """Dated within the last `NEW_DAYS` days (not in the future)."""
    return 0 <= (today - notice.date).days < NEW_DAYS


def topic_order(topics: Sequence[Topic]) -> list[Topic]:
    """Topics by `order` from `_topic.yml`, then by title."""
    return sorted(topics, key=lambda t: (t.order is None, t.order or 0, t.title, t.slug))


def total_hours(materials: Sequence[StudyMaterial]) -> float:
    return round(sum(m.hours or 0 for m in materials), 2)


def recent_materials(materials: Sequence[StudyMaterial], limit: int = 5) -> list[StudyMaterial]:
    """Most recently dated materials first (undated ones last)."""
    dated = sorted(materials, key=lambda m: (m.date or dt.date.min, m.src_uri), reverse=True)
    return dated[:limit]


def neighbours(
    material: StudyMaterial, topic: Topic
) -> tuple[StudyMaterial | None, StudyMaterial | None]:
    """Previous and next material within the material's topic, in topic order."""
    ordered = sort_materials(topic.materials)
    index = next(i for i, m in enumerate(ordered) if m.src_uri == material.src_uri)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following


def format_hours(hours: float | None) -> str:
    """学时 without a trailing .0: 1, 1.5."""
    if hours is None:
        return ""
    return f"{hours:g}"


def format_size(size: int) -> str:
    """File size for attachment lists: 856 B, 12.3 KB, 1.4 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
