"""Question banks in the forms they arrive in: Word-style text, answer keys, .docx, Excel exports."""

from __future__ import annotations

from pathlib import Path

import yaml
from dangjian.cli import main
from dangjian.quiz.import_text import read_text
from dangjian.quiz.import_xlsx import read_xlsx
from dangjian.quiz.parse import parse_bank
from docx import Document
from openpyxl import Workbook

# The most common document form: the answer sits in the stem's brackets
BRACKETS = """\
2026 年第一季度党章党规知识测试

一、单项选择题（每题 2 分，共 4 分）
1. 党的最高理想和最终目标是实现（ C ）。
A. 社会主义  B. 小康社会  C. 共产主义  D. 现代化
2．预备党员的预备期为（B）。
A．半年　　B．一年　　C．两年　　D．三年
二、多项选择题
1. 党的思想路线包括（ABC）
A、一切从实际出发
B、理论联系实际
C、实事求是
D、闭门造车
三、判断题
1. 党员有权参加党的有关会议。（√）
2. 党员可以不交党费。(×)
四、填空题
1. 党的根本宗旨是（全心全意为人民服务）。
2. 党的组织原则是__民主集中制__。
"""

KEYED = """\
一、单选题
1. 基层党组织每几年换届？（ ）
A. 两年或三年  B. 三年至五年  C. 五年  D. 四年
2. 题二（ ）
A. 甲 B. 乙 C. 丙
二、判断题
1. 判断一
2. 判断二
3. 判断三
4. 没有答案的题
三、多选题
1. 多选一
A. 甲 B. 乙 C. 丙
参考答案
一、单选题 1.B 2.C
二、判断题：1.正确 2.错 3.对
三、1.AC
"""


def test_answers_in_brackets_and_sections_decide_types() -> None:
    result = read_text("t", BRACKETS)
    assert result.skipped == []
    assert result.title == "2026 年第一季度党章党规知识测试"
    kinds = [(q["type"], q["answer"]) for q in result.questions]
    assert kinds == [
        ("single", "C"),
        ("single", "B"),
        ("multiple", "ABC"),
        ("judge", "正确"),
        ("judge", "错误"),
        ("fill", ["全心全意为人民服务"]),
        ("fill", ["民主集中制"]),
    ]
    first, second = result.questions[:2]
    assert first["stem"] == "党的最高理想和最终目标是实现（ ）。"
    assert first["options"] == {"A": "社会主义", "B": "小康社会", "C": "共产主义", "D": "现代化"}
    assert second["options"] == {"A": "半年", "B": "一年", "C": "两年", "D": "三年"}
    assert result.questions[3]["stem"] == "党员有权参加党的有关会议。"
    assert result.questions[5]["stem"] == "党的根本宗旨是____。"
    assert result.questions[6]["stem"] == "党的组织原则是____。"


def test_answer_key_at_the_end_by_section_and_number() -> None:
    result = read_text("t", KEYED)
    assert [str(s) for s in result.skipped] == ["第 10 行：缺少答案"]
    assert [(q["type"], q["answer"]) for q in result.questions] == [
        ("single", "B"),
        ("single", "C"),
        ("judge", "正确"),
        ("judge", "错误"),
        ("judge", "正确"),
        ("multiple", "AC"),
    ]
    assert result.questions[0]["options"]["B"] == "三年至五年"


def test_key_without_sections_and_types_inferred() -> None:
    text = "1. 题一（ ）\nA. 甲 B. 乙\n2. 判断\n3. 首都是（ ）\n4. 多选（ ）\nA. 甲 B. 乙 C. 丙\n"
    result = read_text("t", text + "参考答案：1.B 2.× 3.北京 4.AB\n")
    assert result.skipped == []
    assert [(q["type"], q["answer"]) for q in result.questions] == [
        ("single", "B"),
        ("judge", "错误"),
        ("fill", ["北京"]),
        ("multiple", "AB"),
    ]


def test_every_unreadable_question_is_named_with_line_and_reason() -> None:
    text = (
        "一、单选题\n1. 没有选项（A）\n2. 答案不在选项中（E）\nA. 甲 B. 乙\n五、简答题\n1. 谈体会\n"
    )
    result = read_text("t", text)
    assert result.questions == []
    assert [str(s) for s in result.skipped] == [
        "第 2 行：选择题缺少选项",
        "第 3 行：答案“E”不在选项中",
        "第 6 行：题型“简答题”无法识别（可写 单选/多选/判断/填空）",
    ]


