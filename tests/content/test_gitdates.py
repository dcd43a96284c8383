"""The “最后更新” pass: one `git log` over the docs folder, newest commit per file."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from dangjian.content import gitdates
from dangjian.core.errors import ErrorLog


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "测试",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "测试",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    docs = tmp_path / "content"
    (docs / "study" / "专题").mkdir(parents=True)
    git(tmp_path, "init", "-q")
    (docs / "study" / "专题" / "甲.md").write_text("一", encoding="utf-8")
    (docs / "study" / "b.md").write_text("一", encoding="utf-8")
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", date="2026-01-05T10:00:00+08:00")
    (docs / "study" / "b.md").write_text("二", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", date="2026-03-09T10:00:00+08:00")
    return docs


def test_newest_commit_per_file_relative_to_docs(repo: Path) -> None:
    dates = gitdates.last_updated(repo)
    assert dates == {
        "study/专题/甲.md": dt.date(2026, 1, 5),
        "study/b.md": dt.date(2026, 3, 9),
    }


def test_one_git_process_for_the_whole_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(50):
        (repo / f"extra-{index}.md").write_text("x", encoding="utf-8")
    git(repo.parent, "add", ".")
    git(repo.parent, "commit", "-q", "-m", "many", date="2026-04-01T10:00:00+08:00")
    calls = []
    real = subprocess.run

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)  # the module core/git.py calls
    dates = gitdates.last_updated(repo)
    assert len(dates) == 52
    assert [c for c in calls if "log" in c] == [calls[-1]]  # one `git log`, whatever the size
    assert len(calls) <= 2  # and one shallow-clone check


def test_outside_a_checkout_gives_no_dates(tmp_path: Path) -> None:
    assert gitdates.last_updated(tmp_path) == {}


def test_parse_log_keeps_first_that_is_newest() -> None:
    log = "\x1e2026-05-01\n\na.md\n\x1e2026-01-01\n\na.md\nb.md\n"
    assert gitdates.parse_log(log) == {
        "a.md": dt.date(2026, 5, 1),
        "b.md": dt.date(2026, 1, 1),
    }


def test_shallow_clone_warns_and_gives_no_dates(repo: Path, tmp_path: Path) -> None:
    # a third commit, so that a depth-1 clone cuts history and would date b.md and 甲.md wrongly
    (repo / "study" / "c.md").write_text("三", encoding="utf-8")
    git(repo.parent, "add", ".")
    git(repo.parent, "commit", "-q", "-m", "third", date="2026-06-01T10:00:00+08:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.parent.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    log = ErrorLog()
    assert gitdates.last_updated(clone / "content", log) == {}
    assert len(log.warnings) == 1
    warning = str(log.warnings[0])
    assert (
        "浅克隆" in warning and "fetch-depth: 0" in warning and "git fetch --unshallow" in warning
    )
    # the full checkout still has its true dates
    assert gitdates.last_updated(repo)["study/b.md"] == dt.date(2026, 3, 9)
