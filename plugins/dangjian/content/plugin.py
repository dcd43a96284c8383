"""MkDocs plugin `dangjian-content`: validates study materials, notices and links.

It builds the site model (core/sitemodel.py) that the other dangjian plugins read: each content
file is read once here. Every problem of a build, from every plugin, is reported at once, with
file:line, by the model's gate in `on_env`: after every page is read and converted (so one run
finds everything), before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath

import nh3
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..check import setup as checks
from ..check.cache import CheckCache
from ..check.copycheck import CopyChecker
from ..core import fragments, jinjacode, progress, safehtml
from ..core.convertahead import ConvertAhead
from ..core.defaults import apply_defaults
from ..core.early import early_pages
from ..core.errors import (
    ContentCheckError,
    ContentError,
    ErrorLog,
    from_plain,
    to_plain,
    valid_findings,
)
from ..core.messages import msg
from ..core.minify import collapse_whitespace
from ..core.pagecache import DERIVED, PageOutputCache, derived
from ..core.pagesource import read_remembered
from ..core.paths import display_path, file_at, forget_paths, site_root
from ..core.publishing import (
    SHOW_DRAFTS_ENV,
    from_meta,
    page_publishing,
    showing_drafts,
    today_in,
)
from ..core.release import HtmlSpool, release_page_text
from ..core.sitemodel import SiteModel, site_model
from . import (
    external,
    feeds,
    gitdates,
    keyterms,
    links,
    listing,
    nav,
    pagescripts,
    policy,
    related,
    sitetheme,
)
from . import files as source_files
from .config import ContentConfig
from .model import (
    Topic,
    missing_attachments,
    notice_attachments,
    parse_material,
    parse_notice,
    parse_topic,
)
from .pages import TAGS_PAGE, Listings

TOPIC_FILE = "_topic.yml"
# What the checks read of each page's HTML, kept with its body in the page cache: a restored
# page is not searched for ids and active content again (`pagecache.DERIVED`)
PAGE_IDS = "page-ids"
ACTIVE_HTML = "active-html"


def _page_ids(html: str, page: Page) -> str:
    """The page's element ids, sorted and joined by NUL (which no page holds)."""
    return "\0".join(sorted(links.page_ids(html)))


def _active_html(html: str, page: Page) -> bool | None:
    """Whether the HTML may hold active content (`policy.find_active`); None for a generated
    page, which the policy skips."""
    return None if page.file.generated_by else bool(policy.find_active(html))


# Our browser enhancements: progress (标记为已学) and notice badges from the reader's clock
ASSETS_JS = (
    "assets/dangjian/progress.js",
    "assets/dangjian/notices.js",
    # Reading comfort on every page: whole lines in the sidebar, wide tables, 朗读
    "assets/dangjian/sidebar.js",
    "assets/dangjian/tables.js",
    "assets/dangjian/readaloud.js",
)
ASSETS_CSS = ("assets/dangjian/materials.css", "assets/dangjian/print.css")
# The 「草稿」 banner, only while drafts are shown
DRAFTS_CSS = "assets/dangjian/drafts.css"