def word_bank(path: Path) -> Path:
    """A bank as a Word file: auto-numbered questions, answers in brackets, an underline."""
    document = Document()
    document.add_paragraph("一、单项选择题")
    document.add_paragraph("党的最高理想是实现（ C ）。", style="List Number")
    document.add_paragraph("A. 社会主义  B. 小康社会  C. 共产主义  D. 现代化")
    document.add_paragraph("二、判断题")
    document.add_paragraph("1. 党员应当按期交纳党费。（√）")
    document.add_paragraph("三、填空题")
    fill = document.add_paragraph("1. 党的组织原则是")
    fill.add_run("民主集中制").underline = True
    fill.add_run("。")
    document.save(path)
    return path


def test_docx_bank_imports_with_numbers_and_underlined_answers(tmp_path: Path, capsys) -> None:
    source = word_bank(tmp_path / "shiti.docx")
    out = tmp_path / "quizzes" / "shiti.yml"
    assert main(["quiz", "import", str(source), "-o", str(out)]) == 0
    assert "已导入 3 道题" in capsys.readouterr().err
    bank, errors = parse_bank(str(out), "quizzes/shiti.yml", out.read_text(encoding="utf-8"))
    assert [e for e in errors if e.level == "error"] == []
    assert [(q.type, q.answer) for q in bank.questions] == [
        ("single", ["C"]),
        ("judge", True),
        ("fill", [["民主集中制"]]),
    ]


def test_excel_export_with_aliased_headers_and_a_title_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["2026 年党章知识题库（导出）"])
    sheet.append(["序号", "试题类型", "试题内容", "A", "B", "C", "D", "正确答案", "答案解析"])
    sheet.append([1, "单选题", "预备期为", "半年", "一年", "两年", "三年", "B", "党章第七条"])
    sheet.append(
        [2, "多选题", "思想路线包括", "实事求是", "联系实际", "闭门造车", None, "AB", None]
    )
    sheet.append([3, "判断题", "党员要交党费", None, None, None, None, "正确", None])
    sheet.append([4, "问答题", "谈体会", None, None, None, None, "略", None])
    sheet.append([5, "判断题", "可以不交党费", "正确", "错误", None, None, "B", None])
    book.save(tmp_path / "export.xlsx")
    result = read_xlsx(tmp_path / "export.xlsx")
    assert [str(s) for s in result.skipped] == [
        "第 6 行：题型“问答题”无法识别（可写 单选/多选/判断/填空）"
    ]
    single, multiple, judge, exported_judge = result.questions
    assert exported_judge == {"type": "judge", "stem": "可以不交党费", "answer": "错误"}
    assert single == {
        "type": "single",
        "stem": "预备期为",
        "options": {"A": "半年", "B": "一年", "C": "两年", "D": "三年"},
        "answer": "B",
        "explanation": "党章第七条",
    }
    assert multiple["answer"] == "AB" and judge["answer"] == "正确"

    other = Workbook()
    other.active.append(["题目", "题型", "选项A", "选项B", "参考答案", "解析"])
    other.active.append(["题一", "单选", "甲", "乙", "A", "说明"])
    other.save(tmp_path / "other.xlsx")
    assert read_xlsx(tmp_path / "other.xlsx").questions[0]["answer"] == "A"


def test_excel_with_all_options_in_one_cell(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["题型", "题干", "选项", "答案"])
    book.active.append(["单选", "预备期为", "A.半年 B.一年 C.两年", "B"])
    book.active.append(["多选", "思想路线", "A、实事求是\nB、联系实际\nC、闭门造车", "AB"])
    book.active.append(["单选", "题三", "A.甲|B.乙", "A"])
    book.save(tmp_path / "one-cell.xlsx")
    result = read_xlsx(tmp_path / "one-cell.xlsx")
    assert result.skipped == []
    assert [q["options"] for q in result.questions] == [
        {"A": "半年", "B": "一年", "C": "两年"},
        {"A": "实事求是", "B": "联系实际", "C": "闭门造车"},
        {"A": "甲", "B": "乙"},
    ]


def test_dry_run_counts_by_type_and_writes_nothing(tmp_path: Path, capsys) -> None:
    source = tmp_path / "bank.txt"
    source.write_text(BRACKETS, encoding="utf-8")
    assert main(["quiz", "import", str(source), "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "试运行：可导入 7 道题（单选 2、多选 1、判断 2、填空 2），跳过 0 处" in err
    assert not (tmp_path / "bank.yml").exists()
    assert main(["quiz", "import", str(source)]) == 0
    data = yaml.safe_load((tmp_path / "bank.yml").read_text(encoding="utf-8"))
    assert len(data["questions"]) == 7
