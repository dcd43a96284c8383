"""Rendered pages kept between builds, so that a rebuild converts and templates only what changed.

Two kinds of entry, both in `build/.cache/pages/` (see `cache.py` for how entries are stored,
checked and pruned):

- `page-body`: a page's Markdown converted to HTML, with its table of contents, title and
  anchors, and what other plugins derive from that HTML (`DERIVED`, such as the search
  index's sections: a restored page is not cut into sections again). Keyed by the Markdown
  after every plugin's `on_page_markdown`, the page's address and every file's address
  (links are resolved against them).
- `page-html`: the page template's output without its indentation (`minify.py`), before
  `on_post_page` (so the offline plugin still rewrites every page and collects its scripts);
  stored as text after a header line, never escaped into JSON (`PageCache(text=True)`).
  Keyed by everything a template reads of the page: its HTML, title, meta, table of contents,
  neighbours and every plugin's context value, plus the whole navigation (titles and
  addresses, as `navigation.prune` shows part of it).

Both keys also hold a site-wide salt: dangjian's, MkDocs', Material's and Markdown's versions,
dangjian's own code and theme files, the site's `custom_dir`, mkdocs.yml and the loaded
configuration. A hit costs a lookup: MkDocs skips converting the page (its `render` does
nothing for that page), and `main.html` extends `dj-cached.html`, which prints the stored
output, instead of Material's `base.html`.

On a big enough build, a forked helper converts and templates pages from the last one
backwards meanwhile (`convertahead.py`); what it hands over is taken under these same keys,
and stored as if made here.

A value the key cannot describe exactly (an object of an unknown kind in the template context,
a Markdown extension that reads other files) makes that page uncacheable: it is rendered as
in a build without cache. Entries are written aside and kept only when the build succeeded
without a single MkDocs warning, so a page that warned is converted again (and warns again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import importlib.metadata
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import dangjian

from .cache import PageCache
from .convertahead import ConvertAhead
from .converter import Converter
from .errors import ErrorLog
from .minify import collapse_whitespace
from .paths import file_at, site_root

BODY = "page-body"
HTML = "page-html"
# What `main.html` prints instead of Material's page when the context holds it
CACHED_KEY = "dj_cached_html"
log = logging.getLogger("mkdocs.structure.pages")  # whose level `Page.render` reads
# MkDocs' own context keys: the navigation and page are described separately; the rest is
# configuration (in the salt) or, like the build date, read by no template of ours
MKDOCS_CONTEXT = frozenset(
    {"nav", "pages", "base_url", "config", "page", "mkdocs_version", "build_date_utc"}
)
# Distributions whose code shapes a page
VERSIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
# Markdown extensions that read files besides the page: their output is not cached
READS_FILES = ("snippets", "include")
# Configuration a template or the Markdown conversion reads
CONFIG_KEYS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "markdown_extensions",
    "mdx_configs",
    "validation",
    "nav",
    "docs_dir",
)
# What plugins derive from a page's converted HTML, stored with the body: name → (function of
# the HTML and the page giving JSON data, check of a stored value). Read back with `derived`.
DERIVED: dict[str, tuple[Callable[[str, Page], Any], Callable[[object], bool]]] = {}
THEME_FILES = (".html", ".svg", ".js", ".css", ".yml", ".json", ".txt")
CODE_FILES = (".py", ".html", ".svg", ".js", ".css", ".yml", ".json")


class Uncacheable(Exception):
    """A page input that cannot be described exactly in a key."""


class PageOutputCache:
    """Per-build state of the rendered-page cache: hits, pending keys and warnings seen."""

    def __init__(self) -> None:
        self.ahead = ConvertAhead()  # pages converted in a second process (convertahead.py)
        self.templates = ConvertAhead()  # and page templates rendered there
        self.reset()

    def reset(self) -> None:
        """Forget the previous build (MkDocs keeps plugins between `serve` rebuilds)."""
        self.body: PageCache | None = None
        self.html: PageCache | None = None
        self.salt = ""
        self.files_salt: str | None = None
        self.html_salt: str | None = None
        self.bodies: dict[str, dict[str, Any]] = {}  # src_uri -> cached body to restore
        self.body_keys: dict[str, str] = {}  # src_uri -> key to store the rendered body
        self.html_keys: dict[str, str] = {}  # src_uri -> key to store the template output
        self.printed: set[str] = set()  # src_uri of pages whose stored output is printed
        self.rendered = 0  # pages whose Markdown was converted in this build
        self.templated = 0  # pages whose template was rendered in this build
        self.made: set[str] = set()  # their src_uri (the others' output is the last build's)
        self.warnings = _CountWarnings()
        self.reads_files = False
        self.ahead.stop()
        self.templates.stop()
        self.in_second_process = False
        self.converter: Converter | None = None  # one Markdown converter for the build's pages

    def start(self, config: MkDocsConfig) -> None:
        """A new build: fresh state, caches salted with this build's code and configuration."""
        self.reset()
        self.converter = Converter(config)
        self.salt = site_salt(config)
        self.reads_files = any(
            part in str(name) for name in config.markdown_extensions for part in READS_FILES
        )
        self.body = PageCache.for_build(config, BODY, _valid_body, salt=self.salt, deferred=True)
        self.html = PageCache.for_build(
            config, HTML, _valid_html, salt=self.salt, deferred=True, text=True
        )
        logging.getLogger("mkdocs").addHandler(self.warnings)

    # -- Markdown → HTML ------------------------------------------------------------------

    def convert_ahead(self, files: Files, config: MkDocsConfig) -> None:
        """Start converting pages in a second process (`convertahead.py`)."""
        if self.body is None or self.reads_files or not self.body.writable:
            return
        self._salt_files(files)
        body = self.body

        def convert(file: File) -> tuple[str, object] | None:
            self.in_second_process = True
            page = file.page or Page(None, file, config)
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            markdown = config.plugins.on_page_markdown(
                page.markdown, page=page, config=config, files=files
            )
            key = self._body_key(page, markdown)
            if body.get(key) is not None:  # the build finds it stored
                return None
            page.markdown = markdown
            page.render(config, files)  # the build's converter (`markdown` set it)
            converted = _describe_body(page.content or "", page)
            page.markdown, page.content = "", None  # this process's copy: let go
            return key, converted

        self.ahead.start(files.documentation_pages(), convert)

    def template_ahead(
        self, nav: Navigation, files: Files, env: jinja2.Environment, config: MkDocsConfig
    ) -> None:
        """Start rendering page templates in a second process (`convertahead.py`), as
        MkDocs' `_build_page` does up to the template's output."""
        if self.html is None or not self.html.writable:
            return
        pages = files.documentation_pages()

        def render(file: File) -> tuple[str, object] | None:
            self.in_second_process = True
            page = file.page
            if page is None or file.inclusion.is_excluded():
                return None
            config._current_page = page
            page.active = True
            try:
                context = get_context(nav, pages, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                key = self.html_keys.pop(page.file.src_uri, None)
                if key is None or CACHED_KEY in context:  # uncacheable, or stored already
                    return None
                return key, collapse_whitespace(template.render(context))
            finally:
                page.active = False
                page.content = ""  # this process's copy: let go
                config._current_page = None

        self.templates.start(pages, render)

    def _salt_files(self, files: Files) -> None:
        if self.files_salt is None:
            self.files_salt = _digest(
                sorted((f.src_uri, f.dest_uri, f.url, f.is_documentation_page()) for f in files)
            )

    def _body_key(self, page: Page, markdown: str) -> str:
        assert self.body is not None and self.files_salt is not None
        file = page.file
        return self.body.key(self.files_salt, file.src_uri, file.dest_uri, page.url, markdown)

    def markdown(self, markdown: str, page: Page, files: Files) -> str:
        """The text MkDocs should convert: empty when the converted body is already known."""
        if self.converter is not None:  # MkDocs' next step converts it with the build's converter
            page.render = functools.partial(self.converter.render, page)  # type: ignore[method-assign]
        if self.body is None or self.reads_files or self.in_second_process:
            return markdown
        self._salt_files(files)
        src = page.file.src_uri
        key = self._body_key(page, markdown)
        self.ahead.at(src)
        cached = self.body.get(key)
        if cached is None:
            cached = self.ahead.take(src, key)
            if cached is not None and _valid_body(cached):
                self.rendered += 1  # converted in this build, by the second process
                self.body.put(key, cached)  # kept for the next build, as if converted here
            else:
                cached = None
        if cached is None:
            self.body_keys[src] = key
            return markdown
        self.bodies[src] = cached
        if "title" not in page.meta:  # a check reads titles without converting every page
            page.title = cached["title"]
        # MkDocs' next step, `Page.render`, would build a `markdown.Markdown` with the site's
        # extensions to convert the empty text (about 0.3 ms a page): this page skips it
        page.render = functools.partial(_render_nothing, page)  # type: ignore[method-assign]
        return ""

    def content(self, html: str, page: Page, files: Files) -> str:
        """The page's HTML right after conversion: restored from the cache or stored in it."""
        src = page.file.src_uri
        page.__dict__.pop("render", None)  # `markdown` replaced its rendering: no longer
        cached = self.bodies.pop(src, None)
        if cached is None:
            self.rendered += 1
            key = self.body_keys.pop(src, None)
            if key is not None and self.body is not None:
                described = _describe_body(html, page)
                self.body.put(key, described)
                _keep_derived(page, html, described["derived"])
            return html
        _keep_derived(page, cached["content"], cached["derived"])
        page.toc = get_toc(cached["toc"])
        page.present_anchor_ids = set(cached["anchors"])
        if cached["links"] is not None:
            page.links_to_anchors = {
                file: links
                for target, links in cached["links"].items()
                if (file := file_at(files, target)) is not None
            }
        return cached["content"]

    # -- template ---------------------------------------------------------------------------

    def context(self, context: dict[str, Any], page: Page, nav: Navigation) -> dict[str, Any]:
        """Hand the template the stored output when nothing the template reads has changed."""
        if self.html is None:
            return context
        self.templates.at(page.file.src_uri)
        if self.html_salt is None:
            self.html_salt = _digest([self.files_salt or "", describe_nav(nav.items)])
        try:
            described = describe_page(context, page)
        except Uncacheable:
            return context
        key = self.html.key(self.html_salt, described)
        cached = self.html.get(key)
        if cached is None and not self.in_second_process:
            cached = self.templates.take(page.file.src_uri, key)
            if isinstance(cached, str) and _valid_html(cached):
                self.templated += 1  # rendered in this build, by the second process
                self.made.add(page.file.src_uri)
                self.html.put(key, cached)  # kept for the next build, as if rendered here
            else:
                cached = None
        if cached is None:
            self.html_keys[page.file.src_uri] = key
            return context
        context[CACHED_KEY] = Markup(cached)
        self.printed.add(page.file.src_uri)
        return context

    def output(self, output: str, page: Page) -> str:
        """A freshly rendered template output without its indentation (`minify.py`), kept
        (before `on_post_page` rewrites it); a stored one as it is."""
        src = page.file.src_uri
        if src in self.printed:
            self.printed.discard(src)
            return output
        output = collapse_whitespace(output)
        self.made.add(src)
        key = self.html_keys.pop(src, None)
        if key is not None and self.html is not None:
            self.templated += 1
            self.html.put(key, output)
        return output

    # -- end of a build ---------------------------------------------------------------------

    def finish(self, config: MkDocsConfig, log: ErrorLog) -> None:
        """A successful build: keep its entries unless MkDocs warned, drop unused ones."""
        self.ahead.stop()
        self.templates.stop()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        for cache in (self.body, self.html):
            if cache is None:
                continue
            if self.warnings.count:
                cache.discard()
                cache.writable = False  # keep the old entries too: nothing was checked
            else:
                cache.commit()
            cache.finish(log, site_root(config))

    def discard(self) -> None:
        """A failed build: none of its entries is kept."""
        self.ahead.stop()
        self.templates.stop()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        for cache in (self.body, self.html):
            if cache is not None:
                cache.discard()


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def site_salt(config: MkDocsConfig) -> str:
    """Everything every page depends on: versions, our code and theme, the configuration."""
    digest = hashlib.sha256(f"dangjian {dangjian.__version__}\0".encode())
    for name in VERSIONS:
        digest.update(f"{name} {importlib.metadata.version(name)}\0".encode())
    _hash_tree(digest, Path(dangjian.__file__).parent, CODE_FILES)
    material = Path(importlib.metadata.distribution("mkdocs-material").locate_file("material"))
    for folder in config.theme.dirs:
        if not Path(folder).resolve().is_relative_to(material.resolve()):  # versioned above
            _hash_tree(digest, Path(folder), THEME_FILES)
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    settings = {key: config.get(key) for key in CONFIG_KEYS}
    settings["theme"] = dict(config.theme)
    # Functions in the settings (a slugify) are code: covered above or by mkdocs.yml
    plain = _plain(settings, strict=False)
    digest.update(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _hash_tree(digest: hashlib._Hash, folder: Path, suffixes: tuple[str, ...]) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.suffix in suffixes and path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())


def describe_nav(items: list) -> list:
    """The whole navigation as plain data: every title and address a page may show."""
    described = []
    for item in items:
        if isinstance(item, Section):
            described.append(["section", item.title, describe_nav(item.children)])
        elif isinstance(item, Page):
            described.append(["page", item.title, item.url, item.file.src_uri])
        elif isinstance(item, Link):
            described.append(["link", item.title, item.url])
        else:
            raise Uncacheable(type(item).__name__)
    return described


def describe_page(context: Mapping[str, Any], page: Page) -> str:
    """A digest of everything a template reads of this page."""
    digest = hashlib.sha256((page.content or "").encode("utf-8", "surrogatepass"))
    described = {
        "url": page.url,
        "title": page.title,
        "toc": _describe_toc(page.toc),
        "meta": page.meta,
        "canonical": page.canonical_url,
        "edit": page.edit_url,
        "home": page.is_homepage,
        "previous": _link(page.previous_page),
        "next": _link(page.next_page),
        "ancestors": [item.title for item in page.ancestors],
        "context": {k: v for k, v in context.items() if k not in MKDOCS_CONTEXT},
    }
    try:  # json's own encoder walks the plain data; `_Describe.default` only the rest
        text = json.dumps(described, cls=_Describe, sort_keys=True, ensure_ascii=False)
    except TypeError:  # keys json cannot sort or write: describe it all in Python
        text = json.dumps(_plain(described), sort_keys=True, ensure_ascii=False)
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _Describe(json.JSONEncoder):
    """Writes what `_plain` would make of a value, letting json's C code do the plain part."""

    def default(self, value: Any) -> Any:
        if isinstance(value, Mapping):
            return dict(value)
        if isinstance(value, (set, frozenset)):
            return sorted(
                json.dumps(v, cls=_Describe, sort_keys=True, ensure_ascii=False) for v in value
            )
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            return value.isoformat()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            return [type(value).__name__, fields]
        return _plain(value)


# The page whose HTML was last restored or stored, that HTML and what was derived from it
_latest: tuple[Page, str, dict[str, Any]] | None = None


def _keep_derived(page: Page, html: str, values: dict[str, Any]) -> None:
    global _latest
    _latest = (page, html, values)


def derived(name: str, page: Page, html: str) -> Any | None:
    """What `DERIVED[name]` gives for `html`, when `html` is the very text this build just
    restored or stored as the page's body (no plugin changed it since); else None."""
    if _latest is None or _latest[0] is not page or _latest[1] is not html:
        return None
    return _latest[2].get(name)


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What `Page.render` leaves of an empty text, without converting it: `content` then
    restores the page's stored body."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if log.getEffectiveLevel() > logging.DEBUG:  # as `Page.render` does
        page.links_to_anchors = {}


def _link(page: Page | None) -> list | None:
    return None if page is None else [page.title, page.url]


def _describe_toc(toc) -> list:
    return [
        {"name": a.title, "id": a.id, "level": a.level, "children": _describe_toc(a.children)}
        for a in toc
    ]


def _describe_body(html: str, page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "content": html,
        "toc": _describe_toc(page.toc),
        "title": page.title,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        "derived": {name: derive(html, page) for name, (derive, _) in DERIVED.items()},
    }


def _plain(value: Any, strict: bool = True) -> Any:
    """`value` as JSON-ready data that differs whenever the value does; else `Uncacheable`.

    Not `strict`: an object that does not describe itself is named by its type.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v, strict) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, strict) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_plain(v, strict), sort_keys=True) for v in value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (PurePath, enum.Enum)):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return [type(value).__name__, _plain(fields, strict)]
    if isinstance(value, Page):
        return ["page", value.title, value.url]
    if isinstance(value, Section):
        return ["section", value.title]
    text = str(value)
    if " at 0x" in text or text.startswith("<"):  # an object that does not describe itself
        if strict:
            raise Uncacheable(type(value).__name__)
        return type(value).__name__
    # Such as Material's tag references: a name that prints, and where it links to
    url = getattr(value, "url", None)
    return [type(value).__name__, text, url if isinstance(url, str) else None]


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()


def _valid_body(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("content"), str)
        and isinstance(value.get("toc"), list)
        and isinstance(value.get("title"), (str, type(None)))
        and isinstance(value.get("anchors"), list)
        and isinstance(value.get("links"), (dict, type(None)))
        and isinstance(derived := value.get("derived"), dict)
        and all(name not in derived or valid(derived[name]) for name, (_, valid) in DERIVED.items())
    )


def _valid_html(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
