"""Word (.docx) to HTML with mammoth, and a report of what a web page cannot keep.

mammoth is pure Python (installed with dangjian, no system program) and maps Word's styles to
plain HTML: headings, lists, tables, bold, footnotes, images (handed to us to store by hash).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import mammoth
from lxml import etree
from lxml import html as lxml_html

from ..core.messages import msg
from .assets import sniff

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

# Word's title style becomes the page's heading; underline is kept (fill-in answers in banks)
STYLE_MAP = "p[style-name='Title'] => h1:fresh\nu => u"

# A .docx is a zip from elsewhere: its declared sizes are checked before anything inflates.
# Word files with many photos reach tens of MB; XML compresses about 10x, never 100x.
MAX_DOCX_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100

_UNRECOGNISED = re.compile(r"Unrecognised (paragraph|run|table) style: '([^']*)'")


class WordError(Exception):
    """The file is not a Word document we can read; carries the Chinese message."""


@dataclass
class WordDocument:
    """A converted document: body HTML, its title, and notes on what was not kept."""

    html: str
    title: str = ""
    lost: list[str] = field(default_factory=list)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise WordError(msg("import_docx_unreadable", path=path.name, reason=exc)) from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    inflated = any(
        info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if total > MAX_DOCX_BYTES or inflated:
        archive.close()
        raise WordError(msg("import_docx_too_large", path=path.name, limit=MAX_DOCX_BYTES >> 20))
    return archive


def _title(archive: zipfile.ZipFile) -> str:
    try:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return ""
    found = core.find(DC_TITLE)
    return " ".join((found.text or "").split()) if found is not None else ""


def _count(archive: zipfile.ZipFile, part: str, tag: str) -> int:
    try:
        root = etree.fromstring(archive.read(part))
    except (KeyError, etree.XMLSyntaxError):
        return 0
    return sum(1 for _ in root.iter(W + tag))


def lost_features(archive: zipfile.ZipFile) -> list[str]:
    """What the page cannot keep as Word shows it: text boxes, comments, tracked changes."""
    lost = []
    boxes = _count(archive, "word/document.xml", "txbxContent")
    if boxes:
        lost.append(msg("import_lost_textbox", count=boxes))
    comments = _count(archive, "word/comments.xml", "comment")
    if comments:
        lost.append(msg("import_lost_comments", count=comments))
    changes = _count(archive, "word/document.xml", "ins") + _count(
        archive, "word/document.xml", "del"
    )
    if changes:
        lost.append(msg("import_lost_revisions", count=changes))
    return lost


def convert_docx(path: Path, save_image: Callable[[bytes, str], str]) -> WordDocument:
    """Convert `path`; `save_image(data, ext)` stores a picture and returns its link."""
    with _open(path) as archive:
        title = _title(archive)
        lost = lost_features(archive)

    def image(element: mammoth.documents.Image) -> dict[str, str]:
        with element.open() as stream:
            data = stream.read()
        hint = (element.content_type or "").rpartition("/")[2]
        ext = sniff(data, hint)
        if ext is None:
            lost.append(msg("import_lost_image", kind=element.content_type or "?"))
            return {}
        return {"src": save_image(data, ext), "alt": element.alt_text or ""}

    try:
        with path.open("rb") as stream:
            result = mammoth.convert_to_html(
                stream, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(image)
            )
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise WordError(msg("import_docx_unreadable", path=path.name, reason=exc)) from None
    styles = sorted({m.group(2) for m in map(_UNRECOGNISED.search, _messages(result)) if m})
    if styles:
        lost.append(msg("import_lost_styles", styles="、".join(styles)))
    return WordDocument(result.value, title, lost)


def _messages(result: mammoth.results.Result) -> list[str]:
    return [message.message for message in result.messages]


def docx_text(path: Path) -> str:
    """The document as plain lines (for question banks): one paragraph, list item or cell a line.

    Numbered lists get their numbers back ("1. "), underlined words stay marked (`__答案__`).
    """
    document = convert_docx(path, lambda data, ext: "")
    tree = lxml_html.fragment_fromstring(document.html or "<p></p>", create_parent="div")
    for underline in tree.iter("u"):
        underline.text = f"__{underline.text or ''}"
        if len(underline):
            last = underline[-1]
            last.tail = (last.tail or "") + "__"
        else:
            underline.text += "__"
    for ordered in tree.iter("ol"):
        for number, item in enumerate(ordered.findall("li"), start=1):
            item.text = f"{number}. {item.text or ''}"
    lines = []
    for block in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"):
        if block.tag in ("li", "td", "th") and block.find("p") is not None:
            continue
        text = " ".join(block.text_content().split())
        if block.tag == "p" and block.getparent() is not None and block.getparent().tag == "li":
            text = (block.getparent().text or "") + text
        if text:
            lines.append(text)
    return "\n".join(lines) + "\n"
