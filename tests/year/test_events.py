"""Events: the front-matter schema, time parsing and the 三会一课 quarterly counts."""

from __future__ import annotations

import datetime as dt

from dangjian.year.events import Event, parse_event, quarter_counts

GOOD = """---
title: 第四季度支部党员大会
kind: 支部党员大会
date: 2026-12-11
start: "14:30"
end: 16:30
place: 三楼会议室
audience: 全体党员
agenda:
  - 述职
  - 民主评议
attachments:
  - file: ../attachments/a.txt
    title: 议程
---
正文
"""


def parse(text: str):
    return parse_event("events/2026/a.md", "events/2026/a.md", text)


def test_event_parses_every_field() -> None:
    event, errors = parse(GOOD)
    assert errors == []
    assert event.id == "a"
    assert event.kind == "支部党员大会"
    assert event.date == dt.date(2026, 12, 11)
    # 16:30 without quotes is YAML's sexagesimal 990: still read as a time
    assert (event.start, event.end) == (dt.time(14, 30), dt.time(16, 30))
    assert event.time_text() == "14:30–16:30"
    assert event.agenda == ["述职", "民主评议"]
    assert event.attachments[0].src_uri == "events/attachments/a.txt"
    assert event.attachments[0].title == "议程"
    assert event.quarter == (2026, 4)
    assert event.body.strip() == "正文"


def test_missing_kind_and_date_are_errors_with_lines() -> None:
    event, errors = parse("---\ntitle: x\nplace: 会议室\n---\n")
    assert event is None
    assert {(e.key, e.line) for e in errors} == {("kind", 1), ("date", 1)}


def test_unknown_kind_lists_the_allowed_ones() -> None:
    event, errors = parse("---\ntitle: x\nkind: 茶话会\ndate: 2026-01-02\n---\n")
    assert event is None
    assert errors[0].line == 3
    assert "支部党员大会/支委会/党小组会/党课/主题党日/其他" in errors[0].message
    assert "茶话会" in errors[0].message


def test_kinds_are_configurable() -> None:
    event, errors = parse_event(
        "e.md", "events/e.md", "---\ntitle: x\nkind: 茶话会\ndate: 2026-01-02\n---\n", ("茶话会",)
    )
    assert errors == [] and event.kind == "茶话会"


def test_bad_time_and_end_before_start() -> None:
    _, errors = parse("---\ntitle: x\nkind: 党课\ndate: 2026-01-02\nstart: 25:00\n---\n")
    assert [(e.line, e.key) for e in errors] == [(5, "start")]
    assert "HH:MM" in errors[0].message
    _, errors = parse(
        '---\ntitle: x\nkind: 党课\ndate: 2026-01-02\nstart: "15:00"\nend: "14:00"\n---\n'
    )
    assert [(e.line, e.message) for e in errors] == [(6, "end 早于 start")]


def test_all_day_event_has_no_time() -> None:
    event, _ = parse("---\ntitle: x\nkind: 主题党日\ndate: 2026-01-02\n---\n")
    assert event.start is None and event.time_text() == "全天"


def _event(kind: str, day: dt.date) -> Event:
    return Event("e.md", "e", "t", kind, day, None, None, None, None, [], [])


def test_quarter_counts_judge_only_ended_quarters() -> None:
    events = [
        _event("支部党员大会", dt.date(2026, 8, 1)),
        _event("党课", dt.date(2026, 9, 1)),
        _event("支委会", dt.date(2026, 10, 10)),
        _event("支部党员大会", dt.date(2026, 12, 11)),
        _event("主题党日", dt.date(2026, 10, 1)),  # not one of 三会一课
    ]
    rows = quarter_counts(events, dt.date(2026, 11, 30))
    assert [(r["year"], r["quarter"], r["ended"]) for r in rows] == [
        (2026, 4, False),
        (2026, 3, True),
    ]
    q4 = {c["kind"]: c for c in rows[0]["counts"]}
    assert (q4["支委会"]["held"], q4["支部党员大会"]["planned"]) == (1, 1)
    assert not any(c["short"] for c in rows[0]["counts"])  # still running
    q3 = {c["kind"]: c for c in rows[1]["counts"]}
    assert not q3["支部党员大会"]["short"] and not q3["党课"]["short"]
    assert q3["支委会"]["short"] and q3["支委会"]["minimum"] == 3
