"""A web article (a saved page or its .html file) to HTML of its main text, title, date, address.

readability-lxml finds the article among navigation, adverts and comments (the algorithm of
Firefox's reader view); nothing here touches the network: remote pictures are left as links
for `dangjian localize`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lxml_html
from readability import Document

from ..core.messages import msg
from .assets import sniff

DATE_META = (
    "article:published_time",
    "og:published_time",
    "publishdate",
    "pubdate",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
)
_DATE_TEXT = re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
# A saved article is well under 1 MB of HTML; a larger file is not an article page
MAX_PAGE_BYTES = 20 * 1024 * 1024
# Stores a picture's bytes under an extension and returns the page's link to it
Save = Callable[[bytes, str], str]


class PageError(Exception):
    """The page cannot be read or holds no article; carries the Chinese message."""


@dataclass
class Article:
    html: str
    title: str
    date: dt.date | None
    url: str | None
    lost: list[str] = field(default_factory=list)


def decode_page(raw: bytes) -> str:
    """Text of an HTML file: its declared charset, else UTF-8, else GB18030 (older Chinese sites)."""
    declared = _CHARSET.search(raw[:4096])
    for encoding in ([declared.group(1).decode()] if declared else []) + ["utf-8", "gb18030"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", errors="replace")


def _meta(tree: lxml_html.HtmlElement, names: tuple[str, ...]) -> str | None:
    for name in names:
        for element in tree.xpath(
            "//meta[translate(@property,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n"
            " or translate(@name,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n"
            " or @itemprop=$n]",
            n=name,
        ):
            content = (element.get("content") or "").strip()
            if content:
                return content
    return None


def find_date(tree: lxml_html.HtmlElement) -> dt.date | None:
    """Publication date from meta tags, `<time datetime>`, or the first date in the text."""
    candidates = [_meta(tree, (*DATE_META, "datepublished"))]
    candidates += [t.get("datetime") for t in tree.iter("time")]
    body = tree.find("body")
    candidates.append((body if body is not None else tree).text_content()[:5000])
    for text in candidates:
        match = _DATE_TEXT.search(text or "")
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def find_url(tree: lxml_html.HtmlElement) -> str | None:
    for link in tree.xpath("//link[@rel and @href]"):
        if "canonical" in link.get("rel", "").lower().split():
            return link.get("href").strip()
    return _meta(tree, ("og:url",))


def _title(document: Document, tree: lxml_html.HtmlElement) -> str:
    og = _meta(tree, ("og:title",))
    heading = tree.find(".//h1")
    for text in (og, heading.text_content() if heading is not None else None):
        if text and text.strip():
            return " ".join(text.split())
    return " ".join(document.short_title().split())


def _images(
    article: lxml_html.HtmlElement, folder: Path, base: str | None, save: Save
) -> list[str]:
    """Bring pictures of a saved page in from its folder; remote ones stay for `localize`."""
    lost = []
    for image in article.iter("img"):
        src = (
            image.get("src") or image.get("data-src") or image.get("data-original") or ""
        ).strip()
        for attr in ("srcset", "data-src", "data-original", "loading"):
            image.attrib.pop(attr, None)
        parts = urlsplit(src)
        if src.startswith("//"):
            image.set("src", "https:" + src)
        elif parts.scheme in ("http", "https"):
            image.set("src", src)
        elif not parts.scheme and src:
            local = (folder / unquote(parts.path)).resolve()
            ext = (
                sniff(local.read_bytes(), local.suffix.lstrip(".").lower())
                if local.is_file()
                else None
            )
            if ext:
                image.set("src", save(local.read_bytes(), ext))
            elif base:
                image.set("src", urljoin(base, src))
            else:
                lost.append(msg("import_lost_page_image", src=src))
                image.drop_tree()
        else:
            image.drop_tree()
    return lost


def read_article(path: Path, save: Save, url: str | None = None) -> Article:
    """The main article of the page at `path`; `url` wins over the page's own address."""
    if path.stat().st_size > MAX_PAGE_BYTES:
        raise PageError(msg("import_html_too_large", path=path.name, limit=MAX_PAGE_BYTES >> 20))
    try:
        text = decode_page(path.read_bytes())
        tree = lxml_html.document_fromstring(text)
    except (OSError, ValueError) as exc:
        raise PageError(msg("import_html_unreadable", path=path.name, reason=exc)) from None
    address = url or find_url(tree)
    document = Document(text)
    try:
        summary = document.summary(html_partial=True)
    except Exception as exc:  # readability raises its own Unparseable and lxml errors
        raise PageError(msg("import_html_unreadable", path=path.name, reason=exc)) from None
    article = lxml_html.fragment_fromstring(summary, create_parent="div")
    if not article.text_content().strip():
        raise PageError(msg("import_html_no_article", path=path.name))
    title = _title(document, tree)
    # The title is the page's heading: drop the same heading from the body
    for heading in article.xpath(".//h1"):
        if " ".join(heading.text_content().split()) == title:
            heading.drop_tree()
    lost = _images(article, path.parent, address, save)
    html = lxml_html.tostring(article, encoding="unicode")
    return Article(html, title, find_date(tree), address, lost)
