"""Compare Word converters on documents written with python-docx: mammoth (what `dangjian
import` uses, with our Markdown step) and pandoc (if installed), output side by side and time.

    .venv/bin/python benchmarks/docx_converters.py [--show]

Documents: headings with a table, lists, footnotes and two pictures; Word-numbered headings
with a merged table cell; a text box, a comment and tracked changes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dangjian.importer.tomarkdown import html_to_markdown  # noqa: E402
from dangjian.importer.word import convert_docx  # noqa: E402
from docx import Document  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

from tests.importer.documents import marked_up_document, study_document  # noqa: E402


def numbered_document(path: Path) -> Path:
    """Headings numbered by Word itself (numbering of "List Number"), and a merged cell."""
    document = Document()
    num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    for text, level in (("总体要求", 1), ("学习内容", 1), ("党章", 2), ("报告", 2), ("要求", 1)):
        heading = document.add_heading(text, level=level)
        heading._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/>'
                f'<w:numId w:val="{num_id}"/></w:numPr>'
            )
        )
        document.add_paragraph("正文段落。")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并的表头"
    table.cell(0, 2).text = "备注"
    for row in (1, 2):
        for column in range(3):
            table.cell(row, column).text = f"{row}-{column}"
    document.save(path)
    return path


def mammoth_markdown(path: Path) -> str:
    return html_to_markdown(convert_docx(path, lambda data, ext: f"img/x.{ext}").html)


def pandoc_markdown(path: Path) -> str:
    done = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "gfm", str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout


def median_ms(convert, path: Path, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        convert(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print both outputs")
    args = parser.parse_args()
    converters = {"mammoth": mammoth_markdown}
    if shutil.which("pandoc"):
        converters["pandoc"] = pandoc_markdown
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        documents = (
            study_document(folder / "study.docx"),
            numbered_document(folder / "numbered.docx"),
            marked_up_document(folder / "marked.docx"),
        )
        for document in documents:
            for name, convert in converters.items():
                print(f"{document.name:15} {name:8} {median_ms(convert, document):7.0f} ms")
                if args.show:
                    print(convert(document))


if __name__ == "__main__":
    main()
