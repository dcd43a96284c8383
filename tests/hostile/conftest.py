"""Hostile and careless input: a minimal site to break, and how a refusal must look.

`hostile_site` copies a small site into tmp_path; `run_dangjian` runs the real CLI in-process
and returns exit code and stderr; `assert_refused` checks the editor sees one Chinese line
with file:line, no traceback, and that the published site was left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import Run, enter_site, mkdocs_yml, run_in_process, write_files

CONFIG = mkdocs_yml(
    "测试站",
    """\
plugins:
  - dangjian-content
  - dangjian-search
  - tags
  - dangjian-offline
  - dangjian-quiz
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
""",
    site_url="https://example.org/",
)

BANK = """\
id: bank
title: 题库
questions:
  - id: q1
    type: single
    stem: 一加一等于几？
    options: {A: 一, B: 二}
    answer: B
"""

FILES = {
    "index.md": "---\ntitle: 首页\n---\n欢迎。\n",
    "study/t/_topic.yml": "title: 专题\norder: 1\n",
    "study/t/ok.md": "---\ntitle: 好资料\ndate: 2026-01-05\n---\n\n## 要求\n\n正文。\n",
    "notices/2026/n.md": "---\ntitle: 一则通知\ndate: 2026-01-05\n---\n\n正文。\n",
    "notices/2026/plan.txt": "计划\n",
    "quizzes/bank.yml": BANK,
}


@dataclass
class HostileSite:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "build" / "site"

    def write(self, name: str, body: str | bytes) -> Path:
        write_files(self.content, {name: body})
        return self.content / name

    def config(self, text: str) -> None:
        (self.root / "mkdocs.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def hostile_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HostileSite:
    """A small valid site in tmp_path (outside any git checkout), run from its folder."""
    root = tmp_path / "site"
    site = HostileSite(root)
    root.mkdir()
    site.config(CONFIG)
    write_files(site.content, FILES)
    enter_site(monkeypatch, root)
    monkeypatch.delenv("DANGJIAN_DEBUG", raising=False)
    return site


@pytest.fixture
def run_dangjian(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `dangjian ARGS` in-process; exit code, stderr and stdout."""

    return lambda *args: run_in_process(capsys, *args)


LOCATED = re.compile(r"^[^\s:][^:]*:\d+(:\d+)?: ")
NAMED = re.compile(r"^[^\s:][^:]*: ")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
SUMMARY = re.compile(r"^(构建失败|检查发现|另有|无法更新搜索索引)")


def problem_lines(run: Run) -> list[str]:
    """The problem lines of a failed run: everything but the closing summary."""
    lines = [line for line in (run.err + run.out).splitlines() if line.strip()]
    return [line for line in lines if not SUMMARY.match(line)]


def assert_refused(
    run: Run,
    pattern: str,
    *,
    path: str | None = None,
    located: bool = True,
    site: HostileSite | None = None,
    before: dict[str, bytes] | None = None,
) -> None:
    """Exit 1; a Chinese `file:line: message` line matching `pattern` (`file: message` for
    problems of a whole file); no traceback; the published site as it was before."""
    assert run.code == 1, run.err
    for bad in ("Traceback", "内部错误", "Error:", "Aborted"):
        assert bad not in run.err + run.out, run.err
    lines = problem_lines(run)
    matching = [line for line in lines if re.search(pattern, line)]
    assert matching, f"no line matches {pattern!r}:\n{run.err}"
    for line in lines:
        assert (LOCATED if located else NAMED).match(line), f"not file:line: {line}"
        assert CHINESE.search(line), line
    if path:
        assert any(line.startswith(path + ":") for line in matching), run.err
    if site is not None and before is not None:
        assert snapshot(site.site) == before, "the published site changed"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes (empty when the folder does not exist)."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
