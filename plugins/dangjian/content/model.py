"""Study materials, notices and topics: parsed and validated from a file's text.

`parse_material`, `parse_notice` and `parse_topic` are pure: text in, object and errors out.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import ContentError
from ..core.frontmatter import Entry, FrontMatter, parse_front_matter, parse_mapping
from ..core.markdown import first_heading
from ..core.memo import remembered
from ..core.messages import msg
from ..core.schema import (
    Field,
    Invalid,
    choice,
    to_bool,
    to_date,
    to_int,
    to_number,
    to_text,
    to_text_list,
    validate,
)
from ..core.text import reading_minutes

DEFAULT_CATEGORIES = ("通知", "公告", "简报")

MATERIAL_FIELDS = (
    Field("title", to_text, required=True, label="标题"),
    Field("date", to_date, label="日期"),
    Field("topic", to_text, label="专题"),
    Field("order", to_int, label="专题内顺序"),
    Field("tags", to_text_list, default=list, label="标签"),
    Field("source", to_text, label="出处"),
    Field("author", to_text, label="作者"),
    Field("summary", to_text, label="摘要"),
    Field("hours", to_number, label="学时"),
    Field("required", to_bool, default=False, label="必学"),
)

TOPIC_FIELDS = (
    Field("title", to_text, required=True, label="专题名称"),
    Field("description", to_text, label="专题简介"),
    Field("order", to_int, label="专题顺序"),
)


@dataclass(frozen=True)
class Attachment:
    """A file attached to a notice or event; `src_uri` is relative to the docs folder."""

    src_uri: str
    title: str
    line: int


@dataclass
class StudyMaterial:
    src_uri: str
    title: str
    date: dt.date | None
    topic: str
    order: int | None
    tags: list[str]
    source: str | None
    author: str | None
    summary: str | None
    hours: float | None
    required: bool
    # The Markdown body, read by what is made of every material during `on_files` (year
    # pages, feeds, related materials); then let go (`release_bodies`): None from there on
    body: str = ""
    # To read the body, shown in every listing; counted from the body unless given
    minutes: int = field(default=-1, kw_only=True)

    def __post_init__(self) -> None:
        if self.minutes < 0:
            self.minutes = reading_minutes(self.body)


@dataclass
class Notice:
    src_uri: str
    title: str
    date: dt.date
    category: str
    pinned: bool
    expires: dt.date | None
    attachments: list[Attachment]
    audience: str | None
    body: str = ""
    source: str | None = None

    def expired_on(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass
class Topic:
    slug: str
    title: str
    description: str | None = None
    order: int | None = None
    materials: list[StudyMaterial] = field(default_factory=list)


_URL_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def attachment_target(src_uri: str, file: str, attachments_dir: str) -> str:
    """The attached file's path in the docs folder; it must be beside the notice or in the
    attachments folder, so a notice cannot offer any other file of the site as a download."""
    if _URL_RE.match(file):
        raise Invalid(msg("attachment_url", file=file))
    folder = posixpath.dirname(src_uri)
    target = posixpath.normpath(posixpath.join(folder, file))
    shared = attachments_dir.strip("/")
    if file.startswith("/") or not any(
        target.startswith(inside + "/") for inside in (folder, shared) if inside
    ):
        raise Invalid(msg("attachment_outside", folder=shared, file=file))
    return target


def _attachments_converter(src_uri: str, line: int, attachments_dir: str):
    def convert(key: str, value: Any) -> list[Attachment]:
        if not isinstance(value, list):
            value = [value]
        result = []
        for item in value:
            if isinstance(item, str):
                item = {"file": item}
            if not isinstance(item, dict):
                raise Invalid(msg("wrong_type", key=key, expected="列表", actual=item))
            file = item.get("file")
            if not file:
                raise Invalid(msg("attachment_no_file"))
            file = to_text(key, file)
            target = attachment_target(src_uri, file, attachments_dir)
            title = to_text(key, item.get("title") or posixpath.basename(file))
            result.append(Attachment(target, title, line))
        return result

    return convert


def attachments_field(src_uri: str, line: int, attachments_dir: str = "notices") -> Field:
    """The `attachments` key of notices and events: files beside the page or in `attachments_dir`."""
    return Field(
        "attachments",
        _attachments_converter(src_uri, line, attachments_dir),
        default=list,
        label="附件",
    )


def _read(path: str, text: str) -> tuple[FrontMatter, list[ContentError]]:
    """Front matter and body; without a `title`, the first `#` heading is the title (as MkDocs)."""
    front, errors = parse_front_matter(path, text)
    if front.get("title") is None:
        heading = first_heading(front.body, front.body_line)
        if heading:
            front.entries["title"] = Entry(heading[0], heading[1], 1)
    return front, errors


def parse_material(
    path: str, src_uri: str, text: str, topic: str
) -> tuple[StudyMaterial | None, list[ContentError]]:
    """Validate a study material. `topic` is the default from the folder."""
    front, errors = _read(path, text)
    if any(e.level == "error" for e in errors):
        return None, errors
    values, problems = validate(path, front.entries, MATERIAL_FIELDS)
    errors += problems
    if any(e.level == "error" for e in errors):
        return None, errors
    values["topic"] = values["topic"] or topic
    # In the preview, counted again only when the page's text changed (0.1 s of 2,000 pages)
    minutes = remembered("reading-minutes", (path, text), lambda: reading_minutes(front.body))
    return StudyMaterial(src_uri=src_uri, body=front.body, minutes=minutes, **values), errors


def parse_notice(
    path: str,
    src_uri: str,
    text: str,
    categories: tuple[str, ...] = DEFAULT_CATEGORIES,
    attachments_dir: str = "notices",
) -> tuple[Notice | None, list[ContentError]]:
    """Validate a notice: title and date required, expires not before date."""
    front, errors = _read(path, text)
    if any(e.level == "error" for e in errors):
        return None, errors
    attachments_line = front.line_of("attachments")
    fields = (
        Field("title", to_text, required=True, label="标题"),
        Field("date", to_date, required=True, label="日期"),
        Field("category", choice(categories), default=categories[0], label="类别"),
        Field("pinned", to_bool, default=False, label="置顶"),
        Field("expires", to_date, label="截止日期"),
        attachments_field(src_uri, attachments_line, attachments_dir),
        Field("audience", to_text, label="对象"),
        Field("tags", to_text_list, default=list, label="标签"),
        Field("source", to_text, label="出处"),
    )
    values, problems = validate(path, front.entries, fields)
    errors += problems
    if values.get("expires") and values.get("date") and values["expires"] < values["date"]:
        errors.append(
            ContentError(
                path, front.line_of("expires"), key="expires", message=msg("expires_before_date")
            )
        )
    if any(e.level == "error" for e in errors):
        return None, errors
    values.pop("tags")
    return Notice(src_uri=src_uri, body=front.body, **values), errors


def missing_attachments(
    path: str, attachments: list[Attachment], exists: Callable[[str], bool]
) -> list[ContentError]:
    """An error for each attachment whose file is not in the site (notices and events)."""
    return [
        ContentError(
            path, a.line, key="attachments", message=msg("attachment_missing", file=a.src_uri)
        )
        for a in attachments
        if not exists(a.src_uri)
    ]


def notice_attachments(
    path: str, src_uri: str, text: str, attachments_dir: str = "notices"
) -> list[Attachment]:
    """The attachments a notice names, even when its other keys are wrong."""
    front, _ = _read(path, text)
    entry = front.entries.get("attachments")
    if entry is None or entry.value is None:
        return []
    try:
        return _attachments_converter(src_uri, entry.line, attachments_dir)(
            "attachments", entry.value
        )
    except Invalid:
        return []


def parse_topic(path: str, slug: str, text: str) -> tuple[Topic | None, list[ContentError]]:
    """Validate a `_topic.yml` file describing one topic folder."""
    entries, errors = parse_mapping(path, text, offset=1)
    if entries is None:
        return None, errors
    values, problems = validate(path, entries, TOPIC_FIELDS, known=frozenset())
    errors += problems
    if any(e.level == "error" for e in errors):
        return None, errors
    return Topic(slug=slug, **values), errors


def sort_materials(materials: list[StudyMaterial]) -> list[StudyMaterial]:
    """Order within a topic: explicit `order` first, then by date, then by file name."""
    return sorted(
        materials,
        key=lambda m: (
            m.order is None,
            m.order if m.order is not None else 0,
            m.date or dt.date.max,
            posixpath.basename(m.src_uri),
        ),
    )
