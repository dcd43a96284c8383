"""Read questions written the common Word/text way.

    一、单项选择题（每题 2 分）
    1. 党的最高理想和最终目标是实现（ C ）。
    A. 两年或三年  B. 三年至五年  C. 五年  D. 四年
    【答案】B          ← or in the stem's brackets, or in a key at the end
    【解析】……
    参考答案：1.C 2.B 3.ABC

Sections (一、单选题 / 二、多选题 / 三、判断题 / 四、填空题) set the type of the questions below;
without a section the type follows from the options and the answer. Fill-in answers stand in
the blank's brackets（共产主义）or underlined (`__共产主义__`); the importer leaves `____`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.messages import msg
from .importers import Imported, Skipped, build_question, question_type
from .model import OPTION_KEYS
from .parse import judge_value

SECTION_RE = re.compile(
    r"^(?P<num>[一二三四五六七八九十]+\s*[、.．]\s*)?(?P<name>\S+?题)\s*(?:[（(].*)?$"
)
QUESTION_RE = re.compile(r"^(\d+)\s*[.．、)）]\s*(.*)$")
OPTION_RE = re.compile(r"(?:^|\s)([A-Ha-h])\s*[.．、:：)）]\s*")
ANSWER_RE = re.compile(r"^[【\[]?\s*(?:正确|参考)?答案\s*[】\]]?\s*[:：]?\s*(.*)$")
EXPLAIN_RE = re.compile(r"^[【\[]?\s*(?:答案)?解析\s*[】\]]?\s*[:：]?\s*(.*)$")
SCORE_RE = re.compile(r"^[【\[]?\s*分值\s*[】\]]?\s*[:：]?\s*(\S+)")
# The answer key at the end: "参考答案：1.C 2.B 3.ABC" (the pairs may also follow on later lines)
KEY_HEAD_RE = re.compile(
    r"^[【\[]?\s*(?:参考答案|答案)(?:及解析|与解析)?\s*[】\]]?\s*[:：]?\s*(.*)$"
)
KEY_PAIR_RE = re.compile(
    r"(\d+)\s*[.．、:：]\s*(.+?)(?=\s*[,，;；、]?\s*\d+\s*[.．、:：]|\s*[;；。]?\s*$)"
)
# Brackets that may hold an answer, and underlined text (from Word: `__答案__`)
BRACKET_RE = re.compile(r"[（(]\s*([^（）()]*?)\s*[）)]")
UNDERLINE_RE = re.compile(r"(?<!_)__(?!_)([^_]+?)(?<!_)__(?!_)")
KEY_SECTION_RE = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
BLANK = "____"


@dataclass
class _Draft:
    line: int
    number: int
    section: int
    kind: str | None
    raw_type: str
    stem: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    answer: str = ""
    explanation: list[str] = field(default_factory=list)
    score: str | None = None
    part: str = "stem"


def split_options(text: str) -> list[tuple[str, str]]:
    """`A. 甲  B. 乙` → [(A, 甲), (B, 乙)]; the text must start with an option letter."""
    marks = list(OPTION_RE.finditer(text))
    found = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        found.append((mark.group(1).upper(), text[mark.end() : end].strip()))
    return found


def _letters(text: str) -> str | None:
    letters = re.sub(r"[\s,，、]", "", text).upper()
    return letters if letters and all(c in OPTION_KEYS for c in letters) else None


def answer_in_stem(stem: str, kind: str | None, has_options: bool) -> tuple[str, str, str | None]:
    """Find an answer written into the stem; return (stem with blanks, answer, inferred kind).

    Choice and judge answers sit in the last bracket that holds only letters or √/×;
    fill-in answers are every non-empty bracket (or underline) of a fill-in question.
    """
    if kind in ("single", "multiple") or (kind is None and has_options):
        for match in reversed(list(BRACKET_RE.finditer(stem))):
            letters = _letters(match.group(1))
            if letters:
                guess = kind or ("multiple" if len(set(letters)) > 1 else "single")
                return stem[: match.start()] + "（ ）" + stem[match.end() :], letters, guess
        return stem, "", kind
    if kind in (None, "judge"):
        for match in reversed(list(BRACKET_RE.finditer(stem))):
            if match.group(1) and judge_value(match.group(1)) is not None:
                cut = (stem[: match.start()] + stem[match.end() :]).strip()
                return cut, match.group(1), "judge"
        if kind == "judge":
            return stem, "", kind
    blanks: list[str] = []

    def blank(match: re.Match[str]) -> str:
        blanks.append(match.group(1).strip())
        return BLANK

    filled = UNDERLINE_RE.sub(blank, stem)
    if not blanks:
        filled = BRACKET_RE.sub(lambda m: blank(m) if m.group(1).strip() else m.group(0), stem)
    if blanks:
        return filled, "；".join(blanks), "fill"
    return stem, "", kind


def read_answer_key(line: str) -> dict[int, str]:
    """`1.C 2.B 3.ABC` → {1: 'C', 2: 'B', 3: 'ABC'}."""
    return {int(m.group(1)): m.group(2).strip() for m in KEY_PAIR_RE.finditer(line)}


class _Reader:
    """One pass over the lines; questions are built at the end, once the answer key is known."""

    def __init__(self, name: str) -> None:
        self.result = Imported(title=name)
        self.drafts: list[_Draft] = []
        self.kind: str | None = None
        self.raw_type = ""
        self.section = 0
        self.seen_section = False
        # Answer key: by (section, number) when it repeats the sections, else by number
        self.in_key = False
        self.key_section = 0
        self.key: dict[tuple[int, int], str] = {}

    @property
    def draft(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts and self.drafts[-1].part != "closed" else None

    def close(self) -> None:
        if self.draft is not None:
            self.draft.part = "closed"

    def section_heading(self, line: str) -> bool:
        match = SECTION_RE.match(line)
        if not match or (not match.group("num") and question_type(match.group("name")) is None):
            return False
        self.close()
        if self.in_key:
            self.key_section += 1
            return True
        self.raw_type = match.group("name")
        self.kind = question_type(self.raw_type)
        self.section += 1
        self.seen_section = True
        return True

    def answer_key(self, line: str) -> bool:
        head = KEY_HEAD_RE.match(line)
        if self.in_key:
            if KEY_SECTION_RE.match(line):
                self.key_section += 1
            pairs = read_answer_key(line)
            for number, answer in pairs.items():
                self.key[(self.key_section, number)] = answer
            return bool(pairs)
        if not head:
            return False
        rest = head.group(1)
        draft = self.draft
        starts_key = line.lstrip("【[").startswith("参考答案") and not rest
        if read_answer_key(rest) or starts_key or (not rest and (draft is None or draft.answer)):
            self.close()
            self.in_key = True
            for number, answer in read_answer_key(rest).items():
                self.key[(0, number)] = answer
            return True
        return False

    def read(self, number: int, line: str) -> None:
        if self.section_heading(line) or self.answer_key(line):
            return
        draft = self.draft
        question = QUESTION_RE.match(line)
        if question and (draft is None or draft.part != "explanation" or draft.answer):
            self.close()
            kind, raw = self.kind, self.raw_type or ""
            self.drafts.append(
                _Draft(number, int(question.group(1)), self.section, kind, raw, [question.group(2)])
            )
            return
        if draft is None:
            if not self.seen_section and not self.drafts and number <= 3:
                self.result.title = line
            else:
                where = f"第 {number} 行"
                self.result.skipped.append(
                    Skipped(where, msg("quiz_skip_orphan", where=where, text=line[:20]))
                )
            return
        answer, explain, score = ANSWER_RE.match(line), EXPLAIN_RE.match(line), SCORE_RE.match(line)
        if answer:
            draft.answer = answer.group(1).strip()
            draft.part = "answer"
        elif explain:
            draft.explanation.append(explain.group(1))
            draft.part = "explanation"
        elif score:
            draft.score = score.group(1)
        elif draft.part in ("stem", "options") and OPTION_RE.match(line) and split_options(line):
            draft.options += split_options(line)
            draft.part = "options"
        elif draft.part == "options":
            key, value = draft.options[-1]
            draft.options[-1] = (key, value + line)
        elif draft.part == "explanation":
            draft.explanation.append(line)
        elif draft.part == "stem":
            draft.stem.append(line)

    def keyed_answer(self, draft: _Draft) -> str:
        sections = {s for s, _ in self.key}
        if sections - {0}:  # the key repeats the sections: match them by order
            return self.key.get((draft.section, draft.number), "")
        return self.key.get((0, draft.number), "")

    def build(self, draft: _Draft) -> None:
        stem, answer, kind = "\n".join(draft.stem).strip(), draft.answer, draft.kind
        if not answer:
            stem_blanks, answer, guessed = answer_in_stem(stem, kind, bool(draft.options))
            if answer:
                stem, kind = stem_blanks, guessed
            answer = answer or self.keyed_answer(draft)
        if kind is None and not draft.raw_type.strip("（）") and answer:
            letters = _letters(answer) if draft.options else None
            if letters:
                kind = "multiple" if len(set(letters)) > 1 else "single"
            elif judge_value(answer) is not None:
                kind = "judge"
            elif not draft.options:
                kind = "fill"
        item, skipped = build_question(
            f"第 {draft.line} 行",
            kind,
            draft.raw_type or "（没有题型标题）",
            stem,
            draft.options,
            answer,
            "\n".join(draft.explanation).strip(),
            draft.score,
        )
        if skipped:
            self.result.skipped.append(skipped)
        elif item:
            self.result.questions.append(item)


def read_text(name: str, text: str) -> Imported:
    """Questions from text; every question is imported or named with its line and reason."""
    reader = _Reader(name)
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip().replace("\u3000", " ")
        if line:
            reader.read(number, line)
    for draft in reader.drafts:
        reader.build(draft)
    reader.result.skipped.sort(key=lambda s: int(re.sub(r"\D", "", s.where) or 0))
    return reader.result
