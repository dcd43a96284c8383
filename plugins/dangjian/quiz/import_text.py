"""Read questions written the common Word/text way.

    一、单选题
    1. 题干（ ）
    A. 选项  B. 选项
    【答案】B
    【解析】……

Sections (一、单选题 / 二、多选题 / 三、判断题 / 四、填空题) set the type of the questions below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.messages import msg
from .importers import Imported, Skipped, build_question, question_type

SECTION_RE = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(\S+?题)\s*(?:[（(].*)?$")
QUESTION_RE = re.compile(r"^(\d+)\s*[.．、)）]\s*(.*)$")
OPTION_RE = re.compile(r"(?:^|\s)([A-Ha-h])\s*[.．、:：)）]\s*")
ANSWER_RE = re.compile(r"^[【\[]?\s*(?:正确)?答案\s*[】\]]?\s*[:：]?\s*(.*)$")
EXPLAIN_RE = re.compile(r"^[【\[]?\s*(?:答案)?解析\s*[】\]]?\s*[:：]?\s*(.*)$")
SCORE_RE = re.compile(r"^[【\[]?\s*分值\s*[】\]]?\s*[:：]?\s*(\S+)")


@dataclass
class _Draft:
    line: int
    kind: str | None
    raw_type: str
    stem: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    answer: str = ""
    explanation: list[str] = field(default_factory=list)
    score: str | None = None
    part: str = "stem"


def _options(text: str) -> list[tuple[str, str]]:
    """`A. 甲  B. 乙` → [(A, 甲), (B, 乙)]; the text must start with an option letter."""
    marks = list(OPTION_RE.finditer(text))
    found = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        found.append((mark.group(1).upper(), text[mark.end() : end].strip()))
    return found


def read_text(name: str, text: str) -> Imported:
    result = Imported(title=name)
    kind: str | None = None
    raw_type = ""
    draft: _Draft | None = None
    seen_section = False

    def finish() -> None:
        if draft is None:
            return
        item, skipped = build_question(
            f"第 {draft.line} 行",
            draft.kind,
            draft.raw_type,
            "\n".join(draft.stem).strip(),
            draft.options,
            draft.answer,
            "\n".join(draft.explanation).strip(),
            draft.score,
        )
        if skipped:
            result.skipped.append(skipped)
        elif item:
            result.questions.append(item)

    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip().replace("\u3000", " ")
        if not line:
            continue
        section = SECTION_RE.match(line)
        if section:
            finish()
            draft = None
            raw_type = section.group(1)
            kind = question_type(raw_type)
            seen_section = True
            continue
        question = QUESTION_RE.match(line)
        if question and (draft is None or draft.part != "explanation" or draft.answer):
            finish()
            draft = _Draft(number, kind, raw_type or "（没有题型标题）", [question.group(2)])
            continue
        answer = ANSWER_RE.match(line)
        explain = EXPLAIN_RE.match(line)
        score = SCORE_RE.match(line)
        if draft is None:
            if not seen_section and not result.questions and number <= 3:
                result.title = line
            else:
                result.skipped.append(
                    Skipped(
                        f"第 {number} 行",
                        msg("quiz_skip_orphan", where=f"第 {number} 行", text=line[:20]),
                    )
                )
            continue
        if answer:
            draft.answer = answer.group(1).strip()
            draft.part = "answer"
        elif explain:
            draft.explanation.append(explain.group(1))
            draft.part = "explanation"
        elif score:
            draft.score = score.group(1)
        elif draft.part in ("stem", "options") and OPTION_RE.match(line) and _options(line):
            draft.options += _options(line)
            draft.part = "options"
        elif draft.part == "options":
            key, value = draft.options[-1]
            draft.options[-1] = (key, value + line)
        elif draft.part == "explanation":
            draft.explanation.append(line)
        elif draft.part == "stem":
            draft.stem.append(line)
    finish()
    return result
