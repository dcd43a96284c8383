"""Bank schema and validation messages: file:line, question id, all problems together."""

from __future__ import annotations

import textwrap

from dangjian.quiz.model import QuestionBank
from dangjian.quiz.parse import parse_bank

from .conftest import BANK


def parse(text: str) -> tuple[QuestionBank | None, list[str]]:
    bank, errors = parse_bank("content/quizzes/x.yml", "quizzes/x.yml", textwrap.dedent(text))
    return bank, [str(e) for e in errors if e.level == "error"]


def test_valid_bank_reads_all_types():
    bank, errors = parse(BANK)
    assert errors == []
    assert [q.type for q in bank.questions] == ["single", "multiple", "judge", "fill"]
    single, multiple, judge, fill = bank.questions
    assert single.options == [("A", "九章"), ("B", "十一章")] and single.answer == ["B"]
    assert multiple.options[2] == ("C", "丙") and multiple.answer == ["A", "C"]
    assert judge.answer is True
    assert fill.answer == [["绿色"], ["共享", "分享"]]
    assert bank.mode == "practice" and bank.pass_score == 60
    assert single.line == 6


def test_chinese_type_names_and_judge_spellings():
    bank, errors = parse(
        """\
        id: b
        title: t
        questions:
          - {id: q1, type: 判断, stem: s, answer: ×}
          - {id: q2, type: 判断, stem: s, answer: 对}
        """
    )
    assert errors == []
    assert [q.answer for q in bank.questions] == [False, True]


BROKEN = """\
id: broken
title: 坏题库
questions:
  - id: q1
    type: single
    stem: 答案不在选项里
    options: {A: 甲, B: 乙}
    answer: E
  - id: q2
    type: single
    stem: 单选多个答案
    options: {A: 甲, B: 乙}
    answer: AB
  - id: q3
    type: multiple
    stem: 选项为空
    options: {A: 甲, B: ""}
    answer: AB
  - id: q4
    type: fill
    stem: 填空没有答案
    answer: []
  - id: q5
    type: essay
    stem: 未知题型
  - id: q1
    type: judge
    stem: 重复 id
    answer: 正确
  - id: q7
    type: judge
    stem: 判断答案不对
    answer: 也许
  - id: q8
    type: single
    stem: 没有选项
    answer: A
"""


def test_every_problem_is_reported_with_line_and_id():
    bank, errors = parse(BROKEN)
    assert bank is not None
    path = "content/quizzes/x.yml"
    expected = [
        f"{path}:8: 题目 q1：答案“E”不在选项中（可选：A、B）",
        f"{path}:13: 题目 q2：单选题只能有一个答案，实际有 2 个（AB）",
        f"{path}:17: 题目 q3：选项 B 为空",
        f"{path}:22: 题目 q4：缺少答案 answer",
        f"{path}:24: 题目 q5：未知题型“essay”（可选：single 单选、multiple 多选、judge 判断、fill 填空）",
        f"{path}:33: 题目 q7：判断题答案只能是 正确/错误（true/false），实际是“也许”",
        f"{path}:34: 题目 q8：单选题缺少选项",
        f"{path}:26: 题目 id “q1”重复（另见 {path}:4）",
    ]
    for line in expected:
        assert line in errors, (line, errors)
    assert sorted(errors) == sorted(expected)
    assert bank.questions == []


def test_fill_blank_without_accepted_answer():
    _, errors = parse(
        """\
        id: b
        title: t
        questions:
          - id: f1
            type: fill
            stem: 两个空
            answer: [甲, "  "]
        """
    )
    assert errors == ["content/quizzes/x.yml:7: 题目 f1：填空题第 2 空没有可接受的答案"]


def test_bank_level_problems():
    bank, errors = parse(
        """\
        id: Bad Id
        title: t
        questions: []
        """
    )
    assert bank is None
    assert errors == [
        "content/quizzes/x.yml:1: id 只能由小写字母、数字和连字符组成，实际是“Bad Id”"
    ]
    _, errors = parse("id: b\ntitle: t\npass_score: 120\nmode: test\nquestions: 3\n")
    assert (
        "content/quizzes/x.yml:3: pass_score 是百分制及格线，应在 0 到 100 之间，实际是 120"
        in errors
    )
    assert "content/quizzes/x.yml:4: mode 只能是 practice/exam 之一，实际是“test”" in errors
    assert any(e.startswith("content/quizzes/x.yml:5: questions 应为题目列表") for e in errors)


def test_yaml_syntax_error_names_the_line():
    _, errors = parse("id: b\ntitle: t\nquestions:\n  - id: q1\n    stem: a: b\n")
    assert len(errors) == 1 and errors[0].startswith("content/quizzes/x.yml:5:")
    assert "YAML 格式错误" in errors[0]


def test_yaml_aliases_are_refused():
    _, errors = parse("id: b\ntitle: &t t\nquestions: []\n")
    assert errors and "别名" in errors[0]
