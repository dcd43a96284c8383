"""Turn question lists kept in Excel or in Word/plain text into a bank YAML file.

Each reader returns the questions it could read and one `Skipped` line per row or question it
could not, with the row/line number and the reason, so the editor can fix the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.messages import msg
from .model import DIFFICULTIES, JUDGE_NAMES
from .parse import ID_RE, judge_value

TYPE_NAMES = {
    "单选": "single",
    "单选题": "single",
    "单项选择": "single",
    "单项选择题": "single",
    "多选": "multiple",
    "多选题": "multiple",
    "多项选择": "multiple",
    "多项选择题": "multiple",
    "不定项选择题": "multiple",
    "判断": "judge",
    "判断题": "judge",
    "是非题": "judge",
    "填空": "fill",
    "填空题": "fill",
    "single": "single",
    "multiple": "multiple",
    "judge": "judge",
    "fill": "fill",
}
# Blanks are separated by ；/; and alternatives for one blank by |
BLANK_SPLIT_RE = re.compile(r"\s*[；;]\s*")


@dataclass
class Skipped:
    """A row or question the importer could not read, and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return self.reason


@dataclass
class Imported:
    """What an importer read: a title guess, questions as bank dicts, and what it skipped."""

    title: str = ""
    questions: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def question_type(text: Any) -> str | None:
    name = re.sub(r"\s+", "", str(text or ""))
    return TYPE_NAMES.get(name) or TYPE_NAMES.get(name.lower())


def build_question(
    where: str,
    kind: str | None,
    raw_type: str,
    stem: str,
    options: list[tuple[str, str]],
    answer: Any,
    explanation: str = "",
    score: Any = None,
    difficulty: Any = None,
    tags: Any = None,
) -> tuple[dict[str, Any] | None, Skipped | None]:
    """Check one question read from a row or text block; return it as a bank entry or a skip."""

    def skip(key: str, **values: Any) -> tuple[None, Skipped]:
        return None, Skipped(where, msg(key, where=where, **values))

    if kind is None:
        return skip("quiz_skip_type", value=raw_type)
    stem = (stem or "").strip()
    if not stem:
        return skip("quiz_skip_stem")
    answer_text = "" if answer is None else str(answer).strip()
    if isinstance(answer, float) and answer.is_integer():
        answer_text = str(int(answer))
    if not answer_text:
        return skip("quiz_skip_answer")
    item: dict[str, Any] = {"type": kind, "stem": stem}
    if kind in ("single", "multiple"):
        if len(options) < 2:
            return skip("quiz_skip_options")
        keys = [k for k, _ in options]
        letters = [c for c in re.sub(r"[\s,，、]", "", answer_text).upper()]
        if not letters or any(c not in keys for c in letters):
            return skip("quiz_skip_bad_answer", answer=answer_text)
        if kind == "single" and len(set(letters)) > 1:
            return skip("quiz_skip_single_many", answer=answer_text)
        if kind == "multiple" and len(set(letters)) == 1:
            kind = item["type"] = "single"
        item["options"] = dict(options)
        item["answer"] = "".join(sorted(set(letters)))
    elif kind == "judge":
        # Exam platforms export judgements as options A.正确 B.错误 with the answer "A"
        chosen = dict(options).get(answer_text.upper())
        verdict = judge_value(chosen if chosen else answer_text)
        if verdict is None:
            return skip("quiz_skip_judge", answer=answer_text)
        item["answer"] = JUDGE_NAMES[verdict]
    else:
        blanks = [b for b in BLANK_SPLIT_RE.split(answer_text) if b.strip()]
        if not blanks:
            return skip("quiz_skip_answer")
        item["answer"] = blanks
    if explanation and str(explanation).strip():
        item["explanation"] = str(explanation).strip()
    if score not in (None, ""):
        try:
            number = float(score)
            item["score"] = int(number) if number.is_integer() else number
        except (TypeError, ValueError):
            pass
    if difficulty not in (None, "") and str(difficulty).strip().lower() in DIFFICULTIES:
        item["difficulty"] = DIFFICULTIES[str(difficulty).strip().lower()]
    if tags not in (None, ""):
        found = [t for t in re.split(r"[\s,，、;；]+", str(tags)) if t]
        if found:
            item["tags"] = found
    return item, None


def bank_yaml(imported: Imported, bank_id: str, title: str) -> str:
    """The bank file for `imported`, with question ids `<bank_id>-001`…, ready to edit."""
    questions = []
    for number, item in enumerate(imported.questions, start=1):
        questions.append({"id": f"{bank_id}-{number:03d}", **item})
    data = {
        "id": bank_id,
        "title": title,
        "mode": "practice",
        "pass_score": 60,
        "questions": questions,
    }
    header = "# 由 dangjian quiz import 生成。请补充 description 和各题的 source（出处）。\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)


def bank_id_for(path: Path) -> str:
    stem = path.stem.strip().lower().replace(" ", "-")
    return stem if ID_RE.match(stem) else "imported-bank"
