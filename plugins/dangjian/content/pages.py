"""Generated pages (study overview, topic pages, notice lists, archives, tags) and the
template data for every listing, material and notice page.

Pages are real MkDocs files (`File.generated`) holding only a title; the listing itself is
rendered by `theme/partials/dj-*.html` from the data returned by `Listings.context()`.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..core.paths import file_at
from ..core.text import CHARS_PER_MINUTE, html_to_text
from . import feeds, listing
from .feeds import FeedEntry
from .model import Attachment, Notice, StudyMaterial, Topic, sort_materials

HOME_NOTICES = 6
HOME_MATERIALS = 6
TAGS_PAGE = "tags.md"


def _front(title: str, description: str | None = None) -> str:
    lines = ["---", f"title: {_yaml_text(title)}"]
    if description:
        lines.append(f"description: {_yaml_text(description)}")
    return "\n".join(lines + ["---", ""]) + "\n"


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Dated(NamedTuple):
    """A page for a feed, before its summary is written (`feeds.newest`)."""

    date: dt.date
    url: str
    model: StudyMaterial | Notice


@dataclass
class Listings:
    """Everything the content plugin generates from the parsed models, keyed by src_uri."""

    config: MkDocsConfig
    files: Files
    topics: dict[str, Topic]
    notices: dict[str, Notice]
    study_dir: str
    notices_dir: str
    categories: tuple[str, ...]
    today: dt.date
    updated: dict[str, dt.date] = field(default_factory=dict)
    related: dict[str, list[StudyMaterial]] = field(default_factory=dict)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (editor's file, generated path, title) where an editor's file would replace a listing
    collisions: list[tuple[File, str, str]] = field(default_factory=list)
    # Each topic's materials in order, sorted once: neighbours are asked for on every page
    _order: dict[str, list[StudyMaterial]] = field(default_factory=dict, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    # Each material's item, made once per build: pages list a material many times
    _items: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    # -- files ----------------------------------------------------------------------

    def _add(self, src_uri: str, title: str, data: dict[str, Any], description: str = "") -> None:
        """Register listing data for `src_uri` and generate its page.

        An editor's file at that path is a collision, reported by the plugin.
        """
        self.pages[src_uri] = data
        self._generate(src_uri, title, _front(title, description))

    def _generate(self, src_uri: str, title: str, content: str) -> None:
        existing = self.files.get_file_from_path(src_uri)
        if existing is not None:
            self.collisions.append((existing, src_uri, title))
            return
        self.files.append(File.generated(self.config, src_uri, content=content))

    def url(self, src_uri: str) -> str:
        file = file_at(self.files, src_uri)
        return file.url if file else ""

    def generate(self) -> None:
        """Add every generated page to `files` and keep its listing data."""
        self._study_pages()
        self._notice_pages()
        self._generate(TAGS_PAGE, "标签", _front("标签") + "<!-- material/tags -->\n")

    def neighbours(
        self, material: StudyMaterial, topic_folder: str
    ) -> tuple[StudyMaterial | None, StudyMaterial | None]:
        """Previous and next material within the topic, as `listing.neighbours` (sorted once)."""
        if topic_folder not in self._order:
            ordered = sort_materials(self.topics[topic_folder].materials)
            self._order[topic_folder] = ordered
            self._position.update((m.src_uri, i) for i, m in enumerate(ordered))
        ordered, index = self._order[topic_folder], self._position[material.src_uri]
        previous = ordered[index - 1] if index > 0 else None
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        return previous, following

    def ordered_topics(self) -> list[tuple[str, Topic]]:
        # Materials placed directly in the study folder belong to no topic page
        topics = {f: t for f, t in self.topics.items() if f != self.study_dir}
        by_topic = {id(t): folder for folder, t in topics.items()}
        return [(by_topic[id(t)], t) for t in listing.topic_order(list(topics.values()))]

    def _study_pages(self) -> None:
        overview = []
        for folder, topic in self.ordered_topics():
            materials = sort_materials(topic.materials)
            index = f"{folder}/index.md"
            summary = {
                "title": topic.title,
                "description": topic.description or "",
                "src": index,
                "count": len(materials),
                "required": sum(1 for m in materials if m.required),
                "hours": listing.format_hours(listing.total_hours(materials)),
                "progress_items": [[material_id(m), m.hours or 0] for m in materials],
            }
            overview.append(summary)
            self._add(
                index,
                topic.title,
                {"kind": "topic", "topic": summary, "materials": materials},
                topic.description or "",
            )
        all_materials = [m for _, t in self.ordered_topics() for m in t.materials]
        self._add(
            f"{self.study_dir}/index.md",
            "学习资料",
            {
                "kind": "study",
                "topics": overview,
                "count": len(all_materials),
                "hours": listing.format_hours(listing.total_hours(all_materials)),
                "progress_items": [[material_id(m), m.hours or 0] for m in all_materials],
            },
        )

    def _notice_pages(self) -> None:
        notices = list(self.notices.values())
        current = listing.current_notices(notices, self.today)
        years = listing.archive_years(notices)
        base = f"{self.notices_dir}/index.md"
        self._paginated(base, "通知公告", current, title_suffix="")
        for category in self.categories:
            slug = listing.category_slug(category, self.categories)
            items = [n for n in current if n.category == category]
            self._paginated(f"{self.notices_dir}/category/{slug}.md", category, items, category)
        for year, items in years.items():
            self._add(
                f"{self.notices_dir}/archive/{year}.md",
                f"{year} 年通知公告",
                {"kind": "notices", "items": items, "archive": year},
            )
        self._add(
            f"{self.notices_dir}/archive/index.md",
            "通知公告归档",
            {"kind": "archive-index", "items": []},
        )

    def _paginated(
        self, base: str, title: str, items: list[Notice], title_suffix: str | None
    ) -> None:
        chunks = listing.paginate(items)
        for chunk in chunks:
            src = listing.page_uri(base, chunk.number)
            page_title = title if chunk.number == 1 else f"{title}（第 {chunk.number} 页）"
            self._add(
                src,
                page_title,
                {
                    "kind": "notices",
                    "items": chunk.items,
                    "category": title_suffix or None,
                    "pagination": {
                        "number": chunk.number,
                        "count": chunk.count,
                        "previous": listing.page_uri(base, chunk.number - 1)
                        if chunk.has_previous
                        else None,
                        "next": listing.page_uri(base, chunk.number + 1)
                        if chunk.has_next
                        else None,
                        "pages": [listing.page_uri(base, n) for n in range(1, chunk.count + 1)],
                    },
                },
            )

    # -- template data --------------------------------------------------------------

    def material_item(self, material: StudyMaterial) -> dict[str, Any]:
        item = self._items.get(material.src_uri)
        if item is None:
            item = self._items[material.src_uri] = self._material_item(material)
        return dict(item)  # a copy: the caller may add to it

    def _material_item(self, material: StudyMaterial) -> dict[str, Any]:
        return {
            "id": material_id(material),
            "url": self.url(material.src_uri),
            "title": material.title,
            "date": material.date.isoformat() if material.date else "",
            "summary": material.summary or "",
            "required": material.required,
            "hours": listing.format_hours(material.hours),
            "hours_value": material.hours or 0,
            "minutes": material.minutes,
            "rate": CHARS_PER_MINUTE,
            "tags": material.tags,
        }

    def notice_item(self, notice: Notice) -> dict[str, Any]:
        return {
            "url": self.url(notice.src_uri),
            "title": notice.title,
            "date": notice.date.isoformat(),
            "category": notice.category,
            "category_url": self.url(
                f"{self.notices_dir}/category/"
                f"{listing.category_slug(notice.category, self.categories)}.md"
            ),
            "pinned": notice.pinned,
            "expires": notice.expires.isoformat() if notice.expires else "",
            "expired": notice.expired_on(self.today),
            "audience": notice.audience or "",
            "attachments": [attachment_item(self.files, a) for a in notice.attachments],
        }

    def listing_context(self, src_uri: str) -> dict[str, Any] | None:
        data = self.pages.get(src_uri)
        if data is None:
            return None
        kind = data["kind"]
        if kind == "topic":
            return {
                "kind": kind,
                "topic": self._topic_summary(data["topic"]),
                "materials": [self.material_item(m) for m in data["materials"]],
            }
        if kind == "study":
            return {
                "kind": kind,
                "topics": [self._topic_summary(t) for t in data["topics"]],
                "count": data["count"],
                "hours": data["hours"],
                "progress_items": data["progress_items"],
            }
        if kind == "archive-index":
            years = listing.archive_years(list(self.notices.values()))
            return {
                "kind": kind,
                "years": [
                    {
                        "year": year,
                        "count": len(items),
                        "url": self.url(f"{self.notices_dir}/archive/{year}.md"),
                    }
                    for year, items in years.items()
                ],
            }
        result = {
            "kind": kind,
            "items": [self.notice_item(n) for n in data["items"]],
            "archive": data.get("archive"),
            "category": data.get("category"),
            "categories": self._category_links(),
            "archive_url": self.url(f"{self.notices_dir}/archive/index.md"),
            "feed_url": "notices.xml" if self.config.site_url else "",
        }
        pagination = data.get("pagination")
        if pagination:
            result["pagination"] = {
                "number": pagination["number"],
                "count": pagination["count"],
                "previous": self.url(pagination["previous"]) if pagination["previous"] else "",
                "next": self.url(pagination["next"]) if pagination["next"] else "",
                "pages": [self.url(p) for p in pagination["pages"]],
            }
        return result

    def _topic_summary(self, summary: dict[str, Any]) -> dict[str, Any]:
        return {**summary, "url": self.url(summary["src"])}

    def _category_links(self) -> list[dict[str, str]]:
        base = f"{self.notices_dir}/index.md"
        links = [{"name": "全部", "url": self.url(base)}]
        for category in self.categories:
            slug = listing.category_slug(category, self.categories)
            links.append(
                {"name": category, "url": self.url(f"{self.notices_dir}/category/{slug}.md")}
            )
        return links

    def material_context(self, material: StudyMaterial, topic_folder: str) -> dict[str, Any]:
        topic = self.topics[topic_folder]
        updated = self.updated.get(material.src_uri) or material.date
        return {
            **self.material_item(material),
            "topic": {"title": topic.title, "url": self.url(f"{topic_folder}/index.md")},
            "study_url": self.url(f"{self.study_dir}/index.md"),
            "updated": updated.isoformat() if updated else "",
            "updated_from_git": material.src_uri in self.updated,
            "source": material.source or "",
            "author": material.author or "",
            "related": [self.material_item(m) for m in self.related.get(material.src_uri, [])],
        }

    def notice_context(self, notice: Notice) -> dict[str, Any]:
        return {
            **self.notice_item(notice),
            "list_url": self.url(f"{self.notices_dir}/index.md"),
        }

    def home_context(self) -> dict[str, Any]:
        current = listing.current_notices(list(self.notices.values()), self.today)
        materials = [m for t in self.topics.values() for m in t.materials]
        study = self.listing_context(f"{self.study_dir}/index.md") or {}
        return {
            "notices": [self.notice_item(n) for n in current[:HOME_NOTICES]],
            "notices_url": self.url(f"{self.notices_dir}/index.md"),
            "study_url": self.url(f"{self.study_dir}/index.md"),
            "materials": [
                self.material_item(m)
                for m in listing.recent_materials(materials, limit=HOME_MATERIALS)
            ],
            "study": study,
        }

    # -- feeds ----------------------------------------------------------------------

    def notice_feed_entries(self) -> list[FeedEntry]:
        return [
            FeedEntry(url, n.title, n.date, _excerpt(n.body), n.category)
            for _, url, n in feeds.newest(self._dated(self.notices.values()))
        ]

    def material_feed_entries(self) -> list[FeedEntry]:
        materials = (m for t in self.topics.values() for m in t.materials if m.date)
        return [
            FeedEntry(url, m.title, m.date, m.summary or _excerpt(m.body), None)
            for _, url, m in feeds.newest(self._dated(materials))
        ]

    def _dated(self, models: Iterable[StudyMaterial | Notice]) -> list[_Dated]:
        return [_Dated(m.date, self.url(m.src_uri), m) for m in models]  # type: ignore[arg-type]


def attachment_item(files: Files, attachment: Attachment) -> dict[str, Any]:
    """Name, type, size and URL of an attached file, as attachment lists show it."""
    file = files.get_file_from_path(attachment.src_uri)
    size = 0
    if file is not None and file.abs_src_path:
        try:
            size = os.path.getsize(file.abs_src_path)
        except OSError:
            size = 0
    extension = posixpath.splitext(attachment.src_uri)[1].lstrip(".").upper()
    return {
        "name": attachment.title,
        "type": extension or "文件",
        "size": listing.format_size(size),
        "bytes": size,
        "url": file.url if file else "",
    }


def material_id(material: StudyMaterial) -> str:
    """Stable key for progress storage: the source path without `.md`."""
    return material.src_uri.removesuffix(".md")


def _excerpt(markdown: str, length: int = 120) -> str:
    """Plain start of a Markdown body for feed summaries."""
    text = html_to_text(markdown).replace("#", "").strip()
    return text[:length] + ("…" if len(text) > length else "")
