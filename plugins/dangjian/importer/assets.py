"""Pictures and documents stored next to a page, named by content: `img/<sha256[:12]>.<ext>`.

The same bytes always get the same name, so a picture reached under two addresses (or imported
twice) is stored once, and re-running an import changes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ASSET_DIR = "img"

# What a file is, from its first bytes; the extension it is stored under
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
    (b"BM", "bmp"),
)
# Zip-based Office documents and old Office files cannot be told apart by magic alone
OFFICE_EXTENSIONS = ("docx", "xlsx", "pptx", "doc", "xls", "ppt")
IMAGE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/svg+xml": "svg",
    "image/bmp": "bmp",
}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}


def sniff(data: bytes, hint: str = "") -> str | None:
    """The extension for `data` if it is a picture or document we keep, else None.

    `hint` is the extension the source claims (from a URL or a content type); it decides only
    between formats the bytes cannot tell apart (Office files are zips or OLE containers).
    """
    for magic, ext in MAGIC:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head and b"<script" not in data.lower():
        return "svg"
    if data.startswith(b"PK\x03\x04") and hint in ("docx", "xlsx", "pptx"):
        return hint
    if data.startswith(b"\xd0\xcf\x11\xe0") and hint in ("doc", "xls", "ppt"):
        return hint
    return None


def asset_link(data: bytes, ext: str) -> str:
    """`img/<hash12>.<ext>`: the link, relative to the page, under which `data` is stored."""
    return f"{ASSET_DIR}/{hashlib.sha256(data).hexdigest()[:12]}.{ext}"


def store(folder: Path, data: bytes, ext: str) -> str:
    """Write `data` as `folder/img/<hash12>.<ext>` unless it is there; return that relative path."""
    link = asset_link(data, ext)
    target = folder / link
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return link
