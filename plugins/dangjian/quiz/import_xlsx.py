"""Read questions from an Excel sheet: header row 题型/题干/选项A…H/答案/解析/分值/难度/标签."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ..core.messages import msg
from .importers import OPTION_LETTERS, Imported, Skipped, build_question, question_type

HEADERS = {
    "题型": "type",
    "题干": "stem",
    "题目": "stem",
    "答案": "answer",
    "正确答案": "answer",
    "解析": "explanation",
    "答案解析": "explanation",
    "分值": "score",
    "难度": "difficulty",
    "标签": "tags",
}


def _column(name: Any) -> str | None:
    text = str(name or "").strip().replace(" ", "")
    if text in HEADERS:
        return HEADERS[text]
    letter = text.removeprefix("选项").upper()
    if len(letter) == 1 and letter in OPTION_LETTERS:
        return "option:" + letter
    return None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_xlsx(path: Path) -> Imported:
    """Every data row of the first sheet; empty rows are ignored, bad ones listed as skipped."""
    # openpyxl is the maintained pure-Python reader for .xlsx; read-only mode streams rows
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = {index: _column(name) for index, name in enumerate(header)}
        found = set(columns.values())
        result = Imported(title=path.stem)
        if not {"type", "stem", "answer"} <= found:
            result.skipped.append(Skipped("第 1 行", msg("quiz_import_no_header")))
            return result
        for number, row in enumerate(rows, start=2):
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
