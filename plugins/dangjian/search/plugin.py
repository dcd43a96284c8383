"""MkDocs plugin `dangjian-search`: Chinese full-text search that works from file:// too.

Pages are indexed from their rendered HTML, cut into sections at headings. After the build the
browser index (term shards, manifest, text chunks) is written under `assets/dangjian/search/`
and the editors' Whoosh index in `build/.cache/search/` is updated for changed pages only.
"""

from __future__ import annotations

import os
import shutil

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..content.sitetheme import use_packaged_theme
from ..core.errors import ContentError
from ..core.messages import msg
from ..core.pagecache import DERIVED, derived
from ..core.paths import display_path, site_root
from ..core.safehtml import plain_text
from ..core.sitemodel import SiteModel, site_model
from .assets import ASSETS, SCRIPTS, join_engine
from .background import IndexJob, index_job, move_index
from .config import SearchConfig
from .index import IndexedPage
from .sections import Section, split_sections
from .snapshot import last_index
from .spool import PageSpool, SpooledPages
from .termcache import term_cache
from .tokenizer import Tokenizer

GUIDE = "guide/"  # the editors' guide: found by members only after every other page
SECTIONS = "search-sections"  # the sections kept with a page's body in the page cache


def _sections_data(html: str, page: Page) -> list[list]:
    return [[s.anchor, s.heading, s.text, s.level] for s in split_sections(html)]


def _valid_sections(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(s, list)
        and len(s) == 4
        and all(isinstance(part, str) for part in s[:3])
        and type(s[3]) is int
        for s in value
    )


def searchable(meta: dict) -> bool:
    """False for a page whose front matter says `search: false` (or Material's `exclude: true`)."""
    setting = meta.get("search", True)
    if isinstance(setting, dict):
        return not setting.get("exclude", False)
    return setting is not False


class SearchPlugin(BasePlugin[SearchConfig]):
    """Index every page; write the browser index and the Whoosh index after the build."""

    def __init__(self) -> None:
        super().__init__()
        self._reset()

    def _reset(self) -> None:
        self.tokenizer = Tokenizer()
        # Each page's sections, on disk from the moment it is converted (spool.py)
        self.spool: PageSpool | None = None
        self.pages = SpooledPages("")  # the spool once every page is converted
        self.sources: dict[str, str] = {}
        # A build may fail before on_config (another plugin's error): on_build_error needs it
        self.index_job: IndexJob | None = None
        # Empty when used without dangjian-content: pages then have no kind, date or topic
        self.site = SiteModel()

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._remove_spool()
        if self.index_job is not None:  # a build interrupted before it collected its index
            self.index_job.cancel()
        self._reset()
        self.spool = PageSpool()
        # Waits for the pages (background.py), reading the last build's index meanwhile
        self.index_job = index_job(last_index(config, term_cache(config)))
        self.site = site_model(config)
        DERIVED[SECTIONS] = (_sections_data, _valid_sections)
        use_packaged_theme(config)  # also when used without dangjian-content
        for script in SCRIPTS:
            if ASSETS + script not in config.extra_javascript:
                config.extra_javascript.append(ASSETS + script)
        if ASSETS + "search.css" not in config.extra_css:
            config.extra_css.append(ASSETS + "search.css")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        return join_engine(files, config)

    @event_priority(-50)  # after the content plugin has checked the page, before minifiers
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.spool is None:
            return html
        if page.file.generated_by and not self.config.index_generated:
            return html
        if not searchable(page.meta):
            return html
        kind, date = self._kind_and_date(page)
        stored = derived(SECTIONS, page, html)  # a page restored from the cache: cut before
        if stored is None:
            sections = split_sections(html)
        else:
            sections = [Section(*section) for section in stored]
        self.spool.add(
            IndexedPage(
                url=page.file.url,  # URL-encoded, as MkDocs links pages: a#b.md, what?.md
                title=plain_text(page.title),
                kind=kind,
                date=date,
                sections=sections,
                src_uri=page.file.src_uri,
            )
        )
        # Generated pages (listings, quiz pages) have no source file an editor could open
        source = page.file.abs_src_path or ""
        inside = source and os.path.abspath(source).startswith(os.path.abspath(config.docs_dir))
        self.sources[page.file.src_uri] = source if inside and not page.file.generated_by else ""
        return html

    # Every page is converted now: build the index beside the templates, in a second process
    @event_priority(-110)  # after the content plugin's last check, so a failed build starts none
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.spool is None or self.index_job is None:
            return env
        self.pages = self.spool.finish()
        folder = self.spool.index_folder
        self.index_job.give(self.pages, term_cache(config), folder, self._topics())
        return env

    @event_priority(-50)  # after other plugins wrote their files; the index is our own folder
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.index_job is None:
            return
        written = self.index_job.result(self.site.problems, site_root(config))
        self.index_job = None
        move_index(written, config.site_dir)
        if self.config.whoosh:
            self._update_whoosh(list(self.pages.full()), config)
        self._remove_spool()

    def on_build_error(self, *, error: Exception) -> None:
        if self.index_job is not None:
            self.index_job.cancel()
            self.index_job = None
        self._remove_spool()

    def _remove_spool(self) -> None:
        if self.spool is not None:
            self.spool.remove()
            self.spool = None
        self.pages.close()

    def _update_whoosh(self, pages: list[IndexedPage], config: MkDocsConfig) -> None:
        from .store import WhooshStore

        root = site_root(config)
        folder = os.path.join(root, self.config.cache_dir)
        store = WhooshStore(folder, self.tokenizer)
        try:
            try:
                store.update(pages, self.sources, root)
            except Exception:  # damaged cache: start it afresh once
                shutil.rmtree(folder, ignore_errors=True)
                store.update(pages, self.sources, root)
        except Exception as exc:  # an unwritable cache must not fail the site build
            reason = f"{type(exc).__name__}: {exc}"
            self.site.problems.add(
                [
                    ContentError(
                        display_path(folder, root),
                        message=msg(
                            "search_cache_failed", path=display_path(folder, root), reason=reason
                        ),
                        level="warning",
                    )
                ]
            )

    def _topics(self) -> list[tuple[str, str]]:
        """(title, url) of each topic with materials, for 「您是不是要找」 after no result."""
        found = [
            (topic.order if topic.order is not None else 1_000_000, folder, topic.title)
            for folder, topic in self.site.topics.items()
            if topic.materials
        ]
        return [(title, f"{folder}/index.html") for _, folder, title in sorted(found)]

    def _kind_and_date(self, page: Page) -> tuple[str, str]:
        uri = page.file.src_uri
        if uri.startswith(GUIDE):
            return "guide", ""
        models_by_kind = (
            ("study", self.site.materials),
            ("notice", self.site.notices),
            ("event", self.site.events),
        )
        for kind, models in models_by_kind:
            model = models.get(uri)
            if model is not None:
                date = getattr(model, "date", None)
                return kind, date.isoformat() if date else ""
        return "", ""
