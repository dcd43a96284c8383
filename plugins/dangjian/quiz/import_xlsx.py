"""Read questions from an Excel sheet: header row 题型/题干/选项A…H/答案/解析/分值/难度/标签.

A workbook is a zip of XML from whoever filled it in, so its declared sizes are checked
before anything is decompressed, the sheet is streamed, and rows, columns and cells are capped.
Exam platforms name the same columns differently (试题类型, 试题内容, A…H, 正确答案, 答案解析);
`HEADERS` maps every name we have seen to one column, and the header may follow a title row.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ..core.archive import InflateLimits, inflate_problems
from ..core.messages import msg
from .import_text import split_options
from .importers import Imported, Skipped, build_question, question_type
from .model import OPTION_KEYS
from .parse import BANK_MAX_QUESTIONS

# A 3,000-question workbook is a few MB of XML; ordinary XML compresses below 30:1
XLSX_LIMITS = InflateLimits(
    entries=1000, entry_bytes=32 * 1024**2, total_bytes=64 * 1024**2, ratio=100
)
MAX_ROWS = BANK_MAX_QUESTIONS  # data rows below the header: one bank file's worth
MAX_COLUMNS = 32  # 题型, 题干, 选项A…H, 答案, 解析, 分值, 难度, 标签 and room for notes
MAX_CELL_CHARS = 10_000


class ImportLimitError(ValueError):
    """The workbook is larger than an import may be; the message names the limit."""


HEADERS = {
    "题型": "type",
    "类型": "type",
    "试题类型": "type",
    "题目类型": "type",
    "题干": "stem",
    "题目": "stem",
    "试题": "stem",
    "试题内容": "stem",
    "题目内容": "stem",
    "答案": "answer",
    "正确答案": "answer",
    "参考答案": "answer",
    "标准答案": "answer",
    "解析": "explanation",
    "答案解析": "explanation",
    "试题解析": "explanation",
    "分值": "score",
    "分数": "score",
    "难度": "difficulty",
    "标签": "tags",
    "知识点": "tags",
    # All options in one cell: "A.甲 B.乙", one per line, or separated by |
    "选项": "options",
    "选项内容": "options",
    "备选答案": "options",
}
# Rows above the header (a sheet title, a note) that are passed over
HEADER_SEARCH_ROWS = 5


def _column(name: Any) -> str | None:
    text = "".join(str(name or "").split()).strip("*＊:：")
    if text in HEADERS:
        return HEADERS[text]
    letter = text.removeprefix("选项").removesuffix("选项").upper()
    if len(letter) == 1 and letter in OPTION_KEYS:
        return "option:" + letter
    return None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def options_in_one_cell(text: str) -> list[tuple[str, str]]:
    """`A.甲 B.乙`, `A.甲|B.乙` or one option a line → [(A, 甲), (B, 乙)]."""
    return split_options(" ".join(part.strip() for part in re.split(r"[|｜\n]", text)))


def _find_header(rows: Iterator[tuple]) -> tuple[int, dict[int, str | None] | None]:
    """The header's row number and its columns, from the first rows (a title may come first)."""
    for number, row in enumerate(rows, start=1):
        columns = {index: _column(name) for index, name in enumerate(row or ())}
        if {"type", "stem", "answer"} <= set(columns.values()):
            return number, columns
        if number >= HEADER_SEARCH_ROWS:
            break
    return 1, None


def read_xlsx(path: Path) -> Imported:
    """Every data row of the first sheet; empty rows are ignored, bad ones listed as skipped."""
    check_sizes(path)
    # openpyxl is the maintained pure-Python reader for .xlsx; read-only mode streams rows
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        # One row past the limit is read, so that a longer sheet is refused, not cut short
        rows = sheet.iter_rows(
            max_row=HEADER_SEARCH_ROWS + MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True
        )
        result = Imported(title=path.stem)
        header_row, columns = _find_header(rows)
        if columns is None:
            result.skipped.append(Skipped("第 1 行", msg("quiz_import_no_header")))
            return result
        for number, row in enumerate(rows, start=header_row + 1):
            _check_row(path, number - header_row, number, row)
            values: dict[str, Any] = {}
            options: list[tuple[str, str]] = []
            for index, value in enumerate(row):
                name = columns.get(index)
                if name is None:
                    continue
                if name.startswith("option:"):
                    if _cell(value):
                        options.append((name[7:], _cell(value)))
                else:
                    values[name] = value
            if not options and _cell(values.get("options")):
                options = options_in_one_cell(_cell(values["options"]))
            if not any(_cell(v) for v in values.values()) and not options:
                continue
            where = f"第 {number} 行"
            raw_type = _cell(values.get("type"))
            item, skipped = build_question(
                where,
                question_type(raw_type),
                raw_type,
                _cell(values.get("stem")),
                sorted(options),
                values.get("answer"),
                _cell(values.get("explanation")),
                values.get("score"),
                _cell(values.get("difficulty")),
                _cell(values.get("tags")),
            )
            if skipped:
                result.skipped.append(skipped)
            elif item:
                result.questions.append(item)
        return result
    finally:
        book.close()


def check_sizes(path: Path) -> None:
    """Refuse a workbook whose central directory promises too much. Raises `ImportLimitError`.

    Nothing is decompressed here; `zipfile` never inflates an entry past its declared size.
    """
    with zipfile.ZipFile(path) as archive:
        problems = inflate_problems(archive.infolist(), XLSX_LIMITS)
    if problems:
        raise ImportLimitError(msg("quiz_import_limit", path=path.name, problem=problems[0]))


def _check_row(path: Path, data_row: int, number: int, row: tuple[Any, ...]) -> None:
    if data_row > MAX_ROWS and any(_cell(value) for value in row):
        problem = msg("quiz_import_rows", limit=MAX_ROWS)
        raise ImportLimitError(msg("quiz_import_limit", path=path.name, problem=problem))
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problem = msg("quiz_import_cell", row=number, column=column, limit=MAX_CELL_CHARS)
            raise ImportLimitError(msg("quiz_import_limit", path=path.name, problem=problem))
