"""A page's Markdown and source text (and a generated page's text) are let go after its last
`on_page_content` (`core/release.py`): nothing that reads them later exists, and the site is
the same."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
from dangjian.content import plugin as content_plugin
from dangjian.core import release
from dangjian.core.sitemodel import ReleasedSourceError, SiteModel, read_source
from mkdocs.structure.files import File

from .test_cache import assert_same_tree, cold

ROOT = Path(__file__).resolve().parents[2]
_READ_RE = re.compile(r"\.markdown\b(?!\s*\.\s*[A-Za-z])")  # not the `markdown.x` module
_CONTENT_RE = re.compile(r"\bcontent_(string|bytes)\b")
# Every line of MkDocs, Material and dangjian that touches a page's `.markdown`, and why none
# of them reads it after the page's last on_page_content (where `release_page_text` runs)
READERS = {
    # Page.__init__, read_source, title (only `is None` once content is set), render
    ("mkdocs", "mkdocs/structure/pages.py", "self.markdown = None"),
    ("mkdocs", "mkdocs/structure/pages.py", "self.markdown, self.meta = meta.get_data(source)"),
    ("mkdocs", "mkdocs/structure/pages.py", "if self.markdown is None:"),
    ("mkdocs", "mkdocs/structure/pages.py", "title_from_md = get_markdown_title(self.markdown)"),
    ("mkdocs", "mkdocs/structure/pages.py", "self.content = md.convert(self.markdown)"),
    # _populate_page: before on_page_content
    ("mkdocs", "mkdocs/commands/build.py", "assert page.markdown is not None"),
    ("mkdocs", "mkdocs/commands/build.py", "page.markdown = config.plugins.on_page_markdown("),
    ("mkdocs", "mkdocs/commands/build.py", "page.markdown, page=page, config=config, files=files"),
    # Material's blog (its own post objects, and on_page_markdown) and typeset (on_page_content,
    # which like a page restored from the cache then sees ""): neither in our configuration
    ("mkdocs-material", "material/plugins/blog/structure/__init__.py", "self.markdown = f.read()"),
    (
        "mkdocs-material",
        "material/plugins/blog/structure/__init__.py",
        "match: Match = YAML_RE.match(self.markdown)",
    ),
    (
        "mkdocs-material",
        "material/plugins/blog/structure/__init__.py",
        'self.markdown = self.markdown[match.end():].lstrip("\\n")',
    ),
    (
        "mkdocs-material",
        "material/plugins/blog/structure/__init__.py",
        "self.markdown, page = self, config = config, files = None",
    ),
    (
        "mkdocs-material",
        "material/plugins/blog/structure/__init__.py",
        "self.markdown = self.post.markdown",
    ),
    (
        "mkdocs-material",
        "material/plugins/blog/structure/__init__.py",
        'self.markdown = "\\n\\n".join([f"# {self.post.title}", self.markdown])',
    ),
    (
        "mkdocs-material",
        "material/plugins/blog/structure/__init__.py",
        "self.content = self.md.convert(self.markdown)",
    ),
    ("mkdocs-material", "material/plugins/blog/plugin.py", "if separator not in page.markdown:"),
    (
        "mkdocs-material",
        "material/plugins/typeset/plugin.py",
        """if re.search(rf"data-toc-label=['\\"]{label}", page.markdown):""",
    ),
    # The page cache's method of that name, in on_page_markdown
    (
        "dangjian",
        "dangjian/content/plugin.py",
        "return self.page_cache.markdown(markdown, page, files)",
    ),
    # The second process that converts pages ahead of the build (core/convertahead.py): its
    # own copy of each page, forked before any page was read or released
    (
        "dangjian",
        "dangjian/core/pagecache.py",
        "page.markdown, page=page, config=config, files=files",
    ),
    ("dangjian", "dangjian/core/pagecache.py", "page.markdown = markdown"),
    (
        "dangjian",
        "dangjian/core/pagecache.py",
        'page.markdown, page.content = "", None  # this process\'s copy: let go',
    ),
    # The build's Markdown converter (core/converter.py): `Page.render`, before on_page_content
    ("dangjian", "dangjian/core/converter.py", "if page.markdown is None:"),
    ("dangjian", "dangjian/core/converter.py", "page.content = md.convert(page.markdown)"),
    # `dangjian serve`'s reading of a page (core/pagesource.py): `Page.read_source`'s own
    ("dangjian", "dangjian/core/pagesource.py", "page.markdown, page.meta = markdown, _copy(meta)"),
    # `dangjian check`: before on_page_content
    ("dangjian", "dangjian/check/runner.py", "page.markdown = config.plugins.on_page_markdown("),
    (
        "dangjian",
        "dangjian/check/runner.py",
        "page.markdown, page=page, config=config, files=files",
    ),
}


