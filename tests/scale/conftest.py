"""The small site every scale test builds, warm and cold."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dangjian.core import pagecache
from dangjian.core.cache import PageCache

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "content" / "fixtures" / "site"

PLUGINS = """\
plugins:
  - dangjian-content
  - dangjian-search
  - tags
  - dangjian-quiz
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences
"""

BANK = """\
id: demo
title: 演示题库
questions:
  - id: demo-1
    type: single
    stem: 现行党章有几章？
    options: {A: 九章, B: 十一章}
    answer: B
  - id: demo-2
    type: judge
    stem: 党章是根本大法。
    answer: 正确
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The content fixture site with search and a question bank, outside any git checkout."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(ROOT / "theme", root / "theme")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("plugins:")] + PLUGINS
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "content" / "quizzes").mkdir()
    (root / "content" / "quizzes" / "demo.yml").write_text(BANK, encoding="utf-8")
    (root / "content" / "quizzes" / "index.md").write_text(
        "# 自测\n\n```quiz\nbank: demo\n```\n", encoding="utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780459200")
    return root


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """(pages converted from Markdown, pages templated) of each build, in order."""
    seen: list[tuple[int, int]] = []
    finish = pagecache.PageOutputCache.finish

    def counting(self: pagecache.PageOutputCache, config, log) -> None:
        seen.append((self.rendered, self.templated))
        finish(self, config, log)

    monkeypatch.setattr(pagecache.PageOutputCache, "finish", counting)
    yield seen


@pytest.fixture
def selects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The namespaces of the SQLite reads of entries from now on (one row or a whole file)."""
    seen: list[str] = []
    run = PageCache._run

    def counting(self: PageCache, sql: str, parameters: tuple = ()):
        if sql.startswith("SELECT") and "FROM entries" in sql:
            seen.append(self.folder.name)
        return run(self, sql, parameters)

    monkeypatch.setattr(PageCache, "_run", counting)
    return seen
