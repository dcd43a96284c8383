"""MkDocs plugin `dangjian-year`: events and their calendars, study plans, the study record,
the download centre, printable topics and QR codes on printed notices and events.

Materials, topics, notices and question banks come from the site model that `dangjian-content`
and `dangjian-quiz` build; events and plans are parsed here from the text the model holds.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..content import listing
from ..content.model import missing_attachments
from ..content.sitetheme import use_packaged_theme
from ..core.errors import ContentError, ErrorLog
from ..core.messages import msg
from ..core.pagecache import DERIVED, derived
from ..core.paths import display_path, site_root
from ..core.release import TextSpool
from ..core.sitemodel import SiteModel, site_model
from . import plans as plan_rules
from .catalogue import Catalogue, site_catalogue
from .config import YearConfig
from .events import Event, parse_event
from .pages import DOWNLOADS_PAGE, RECORD_PAGE, YearPages
from .plans import StudyPlan, parse_plan
from .printed import assemble, for_print, print_parts, valid_parts
from .qr import QrCodes

ASSETS_JS = (
    "assets/dangjian/calendar.js",
    "assets/dangjian/plans.js",
    "assets/dangjian/record.js",
    "assets/dangjian/downloads.js",
)
ASSETS_CSS = ("assets/dangjian/year.css",)
# A material's HTML as its topic's print page shows it, kept with the converted page
PRINT_PARTS = "print-parts"


class YearPlugin(BasePlugin[YearConfig]):
    """Read events and plans, check them, and generate the year's pages."""

    def __init__(self) -> None:
        super().__init__()
        self.root = ""
        self._reset()

    def _reset(self) -> None:
        self.site = SiteModel()
        self.catalogue = Catalogue()
        self.year_pages: YearPages | None = None
        self.qr: QrCodes | None = None
        # The HTML of materials on a print page, from their conversion to the print page's
        self.print_spool = TextSpool()

    @property
    def events(self) -> dict[str, Event]:
        """The events of this build, kept in the site model."""
        return self.site.events

    @property
    def plans(self) -> dict[str, StudyPlan]:
        """The study plans of this build, kept in the site model."""
        return self.site.plans

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.print_spool.close()  # a build stopped without on_build_error (serve's Ctrl-C)
        self._reset()
        self.site = site_model(config, needed_by="dangjian-year")
        use_packaged_theme(config)
        self.root = site_root(config)
        self.qr = QrCodes(config) if self.config.qr_codes else None
        DERIVED[PRINT_PARTS] = (self._print_parts, valid_parts)
        config.extra_javascript.extend(p for p in ASSETS_JS if p not in config.extra_javascript)
        config.extra_css.extend(p for p in ASSETS_CSS if p not in config.extra_css)

    def _dirs(self) -> tuple[str, str, str]:
        c = self.config
        return c.events_dir.strip("/"), c.plans_dir.strip("/"), c.study_dir.strip("/")

    # Read and check events and plans, before the gate (on_env)
    @event_priority(-60)  # after the quiz plugin (-50) has taken its banks out of the files
    def _on_files_check(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        log = self.site.problems
        events_dir, plans_dir, study_dir = self._dirs()
        self.catalogue = site_catalogue(
            self.site,
            files,
            study_dir=study_dir,
            notices_dir=self.config.notices_dir.strip("/"),
            quizzes_dir=self.config.quizzes_dir.strip("/"),
        )
        kinds = tuple(self.config.event_kinds)

        def exists(src_uri: str) -> bool:
            return files.get_file_from_path(src_uri) is not None

        for file in sorted(files, key=lambda f: f.src_uri):
            src = file.src_uri
            if src.startswith(plans_dir + "/") and src.endswith((".yml", ".yaml")):
                files.remove(file)
                text, path = self._read(file, log)
                plan, problems = parse_plan(path, src, text) if text else (None, [])
                if plan:
                    self.plans[src] = plan
                    problems += plan_rules.check_targets(
                        path,
                        plan,
                        study_dir=study_dir,
                        materials=self.catalogue.materials,
                        topics=self.catalogue.topics,
                        banks=self.catalogue.banks,
                        question_banks=self.catalogue.question_banks,
                    )
                log.add(problems)
            elif _is_event(src, events_dir) and file.is_documentation_page():
                text, path = self._read(file, log)
                event, problems = parse_event(path, src, text, kinds) if text else (None, [])
                if event:
                    self.events[src] = event
                    problems += missing_attachments(path, event.attachments, exists)
                log.add(problems)
        return files

    @event_priority(-120)  # after the content plugin's listings (-110)
    def _on_files_generate(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        events_dir, plans_dir, study_dir = self._dirs()
        self.year_pages = YearPages(
            config=config,
            files=files,
            catalogue=self.catalogue,
            events=self.events,
            plans=self.plans,
            events_dir=events_dir,
            plans_dir=plans_dir,
            study_dir=study_dir,
            quizzes_dir=self.config.quizzes_dir.strip("/"),
            kinds=tuple(self.config.event_kinds),
            today=listing.build_date(),
        )
        self.year_pages.generate()
        self.print_spool.start()
        if self.config.qr_codes and not config.site_url:
            config_path = display_path(config.config_file_path or "mkdocs.yml", self.root)
            self.site.problems.add(
                [
                    ContentError(
                        config_path, key="site_url", message=msg("qr_no_site_url"), level="warning"
                    )
                ]
            )
        return files

    on_files = CombinedEvent(_on_files_check, _on_files_generate)

    def _read(self, file: File, log: ErrorLog) -> tuple[str | None, str]:
        path = display_path(file.abs_src_path, self.root)
        source = self.site.source(file, path)  # dangjian-content has read it already
        log.add(source.problems)
        return source.text, path

    # 组织生活 and 学习计划 list their overview pages; single events and plans are linked from them
    @event_priority(-60)  # after the content plugin has named and ordered the sections (-50)
    def on_nav(self, navigation: Navigation, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled or config.nav:
            return navigation
        events_dir, plans_dir, _ = self._dirs()
        wanted = {
            events_dir: ("组织生活", (f"{events_dir}/index.md", f"{events_dir}/calendar.md")),
            plans_dir: ("学习计划", (f"{plans_dir}/index.md",)),
        }
        for item in navigation.items:
            if not isinstance(item, Section):
                continue
            pages = _pages(item)
            folder = pages[0].file.src_uri.split("/", 1)[0] if pages else ""
            if folder not in wanted:
                continue
            title, first = wanted[folder]
            keep = [p for src in first for p in pages if p.file.src_uri == src]
            keep += sorted(
                (p for p in pages if p.file.src_uri.startswith(f"{events_dir}/archive/")),
                key=lambda p: p.file.src_uri,
                reverse=True,
            )
            item.title, item.children = title, keep
            for page in keep:
                page.parent = item
        _reorder(navigation.items, self._dirs())
        return navigation

    # A topic's print page is its materials' HTML (`printed.py`)
    @event_priority(900)  # after the content plugin restored a stored page (1000), before checks
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled or self.year_pages is None:
            return html
        src = page.file.src_uri
        number = self.year_pages.printed_materials.get(src)
        if number is not None:
            parts = derived(PRINT_PARTS, page, html)  # kept with the page, or made with it
            self.print_spool.put(src, for_print(html, number, parts))
        materials = self.year_pages.printed.get(src)
        if materials is not None:
            html = assemble(html, lambda number: self.print_spool.get(materials[number - 1]))
        return html

    def _print_parts(self, html: str, page: Page) -> list[str] | None:
        """What a material's page keeps in the build cache for its topic's print page."""
        printed = self.year_pages.printed_materials if self.year_pages else {}
        return print_parts(html) if page.file.src_uri in printed else None

    @event_priority(0)  # no ordering needs: only adds our own context keys
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled or self.year_pages is None:
            return context
        src = page.file.src_uri
        context["dj_year"] = self.year_pages.context(src)
        if page.is_homepage:
            context["dj_year_home"] = self.year_pages.home_context()
        if posixpath.basename(src) == "index.md":
            context["dj_print_url"] = self.year_pages.print_url(src)
        notices = self.config.notices_dir.strip("/") + "/"
        is_notice = src.startswith(notices) and not page.file.generated_by
        if self.qr is not None and config.site_url and (src in self.events or is_notice):
            svg = self.qr.svg(config.site_url, page.url, "本页网址二维码")
            context["dj_qr"] = {
                "svg": Markup(svg),
                "address": config.site_url.rstrip("/") + "/" + page.url,
            }
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.print_spool.close()
        if self.qr is not None:
            self.qr.finish(self.site.problems, self.root)
            self.qr = None

    def on_build_error(self, *, error: Exception) -> None:
        self.print_spool.close()
        if self.qr is not None:
            self.qr.cache.close()
            self.qr = None


def _pages(section: Section) -> list[Page]:
    found: list[Page] = []
    for child in section.children or []:
        if isinstance(child, Page):
            found.append(child)
        elif isinstance(child, Section):
            found += _pages(child)
    return found


def _first_src(item) -> str:
    if isinstance(item, Page):
        return item.file.src_uri
    pages = _pages(item)
    return pages[0].file.src_uri if pages else ""


def _reorder(items: list, dirs: tuple[str, str, str]) -> None:
    """学习计划 and 我的学习记录 after 学习资料; 组织生活 and 文件下载 after 通知公告."""
    events_dir, plans_dir, study_dir = dirs
    after = {
        study_dir: (f"{plans_dir}/", RECORD_PAGE),
        "notices": (f"{events_dir}/", DOWNLOADS_PAGE),
    }
    for anchor, followers in after.items():
        moving = [i for f in followers for i in items if _first_src(i).startswith(f)]
        at = next((n for n, i in enumerate(items) if _first_src(i).startswith(anchor + "/")), None)
        if at is None:
            continue
        for item in moving:
            items.remove(item)
        at = next(n for n, i in enumerate(items) if _first_src(i).startswith(anchor + "/"))
        items[at + 1 : at + 1] = moving


def _is_event(src_uri: str, events_dir: str) -> bool:
    """Events live in year folders: `events/2026/dangke.md`, not `events/index.md`."""
    parts = src_uri.split("/")
    return len(parts) == 3 and parts[0] == events_dir and parts[1].isdigit()