# Every reader of a `File`'s content outside MkDocs' `File` itself, and why none reads a
# generated page's text after its last on_page_content
CONTENT_READERS = {
    ("mkdocs", "mkdocs/structure/pages.py", "source = self.file.content_string"),  # read_source
    ("dangjian", "dangjian/core/pagesource.py", "source = page.file.content_string"),  # the same
    # Extra templates (not pages) and our script and style files (not pages), in on_files
    ("mkdocs", "mkdocs/commands/build.py", "template = jinja2.Template(file.content_string)"),
    (
        "dangjian",
        "dangjian/core/joinscripts.py",
        'f"/* {posixpath.basename(piece.src_uri)} */\\n{_ending(piece.content_string)}{after}"',
    ),
    # Line numbers of quiz blocks and policy findings: in on_page_markdown / on_page_content
    ("dangjian", "dangjian/core/sitemodel.py", "return file.content_string"),
}


# Every line that reads a material's or notice's Markdown body, and the `on_files` handler it
# runs in: `SiteModel.release_bodies` lets the bodies go after every `on_files` (-5000)
BODY_READERS = {
    # ContentPlugin._on_files_generate (-110): feeds, related materials' key terms
    (
        "dangjian",
        "dangjian/content/pages.py",
        "FeedEntry(url, n.title, n.date, _excerpt(n.body), n.category)",
    ),
    (
        "dangjian",
        "dangjian/content/pages.py",
        "FeedEntry(url, m.title, m.date, m.summary or _excerpt(m.body), None)",
    ),
    (
        "dangjian",
        "dangjian/content/related.py",
        "terms = {m.src_uri: key_terms(f\"{m.title} {m.summary or ''} {m.body}\") for m in materials}",
    ),
    (
        "dangjian",
        "dangjian/content/keyterms.py",
        "return f\"{material.title} {material.summary or ''} {material.body}\"",
    ),
    # The release itself
    ("dangjian", "dangjian/core/sitemodel.py", "model.body = None  # type: ignore[assignment]"),
}
# `.body` of what is not a material or a notice: a page's front matter, the page cache's store
_BODY_RE = re.compile(r"(?<!front)(?<!self)\.body\b")


def _code_lines(root: Path, package: str, pattern: re.Pattern = _READ_RE) -> set[tuple]:
    found = set()
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".py", ".html") or "tests" in path.parts:
            continue
        if path.name == "release.py" and package == "dangjian":  # the release itself
            continue
        if path.as_posix().endswith("mkdocs/structure/files.py"):  # `File` itself
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            code = line.strip()
            if code.startswith(("#", "from ", "import ", ">")) or not pattern.search(code):
                continue
            if "`" in code:  # documentation
                continue
            if "'.markdown'" in code:  # MkDocs' list of Markdown file suffixes
                continue
            found.add((package, path.relative_to(root.parent).as_posix(), code))
    return found


def test_nothing_else_reads_a_page_s_markdown() -> None:
    found = set()
    for package, folder in (("mkdocs", "mkdocs"), ("mkdocs-material", "material")):
        located = Path(importlib.metadata.distribution(package).locate_file(folder))
        found |= _code_lines(located, package)
    found |= _code_lines(ROOT / "plugins" / "dangjian", "dangjian")
    found |= _code_lines(ROOT / "theme", "dangjian")
    # A new reader (an upgrade, a new plugin): check it runs before the release, then list it
    assert found == READERS


