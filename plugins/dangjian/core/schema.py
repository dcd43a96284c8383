"""Typed front-matter schemas: declare fields once, validate entries with file:line errors.

Pure functions; the content kinds (`StudyMaterial`, `Notice`) build on these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .errors import ContentError
from .frontmatter import Entry, YamlDate
from .messages import msg
from .suggest import nearest

# Keys MkDocs or Material understand on any page; never reported as unknown.
PAGE_KEYS = frozenset(
    {"template", "hide", "status", "description", "icon", "search", "subtitle", "comments"}
    # Drafts and scheduled publishing (core/publishing.py)
    | {"draft", "publish"}
)

# Strict YYYY-MM-DD, optionally with a time as YAML writes timestamps; nothing after it
_DATE_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?))?)?$"
)
_CN_DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


class Invalid(Exception):
    """A value does not fit its field; carries the Chinese message."""


def _describe(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def to_text(key: str, value: Any) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        if text:
            return text
        raise Invalid(msg("empty_value", key=key))
    raise Invalid(msg("wrong_type", key=key, expected="文字", actual=_describe(value)))


def to_date(key: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _DATE_RE.match(text) or _CN_DATE_RE.match(text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        raise Invalid(msg("bad_date", key=key, value=_describe(text)))
    raise Invalid(msg("bad_date", key=key, value=_describe(value)))


def to_int(key: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Invalid(msg("wrong_type", key=key, expected="整数", actual=_describe(value)))


def to_number(key: str, value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise Invalid(msg("negative", key=key))
        return float(value)
    raise Invalid(msg("wrong_type", key=key, expected="数字", actual=_describe(value)))


def to_bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(msg("wrong_type", key=key, expected=" true 或 false", actual=_describe(value)))


def to_text_list(key: str, value: Any) -> list[str]:
    """A list of short texts; a single text is accepted as a one-item list."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Invalid(msg("wrong_type", key=key, expected="列表", actual=_describe(value)))
    return [to_text(key, item) for item in value]


def choice(options: Iterable[str]) -> Callable[[str, Any], str]:
    allowed = tuple(options)

    def convert(key: str, value: Any) -> str:
        text = to_text(key, value)
        if text not in allowed:
            raise Invalid(msg("bad_choice", key=key, choices="/".join(allowed), value=text))
        return text

    return convert


@dataclass(frozen=True)
class Field:
    """One front-matter key: how to convert it, whether it is required, its default."""

    name: str
    convert: Callable[[str, Any], Any]
    required: bool = False
    default: Any = None
    label: str = ""


def validate(
    path: str,
    entries: dict[str, Entry],
    fields: Iterable[Field],
    *,
    known: frozenset[str] = PAGE_KEYS,
    first_line: int = 1,
) -> tuple[dict[str, Any], list[ContentError]]:
    """Convert entries by schema. Returns clean values (defaults filled) and all problems.

    Wrong types, bad dates and missing required keys are errors; unknown keys are warnings.
    """
    values: dict[str, Any] = {}
    errors: list[ContentError] = []
    schema = {f.name: f for f in fields}
    for field in schema.values():
        entry = entries.get(field.name)
        if entry is None or entry.value is None:
            if field.required:
                errors.append(
                    ContentError(
                        path, first_line, key=field.name, message=msg("missing_key", key=field.name)
                    )
                )
            values[field.name] = field.default() if callable(field.default) else field.default
            continue
        try:
            values[field.name] = field.convert(field.name, entry.value)
        except Invalid as exc:
            errors.append(ContentError(path, entry.line, key=field.name, message=str(exc)))
            values[field.name] = None
    for key, entry in entries.items():
        if key not in schema and key not in known:
            errors.append(
                ContentError(
                    path,
                    entry.line,
                    key=key,
                    message=msg("unknown_key", key=key),
                    level="warning",
                    suggestion=_did_you_mean(key, set(schema)),
                )
            )
    return values, sorted(errors, key=lambda e: e.line or 0)


def is_date_text(value: Any) -> bool:
    return isinstance(value, YamlDate | dt.date)


def _did_you_mean(key: str, fields: set[str]) -> str | None:
    found = nearest(key, fields)
    return msg("did_you_mean", candidate=found) if found else None
