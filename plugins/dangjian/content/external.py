"""Pictures and files a page loads from other websites, found in its Markdown with line numbers.

`check` warns about them (an offline site cannot show them) and `dangjian localize` downloads
them; both read them here. Plain links to web pages are not media and are left alone.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..core.errors import ContentError
from ..core.markdown import lines_outside_fences
from ..core.messages import msg

IMAGE_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "webp", "svg", "bmp")
DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx")

_URL = r"(?:https?:)?//[^\s)\"'<>]+"
_MD_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(" + _URL + r")>?")
_MD_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(" + _URL + r")>?")
_MD_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(" + _URL + r")>?")
_HTML_SRC = re.compile(
    r"<(?:img|source|video|audio|embed|iframe)\b[^>]*?\s(?:src|poster)\s*=\s*[\"']?(" + _URL + r")",
    re.IGNORECASE,
)
_HTML_HREF = re.compile(r"<a\b[^>]*?\shref\s*=\s*[\"']?(" + _URL + r")", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`+[^`]*`+")


@dataclass(frozen=True)
class MediaRef:
    """One outside picture or file: its address as written, the line, and what it is."""

    url: str
    line: int
    kind: str  # "image" or "document"


def extension(url: str) -> str:
    return posixpath.splitext(urlsplit(html.unescape(url)).path)[1].lstrip(".").lower()


def find_external_media(markdown: str, first_line: int = 1) -> list[MediaRef]:
    """Every outside image (any `![](…)` or `<img src>`) and linked document, outside code."""
    found: list[MediaRef] = []
    for offset, line in lines_outside_fences(markdown):
        if line.startswith("    "):  # indented code
            continue
        text = _CODE_SPAN.sub("", line)
        number = first_line + offset
        for match in (*_MD_IMAGE.finditer(text), *_HTML_SRC.finditer(text)):
            found.append(MediaRef(match.group(1), number, "image"))
        for match in (
            *_MD_LINK.finditer(text),
            *_MD_REF.finditer(text),
            *_HTML_HREF.finditer(text),
        ):
            ext = extension(match.group(1))
            if ext in IMAGE_EXTENSIONS:
                found.append(MediaRef(match.group(1), number, "image"))
            elif ext in DOCUMENT_EXTENSIONS:
                found.append(MediaRef(match.group(1), number, "document"))
    return sorted(set(found), key=lambda ref: (ref.line, ref.url))


def external_media_warnings(path: str, markdown: str, first_line: int = 1) -> list[ContentError]:
    """One warning per page that loads outside media, at its first such line."""
    refs = find_external_media(markdown, first_line)
    if not refs:
        return []
    lines = sorted({ref.line for ref in refs})
    shown = "、".join(str(n) for n in lines[:8]) + ("……" if len(lines) > 8 else "")
    message = msg("external_media", count=len(refs), lines=shown)
    return [ContentError(path, lines[0], message=message, level="warning")]
