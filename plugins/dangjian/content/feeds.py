"""Atom feeds of notices and study materials, written with feedgen.

feedgen writes RFC 4287 Atom with correct escaping and namespaces; we only supply
entries and fixed dates, so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .listing import CHINA

FEED_LIMIT = 50

T = TypeVar("T")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed; `url` is relative to the site root."""

    url: str
    title: str
    date: dt.date
    summary: str
    category: str | None = None


def newest(entries: Iterable[T]) -> list[T]:
    """The `FEED_LIMIT` newest of `entries` (anything with a `date` and a `url`), newest first:
    what a feed holds. Its callers pick them before writing a summary for each (at 2,000
    materials, the summaries of all took 0.25 s of every build)."""
    return sorted(entries, key=lambda e: (e.date, e.url), reverse=True)[:FEED_LIMIT]


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=CHINA)


def atom_feed(
    *,
    site_url: str,
    feed_path: str,
    title: str,
    subtitle: str,
    author: str,
    entries: list[FeedEntry],
) -> bytes:
    """Atom XML for `entries` (newest first, at most `FEED_LIMIT`), absolute URLs from `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    entries = newest(entries)
    feed = FeedGenerator()
    feed.id(urljoin(base, feed_path))
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author({"name": author})
    feed.link(href=urljoin(base, feed_path), rel="self", type="application/atom+xml")
    feed.link(href=base, rel="alternate", type="text/html")
    feed.language("zh-CN")
    # No wall clock: the feed is as new as its newest entry
    latest = entries[0].date if entries else dt.date(1980, 1, 1)
    feed.updated(_stamp(latest))
    feed.generator("dangjian")
    # feedgen prepends entries; add oldest first so the file lists newest first
    for item in reversed(entries):
        entry = feed.add_entry()
        url = urljoin(base, item.url)
        entry.id(url)
        entry.title(item.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(_stamp(item.date))
        entry.published(_stamp(item.date))
        if item.summary:
            entry.summary(item.summary)
        if item.category:
            entry.category(term=item.category)
    return feed.atom_str(pretty=True)
