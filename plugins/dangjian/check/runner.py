"""Run every check of a build without writing a site: MkDocs' events up to `on_env`.

Every page is read and every plugin sees its Markdown; only pages whose headings a link
points to are rendered to HTML (for their ids). No theme template is rendered and nothing
is written, so a check costs well under half a build. Plugins that only produce output are
switched off. A check that needs a page's HTML adds it to the site model's `needs_html`.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..core import progress
from ..core.errors import ContentCheckError, ContentError
from ..core.messages import msg
from ..core.paths import display_path
from ..core.sitemodel import site_model

# Plugins whose work is output only (search index, offline rewriting): not needed to check
OUTPUT_ONLY = ("search", "dangjian-search", "minify")


@dataclass
class CheckResult:
    findings: list[ContentError] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> list[ContentError]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[ContentError]:
        return [f for f in self.findings if f.level == "warning"]


def run_check(config_file: Path, *, on_page: Callable[[], None] | None = None) -> CheckResult:
    """Every finding of every stage, sorted by file and line. Raises `SiteError` on bad config."""
    # Whatever a plugin writes on the way (Material's tags.json, ...) lands in a throwaway
    # folder; the build cache sees an output outside the project and is only read
    from ..site import source_date_epoch

    with (
        source_date_epoch(config_file.parent),
        tempfile.TemporaryDirectory(prefix="dangjian-check-") as scratch,
    ):
        return _run_check(config_file, Path(scratch) / "site", on_page)


def _run_check(
    config_file: Path, site_dir: Path, on_page: Callable[[], None] | None
) -> CheckResult:
    from ..site import load

    started = time.perf_counter()
    config = load(config_file, site_dir=str(site_dir))
    for name in OUTPUT_ONLY:
        plugin = config.plugins.get(name)
        if plugin is not None and "enabled" in plugin.config:
            plugin.config.enabled = False
    # MkDocs' own warnings repeat ours in English (links) or concern output only; ours are
    # printed sorted at the end, not as they are found
    quiet = logging.NullHandler()
    loggers = [logging.getLogger(name) for name in ("mkdocs", "dangjian")]
    propagates = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(quiet)
        logger.propagate = False
    progress.listen(on_page)
    pages = 0
    log = site_model(config).problems  # every plugin's problems: the build's one gate
    try:
        config = config.plugins.on_config(config)
        pages = _read_all(config)
    except ContentCheckError as exc:
        log.add(exc.errors)  # usually there already; a plugin may raise its own
    except PluginError as exc:
        where = display_path(config_file, config_file.parent)
        log.add([ContentError(where, message=msg("check_aborted", problem=exc))])
    finally:
        progress.listen(None)
        for logger, propagate in zip(loggers, propagates, strict=True):
            logger.propagate = propagate
            logger.removeHandler(quiet)
    findings = sorted(set(log.errors + log.warnings), key=_order)
    return CheckResult(findings, pages, time.perf_counter() - started)


def _order(error: ContentError) -> tuple:
    return (error.path, error.line or 0, error.column or 0, error.rule or "", error.message)


def _read_all(config) -> int:
    """MkDocs' build up to `on_env`, without templates or output (mkdocs/commands/build.py)."""
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    config.plugins.on_nav(nav, config=config, files=files)
    pages: list[Page] = []
    for file in files.documentation_pages():
        page = file.page or Page(None, file, config)
        page = config.plugins.on_pre_page(page, config=config, files=files)
        try:
            page.read_source(config)
        except (OSError, UnicodeDecodeError):
            continue  # the content plugin has said why
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        pages.append(page)
    # Rendering Markdown is most of a check's cost: only pages whose HTML a check reads
    site = site_model(config)
    wanted = site.needs_html if site.read else None
    for page in pages:
        if wanted is not None and page.file.src_uri not in wanted:
            page.content = ""  # plugins' on_env (e.g. tags listings) expect a string
            progress.advance()
            continue
        page.render(config, files)
        page.content = config.plugins.on_page_content(
            page.content, page=page, config=config, files=files
        )
    config.plugins.on_env(env, config=config, files=files)
    return len(pages)
