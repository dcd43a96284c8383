"""A writable copy of the content fixture site, and `dangjian` run in-process on it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from dangjian.cli import main

from tests.content.conftest import FIXTURE, ROOT


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(FIXTURE, folder)
    shutil.copytree(ROOT / "theme", folder / "theme")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780459200")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def write(site: Path) -> Callable[[str, str], Path]:
    def put(relative: str, text: str) -> Path:
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return put


@pytest.fixture
def dangjian(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def set_plugin_options(site: Path, options: str) -> None:
    """Give dangjian-content options in the fixture site's mkdocs.yml."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    indented = "\n".join("        " + line for line in options.strip().splitlines())
    config.write_text(
        text.replace("  - dangjian-content\n", f"  - dangjian-content:\n{indented}\n"),
        encoding="utf-8",
    )
