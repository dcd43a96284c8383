"""Drafts and scheduled publishing: which pages stay out of the built site, and why.

`draft: true` keeps a page out; `publish: YYYY-MM-DD` keeps it out until that day in the site's
time zone (content plugin option `time_zone`, default Asia/Shanghai). Withheld pages are left out
of the files MkDocs builds, so they are in no page, list, feed, search index or zip.
`dangjian serve` and `dangjian check` show them instead (serve with a 「草稿」 banner), so they are
previewed and checked like any page.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import AbstractContextManager
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .environment import environment
from .errors import ContentError
from .frontmatter import parse_front_matter
from .messages import msg
from .schema import Field, to_bool, to_date, validate

DEFAULT_TIME_ZONE = "Asia/Shanghai"
# Set while drafts are shown: by `dangjian serve` (via on_startup) and around `dangjian check`
SHOW_DRAFTS_ENV = "DANGJIAN_SHOW_DRAFTS"

FIELDS = (
    Field("draft", to_bool, default=False, label="草稿"),
    Field("publish", to_date, label="发布日期"),
)
KEYS = frozenset(f.name for f in FIELDS)


@dataclass(frozen=True)
class Publishing:
    """A page's `draft` and `publish` front-matter values."""

    draft: bool = False
    publish: dt.date | None = None

    def withheld(self, today: dt.date) -> str | None:
        """Why the page is not published today (the banner text), or None."""
        if self.draft:
            return msg("draft_banner")
        if self.publish is not None and self.publish > today:
            return msg("publish_banner", date=self.publish.isoformat())
        return None


def from_meta(meta: dict) -> Publishing:
    """`draft`/`publish` of a page MkDocs has read (generated pages have no file of ours)."""
    publish = meta.get("publish")
    return Publishing(meta.get("draft") is True, publish if isinstance(publish, dt.date) else None)


def page_publishing(path: str, text: str) -> tuple[Publishing, list[ContentError]]:
    """`draft`/`publish` of any Markdown page; other keys are not this function's business."""
    front, errors = parse_front_matter(path, text)
    if any(e.level == "error" for e in errors):
        return Publishing(), []  # the page's own parser reports these
    entries = {key: entry for key, entry in front.entries.items() if key in KEYS}
    values, problems = validate(path, entries, FIELDS)
    return Publishing(bool(values["draft"]), values["publish"]), problems


def today_in(time_zone: str) -> dt.date:
    """Today's date in `time_zone` (an IANA name). Raises ValueError for an unknown zone."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(time_zone) from None
    return dt.datetime.now(tz=zone).date()


def site_time_zone(config: object) -> str:
    """The site's time zone: the content plugin's `time_zone` option (one setting per site)."""
    content = config.plugins.get("dangjian-content")  # type: ignore[attr-defined]
    return getattr(getattr(content, "config", None), "time_zone", DEFAULT_TIME_ZONE)


def site_today(config: object) -> dt.date:
    """Today in the site's time zone (an unknown zone is reported by the content plugin)."""
    try:
        return today_in(site_time_zone(config))
    except ValueError:
        return today_in(DEFAULT_TIME_ZONE)


def showing_drafts() -> bool:
    return os.environ.get(SHOW_DRAFTS_ENV) == "1"


def drafts_shown() -> AbstractContextManager[None]:
    """Show withheld pages for the duration (`dangjian check` checks them too)."""
    return environment(SHOW_DRAFTS_ENV, "1")