def test_nothing_else_reads_a_generated_page_s_text() -> None:
    found = set()
    for package, folder in (("mkdocs", "mkdocs"), ("mkdocs-material", "material")):
        located = Path(importlib.metadata.distribution(package).locate_file(folder))
        found |= _code_lines(located, package, _CONTENT_RE)
    found |= _code_lines(ROOT / "plugins" / "dangjian", "dangjian", _CONTENT_RE)
    found |= _code_lines(ROOT / "theme", "dangjian", _CONTENT_RE)
    assert found == CONTENT_READERS


def test_nothing_else_reads_a_material_s_body() -> None:
    # A new reader: check it runs in `on_files`, before `release_bodies`, then list it
    assert _code_lines(ROOT / "plugins" / "dangjian", "dangjian", _BODY_RE) == BODY_READERS


def test_bodies_are_let_go_after_every_on_files() -> None:
    from dangjian.content.plugin import ContentPlugin
    from dangjian.offline.plugin import OfflinePlugin
    from dangjian.quiz.plugin import QuizPlugin
    from dangjian.search.plugin import SearchPlugin
    from dangjian.year.plugin import YearPlugin

    release_bodies = ContentPlugin._on_files_release
    handlers = [
        handler
        for plugin in (ContentPlugin, OfflinePlugin, QuizPlugin, SearchPlugin, YearPlugin)
        for handler in getattr(plugin.on_files, "methods", [plugin.on_files])
        if handler is not release_bodies
    ]
    assert len(handlers) >= 8
    assert all(getattr(h, "mkdocs_priority", 0) > release_bodies.mkdocs_priority for h in handlers)


def test_a_released_source_is_never_read_as_if_unreadable(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: 标题\n---\n\n正文\n", encoding="utf-8")
    file = File("page.md", str(tmp_path), str(tmp_path / "site"), False)
    site = SiteModel()
    assert site.source(file, "page.md").text == read_source("page.md", str(page)).text
    site.release("page.md")
    with pytest.raises(ReleasedSourceError):
        site.source(file, "page.md")
    with pytest.raises(ReleasedSourceError):
        site.source_lines(file)


def test_the_site_is_the_same_with_and_without_the_release(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released: list[str] = []
    spooled: list[str] = []
    keep = release.HtmlSpool.keep

    def counting(page, model) -> str:
        released.append(page.file.src_uri)
        return release.release_page_text(page, model)

    def spooling(self, page, html: str, source: str) -> str:
        kept = keep(self, page, html, source)
        if kept == "":
            spooled.append(page.file.src_uri)
        return kept

    released_bodies: list[SiteModel] = []
    release_bodies = SiteModel.release_bodies

    def releasing_bodies(model: SiteModel) -> None:
        release_bodies(model)
        released_bodies.append(model)

    monkeypatch.setattr(content_plugin, "release_page_text", counting)
    monkeypatch.setattr(release.HtmlSpool, "keep", spooling)
    monkeypatch.setattr(SiteModel, "release_bodies", releasing_bodies)
    with_release = cold(site, "released")
    # Both really happened, so the comparison below can fail
    assert len(released) == len(set(released)) > 10
    assert len(spooled) == len(set(spooled)) > 10
    assert "tags.md" in released and "tags.md" not in spooled  # Material fills it in on_env
    [model] = released_bodies
    assert len(model.materials) >= 2 and len(model.notices) >= 1
    assert all(m.body is None for m in (*model.materials.values(), *model.notices.values()))

    monkeypatch.setattr(
        content_plugin, "release_page_text", lambda page, model: model.source_lines(page.file)
    )
    monkeypatch.setattr(release.HtmlSpool, "keep", lambda self, page, html, source: html)
    monkeypatch.setattr(SiteModel, "release_bodies", lambda model: None)
    assert_same_tree(with_release, cold(site, "kept"))
