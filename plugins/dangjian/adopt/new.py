"""`dangjian new notice|study|quiz "标题"`: one new content file, front matter filled in.

The file name is the title in pinyin, word by word (`关于召开组织生活会的通知` →
`guanyu-zhaokai-zuzhishenghuo-hui-de-tongzhi.md`); a study material gets the next `order` of
its topic. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.frontmatter import parse_front_matter
from ..core.messages import msg

KINDS = ("notice", "study", "quiz")
MAX_WORDS = 8
MAX_LENGTH = 60


class NewError(Exception):
    """The file cannot be created; the message is for the editor, in Chinese."""


@dataclass(frozen=True)
class Folders:
    """Where each kind of content lives, from the site's configuration."""

    docs: Path
    study: str = "study"
    notices: str = "notices"
    quizzes: str = "quizzes"
    category: str = "通知"


def site_folders(config: object) -> Folders:
    """The content folders a site's plugins are configured with (their defaults otherwise)."""
    folders = {"docs": Path(config.docs_dir)}  # type: ignore[attr-defined]
    for plugin, options in (
        ("dangjian-content", {"study": "study_dir", "notices": "notices_dir"}),
        ("dangjian-quiz", {"quizzes": "quizzes_dir"}),
    ):
        found = config.plugins.get(plugin)  # type: ignore[attr-defined]
        for field, option in options.items():
            if found is not None:
                folders[field] = getattr(found.config, option).strip("/")
    content = config.plugins.get("dangjian-content")  # type: ignore[attr-defined]
    if content is not None and content.config.categories:
        folders["category"] = content.config.categories[0]
    return Folders(**folders)


def file_name(title: str) -> str:
    """A readable ASCII file name (without extension) from a Chinese title."""
    import rjieba
    from pypinyin import lazy_pinyin

    words = []
    for word in rjieba.cut(title):
        latin = "".join(lazy_pinyin(word)).lower()
        latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
        if latin:
            words.append(latin)
    name = "-".join(words[:MAX_WORDS])[:MAX_LENGTH].strip("-")
    return re.sub(r"-{2,}", "-", name)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def next_order(topic: Path) -> int:
    """One more than the largest `order` among the topic's materials (1 for an empty topic)."""
    orders = [0]
    for page in topic.glob("*.md"):
        front, _ = parse_front_matter(page.name, page.read_text(encoding="utf-8", errors="replace"))
        value = front.get("order")
        if isinstance(value, int) and not isinstance(value, bool):
            orders.append(value)
    return max(orders) + 1


def topics(folders: Folders) -> list[str]:
    study = folders.docs / folders.study
    return sorted(p.name for p in study.iterdir() if p.is_dir()) if study.is_dir() else []


def new_content(
    kind: str,
    title: str,
    folders: Folders,
    today: dt.date,
    *,
    topic: str | None = None,
    pinned: bool = False,
    draft: bool = False,
    name: str | None = None,
) -> Path:
    """Write the new file and return its path. Raises `NewError`."""
    slug = name or file_name(title)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug or ""):
        raise NewError(msg("new_bad_name", title=title))
    front = [f"title: {_yaml(title)}"]
    if kind == "notice":
        path = folders.docs / folders.notices / str(today.year) / f"{slug}.md"
        front += [f"date: {today.isoformat()}", f"category: {folders.category}"]
        if pinned:
            front.append("pinned: true")
        body = "各党小组、全体党员：\n\n（在这里写通知正文。）\n"
    elif kind == "study":
        known = topics(folders)
        if topic is None:
            if len(known) != 1:
                raise NewError(msg("new_need_topic", known="、".join(known) or "无"))
            topic = known[0]
        if topic not in known:
            raise NewError(
                msg(
                    "new_no_topic",
                    topic=topic,
                    known="、".join(known) or "无",
                    folder=folders.study,
                )
            )
        folder = folders.docs / folders.study / topic
        path = folder / f"{slug}.md"
        front += [f"date: {today.isoformat()}", f"order: {next_order(folder)}"]
        body = "（在这里写学习资料正文。可以用 ## 小标题分节。）\n"
    else:
        return _new_bank(title, slug, folders)
    if draft:
        front.append("draft: true")
    text = "---\n" + "\n".join(front) + "\n---\n\n" + body
    return _write(path, text)


def _new_bank(title: str, slug: str, folders: Folders) -> Path:
    path = folders.docs / folders.quizzes / f"{slug}.yml"
    text = (
        "# 题库格式见“编辑指南 › 编写自测题库”。把示例题换成自己的题目，\n"
        "# 确认无误后删掉 draft: true 这一行，题库才会出现在网站上。\n"
        f"id: {slug}\n"
        f"title: {_yaml(title)}\n"
        "mode: practice\n"
        "pass_score: 60\n"
        "draft: true\n"
        "questions:\n"
        f"  - id: {slug}-01\n"
        "    type: single\n"
        "    stem: 这是一道示例题，请替换成自己的题目。正确答案是哪一项？\n"
        "    options:\n"
        "      A: 第一项\n"
        "      B: 第二项\n"
        "    answer: A\n"
        "    explanation: 在这里写答案解析。\n"
    )
    return _write(path, text)


def _write(path: Path, text: str) -> Path:
    if path.exists():
        raise NewError(msg("new_exists", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path
