"""Zip archives from elsewhere: which entry names are safe, and how much they may inflate to.

Both `dangjian verify` (offline packs) and `dangjian quiz import` (.xlsx workbooks) open zips
that someone else made. The rules for trusting a zip's central directory live here, once.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from .messages import msg

# `C:`, `c:foo`: a drive letter makes a name absolute (or drive-relative) on Windows
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def unsafe_entry_name(name: str) -> bool:
    """True if extracting an entry called `name` could write outside the target folder.

    Absolute names, drive letters, backslashes (a separator on Windows), `.`/`..` parts,
    empty parts (`a//b`) and control characters (including NUL, which hides a suffix) are
    all unsafe. `name` is the name as stored (`ZipInfo.orig_filename`), not a cleaned copy.
    """
    if not name or name.startswith("/") or "\\" in name or _DRIVE.match(name):
        return True
    if _CONTROL.search(name):
        return True
    parts = name.removesuffix("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


def shown_name(name: str) -> str:
    """An entry name exactly as stored, with control characters made visible (`\\x00`)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", name)


def human_bytes(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


@dataclass(frozen=True)
class InflateLimits:
    """How much a zip from elsewhere may hold once decompressed."""

    entries: int
    entry_bytes: int
    total_bytes: int
    ratio: int  # uncompressed / compressed, per entry; ordinary XML stays below ~30


def inflate_problems(infos: Iterable[zipfile.ZipInfo], limits: InflateLimits) -> list[str]:
    """Check the sizes the central directory declares, before anything is decompressed.

    `zipfile` refuses to read more than an entry's declared `file_size`, so bounding the
    declared sizes bounds what any later read can inflate.
    """
    infos = list(infos)
    problems = []
    if len(infos) > limits.entries:
        problems.append(msg("zip_too_many_entries", count=len(infos), limit=limits.entries))
    total = 0
    for info in infos:
        name = shown_name(info.orig_filename)
        total += info.file_size
        if info.file_size > limits.entry_bytes:
            problems.append(
                msg(
                    "zip_entry_too_large",
                    name=name,
                    size=human_bytes(info.file_size),
                    limit=human_bytes(limits.entry_bytes),
                )
            )
        elif info.file_size > 1024 * 1024 and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            problems.append(msg("zip_ratio", name=name, ratio=ratio, limit=limits.ratio))
    if total > limits.total_bytes:
        problems.append(
            msg(
                "zip_total_too_large",
                size=human_bytes(total),
                limit=human_bytes(limits.total_bytes),
            )
        )
    return problems
