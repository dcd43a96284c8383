"""Organisational-life events (支部党员大会, 支委会, 党小组会, 党课, 主题党日…).

`parse_event` is pure: the text of `events/<year>/<id>.md` in, an `Event` and errors out.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from ..content.model import Attachment, attachments_field
from ..core.errors import ContentError
from ..core.frontmatter import parse_front_matter
from ..core.messages import msg
from ..core.schema import Field, Invalid, choice, to_date, to_text, to_text_list, validate

# 三会一课 first, in the order the quarterly table shows them
SANHUI_YIKE = ("支部党员大会", "支委会", "党小组会", "党课")
DEFAULT_KINDS = (*SANHUI_YIKE, "主题党日", "其他")
# Minimum per quarter by the usual rule: 党员大会 and 党课 quarterly, the others monthly
QUARTER_MINIMUM = {"支部党员大会": 1, "支委会": 3, "党小组会": 3, "党课": 1}

_TIME_RE = re.compile(r"^(\d{1,2})[:：](\d{2})$")


@dataclass
class Event:
    """One meeting or activity of the branch."""

    src_uri: str
    id: str
    title: str
    kind: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str | None
    audience: str | None
    agenda: list[str]
    attachments: list[Attachment]
    body: str = ""

    @property
    def quarter(self) -> tuple[int, int]:
        return self.date.year, (self.date.month - 1) // 3 + 1

    def time_text(self) -> str:
        if self.start is None:
            return "全天"
        text = self.start.strftime("%H:%M")
        return text + ("–" + self.end.strftime("%H:%M") if self.end else "")


def to_time(key: str, value: Any) -> dt.time:
    """ "14:30" (or YAML's sexagesimal 870 when the editor forgot the quotes)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)
    match = _TIME_RE.match(str(value).strip()) if isinstance(value, str) else None
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return dt.time(int(match[1]), int(match[2]))
    raise Invalid(msg("event_bad_time", key=key, value=value))


def parse_event(
    path: str, src_uri: str, text: str, kinds: tuple[str, ...] = DEFAULT_KINDS
) -> tuple[Event | None, list[ContentError]]:
    """Validate an event: title, kind and date required; end not before start."""
    front, errors = parse_front_matter(path, text)
    if any(e.level == "error" for e in errors):
        return None, errors
    fields = (
        Field("title", to_text, required=True, label="标题"),
        Field("kind", choice(kinds), required=True, label="类型"),
        Field("date", to_date, required=True, label="日期"),
        Field("start", to_time, label="开始时间"),
        Field("end", to_time, label="结束时间"),
        Field("place", to_text, label="地点"),
        Field("audience", to_text, label="参加对象"),
        Field("agenda", to_text_list, default=list, label="议程"),
        # Attachments lie beside the event or anywhere in the events folder
        attachments_field(src_uri, front.line_of("attachments"), src_uri.split("/", 1)[0]),
    )
    values, problems = validate(path, front.entries, fields)
    errors += problems
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        errors.append(
            ContentError(
                path, front.line_of("end"), key="end", message=msg("event_end_before_start")
            )
        )
    if any(e.level == "error" for e in errors):
        return None, errors
    event_id = posixpath.splitext(posixpath.basename(src_uri))[0]
    return Event(src_uri=src_uri, id=event_id, body=front.body, **values), errors


def _quarter_end(year: int, quarter: int) -> dt.date:
    first_of_next = dt.date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def quarter_counts(
    events: list[Event], today: dt.date, kinds: tuple[str, ...] = SANHUI_YIKE
) -> list[dict[str, Any]]:
    """三会一课 per quarter, newest first: held by `today`, still planned, and whether an
    ended quarter met the usual minimum (an unfinished quarter is never judged)."""
    held: dict[tuple[int, int], dict[str, int]] = {}
    planned: dict[tuple[int, int], dict[str, int]] = {}
    for event in events:
        if event.kind in kinds:
            table = held if event.date <= today else planned
            table.setdefault(event.quarter, dict.fromkeys(kinds, 0))[event.kind] += 1
    rows = []
    for year, quarter in sorted(set(held) | set(planned), reverse=True):
        ended = _quarter_end(year, quarter) < today
        done = held.get((year, quarter), dict.fromkeys(kinds, 0))
        coming = planned.get((year, quarter), dict.fromkeys(kinds, 0))
        cells = []
        for kind in kinds:
            minimum = QUARTER_MINIMUM.get(kind, 0)
            cells.append(
                {
                    "kind": kind,
                    "held": done[kind],
                    "planned": coming[kind],
                    "minimum": minimum,
                    "short": ended and done[kind] < minimum,
                }
            )
        rows.append({"year": year, "quarter": quarter, "ended": ended, "counts": cells})
    return rows
