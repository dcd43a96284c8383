"""Build a site with MkDocs into a temporary folder and swap it in only on success."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core.defaults import apply_defaults
from .core.environment import environment
from .core.errors import ContentCheckError, ContentError, ProblemsError
from .core.git import git
from .core.messages import msg
from .core.output import (
    make_folders,
    make_readable,
    signals_held,
    staging_folder,
    unwritable,
)
from .core.paths import display_path
from .core.publishing import drafts_shown
from .core.sitemodel import site_model


class SiteError(ProblemsError):
    """The build could not finish; `problems` are lines for the editor, already in Chinese."""


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    seconds: float
    warnings: list[ContentError] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors so they can be shown (and counted) after the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def quiet_environment() -> None:
    """Silence Material's end-of-life banner (documented: NO_MKDOCS_2_WARNING)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@contextlib.contextmanager
def source_date_epoch(folder: Path) -> Iterator[None]:
    """Pin build dates to the last commit (reproducible output) unless already set.

    Only for the duration of one build: a process that builds several sites (serve, tests)
    must not keep the first one's date.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    stamp = (git(folder, "log", "-1", "--format=%ct") or "").strip()
    with environment("SOURCE_DATE_EPOCH", stamp or "315532800"):  # 1980-01-01, zip's epoch
        yield


def load(config_file: Path, **overrides: object):
    """Load mkdocs.yml, turning configuration problems into a `SiteError`."""
    quiet_environment()
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from .content.sitetheme import theme_problem
    from .core import configfile

    if not config_file.is_file():
        raise SiteError([msg("config_missing", path=config_file)])
    shown = display_path(config_file)
    refused = configfile.check_config_file(str(config_file), display_path)
    if refused:
        raise SiteError([str(e) for e in refused])
    collector = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as exc:
        # Another theme than Material is the likely cause of an Abort while loading
        problem = theme_problem(str(config_file))
        if problem:
            raise SiteError([problem]) from None
        root, _ = configfile.check_config_text(shown, config_file.read_text("utf-8", "replace"))
        records = collector.records or [str(exc)]
        raise SiteError(
            [str(configfile.translate_record(shown, root, record)) for record in records]
        ) from None
    finally:
        mkdocs_log.removeHandler(collector)
        mkdocs_log.propagate = propagate
    if "dangjian-content" in config.plugins:
        apply_defaults(config)  # before the build: MkDocs reads `strict` before any plugin runs
    return config


def load_or_report(config_file: Path):
    """`load`, or None after printing the problems (one Chinese line each) to the console."""
    from .core.console import console

    try:
        return load(config_file)
    except SiteError as exc:
        for line in exc.problems:
            console.print(line, style="bold red")
        return None


def render(
    config_file: Path,
    site_dir: Path,
    *,
    on_page: Callable[[], None] | None = None,
    configure: Callable[[Any], None] | None = None,
) -> BuildResult:
    """Run a full MkDocs build into `site_dir` (which is replaced). Raises `SiteError`.

    `configure` may adjust the loaded config (e.g. a plugin option) before the build.
    """
    with source_date_epoch(config_file.parent):
        return _render(config_file, site_dir, on_page, configure)


def _render(
    config_file: Path,
    site_dir: Path,
    on_page: Callable[[], None] | None,
    configure: Callable[[Any], None] | None,
) -> BuildResult:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    from .core import progress

    started = time.perf_counter()
    collector = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    # MkDocs' own messages are shown only when they stop the build (see SiteError)
    propagate, mkdocs_log.propagate = mkdocs_log.propagate, False
    progress.listen(on_page)
    config = load(config_file, site_dir=str(site_dir))
    if configure is not None:
        configure(config)
    try:
        build(config)
    except ContentCheckError as exc:
        raise SiteError([str(e) for e in exc.errors]) from None
    except Abort:
        # MkDocs logs a plugin's error and raises Abort; ours carry file:line already
        ours = site_model(config).problems.errors
        problems = [str(e) for e in sorted(ours)] or collector.records
        raise SiteError(problems or [msg("mkdocs_failed", problem="strict")]) from None
    except (MkDocsException, OSError, UnicodeDecodeError) as exc:
        # Our own errors explain why MkDocs could not go on (e.g. a file that is not UTF-8)
        ours = [str(e) for e in sorted(site_model(config).problems.errors)]
        raise SiteError(ours or collector.records + [msg("mkdocs_failed", problem=exc)]) from None
    finally:
        progress.listen(None)
        mkdocs_log.removeHandler(collector)
        mkdocs_log.propagate = propagate
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    log = site_model(config).problems
    return BuildResult(site_dir, pages, time.perf_counter() - started, log.warnings)


def build_site(config_file: Path, site_dir: Path | None = None, **kwargs: object) -> BuildResult:
    """Build into a temporary sibling of `site_dir`, then swap it in.

    A failed build leaves the previous `site_dir` untouched.
    """
    if site_dir is None:
        site_dir = Path(load(config_file)["site_dir"])
    site_dir = site_dir.resolve()
    try:
        make_folders(site_dir.parent)
        staging = staging_folder(site_dir.parent, ".site-new-")
    except OSError as exc:
        raise SiteError([unwritable(site_dir.parent, exc)]) from None
    try:
        result = render(config_file, staging, **kwargs)  # type: ignore[arg-type]
        make_readable(staging)
        swap(staging, site_dir)
    except OSError as exc:
        raise SiteError([unwritable(site_dir, exc)]) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.site_dir = site_dir
    return result


def swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames; the old tree is removed afterwards.

    The old tree goes to `.site.trash/` beside `target` and a detached process deletes it,
    so that a big site's deletion is not part of the build's time. Another build swapping at
    the same moment can move `target` in between; then the renames are tried again, so the
    last build to finish wins and nothing is mixed.
    """
    trash = trash_folder(target)
    # A signal in between would leave no site, or the old one beside it; it waits instead
    with signals_held():
        for attempt in range(10):
            old = trash / f"{os.getpid()}-{time.monotonic_ns()}"
            try:
                if target.exists():
                    trash.mkdir(exist_ok=True)
                    target.rename(old)
                new.rename(target)
                break
            except OSError as exc:
                if exc.errno not in (errno.ENOENT, errno.EEXIST, errno.ENOTEMPTY) or attempt == 9:
                    raise
    remove_in_background(trash)


def trash_folder(site_dir: Path) -> Path:
    """Where old sites wait to be deleted: beside the site, e.g. `build/.site.trash/`."""
    return site_dir.with_name(f".{site_dir.name}.trash")


def remove_in_background(trash: Path) -> None:
    """Delete everything in `trash` (also what a killed build left) in a detached process."""
    if not trash.is_dir():
        return
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # no process to spare: delete it here
        shutil.rmtree(trash, ignore_errors=True)


def check_site(config_file: Path, **kwargs: object) -> BuildResult:
    """Validate everything by building into a throwaway folder."""
    with drafts_shown(), tempfile.TemporaryDirectory(prefix="dangjian-check-") as scratch:
        return render(config_file, Path(scratch) / "site", **kwargs)  # type: ignore[arg-type]
