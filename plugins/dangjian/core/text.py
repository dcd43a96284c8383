"""Chinese text helpers: character counts, reading time, plain text from HTML."""

from __future__ import annotations

import functools
import html
import math
import re

# Reading speed for Chinese study texts, in characters per minute. Studies of adult
# Chinese readers put silent reading of expository text at roughly 300–500 字/分钟;
# we take the careful end because members read these texts to study them.
CHARS_PER_MINUTE = 300

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


def count_cjk(text: str) -> int:
    return len(_CJK_RE.findall(text))


def reading_units(text: str) -> int:
    """Chinese characters plus Latin words, each read as one unit."""
    return count_cjk(text) + len(_LATIN_WORD_RE.findall(text))


# Every page listing a material shows its reading time: count each text once per build
@functools.lru_cache(maxsize=65536)
def reading_minutes(text: str) -> int:
    """Whole minutes to read `text` at `CHARS_PER_MINUTE`, at least 1 for non-empty text."""
    units = reading_units(text)
    return max(1, math.ceil(units / CHARS_PER_MINUTE)) if units else 0


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", markup))).strip()
