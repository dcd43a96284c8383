"""Text from content and config as it reaches HTML: escaped once, at one place.

MkDocs and Material print page titles, navigation titles and several `page.meta` values
into HTML as they are. Every such value is turned into `Markup` (escaped text, marked safe)
here, so Material's templates and ours (`| e` leaves `Markup` alone) show it as text.
Consumers that need the plain text (search, feeds) call `plain_text`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, MutableMapping
from typing import Any

from markupsafe import Markup

# page.meta keys that Material's templates print without escaping
PAGE_TEXT_KEYS = ("title", "description", "author", "subtitle")
_SCALARS = (str, int, float, dt.date)


def text_html(value: object) -> Markup:
    """Plain text as HTML: escaped (quotes too, for attributes) and marked safe."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def plain_text(value: object) -> str:
    """What a title shows, from escaped text or from MkDocs' heading HTML."""
    return "" if value is None else html.unescape(str(value))


def escape_meta(meta: MutableMapping[str, Any], checked: Mapping[str, Any]) -> None:
    """Put HTML-safe text in `meta` for every key Material prints, and for tags.

    `checked` holds the validated values of the page's model (title, author, tags), which
    replace MkDocs' raw ones; values of other pages are escaped as they are.
    """
    for key in PAGE_TEXT_KEYS:
        value = checked.get(key, meta.get(key))
        if isinstance(value, bool) or value is None:
            meta.pop(key, None)
        elif isinstance(value, _SCALARS):
            meta[key] = text_html(value)
        else:
            meta[key] = text_html(str(value))
    tags = checked.get("tags", meta.get("tags"))
    if tags is not None:
        items = tags if isinstance(tags, list) else [tags]
        meta["tags"] = [text_html(tag) for tag in items if isinstance(tag, _SCALARS)]
