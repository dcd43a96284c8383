"""The site navigation with Chinese section names, built from the files on every build.

Topics come from `_topic.yml` in their `order`, materials in topic order, so a new topic
or material appears without anyone editing a nav list. A hand-written `nav:` in
mkdocs.yml is left alone.

Parents, previous/next and the page list are linked here, not by MkDocs' private helpers
(`_add_parent_links`…), which may change in any release; the result is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.safehtml import text_html
from .model import Topic, sort_materials

# Top-level folders and their section names, in the order members see them
SECTIONS = {
    "study": "学习资料",
    "notices": "通知公告",
    "quizzes": "在线自测",
    "guide": "编辑指南",
    "about": "关于",
}


def _folder(item) -> str:
    """First path component of the first page inside a nav item ('' for a root page)."""
    if isinstance(item, Page):
        src = item.file.src_uri
        return src.split("/", 1)[0].removesuffix(".md") if "/" in src else src.removesuffix(".md")
    for child in item.children or []:
        folder = _folder(child)
        if folder:
            return folder
    return ""


def build_nav(
    nav: Navigation,
    topics: Sequence[tuple[str, Topic]],
    study_dir: str,
    notices_dir: str,
    tags_page: str,
    materials_limit: int | None = None,
) -> Navigation:
    """Rebuild `nav`: home, 学习资料 by topic, 通知公告, then the other sections, retitled.

    Above `materials_limit` materials, topics appear without their materials.
    """
    pages = {page.file.src_uri: page for page in nav.pages}
    items: list = []
    if "index.md" in pages:
        items.append(pages["index.md"])

    # 学习资料: overview, one section per topic, tags
    study: list = [pages[f"{study_dir}/index.md"]] if f"{study_dir}/index.md" in pages else []
    total = sum(len(topic.materials) for _, topic in topics)
    list_materials = materials_limit is None or total <= materials_limit
    for folder, topic in topics:
        children = [pages[f"{folder}/index.md"]] if f"{folder}/index.md" in pages else []
        if list_materials or not children:
            children += [
                pages[m.src_uri] for m in sort_materials(topic.materials) if m.src_uri in pages
            ]
        if children:
            study.append(Section(text_html(topic.title), children))
    if tags_page in pages:
        study.append(pages[tags_page])
    if study:
        items.append(Section(SECTIONS.get(study_dir, "学习资料"), study))

    # 通知公告: the list and the archive; single notices are reached from the list
    notices = [
        pages[src]
        for src in (f"{notices_dir}/index.md", f"{notices_dir}/archive/index.md")
        if src in pages
    ]
    if notices:
        items.append(Section(SECTIONS.get(notices_dir, "通知公告"), notices))

    # Everything else keeps MkDocs' order, sections named in Chinese, known ones first
    handled = {"index", study_dir, notices_dir, tags_page.removesuffix(".md")}
    others = [item for item in nav.items if _folder(item) not in handled]
    for item in others:
        if isinstance(item, Section) and _folder(item) in SECTIONS:
            item.title = SECTIONS[_folder(item)]
    known = list(SECTIONS)
    others.sort(key=lambda item: known.index(_folder(item)) if _folder(item) in known else 99)
    items += others

    return linked_navigation(items)


def pages_in(items: Iterable) -> list[Page]:
    """Every page of a nav tree in reading order, depth first."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        if item.children:
            pages += pages_in(item.children)
    return pages


def link_parents(items: Iterable, parent: Section | None = None) -> None:
    """Set every item's `parent`: its section, None at the top level."""
    for item in items:
        item.parent = parent
        if item.is_section:
            link_parents(item.children, item)


def linked_navigation(items: list) -> Navigation:
    """A `Navigation` of `items` with parents and each page's previous and next page set."""
    pages = pages_in(items)
    link_parents(items)
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index > 0 else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
    return Navigation(items, pages)
