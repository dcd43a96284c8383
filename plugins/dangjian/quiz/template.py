"""The Excel template editors fill in for `dangjian quiz import` (one example row per type)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HEADER = [
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "选项E",
    "答案",
    "解析",
    "分值",
    "难度",
    "标签",
]
EXAMPLES = [
    [
        "单选",
        "现行党章由总纲和多少章条文组成？",
        "九章",
        "十章",
        "十一章",
        "十二章",
        "",
        "C",
        "现行党章由总纲和十一章条文组成。",
        1,
        "易",
        "党章",
    ],
    [
        "多选",
        "“三会一课”中的“三会”是指哪些会议？",
        "支部党员大会",
        "支部委员会会议",
        "党小组会",
        "职工代表大会",
        "",
        "ABC",
        "“一课”是党课。",
        2,
        "中",
        "组织生活",
    ],
    [
        "判断",
        "预备党员享有表决权。",
        "",
        "",
        "",
        "",
        "",
        "错误",
        "预备党员没有表决权、选举权和被选举权。",
        1,
        "中",
        "党章",
    ],
    [
        "填空",
        "新发展理念是指创新、协调、____、开放、____的发展理念。",
        "",
        "",
        "",
        "",
        "",
        "绿色；共享",
        "多个空用“；”分隔，同一空的几种写法用“|”分隔。",
        1,
        "易",
        "二十大",
    ],
    [
        "填空",
        "中共一大最后一天的会议转移到浙江嘉兴____的游船上举行。",
        "",
        "",
        "",
        "",
        "",
        "南湖|嘉兴南湖",
        "",
        1,
        "",
        "党史",
    ],
]
# Fixed document dates keep the template byte-stable between runs
STAMP = dt.datetime(2026, 1, 1)


def write_template(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append(HEADER)
    for row in EXAMPLES:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FDE2E2")
    widths = {"A": 8, "B": 48, "H": 14, "I": 40, "J": 6, "K": 6, "L": 12}
    for column in "CDEFG":
        widths[column] = 16
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    for line in (
        ["题型", "单选、多选、判断、填空"],
        [
            "答案",
            "单选写一个字母（B）；多选连写（ABC）；判断写 正确/错误/对/错/√/×；填空多个空用“；”分隔，同一空的几种写法用“|”分隔",
        ],
        ["选项", "单选、多选至少两个选项，最多到选项H；判断、填空不填选项"],
        ["分值、难度、标签", "可不填。难度写 易/中/难；标签之间用逗号分隔"],
        ["导入", "dangjian quiz import 本文件.xlsx -o content/quizzes/题库id.yml"],
    ):
        notes.append(line)
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 90
    book.properties.created = STAMP
    book.properties.modified = STAMP
    book.properties.creator = "dangjian"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
