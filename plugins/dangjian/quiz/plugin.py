"""MkDocs plugin `dangjian-quiz`: checks question banks, embeds self-tests, compiles banks.

Banks are parsed and checked in `on_files` from the text `dangjian-content` read into the
site model (errors go to the model's gate, reported with everything else), quiz blocks in pages
become placeholders, and bank pages and compiled banks are added as generated files.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..content.sitetheme import use_packaged_theme
from ..core.errors import ContentError, ErrorLog
from ..core.links import is_site_link, page_file, resolve_from_docs_root
from ..core.messages import msg
from ..core.paths import display_path, site_root
from ..core.publishing import showing_drafts, site_today
from ..core.sitemodel import SiteModel, site_model
from . import embed
from .compile import Renderer, catalogue_data, catalogue_entry, compile_bank, to_json, to_script
from .config import QuizConfig
from .model import QuestionBank
from .parse import parse_bank
from .sources import PageHeadings, Resolved, resolve, scan_headings

ASSETS = (
    "assets/dangjian/quiz-core.js",
    "assets/dangjian/quiz-session.js",
    "assets/dangjian/quiz.js",
)
STYLES = ("assets/dangjian/quiz.css",)


class QuizPlugin(BasePlugin[QuizConfig]):
    """Question banks in, checked self-test pages and compiled bank scripts out."""

    def __init__(self) -> None:
        super().__init__()
        self._reset()

    def _reset(self) -> None:
        self.site = SiteModel()
        self.root = ""
        self.bank_pages: dict[str, str] = {}
        self.related: dict[str, list[str]] = {}
        self.today = dt.date.today()
        self.slugify = _default_slugify()

    @property
    def banks(self) -> dict[str, QuestionBank]:
        """The banks of this build, kept in the site model for the other plugins."""
        return self.site.banks

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._reset()
        self.site = site_model(config, needed_by="dangjian-quiz")
        use_packaged_theme(config)
        self.root = site_root(config)
        self.today = site_today(config)
        for script in ASSETS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        for style in STYLES:
            if style not in config.extra_css:
                config.extra_css.append(style)
        toc = config.mdx_configs.get("toc", {})
        self.slugify = toc.get("slugify") or _default_slugify()

    # Read and check every bank, then add the compiled banks and their pages
    @event_priority(-50)  # after the content plugin has read the files, before the gate (on_env)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        log = self.site.problems
        folder = self.config.quizzes_dir.strip("/") + "/"
        origin: dict[str, str] = {}
        for file in sorted(files, key=lambda f: f.src_uri):
            if not (file.src_uri.startswith(folder) and file.src_uri.endswith((".yml", ".yaml"))):
                continue
            files.remove(file)
            bank = self._read_bank(file, log)
            if bank is None:
                continue
            if bank.publishing.withheld(self.today) and not showing_drafts():
                continue  # a draft, or not yet due: not in this build
            if bank.id in self.banks:
                log.add(
                    [
                        ContentError(
                            bank.path,
                            1,
                            key="id",
                            message=msg("quiz_duplicate_bank", id=bank.id, other=origin[bank.id]),
                        )
                    ]
                )
                continue
            origin[bank.id] = bank.path
            self.banks[bank.id] = bank
        log.add(self._check_ids())
        self._add_bank_pages(files, config)
        sources = self._resolve_sources(files, log)
        self._add_compiled(files, config, sources)
        self.related = _related(self.banks, sources)
        return files

    # Quiz blocks become placeholders (checked, with file:line)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return markdown
        path = self._path(page.file)
        first = self.site.body_first_line(page.file)
        result, errors = embed.replace_blocks(
            path, markdown, first, self.banks, page.file.url, self.bank_pages
        )
        self.site.problems.add(errors)
        related = self.related.get(page.file.url) if self.config.related_links else None
        if related:
            result += "\n\n" + embed.related_html(
                [self.banks[b] for b in related], page.file.url, self.bank_pages
            )
        return result

    def _path(self, file: File) -> str:
        if file.abs_src_path:
            return display_path(file.abs_src_path, self.root)
        return file.src_uri

    def _read_bank(self, file: File, log: ErrorLog) -> QuestionBank | None:
        path = self._path(file)
        source = self.site.source(file, path)  # dangjian-content has read it already
        text = source.text
        log.add(source.problems)
        if text is None:
            return None
        bank, problems = parse_bank(path, file.src_uri, text)
        stem = posixpath.splitext(posixpath.basename(file.src_uri))[0]
        if bank and bank.id != stem:
            problems.append(
                ContentError(
                    path,
                    1,
                    key="id",
                    message=msg("quiz_bank_id_file", id=bank.id, expected=bank.id),
                )
            )
        log.add(problems)
        return bank

    def _check_ids(self) -> list[ContentError]:
        seen: dict[str, str] = {}
        errors = []
        for bank in self.banks.values():
            for question in bank.questions:
                where = f"{bank.path}:{question.line}"
                if question.id in seen and not seen[question.id].startswith(bank.path + ":"):
                    errors.append(
                        ContentError(
                            bank.path,
                            question.line,
                            key="id",
                            message=msg(
                                "quiz_duplicate_question", id=question.id, other=seen[question.id]
                            ),
                        )
                    )
                seen.setdefault(question.id, where)
        return errors

    def _add_bank_pages(self, files: Files, config: MkDocsConfig) -> None:
        folder = self.config.quizzes_dir.strip("/")
        for bank in self.banks.values():
            src_uri = f"{folder}/{bank.id}.md"
            existing = files.get_file_from_path(src_uri)
            if existing is None and self.config.bank_pages:
                existing = File.generated(config, src_uri, content=_bank_page(bank))
                files.append(existing)
            if existing is not None:
                self.bank_pages[bank.id] = existing.url

    def _resolve_sources(self, files: Files, log: ErrorLog) -> dict[str, Resolved]:
        pages: dict[str, PageHeadings] = {}

        def page(src_uri: str) -> None:
            if src_uri in pages:
                return
            file = files.get_file_from_path(src_uri)
            if file is None or not file.is_documentation_page():
                return
            text = self.site.source_lines(file)
            if text is not None:
                pages[src_uri] = scan_headings(text, file.url, self.slugify)

        resolved: dict[str, Resolved] = {}
        for bank in self.banks.values():
            links = [(bank.source, bank.source_line, None)]
            links += [(q.source, q.source_line, q.id) for q in bank.questions]
            for target, line, qid in links:
                if not target or target in resolved:
                    continue
                path = ""
                if is_site_link(target.strip()):
                    path = resolve_from_docs_root(bank.src_uri, target).path
                    page(page_file(path))
                found, missing = resolve(target, bank.src_uri, pages, self.slugify)
                other = _static_file(files, path) if path else None
                if other is not None:
                    found, missing = Resolved(other.url, posixpath.basename(other.src_uri)), None
                if found:
                    resolved[target] = found
                    continue
                key = ("quiz_source_" if qid else "quiz_bank_source_") + (
                    "missing" if missing == "page" else "anchor"
                )
                log.add(
                    [
                        ContentError(
                            bank.path, line, key="source", message=msg(key, id=qid, target=target)
                        )
                    ]
                )
        return resolved

    def _add_compiled(
        self, files: Files, config: MkDocsConfig, sources: dict[str, Resolved]
    ) -> None:
        render = Renderer(config.markdown_extensions, config.mdx_configs)
        out = self.config.output_dir.strip("/")
        catalogue = []
        for bank_id in sorted(self.banks):
            bank = self.banks[bank_id]
            data = compile_bank(
                bank, render, lambda target: sources.get(target) if target else None
            )
            files.append(File.generated(config, f"{out}/{bank_id}.json", content=to_json(data)))
            files.append(
                File.generated(
                    config, f"{out}/{bank_id}.js", content=to_script("registerBank", data)
                )
            )
            catalogue.append(
                catalogue_entry(bank, self.bank_pages.get(bank_id), f"{out}/{bank_id}.js")
            )
        body = catalogue_data(catalogue)
        files.append(File.generated(config, f"{out}/catalogue.json", content=to_json(body)))
        files.append(
            File.generated(
                config, f"{out}/catalogue.js", content=to_script("registerCatalogue", body)
            )
        )


def _related(banks: dict[str, QuestionBank], sources: dict[str, Resolved]) -> dict[str, list[str]]:
    """Page URL → ids of the banks whose questions cite it."""
    related: dict[str, set[str]] = {}
    for bank in banks.values():
        for target in [bank.source] + [q.source for q in bank.questions]:
            if target and target in sources:
                related.setdefault(sources[target].url.split("#")[0], set()).add(bank.id)
    return {url: sorted(ids) for url, ids in related.items()}


def _static_file(files: Files, path: str) -> File | None:
    """A non-page file (PDF, image) a source may point to, by its docs-relative path."""
    found = files.get_file_from_path(path)
    return found if found is not None and not found.is_documentation_page() else None


def _bank_page(bank: QuestionBank) -> str:
    title = json.dumps(bank.title, ensure_ascii=False)
    # Title and description are text: escaped, so Markdown shows them and runs nothing
    heading, description = html.escape(bank.title), html.escape(bank.description)
    # A withheld bank is only built while drafts are shown: its page gets the same banner
    state = bank.publishing
    withheld = ("draft: true\n" if state.draft else "") + (
        f"publish: {state.publish.isoformat()}\n" if state.publish else ""
    )
    return f"---\ntitle: {title}\n{withheld}---\n\n# {heading}\n\n{description}\n\n```quiz\nbank: {bank.id}\n```\n"


def _default_slugify():
    from markdown.extensions.toc import slugify

    return slugify
