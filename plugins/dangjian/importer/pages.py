"""`dangjian import`: a Word document or web page becomes a study material or notice page."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..check.copycheck import CopyChecker
from ..core.messages import msg
from .assets import asset_link, store
from .tomarkdown import html_to_markdown, titled_body, with_front_matter
from .webpage import read_article
from .word import convert_docx

WORD_SUFFIXES = (".docx",)
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
_UNSAFE_NAME = re.compile(r'[\s/\\:*?"<>|#%]+')


class PageImportError(Exception):
    """A problem the editor must fix before importing; carries the Chinese message."""


@dataclass
class ImportedPage:
    out: Path
    title: str
    images: int = 0
    lost: list[str] = field(default_factory=list)


def page_name(source: Path) -> str:
    """File name for the page: the source's name, with separators and spaces made '-'."""
    return (_UNSAFE_NAME.sub("-", source.stem).strip("-.") or "imported") + ".md"


def target_path(
    source: Path,
    docs_dir: Path,
    study_dir: str,
    notices_dir: str,
    topic: str | None,
    today: dt.date,
) -> Path:
    """`study/<topic>/<name>.md`, or `notices/<year>/<name>.md` without a topic."""
    if topic:
        return docs_dir / study_dir / topic / page_name(source)
    return docs_dir / notices_dir / str(today.year) / page_name(source)


def import_page(
    source: Path,
    out: Path,
    *,
    notice: bool,
    today: dt.date,
    category: str = "通知",
    url: str | None = None,
    force: bool = False,
) -> ImportedPage:
    """Convert `source` (.docx or .html) into the Markdown page `out`, pictures beside it."""
    suffix = source.suffix.lower()
    if suffix not in WORD_SUFFIXES + PAGE_SUFFIXES:
        raise PageImportError(msg("import_format", path=source.name))
    if out.exists() and not force:
        raise PageImportError(msg("import_exists", out=out))
    saved: set[str] = set()
    staged: dict[str, bytes] = {}

    def save(data: bytes, ext: str) -> str:
        link = store_later(staged, data, ext)
        saved.add(link)
        return link

    if suffix in WORD_SUFFIXES:
        document = convert_docx(source, save)
        html, title, lost = document.html, document.title, document.lost
        date, address = today, None
        source_text = source.name
    else:
        article = read_article(source, save, url)
        html, title, lost = article.html, article.title, article.lost
        date, address = article.date or today, article.url
        source_text = address or source.name
    title, html = titled_body(html, title)
    body = html_to_markdown(html)
    title = title or source.stem
    fields = {"title": title, "date": date, "source": source_text}
    if notice:
        fields["category"] = category
    out.parent.mkdir(parents=True, exist_ok=True)
    for link, data in staged.items():
        store(out.parent, data, link.rpartition(".")[2])
    # Imported prose gets the site's Chinese typesetting, so the new page passes `check` at once
    text, _ = CopyChecker(out.parent, None).fix(with_front_matter(fields, body), out.name)
    out.write_text(text, encoding="utf-8")
    return ImportedPage(out, title, len(saved), lost)


def store_later(staged: dict[str, bytes], data: bytes, ext: str) -> str:
    """The link `store` will give `data`; the file is written once the whole import succeeded."""
    link = asset_link(data, ext)
    staged[link] = data
    return link
