"""Importers: Excel rows and Word-style text become a valid bank; bad rows are listed."""

from __future__ import annotations

from pathlib import Path

import yaml
from dangjian.cli import main
from dangjian.quiz.import_text import read_text
from dangjian.quiz.import_xlsx import read_xlsx
from dangjian.quiz.parse import parse_bank
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]
HEADER = [
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "答案",
    "解析",
    "分值",
    "难度",
    "标签",
]


def workbook(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_xlsx_rows_and_skips(tmp_path: Path):
    path = workbook(
        tmp_path / "t.xlsx",
        [
            ["单选", "题一", "甲", "乙", "丙", "", "b", "解析一", 2, "难", "党章，党史"],
            ["多选", "题二", "甲", "乙", "丙", "丁", "A C D", "", None, None, None],
            ["判断", "题三", None, None, None, None, "√", None, None, None, None],
            ["填空", "题四", None, None, None, None, "绿色；共享|分享", None, None, None, None],
            [None] * 11,
            ["问答", "题五", None, None, None, None, "随便", None, None, None, None],
            ["单选", "", "甲", "乙", None, None, "A", None, None, None, None],
            ["单选", "题七", "甲", "乙", None, None, None, None, None, None, None],
            ["单选", "题八", "甲", "乙", None, None, "E", None, None, None, None],
            ["判断", "题九", None, None, None, None, "也许", None, None, None, None],
            ["多选", "题十", None, None, None, None, "AB", None, None, None, None],
            ["单选", "题十一", "甲", "乙", None, None, "AB", None, None, None, None],
            ["填空", "题十二", None, None, None, None, 3, None, None, None, None],
        ],
    )
    result = read_xlsx(path)
    assert [str(s) for s in result.skipped] == [
        "第 7 行：题型“问答”无法识别（可写 单选/多选/判断/填空）",
        "第 8 行：缺少题干",
        "第 9 行：缺少答案",
        "第 10 行：答案“E”不在选项中",
        "第 11 行：判断题答案“也许”应为 正确/错误/对/错/√/×",
        "第 12 行：选择题缺少选项",
        "第 13 行：单选题给了多个答案“AB”",
    ]
    first, second, third, fourth, fifth = result.questions
    assert first == {
        "type": "single",
        "stem": "题一",
        "options": {"A": "甲", "B": "乙", "C": "丙"},
        "answer": "B",
        "explanation": "解析一",
        "score": 2,
        "difficulty": "难",
        "tags": ["党章", "党史"],
    }
    assert second["answer"] == "ACD" and third["answer"] == "正确"
    assert fourth["answer"] == ["绿色", "共享|分享"] and fifth["answer"] == ["3"]


def test_xlsx_without_header(tmp_path: Path):
    book = Workbook()
    book.active.append(["随便", "什么"])
    book.save(tmp_path / "x.xlsx")
    assert [str(s) for s in read_xlsx(tmp_path / "x.xlsx").skipped] == [
        "第 1 行不是表头（需要 题型、题干、答案 等列）"
    ]


TEXT = """\
党章知识测试

一、单选题
1. 现行党章有几章？（ ）
A. 九章  B. 十章
C. 十一章  D. 十二章
【答案】C
【解析】总纲和
十一章。
2. 没有答案的题
A. 甲
B. 乙
二、多项选择题
1. 选甲丙
A、甲
B、乙
C、丙
答案：AC
三、判断题
1. 党章是根本大法。
【答案】对
2. 判断不清
【答案】可能
四、填空题
1. 创新、协调、____、开放、____
【答案】绿色；共享
五、简答题
1. 谈谈体会
【答案】略
"""


def test_text_sections_questions_and_skips():
    result = read_text("t", TEXT)
    assert result.title == "党章知识测试"
    assert [str(s) for s in result.skipped] == [
        "第 10 行：缺少答案",
        "第 22 行：判断题答案“可能”应为 正确/错误/对/错/√/×",
        "第 28 行：题型“简答题”无法识别（可写 单选/多选/判断/填空）",
    ]
    single, multiple, judge, fill = result.questions
    assert single["options"] == {"A": "九章", "B": "十章", "C": "十一章", "D": "十二章"}
    assert single["answer"] == "C" and single["explanation"] == "总纲和\n十一章。"
    assert multiple == {
        "type": "multiple",
        "stem": "选甲丙",
        "options": {"A": "甲", "B": "乙", "C": "丙"},
        "answer": "AC",
    }
    assert judge["answer"] == "正确" and fill["answer"] == ["绿色", "共享"]


def test_cli_import_writes_a_valid_bank_and_lists_skips(tmp_path: Path, capsys):
    source = tmp_path / "shiti.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "quizzes" / "dangzhang.yml"
    assert main(["quiz", "import", str(source), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "第 10 行：缺少答案" in captured.err and "已导入 4 道题" in captured.err
    bank, errors = parse_bank(str(out), "quizzes/dangzhang.yml", out.read_text(encoding="utf-8"))
    assert [e for e in errors if e.level == "error"] == []
    assert bank.id == "dangzhang" and bank.title == "党章知识测试"
    assert [q.id for q in bank.questions] == [
        "dangzhang-001",
        "dangzhang-002",
        "dangzhang-003",
        "dangzhang-004",
    ]
    # Never overwrites without --force
    assert main(["quiz", "import", str(source), "-o", str(out)]) == 2
    assert main(["quiz", "import", str(source), "-o", str(out), "--force"]) == 0


def test_cli_import_bad_inputs(tmp_path: Path, capsys):
    assert main(["quiz", "import", str(tmp_path / "nope.xlsx")]) == 2
    (tmp_path / "a.doc").write_bytes(b"x")
    assert main(["quiz", "import", str(tmp_path / "a.doc")]) == 2
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip")
    assert main(["quiz", "import", str(tmp_path / "fake.xlsx")]) == 1
    (tmp_path / "gbk.txt").write_bytes("一、单选题\n1. 题\n".encode("gbk"))
    assert main(["quiz", "import", str(tmp_path / "gbk.txt")]) == 1
    err = capsys.readouterr().err
    assert "找不到要导入的文件" in err and "不支持的文件类型" in err and "无法读取" in err
    assert "不是 UTF-8 编码" in err and "Traceback" not in err


def test_shipped_template_and_sample_import_cleanly(tmp_path: Path):
    files = ROOT / "content" / "guide" / "files"
    for name in ("tiku-moban.xlsx", "tiku-shili.txt"):
        out = tmp_path / (Path(name).stem + ".yml")
        assert main(["quiz", "import", str(files / name), "-o", str(out)]) == 0
        data = yaml.safe_load(out.read_text(encoding="utf-8"))
        types = {q["type"] for q in data["questions"]}
        assert types == {"single", "multiple", "judge", "fill"}
