"""A small site with one study page and one bank, written into tmp for each test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import mkdocs_yml, write_files

CONFIG = mkdocs_yml(
    "题库测试站",
    """\
plugins:
  - dangjian-content
  - dangjian-quiz
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
  - pymdownx.superfences
""",
)

STUDY = """\
---
title: 党章学习
date: 2026-03-01
summary: 测试用学习资料。
---

# 党章学习

## 一、党章的基本结构

正文。

## 二、总纲

正文。
"""

BANK = """\
id: demo
title: 演示题库
description: 测试用题库。
source: ../study/t/page.md
questions:
  - id: demo-1
    type: single
    stem: 现行党章有几章？
    options: {A: 九章, B: 十一章}
    answer: B
    explanation: 十一章。
    source: ../study/t/page.md#一、党章的基本结构
  - id: demo-2
    type: multiple
    stem: 选 A 和 C
    options: [甲, 乙, 丙]
    answer: AC
  - id: demo-3
    type: judge
    stem: 党章是根本大法。
    answer: 正确
  - id: demo-4
    type: fill
    stem: 新发展理念：创新、协调、____、开放、____。
    answer: [绿色, 共享|分享]
"""


def write_site(root: Path, bank: str = BANK, pages: dict[str, str] | None = None) -> Path:
    files = {
        "mkdocs.yml": CONFIG,
        "content/index.md": "# 首页\n",
        "content/study/t/_topic.yml": "title: 测试专题\n",
        "content/study/t/page.md": STUDY,
        "content/quizzes/demo.yml": bank,
        "content/quizzes/index.md": "# 自测\n\n```quiz\nview: center\n```\n",
    }
    files.update(pages or {})
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, {name: textwrap.dedent(text) for name, text in files.items()})
    return root / "mkdocs.yml"


@pytest.fixture
def quiz_site(tmp_path: Path) -> Path:
    return write_site(tmp_path)
