"""MkDocs plugin `dangjian-offline`: a site that never contacts another host.

It marks links to the outside, moves Material's inline scripts into files (so a strict
Content-Security-Policy without 'unsafe-inline' works) and points the two URLs Material's
bundle would load from unpkg.com at files inside the site.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..content.sitetheme import use_packaged_theme
from ..core.errors import ContentCheckError, ContentError
from ..core.messages import msg
from ..core.paths import display_path, site_root
from ..core.sitemodel import site_model
from . import rewrite
from .config import OfflineConfig
from .rewritecache import RewriteCache

CSS = "assets/dangjian/offline.css"
SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
SOURCE_MAPS = (".js.map", ".css.map")


def page_root(dest_uri: str) -> str:
    """Relative URL of the site root seen from the page at `dest_uri` ("." or "../..").

    MkDocs' `dest_uri` is a normalized relative path: one ".." per folder (what
    `posixpath.relpath` finds, in a tenth of the time)."""
    return "/".join([".."] * dest_uri.count("/")) or "."


class OfflinePlugin(BasePlugin[OfflineConfig]):
    """Rewrite every built page for offline use and a strict CSP."""

    def __init__(self) -> None:
        super().__init__()
        self._reset()

    def _reset(self) -> None:
        self.scripts: dict[str, str] = {}
        self.uses_mermaid: list[str] = []
        self.rewrites: RewriteCache | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._reset()
        use_packaged_theme(config)  # also when used without dangjian-content
        if config.repo_url:
            raise ContentCheckError(
                [ContentError("mkdocs.yml", None, None, "repo_url", msg("offline_repo_url"))]
            )
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        self.rewrites = RewriteCache(config, self.config.allow_external)

    # Theme files never used: source maps, and Material's lunr search (dead weight, full of
    # URLs) unless its search plugin is on
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        unused_search = "material/search" not in config.plugins
        for file in list(files):
            if file.src_uri.endswith(SOURCE_MAPS) or (
                unused_search and file.src_uri.startswith(SEARCH_ASSETS)
            ):
                files.remove(file)
        return files

    # Last, so that the HTML other plugins add to a page is rewritten too
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        if 'class="mermaid"' in output:
            self.uses_mermaid.append(display_path(page.file.abs_src_path, site_root(config)))
        return self._rewrite(output, page_root(page.file.dest_uri))

    # Theme pages such as 404.html use absolute URLs below site_url
    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        base = urlsplit(config.site_url or "").path or "/"
        return self._rewrite(output_content, base)

    # Last, after every other plugin has written its files
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        for path, code in sorted(self.scripts.items()):
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(code, encoding="utf-8")
        for bundle in sorted((site / "assets" / "javascripts").glob("bundle.*.js")):
            text = bundle.read_text(encoding="utf-8")
            patched = rewrite.patch_material_bundle(text)
            if patched != text:
                bundle.write_text(patched, encoding="utf-8")
        mermaid = f"{rewrite.VENDOR_DIR}/mermaid.min.js"
        if self.uses_mermaid and not (site / mermaid).is_file():
            raise ContentCheckError(
                [
                    ContentError(path, message=msg("offline_mermaid", path=mermaid))
                    for path in self.uses_mermaid
                ]
            )
        if self.rewrites is not None:
            self.rewrites.finish(site_model(config).problems, site_root(config))

    def _rewrite(self, html: str, root: str) -> str:
        if self.rewrites is None:
            html, scripts = rewrite.rewrite_html(html, root, self.config.allow_external)
        else:
            html, scripts = self.rewrites.rewrite(html, root)
        self.scripts.update(scripts)
        return html
