"""The answer codec's shared fixture: answers as editors write them in a bank, what the build
encodes them to, and a right and a wrong response for each, with the constants the catalogue
gives the browser. pytest checks the Python side against it (tests/quiz/test_codec.py) and
`node --test tests/quiz/js` the JavaScript decoder and grading (tests/quiz/js/codec.test.js).

Regenerate after an intended codec or constants change: `.venv/bin/python -m tests.quiz.fixture_codec`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dangjian.quiz.compile import answer_key, browser_constants, encode_answer
from dangjian.quiz.parse import parse_bank

FIXTURE = Path(__file__).parent / "fixtures" / "codec.json"

# Answers in the forms editors write them; each question: (YAML lines, right, wrong response)
BANK = "codec-bank_1"
QUESTIONS: list[tuple[str, str, Any, Any]] = [
    ("single", "answer: B", "B", "A"),
    ("single", "answer: ' c '", "C", "B"),
    ("multiple", "answer: CA", ["C", "A"], ["A"]),
    ("multiple", "answer: [D, A, B]", ["A", "B", "D"], ["A", "B", "C", "D"]),
    ("multiple", "answer: A、C，D", ["D", "C", "A"], ["A", "C"]),
    ("judge", "answer: 对", True, False),
    ("judge", "answer: false", False, True),
    ("judge", "answer: ×", False, None),
    ("fill", "answer: 绿色", ["绿色"], ["红色"]),
    ("fill", "answer: [绿色, 共享|分享]", ["绿色", "分享"], ["绿色", ""]),
    (
        "fill",
        "answer: ['“为人民服务”', 'Ａ\\B \"C\"']",
        ["“为人民服务”", ' a\\b "c" '],
        ["为人民服务", "a\\b"],
    ),
    ("fill", "answer: [1921｜一九二一, 🇨🇳 中国]", ["一九二一", "🇨🇳   中国"], ["1922", "中国"]),
]
OPTIONS = "    options: [甲, 乙, 丙, 丁]\n"


def bank_yaml() -> str:
    lines = [f"id: {BANK}", "title: 编码测试", "questions:"]
    for number, (kind, answer, _right, _wrong) in enumerate(QUESTIONS, start=1):
        lines += [f"  - id: q{number}", f"    type: {kind}", f"    stem: 第 {number} 题"]
        if kind in ("single", "multiple"):
            lines.append(OPTIONS.rstrip("\n"))
        lines.append(f"    {answer}")
    return "\n".join(lines) + "\n"


def fixture() -> dict[str, Any]:
    bank, problems = parse_bank("codec.yml", "quizzes/codec.yml", bank_yaml())
    assert bank is not None and not problems, problems
    cases = []
    for question, (_kind, written, right, wrong) in zip(bank.questions, QUESTIONS, strict=True):
        key = answer_key(bank.id, question.id)
        cases.append(
            {
                "bank": bank.id,
                "id": question.id,
                "type": question.type,
                "written": written,
                "answer": question.answer,
                "k": key,
                "a": encode_answer(question.answer, key),
                "right": right,
                "wrong": wrong,
            }
        )
    return {"constants": browser_constants(), "cases": cases}


def text() -> str:
    return json.dumps(fixture(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(text(), encoding="utf-8")
    print(f"wrote {FIXTURE}")
