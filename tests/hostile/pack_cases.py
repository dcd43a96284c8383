"""Shared helpers for the hostile-input catalogue of pack, verify, import and the CLI.

Each case runs the real `dangjian` command (in a subprocess when exit codes, signals or other
users matter) and checks the same things: the exit code, one Chinese line matching a pattern,
no internal error or Python exception name, and nothing half-written.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACK_FIXTURE = ROOT / "tests" / "offline" / "fixtures" / "site"
EPOCH = "1764115200"  # 2025-11-26 00:00 UTC

# What must never reach an editor: our own catch-all, a traceback, raw exception names
LEAKS = re.compile(
    r"内部错误|Traceback|BadZipFile|KeyError|zlib\.error|Errno|\w+Error:|Exception", re.ASCII
)


@dataclass(frozen=True)
class Case:
    """One catalogue entry: what is done, and what the editor must then see."""

    id: str
    pattern: str  # regular expression one line of stderr must match
    code: int  # exit code


def make_site(folder: Path) -> Path:
    """The small pack test site (offline plugin only) in `folder`; returns its mkdocs.yml."""
    shutil.copytree(PACK_FIXTURE / "content", folder / "content")
    template = (PACK_FIXTURE / "mkdocs.yml.in").read_text(encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(template.replace("THEME_DIR", str(ROOT / "theme")), encoding="utf-8")
    return config


def add_pages(config: Path, count: int) -> None:
    """`count` extra study pages of a few paragraphs each, for builds that take a while."""
    topic = config.parent / "content" / "study" / "many"
    topic.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(f"## 第 {n} 节\n\n" + "学习党章，遵守党规。" * 40 for n in range(1, 6))
    for number in range(count):
        (topic / f"p{number:04d}.md").write_text(f"# 第 {number} 篇\n\n{body}\n", encoding="utf-8")


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("DANGJIAN_DEBUG", None)
    env.update(extra)
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dangjian.cli", *args]


def run(
    *args: str, cwd: Path, timeout: float = 180, **popen: object
) -> subprocess.CompletedProcess[str]:
    """`dangjian ARGS` in a subprocess, as an editor runs it."""
    return subprocess.run(
        command(*args),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment(),
        **popen,  # type: ignore[arg-type]
    )


def assert_refused(result: subprocess.CompletedProcess[str], case: Case) -> None:
    """Exit code, a matching Chinese line, and no leak of internals."""
    assert result.returncode == case.code, (result.returncode, result.stderr)
    assert re.search(case.pattern, result.stderr, re.MULTILINE), result.stderr
    assert not LEAKS.search(result.stderr), result.stderr


def assert_lines_clean(text: str) -> None:
    assert not LEAKS.search(text), text


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def leftovers(build: Path) -> list[str]:
    """Staging or old-site folders a build may leave beside the site if it is cut short."""
    return sorted(
        p.name for p in build.iterdir() if p.name.startswith((".site-new-", ".site-old-"))
    )


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder other users can enter (pytest's tmp_path is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="dangjian-hostile-"))
    try:
        os.chmod(folder, 0o755)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
