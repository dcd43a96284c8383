"""Word documents and images made in the tests: headings, a table, lists, footnotes, pictures.

python-docx writes everything but footnotes; those are added to the package afterwards, as
Word itself stores them (a footnotes part and a `w:footnoteReference` run).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid PNG of one colour."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def footnote_ref(paragraph, number: int) -> None:
    run = parse_xml(
        f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )
    paragraph._p.append(run)


def add_footnotes(path: Path, notes: dict[int, str]) -> None:
    """Add a footnotes part holding `notes` (id → text) to the saved document at `path`."""
    items = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
        for number, text in notes.items()
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        f"</w:r></w:p></w:footnote>{items}</w:footnotes>"
    )
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rel = f'<Relationship Id="rIdFoot1" Type="{FOOTNOTES_TYPE}" Target="footnotes.xml"/>'
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CONTENT}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    parts["word/footnotes.xml"] = footnotes.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def study_document(path: Path, *, title: str = "学习贯彻党的二十大精神") -> Path:
    """A Word study material: title, numbered headings, a table, lists, footnotes, two images."""
    document = Document()
    document.core_properties.title = title
    document.add_heading("一、总体要求", level=1)
    intro = document.add_paragraph("全面学习、")
    intro.add_run("准确把握").bold = True
    intro.add_run("党的二十大精神。")
    footnote_ref(intro, 1)
    document.add_picture(io.BytesIO(png(40, 20, (200, 30, 30))), width=Cm(4))
    document.add_heading("二、学习安排", level=1)
    document.add_heading("（一）学习方式", level=2)
    for step in ("个人自学", "集中研讨", "专题党课"):
        document.add_paragraph(step, style="List Number")
    for point in ("原原本本学", "联系实际学"):
        document.add_paragraph(point, style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate(
        (("时间", "内容", "形式"), ("3月", "党章", "自学"), ("4月", "报告", "研讨"))
    ):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    closing = document.add_paragraph("请各支部按时报送学习情况。")
    footnote_ref(closing, 2)
    document.add_picture(io.BytesIO(png(30, 30, (30, 30, 200))), width=Cm(3))
    document.save(path)
    add_footnotes(path, {1: "见《中国共产党章程》。", 2: "报送至党委办公室。"})
    return path


def marked_up_document(path: Path) -> Path:
    """A document with what a web page cannot keep: a text box, a comment, tracked changes."""
    document = Document()
    document.add_heading("会议纪要", level=1)
    paragraph = document.add_paragraph("会议由书记主持。")
    document.add_comment(paragraph.runs, text="请核对主持人", author="审核")
    paragraph._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="1" w:author="张" w:date="2026-03-01T00:00:00Z">'
            "<w:r><w:t>全体党员参加。</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="2" w:author="张" w:date="2026-03-01T00:00:00Z">'
            "<w:r><w:delText>删去的话。</w:delText></w:r></w:del>"
        )
    )
    box = document.add_paragraph()
    box._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
            "<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的提示</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.save(path)
    return path
