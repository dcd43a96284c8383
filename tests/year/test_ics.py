"""The .ics writer: RFC 5545 that icalendar parses back, Asia/Shanghai times, stable UIDs,
deterministic bytes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from dangjian.year import ics
from dangjian.year.events import Event

SITE = "https://dangjian.example.org/"
STAMP = ics.build_stamp(dt.date(2026, 11, 30))


def event(name: str, day: dt.date, start=None, end=None) -> Event:
    return Event(
        f"events/2026/{name}.md",
        name,
        f"会议 {name}; 含逗号, 和分号",
        "支委会",
        day,
        start,
        end,
        "支部办公室",
        "支委委员",
        ["议题一", "议题二"],
        [],
    )


def test_calendar_parses_back_with_shanghai_times() -> None:
    meeting = event("a", dt.date(2026, 12, 11), dt.time(14, 30), dt.time(16, 0))
    data = ics.calendar([(meeting, "events/2026/a.html")], site_url=SITE, name="日历", stamp=STAMP)
    cal = icalendar.Calendar.from_ical(data)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]
    (vevent,) = cal.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 11, 14, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert vevent.decoded("DTEND") == dt.datetime(
        2026, 12, 11, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai")
    )
    assert str(vevent["SUMMARY"]) == "会议 a; 含逗号, 和分号"
    assert str(vevent["LOCATION"]) == "支部办公室"
    assert str(vevent["UID"]) == "events-2026-a@dangjian.example.org"
    assert vevent.decoded("DTSTAMP") == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    assert str(vevent["URL"]) == "https://dangjian.example.org/events/2026/a.html"
    assert "1. 议题一\n2. 议题二" in str(vevent["DESCRIPTION"])
    assert b"TZID=Asia/Shanghai:20261211T143000" in data
    # RFC 5545: CRLF line ends, lines folded at 75 octets
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)


def test_all_day_event_is_a_date() -> None:
    day = event("b", dt.date(2026, 10, 1))
    cal = icalendar.Calendar.from_ical(
        ics.calendar([(day, "b.html")], site_url=SITE, name="x", stamp=STAMP)
    )
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("DTSTART") == dt.date(2026, 10, 1)
    assert vevent.decoded("DTEND") == dt.date(2026, 10, 2)


def test_same_input_same_bytes_and_date_order() -> None:
    a = event("a", dt.date(2026, 12, 11), dt.time(9, 0))
    b = event("b", dt.date(2026, 10, 1))
    first = ics.calendar([(a, "a.html"), (b, "b.html")], site_url=SITE, name="x", stamp=STAMP)
    second = ics.calendar([(b, "b.html"), (a, "a.html")], site_url=SITE, name="x", stamp=STAMP)
    assert first == second
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert uids == ["events-2026-b@dangjian.example.org", "events-2026-a@dangjian.example.org"]


def test_start_without_end_lasts_an_hour() -> None:
    a = event("a", dt.date(2026, 12, 11), dt.time(23, 30))
    (vevent,) = icalendar.Calendar.from_ical(
        ics.calendar([(a, "a.html")], site_url=SITE, name="x", stamp=STAMP)
    ).walk("VEVENT")
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == dt.timedelta(hours=1)
    assert vevent.decoded("DTEND").date() == dt.date(2026, 12, 12)
