"""A writable copy of the content fixture site, and `dangjian` run in-process on it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.content.conftest import FIXTURE
from tests.helpers import THEME, Run, enter_site, run_in_process, write_files


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(FIXTURE, folder)
    shutil.copytree(THEME, folder / "theme")
    enter_site(monkeypatch, folder)
    return folder


@pytest.fixture
def write(site: Path) -> Callable[[str, str], Path]:
    def put(relative: str, text: str) -> Path:
        write_files(site, {relative: text})
        return site / relative

    return put


@pytest.fixture
def dangjian(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    return lambda *args: run_in_process(capsys, *args)


def set_plugin_options(site: Path, options: str) -> None:
    """Give dangjian-content options in the fixture site's mkdocs.yml."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    indented = "\n".join("        " + line for line in options.strip().splitlines())
    config.write_text(
        text.replace("  - dangjian-content\n", f"  - dangjian-content:\n{indented}\n"),
        encoding="utf-8",
    )
