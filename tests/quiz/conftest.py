"""A small site with one study page and one bank, written into tmp for each test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """\
site_name: 题库测试站
docs_dir: content
site_dir: build/site
use_directory_urls: false
strict: true
theme:
  name: material
  custom_dir: {theme}
  language: zh
  font: false
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
"""

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
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(theme=ROOT / "theme"), encoding="utf-8")
    files = {
        "content/index.md": "# 首页\n",
        "content/study/t/_topic.yml": "title: 测试专题\n",
        "content/study/t/page.md": STUDY,
        "content/quizzes/demo.yml": bank,
        "content/quizzes/index.md": "# 自测\n\n```quiz\nview: center\n```\n",
    }
    files.update(pages or {})
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture
def quiz_site(tmp_path: Path) -> Path:
    return write_site(tmp_path)
