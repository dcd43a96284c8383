"""iCalendar (RFC 5545) files for events: one per event and one for the whole calendar.

Times are local to Asia/Shanghai with its VTIMEZONE written out, UIDs come from the event's
file and the site's host, DTSTAMP from the build date: the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar

from .events import Event

TZID = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZID)
PRODID = "-//dangjian//党建学习站//ZH"


def uid(event: Event, site_url: str) -> str:
    """Stable across builds: the event's file path and the site's host."""
    host = urlsplit(site_url).hostname or "dangjian.local"
    return event.src_uri.removesuffix(".md").replace("/", "-") + "@" + host


def _timezone() -> icalendar.Timezone:
    """Asia/Shanghai: UTC+8 since 1991, no daylight saving."""
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=8))
    standard.add("tzoffsetto", dt.timedelta(hours=8))
    standard.add("tzname", "CST")
    zone.add_component(standard)
    return zone


def _vevent(event: Event, site_url: str, page_url: str, stamp: dt.datetime) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid(event, site_url))
    item.add("dtstamp", stamp)
    if event.start is None:
        item.add("dtstart", event.date)
        item.add("dtend", event.date + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(event.date, event.start, SHANGHAI)
        end = event.end and dt.datetime.combine(event.date, event.end, SHANGHAI)
        item.add("dtstart", start)
        item.add("dtend", end or start + dt.timedelta(hours=1))
    item.add("summary", event.title)
    item.add("categories", [event.kind])
    if event.place:
        item.add("location", event.place)
    lines = [f"{event.kind}"]
    if event.audience:
        lines.append(f"参加对象：{event.audience}")
    lines += [f"{n}. {point}" for n, point in enumerate(event.agenda, start=1)]
    item.add("description", "\n".join(lines))
    if site_url:
        item.add("url", urljoin(site_url, page_url))
    return item


def calendar(
    events: Iterable[tuple[Event, str]], *, site_url: str, name: str, stamp: dt.datetime
) -> bytes:
    """One VCALENDAR holding every (event, page URL) given, in date order."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_timezone())
    ordered = sorted(
        events, key=lambda pair: (pair[0].date, pair[0].start or dt.time(0), pair[0].src_uri)
    )
    for event, page_url in ordered:
        cal.add_component(_vevent(event, site_url, page_url, stamp))
    return cal.to_ical()


def build_stamp(day: dt.date) -> dt.datetime:
    """DTSTAMP for a build: midnight UTC of the build date (reproducible)."""
    return dt.datetime.combine(day, dt.time(0), dt.UTC)