class ContentPlugin(BasePlugin[ContentConfig]):
    """Parse and check content into the site model, for listings and the other plugins."""

    def __init__(self) -> None:
        super().__init__()
        self._reset()
        # Kept across builds: `dangjian serve` rebuilds with the same plugin
        self.page_cache = PageOutputCache()
        self.nav: Navigation | None = None  # the navigation every plugin has built (on_nav)
        self.html_spool = HtmlSpool()
        # Copy checks and key terms of pages found in a second process (core/convertahead.py)
        self.checks_ahead = ConvertAhead()

    def _reset(self) -> None:
        self.site = SiteModel()
        self.root = ""
        self.today = dt.date.today()
        self.pending_anchors: list[tuple[str, str, str, links.Link]] = []
        self._existing: set[str] | None = None
        self._existing_salt = ""
        self.checks: CheckCache | None = None
        # src_uri → the page's element ids, sorted and joined by NUL (which no page holds):
        # kept for every page until all are converted, a fourth of the memory of a set
        self.ids: dict[str, str] = {}
        self.listings: Listings | None = None
        self.copy: CopyChecker | None = None
        self.key_terms: keyterms.KeyTerms | None = None

    @event_priority(100)  # our defaults and theme first: other plugins read them
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._reset()
        forget_paths()
        self.site = site_model(config)
        apply_defaults(config)
        sitetheme.use_packaged_theme(config)
        sitetheme.check_plugins(config)
        self.root = site_root(config)
        self.copy = checks.install(config, self.root, self.config)
        DERIVED[PAGE_IDS] = (_page_ids, lambda value: isinstance(value, str))
        DERIVED[ACTIVE_HTML] = (_active_html, lambda value: isinstance(value, (bool, type(None))))
        config.extra_javascript.extend(p for p in ASSETS_JS if p not in config.extra_javascript)
        config.extra_css.extend(p for p in ASSETS_CSS if p not in config.extra_css)
        # Material prints the copyright as HTML: keep links and emphasis, drop anything active
        if config.copyright:
            config.copyright = nh3.clean(config.copyright)
        try:
            self.today = today_in(self.config.time_zone)
        except ValueError:
            raise ContentCheckError(
                [
                    ContentError(
                        display_path(config.config_file_path or "mkdocs.yml", self.root),
                        key="time_zone",
                        message=msg("time_zone_unknown", value=self.config.time_zone),
                    )
                ]
            ) from None
        if showing_drafts() and DRAFTS_CSS not in config.extra_css:
            config.extra_css.append(DRAFTS_CSS)

    # `dangjian serve` (and `mkdocs serve`) previews drafts and pages not yet due
    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            os.environ[SHOW_DRAFTS_ENV] = "1"

    def _path(self, file: File) -> str:
        return display_path(file.abs_src_path, self.root)

    def _display(self, path: str) -> str:
        return display_path(path, self.root)

    # Files whose real path leaves the docs folder are never read, rendered or copied
    @event_priority(100)  # before any plugin reads a source file
    def _on_files_guard(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        log = self.site.problems
        log.add(source_files.refuse_outside(files, config.docs_dir, self._display))
        log.add(source_files.collisions(files, config.docs_dir, self._display))
        return files

    # Validate every content file before MkDocs reads a page
    def _on_files_check(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        log = self.site.problems
        log.add(sitetheme.check_assets(config, files))
        study = self.config.study_dir.strip("/") + "/"
        notices = self.config.notices_dir.strip("/") + "/"
        categories = tuple(self.config.categories)

        def exists(src_uri: str) -> bool:
            return files.get_file_from_path(src_uri) is not None

        for file in list(files):
            if posixpath.basename(file.src_uri) == TOPIC_FILE:
                files.remove(file)
                self._read_topic(file, log)
        pages = files.documentation_pages()

        def check(file: File) -> tuple[str, object] | None:
            return self._check_ahead(file, study)

        self.checks_ahead.start(pages, check)
        early = early_pages()
        for file in pages:
            self.checks_ahead.at(file.src_uri)
            path = self._path(file)
            text, problems = self._read(file, path)
            log.add(problems)
            if text is not None and early is not None:
                early.saw(file.src_uri, text)
            if text is None or self._withhold(file, path, text, files, log):
                continue
            # Not without a second process (`dangjian serve`): a key for nothing to take
            ahead = (
                self.checks_ahead.take(file.src_uri, self._copy_key(path, text))
                if self.checks_ahead.running
                else None
            )
            log.add(self._copy_check(path, text, ahead))
            if file.src_uri.startswith(study):
                folder = posixpath.dirname(file.src_uri)
                material, problems = parse_material(
                    path, file.src_uri, text, topic=self._topic_for(folder).title
                )
                if material:
                    self.site.materials[file.src_uri] = material
                    self._topic_for(folder).materials.append(material)
                    terms = ahead.get("terms") if isinstance(ahead, dict) else None
                    self.key_terms.add(material, terms if isinstance(terms, list) else None)
            elif file.src_uri.startswith(notices):
                notice, problems = parse_notice(
                    path, file.src_uri, text, categories, self.config.attachments_dir or notices
                )
                if notice:
                    self.site.notices[file.src_uri] = notice
                # Attachments are checked even when other keys are wrong: one run, every problem
                attachments = (
                    notice.attachments
                    if notice
                    else notice_attachments(
                        path, file.src_uri, text, self.config.attachments_dir or notices
                    )
                )
                problems += missing_attachments(path, attachments, exists)
            else:
                problems = []
            log.add(problems)
        self.checks_ahead.stop()
        for file in files:  # question banks: their text is read by members too
            if file.src_uri.endswith((".yml", ".yaml")) and file.src_dir == config.docs_dir:
                path = self._path(file)
                text, _ = self._read(file, path)
                log.add(self._copy_check(path, text) if text is not None else [])
        self.site.read = True
        return files

    def _copy_check(self, path: str, text: str, ahead: object = None) -> list[ContentError]:
        """The copy rules' findings in one file; from the build cache when its text is
        unchanged, or as the second process found them (`ahead`, under the same key)."""
        found = ahead.get("copy") if isinstance(ahead, dict) else None
        return self.checks.findings(
            "copy",
            (self.copy.salt, path, text),
            lambda: self.copy.check(path, text),
            found if valid_findings(found) else None,
        )

    def _copy_key(self, path: str, text: str) -> str:
        return self.checks.key("copy", self.copy.salt, path, text)

    def _check_ahead(self, file: File, study: str) -> tuple[str, object] | None:
        """In the second process: what `_on_files_check` would compute for `file` and not
        find stored, the copy rules' findings and a material's key terms."""
        path = self._path(file)
        text, _ = self._read(file, path)
        if text is None:
            return None
        key, stored = self.checks.get("copy", self.copy.salt, path, text)
        made: dict[str, object] = {}
        if stored is None:
            made["copy"] = to_plain(self.copy.check(path, text))
        if file.src_uri.startswith(study):
            folder = posixpath.dirname(file.src_uri)
            topic = self._topic_for(folder).title
            material, _ = parse_material(path, file.src_uri, text, topic=topic)
            terms = self.key_terms.missing(material) if material else None
            if terms is not None:
                made["terms"] = terms
        return (key, made) if made else None

    def _withhold(self, file: File, path: str, text: str, files: Files, log: ErrorLog) -> bool:
        """Leave a draft or a page not yet due out of the build; serve and check show it."""
        state, problems = page_publishing(path, text)
        log.add(problems)
        reason = state.withheld(self.today)
        if reason is None:
            return False
        self.site.withheld[file.src_uri] = reason
        if showing_drafts():
            return False
        files.remove(file)
        return True

    # Errors do not stop here: pages are still read so that one run reports every problem;
    # on_env raises before anything is written
    @event_priority(-110)  # after every other dangjian plugin has checked its files
    def _on_files_generate(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        self.listings = Listings(
            config=config,
            files=files,
            topics=self.site.topics,
            notices=self.site.notices,
            study_dir=self.config.study_dir.strip("/"),
            notices_dir=self.config.notices_dir.strip("/"),
            categories=tuple(self.config.categories),
            today=listing.build_date(),
            updated=gitdates.last_updated(config.docs_dir, self.site.problems),
            related=related.related_materials(
                list(self.site.materials.values()),
                self.key_terms.all(list(self.site.materials.values()), self.site.problems),
            ),
        )
        self.listings.generate()
        collisions = [
            source_files.generated_collision(file, generated, title, self._display)
            for file, generated, title in self.listings.collisions
        ]
        self.site.problems.add(collisions)
        if collisions:  # two pages for one address: nothing later can be trusted
            self.site.report()
        self._feeds(files, config)
        return files

    # Our scripts and style sheets, one file each, once every plugin has listed its own
    @event_priority(-2000)
    def _on_files_join(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        files = pagescripts.join_page_scripts(files, config)
        return pagescripts.join_page_styles(files, config)

    # Last: every plugin has made what it makes of the bodies (year pages at -120)
    @event_priority(-5000)
    def _on_files_release(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.enabled:
            self.site.release_bodies()
        return files

    on_files = CombinedEvent(
        _on_files_guard, _on_files_check, _on_files_generate, _on_files_join, _on_files_release
    )

    def _feeds(self, files: Files, config: MkDocsConfig) -> None:
        if not self.config.feeds:
            return
        if not config.site_url:
            config_path = display_path(config.config_file_path or "mkdocs.yml", self.root)
            warning = ContentError(
                config_path, key="site_url", message=msg("feeds_no_site_url"), level="warning"
            )
            self.site.problems.add([warning])
            return
        site = config.site_name
        author = config.site_author or site
        for path, title, entries in (
            ("notices.xml", f"{site} · 通知公告", self.listings.notice_feed_entries()),
            ("study.xml", f"{site} · 学习资料", self.listings.material_feed_entries()),
        ):
            content = feeds.atom_feed(
                site_url=config.site_url,
                feed_path=path,
                title=title,
                subtitle=config.site_description or site,
                author=author,
                entries=entries,
            )
            files.append(File.generated(config, path, content=content))

    # Chinese section names and topic order, unless mkdocs.yml has a hand-written nav
    @event_priority(-50)  # after other plugins have added their pages to the nav
    def _on_nav_build(self, navigation: Navigation, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled or config.nav or self.listings is None:
            return navigation
        return nav.build_nav(
            navigation,
            self.listings.ordered_topics(),
            self.listings.study_dir,
            self.listings.notices_dir,
            TAGS_PAGE,
            self.config.nav_materials_limit,
        )

    # Markdown converted in a second process meanwhile (core/convertahead.py)
    @event_priority(-10_000)  # last: every plugin has its files and navigation
    def _on_nav_convert_ahead(self, navigation: Navigation, *, config: MkDocsConfig, files: Files):
        if self.config.enabled:
            self.nav = navigation
            self.page_cache.convert_ahead(files, config)
        return navigation

    # Template data for listings, materials, notices and the home page
    @event_priority(0)  # no ordering needs: only adds our own context keys
    def _on_page_context_data(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled or self.listings is None:
            return context
        src = page.file.src_uri
        context["dj_listing"] = self.listings.listing_context(src)
        withheld = self.site.withheld.get(src)
        context["dj_withheld"] = withheld or from_meta(page.meta).withheld(self.today)
        if src in self.site.materials:
            material = self.site.materials[src]
            folder = posixpath.dirname(src)
            context["dj_material"] = self.listings.material_context(material, folder)
            # Material's footer shows these: keep them within the topic
            previous, following = self.listings.neighbours(material, folder)
            page.previous_page = previous and files_page(self.listings, previous.src_uri)
            page.next_page = following and files_page(self.listings, following.src_uri)
        elif src in self.site.notices:
            context["dj_notice"] = self.listings.notice_context(self.site.notices[src])
        elif page.is_homepage:
            context["dj_home"] = self.listings.home_context()
        return context

    def _read(self, file: File, path: str) -> tuple[str | None, list[ContentError]]:
        """Read a content file, the only time in a build; the model keeps its text."""
        source = self.site.source(file, path)
        return source.text, source.problems

    def _read_topic(self, file: File, log: ErrorLog) -> None:
        path = self._path(file)
        text, problems = self._read(file, path)
        log.add(problems)
        if text is None:
            return
        log.add(self._copy_check(path, text))
        folder = posixpath.dirname(file.src_uri)
        topic, problems = parse_topic(path, posixpath.basename(folder), text)
        log.add(problems)
        if topic:
            existing = self.site.topics.get(folder)
            if existing:
                topic.materials = existing.materials
            self.site.topics[folder] = topic

    def _topic_for(self, folder: str) -> Topic:
        topics = self.site.topics
        if folder not in topics:
            slug = posixpath.basename(folder)
            topics[folder] = Topic(slug=slug, title=slug)
        return topics[folder]

    # Links with file:line, checked on the source Markdown
    def _on_page_markdown_links(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ):
        if not self.config.enabled:
            return markdown
        # Front matter is text; Material's templates print titles and meta as HTML
        src = page.file.src_uri
        model = self.site.materials.get(src) or self.site.notices.get(src)
        checked = {k: getattr(model, k) for k in ("title", "author", "tags") if hasattr(model, k)}
        safehtml.escape_meta(page.meta, checked)
        if "title" in page.meta:
            page.title = page.meta["title"]
        if self.config.check_links and not page.file.generated_by:
            self._check_links(markdown, page, files)
        # `check` renders it to apply the policy; not to a generated page (such as a topic's
        # print page, made of materials checked on their own), which the policy skips
        elif not page.file.generated_by and self._active("markdown", markdown):
            self.site.needs_html.add(src)
        return markdown

    def _active(self, kind: str, text: str) -> bool:
        """Whether a page's Markdown (`policy.might_be_active`) or HTML (`policy.find_active`)
        may hold active content; from the build cache when the text is unchanged."""
        key, stored = self.checks.get(f"active-{kind}", text)
        if stored is not None:
            return bool(stored.get("active"))
        active = bool(
            policy.might_be_active(text) if kind == "markdown" else policy.find_active(text)
        )
        self.checks.put(key, [], active=active)
        return active

    def _check_links(self, markdown: str, page: Page, files: Files) -> None:
        """Links, outside media and active content of one page; from the build cache when
        neither the page nor the set of pages has changed."""
        src = page.file.src_uri
        path = self._path(page.file)
        first = self.site.first_line_of(page.file, markdown)
        withheld = self.site.withheld
        if self._existing is None:  # once per build, not once per page
            self._existing = {f.src_uri for f in files} | set(withheld)
            names = "\0".join(sorted(self._existing)) + "\1" + "\0".join(sorted(withheld))
            self._existing_salt = hashlib.sha256(names.encode("utf-8", "surrogatepass")).hexdigest()
        key, stored = self.checks.get("links", self._existing_salt, path, src, str(first), markdown)
        if stored is None:
            found = list(links.find_links(markdown, first))
            errors, anchors = links.check_targets(path, src, found, self._existing)
            if src not in withheld:
                errors += links.links_to_withheld(path, src, found, set(withheld))
            errors += external.external_media_warnings(path, markdown, first)
            active = policy.might_be_active(markdown)
            plain = [[target, anchor, link.target, link.line] for target, anchor, link in anchors]
            self.checks.put(key, errors, anchors=plain, active=active)
        else:
            errors = from_plain(stored["findings"])  # type: ignore[arg-type]
            anchors = [
                (target, anchor, links.Link(written, line))
                for target, anchor, written, line in stored.get("anchors", [])  # type: ignore[union-attr]
            ]
            active = bool(stored.get("active"))
        if active:  # `check` renders this page to apply the policy
            self.site.needs_html.add(src)
        self.site.problems.add(errors)
        self.pending_anchors += [(path, target, anchor, link) for target, anchor, link in anchors]
        self.site.needs_html.update(target for target, _, _ in anchors)  # for their ids

    # `dangjian serve`: each page's front matter parsed once for each text (core/pagesource.py)
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.config.enabled:
            read_remembered(page)
        return page

    # The text `on_files` read, as MkDocs would read it (UTF-8, universal line ends): the
    # disk is not read twice, and the page is the one checked even if saved again meanwhile
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # Not for a page read outside this plugin's build, nor read a second time
        if not self.config.enabled or page.file.generated_by or site_model(config) is not self.site:
            return None
        return self.site.unreleased_lines(page.file)

    # Rendered pages kept in build/.cache: an unchanged page is neither converted nor templated
    @event_priority(-1000)  # last: the Markdown as every plugin left it
    def _on_page_markdown_cached(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ):
        if not self.config.enabled:
            return markdown
        return self.page_cache.markdown(markdown, page, files)

    @event_priority(1000)  # first: every plugin sees the restored HTML
    def _on_page_content_cached(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        return self.page_cache.content(html, page, files) if self.config.enabled else html

    @event_priority(-1000)  # last: the context as every plugin left it
    def _on_page_context_cached(
        self, context, *, page: Page, config: MkDocsConfig, nav: Navigation
    ):
        return self.page_cache.context(context, page, nav) if self.config.enabled else context

    @event_priority(1000)  # first: the template's own output, before any rewriting
    def _on_post_page_cached(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.page_cache.output(output, page) if self.config.enabled else output

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.nav = None
        if (early := early_pages()) is not None:
            early.start()
        if self.config.enabled:
            self.page_cache.start(config)
            self.checks = CheckCache(config, self.page_cache.salt)
            self.key_terms = keyterms.KeyTerms(config)
            self.html_spool.start()

    @event_priority(10_000)  # first: every page is written
    def _on_post_build_templated(self, *, config: MkDocsConfig) -> None:
        self.page_cache.templates.stop()

    @event_priority(-1000)  # last: every plugin has written its files
    def _on_post_build_finish(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            self.page_cache.finish(config, site_model(config).problems)
            self.checks.finish(site_model(config).problems, self.root)
            self.html_spool.close()

    def on_build_error(self, *, error: Exception) -> None:
        self.checks_ahead.stop()
        self.page_cache.discard()
        self.html_spool.close()
        if self.checks is not None:
            self.checks.close()
        if self.key_terms is not None:
            self.key_terms.close()

    def _on_page_content_checks(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return html
        ids = derived(PAGE_IDS, page, html)  # a page restored from the cache: found before
        self.ids[page.file.src_uri] = ids if ids is not None else _page_ids(html, page)
        active = derived(ACTIVE_HTML, page, html)
        if active is None and not page.file.generated_by:
            active = self._active("html", html)
        if active:
            self.site.problems.add(
                policy.check_page(
                    self._path(page.file),
                    html,
                    self.site.source_lines(page.file) or "",
                    self.site.body_first_line(page.file),
                    allow_scripts=self.config.allow_scripts,
                )
            )
        progress.advance()
        return html

    # Nothing reads a page's Markdown or source text after this, nor its HTML before its
    # template: let them go (core/release.py)
    @event_priority(-1000)  # last: every plugin has read the page's text
    def _on_page_content_release(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ):
        if not self.config.enabled:
            return html
        source = release_page_text(page, self.site)
        return self.html_spool.keep(page, html, source)

    @event_priority(10_000)  # first: every plugin and the template see the page's HTML
    def _on_page_context_restore(
        self, context, *, page: Page, config: MkDocsConfig, nav: Navigation
    ):
        if self.config.enabled:
            self.html_spool.restore(page)
        return context

    @event_priority(-10_000)  # last: the page is written, its HTML read by nothing after
    def _on_post_page_release(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.config.enabled:
            self.html_spool.release(page)
        return output

    @event_priority(10_000)  # first: every page is converted
    def _on_env_converted(self, env, *, config: MkDocsConfig, files: Files):
        self.page_cache.ahead.stop()
        if self.config.enabled and self.nav is not None:  # our nav.html, tabs.html
            env.globals["dj_fragments"] = fragments.Fragments(self.nav)
        if self.config.enabled:  # `dangjian serve`'s next build compiles no template again
            jinjacode.keep_compiled(env)
        return env

    # Page templates rendered in a second process meanwhile (core/convertahead.py)
    @event_priority(-10_000)  # last: every plugin has prepared its templates' data
    def _on_env_template_ahead(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.enabled and self.nav is not None:
            self.page_cache.template_ahead(self.nav, files, env, config)
        return env

    # `dangjian serve`: the pages just edited rendered first and shown at once (core/early.py)
    @event_priority(-9_000)  # every problem reported, before the templates are started
    def _on_env_edited_first(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.enabled and (early := early_pages()) is not None:
            early.first(files)
        return env

    @event_priority(10_000)  # first: every plugin sees the pages in MkDocs' order
    def _on_page_context_order(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        early = early_pages()
        return early.pages_in_order(context) if early is not None else context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        early = early_pages()
        return early.pages_in_order(context) if early is not None else context

    @event_priority(-100_000)  # the very last: the output as MkDocs writes it
    def _on_post_page_early(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if (early := early_pages()) is not None:
            made = page.file.src_uri in self.page_cache.made
            early.rendered(page.file.src_uri, page.file.dest_uri, output, made)
        return output

    @event_priority(-100)  # after all pages are rendered, before any is written
    def _on_env_report(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        log = self.site.problems
        for path, target, anchor, link in self.pending_anchors:
            joined = self.ids.get(target)
            if joined is None:  # a page not converted in this build, such as a withheld draft
                continue
            ids = joined.split("\0") if joined else []
            if anchor not in ids:
                log.add([links.anchor_error(path, link, anchor, ids)])
        self.site.report()  # the one gate: every plugin's problems, in one report
        return env

    # dangjian and its version in every page's <meta name="generator">
    def _on_post_page_generator(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return sitetheme.stamp_generator(output) if self.config.enabled else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig):
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return collapse_whitespace(sitetheme.stamp_generator(output_content))

    # Each hook's parts, with their own priorities
    on_nav = CombinedEvent(_on_nav_build, _on_nav_convert_ahead)
    on_post_build = CombinedEvent(_on_post_build_templated, _on_post_build_finish)
    on_env = CombinedEvent(
        _on_env_converted, _on_env_report, _on_env_edited_first, _on_env_template_ahead
    )
    on_page_markdown = CombinedEvent(_on_page_markdown_links, _on_page_markdown_cached)
    on_page_content = CombinedEvent(
        _on_page_content_cached, _on_page_content_checks, _on_page_content_release
    )
    on_page_context = CombinedEvent(
        _on_page_context_order,
        _on_page_context_restore,
        _on_page_context_data,
        _on_page_context_cached,
    )
    on_post_page = CombinedEvent(
        _on_post_page_cached, _on_post_page_generator, _on_post_page_release, _on_post_page_early
    )


def files_page(listings: Listings, src_uri: str) -> Page | None:
    file = file_at(listings.files, src_uri)
    return file.page if file else None
