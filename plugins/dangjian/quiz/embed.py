"""The ```quiz fenced block: find it in a page's Markdown, check it, turn it into a placeholder.

The block holds YAML, for example::

    ```quiz
    bank: dangzhang-jichu
    mode: exam
    draw: {single: 5, judge: 5}
    seed: 2026
    ```

The placeholder is a `<div class="dj-quiz">` whose `data-quiz` attribute carries the checked
settings as JSON; `quiz.js` turns it into the self-test.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from ..core.errors import ContentError
from ..core.frontmatter import Entry, parse_mapping
from ..core.messages import msg
from .model import MODES, TYPES, QuestionBank

FENCE_RE = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*quiz[ \t]*$")
_ANY_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
VIEWS = ("bank", "paper", "wrongbook", "center")
# Every key a quiz block may hold
SETTINGS = ("bank", "banks", "view", "mode", "draw", "seed", "title", "time_limit", "count")


@dataclass
class Block:
    """One quiz block: its settings (checked) and the lines it spans in the Markdown."""

    first: int
    last: int
    settings: dict[str, Any]


def find_blocks(markdown: str) -> list[tuple[int, int, str]]:
    """(first line index, last line index, YAML text) of each quiz fence."""
    if "quiz" not in markdown:  # a quiz fence's line says so (`FENCE_RE`): most pages have none
        return []
    lines = markdown.split("\n")
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        match = FENCE_RE.match(lines[index])
        other = _ANY_FENCE_RE.match(lines[index])
        if match:
            fence = match.group("fence")
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(fence):
                end += 1
            found.append((index, end, "\n".join(lines[index + 1 : end])))
            index = end + 1
        elif other:
            fence = other.group(1)
            index += 1
            while index < len(lines) and not lines[index].strip().startswith(fence):
                index += 1
            index += 1
        else:
            index += 1
    return found


def check_block(
    path: str, yaml_text: str, line: int, banks: dict[str, QuestionBank]
) -> tuple[dict[str, Any] | None, list[ContentError]]:
    """Validate one block's settings; `line` is the file line of the block's first YAML line."""
    entries, errors = parse_mapping(path, yaml_text, offset=line)
    if errors or entries is None:
        return None, [
            ContentError(
                e.path, e.line, e.column, message=msg("quiz_embed_yaml", problem=e.message)
            )
            for e in errors
        ]
    return check_settings(path, entries, line, banks)


def check_settings(
    path: str, entries: dict[str, Entry], line: int, banks: dict[str, QuestionBank]
) -> tuple[dict[str, Any] | None, list[ContentError]]:
    """Validate quiz settings already read as entries (also used by plan items' random papers)."""
    values = {key: entry.value for key, entry in entries.items()}

    def error(key: str, message: str) -> ContentError:
        where = entries[key].line if key in entries else line
        return ContentError(path, where, key=key, message=message)

    problems: list[ContentError] = [
        error(key, msg("quiz_embed_unknown", key=key, known="、".join(SETTINGS)))
        for key in values
        if key not in SETTINGS
    ]
    problems += _value_problems(values, error)
    known = "、".join(sorted(banks)) or "无"
    names = values.get("banks", values.get("bank"))
    chosen = [str(n).strip() for n in (names if isinstance(names, list) else [names]) if n]
    for name in chosen:
        if name not in banks:
            problems.append(
                error(
                    "banks" if "banks" in values else "bank",
                    msg("quiz_embed_bank", bank=name, known=known),
                )
            )
    view = str(values.get("view") or ("bank" if len(chosen) == 1 else "paper"))
    if view not in VIEWS:
        problems.append(error("view", msg("quiz_embed_view", choices="/".join(VIEWS), value=view)))
    mode = values.get("mode")
    if mode is not None and (not isinstance(mode, str) or mode not in MODES):
        problems.append(
            error("mode", msg("bad_choice", key="mode", choices="/".join(MODES), value=mode))
        )
    draw = values.get("draw")
    if draw is not None:
        if not isinstance(draw, dict) or any(
            k not in TYPES or not isinstance(v, int) or isinstance(v, bool) or v < 0
            for k, v in draw.items()
        ):
            problems.append(error("draw", msg("quiz_embed_draw")))
        elif not problems:
            for kind, count in sorted(draw.items()):
                have = sum(banks[name].count(kind) for name in chosen)
                if count > have:
                    problems.append(
                        error(
                            "draw",
                            msg("quiz_embed_too_many", count=count, type=TYPES[kind], have=have),
                        )
                    )
    if view in ("bank", "paper") and not chosen and not problems:
        problems.append(error("bank", msg("missing_key", key="bank")))
    if problems:
        return None, problems
    settings: dict[str, Any] = {"view": view, "banks": chosen}
    for key in ("mode", "draw", "seed", "title", "time_limit", "count"):
        if values.get(key) is not None:
            settings[key] = values[key]
    return settings, []


def _value_problems(values: dict[str, Any], error) -> list[ContentError]:
    """time_limit a positive number of minutes, seed an integer or text, count positive."""
    problems = []

    def number(value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    limit = values.get("time_limit")
    if limit is not None and not (number(limit) and 0 < limit < float("inf")):
        problems.append(error("time_limit", msg("quiz_embed_time_limit", value=limit)))
    seed = values.get("seed")
    if seed is not None and not (
        (isinstance(seed, int) and not isinstance(seed, bool))
        or (isinstance(seed, str) and seed.strip())
    ):
        problems.append(error("seed", msg("quiz_embed_seed", value=seed)))
    count = values.get("count")
    if count is not None and not (
        isinstance(count, int) and not isinstance(count, bool) and count > 0
    ):
        problems.append(error("count", msg("quiz_embed_count", value=count)))
    title = values.get("title")
    if title is not None and not isinstance(title, str | int | float):
        problems.append(error("title", msg("quiz_embed_title", value=title)))
    return problems


def placeholder(settings: dict[str, Any], inner: str = "") -> str:
    data = json.dumps(settings, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    loading = inner or '<p class="dj-quiz__loading">正在加载自测题……（需要启用 JavaScript）</p>'
    return f'<div class="dj-quiz" data-quiz="{html.escape(data)}">{loading}</div>'


def center_html(banks: list[QuestionBank], page_url: str, pages: dict[str, str]) -> str:
    """The 自测中心 list of banks, rendered at build time so it reads without JavaScript."""
    items = []
    here = posixpath.dirname(page_url)
    for bank in banks:
        counts = "，".join(f"{TYPES[k]} {bank.count(k)}" for k in TYPES if bank.count(k))
        target = pages.get(bank.id)
        title = html.escape(bank.title)
        if target:
            link = html.escape(posixpath.relpath(target, here or "."))
            title = f'<a href="{link}">{title}</a>'
        limit = f"，限时 {bank.time_limit} 分钟" if bank.time_limit else ""
        items.append(
            f'<li class="dj-quiz-center__item" data-bank="{html.escape(bank.id)}">'
            f'<strong class="dj-quiz-center__title">{title}</strong>'
            f'<span class="dj-quiz-center__meta">共 {len(bank.questions)} 题（{counts}）{limit}</span>'
            f'<span class="dj-quiz-center__desc">{html.escape(bank.description)}</span>'
            f'<span class="dj-quiz-center__progress"></span></li>'
        )
    return f'<ul class="dj-quiz-center">{"".join(items)}</ul>'


# The class of the “学完来测一测” box: a print page leaves it out (`year/printed.py`)
RELATED_CLASS = "dj-quiz-related"


def related_html(banks: list[QuestionBank], page_url: str, pages: dict[str, str]) -> str:
    """“学完来测一测”: links from a study page to the banks that test it."""
    here = posixpath.dirname(page_url)
    links = []
    for bank in banks:
        target = pages.get(bank.id)
        if not target:
            continue
        href = html.escape(posixpath.relpath(target, here or "."))
        links.append(
            f'<li><a href="{href}">{html.escape(bank.title)}</a>（共 {len(bank.questions)} 题）</li>'
        )
    if not links:
        return ""
    return (
        f'<aside class="{RELATED_CLASS}" aria-label="相关自测">'
        f'<p class="dj-quiz-related__title">学完来测一测</p><ul>{"".join(links)}</ul></aside>'
    )


def replace_blocks(
    path: str,
    markdown: str,
    first_line: int,
    banks: dict[str, QuestionBank],
    page_url: str,
    bank_pages: dict[str, str],
) -> tuple[str, list[ContentError]]:
    """Markdown with each quiz block replaced by its placeholder; errors name file:line."""
    blocks = find_blocks(markdown)
    if not blocks:
        return markdown, []
    lines = markdown.split("\n")
    errors: list[ContentError] = []
    for first, last, text in reversed(blocks):
        settings, problems = check_block(path, text, first_line + first + 1, banks)
        errors += problems
        if settings is None:
            html_block = '<div class="dj-quiz dj-quiz--broken"></div>'
        elif settings["view"] == "center":
            ordered = [banks[b] for b in sorted(banks)]
            html_block = placeholder(settings, center_html(ordered, page_url, bank_pages))
        else:
            html_block = placeholder(settings)
        lines[first : last + 1] = ["", html_block, ""]
    return "\n".join(lines), sorted(errors)
