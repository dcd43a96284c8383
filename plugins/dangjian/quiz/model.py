"""The quiz domain: `QuestionBank` and `Question`, as parsed from an editor's YAML file."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.publishing import Publishing

# Question types, with the Chinese names editors and members see
TYPES: dict[str, str] = {"single": "单选", "multiple": "多选", "judge": "判断", "fill": "填空"}
MODES: dict[str, str] = {"practice": "练习", "exam": "考试"}
# Keys of options given as a list, and the letters members see beside (shuffled) options
OPTION_KEYS = "ABCDEFGH"
# How a judge answer reads to members
JUDGE_NAMES: dict[bool, str] = {True: "正确", False: "错误"}
# A question's points and a bank's pass mark (percent) when the editor gives none
DEFAULT_SCORE = 1.0
DEFAULT_PASS = 60.0
DIFFICULTIES: dict[str, str] = {
    "1": "易",
    "2": "中",
    "3": "难",
    "易": "易",
    "中": "中",
    "难": "难",
    "easy": "易",
    "medium": "中",
    "hard": "难",
}
# Accepted spellings of judge answers (YAML booleans arrive as bool)
JUDGE_TRUE = frozenset({"true", "正确", "对", "√", "✓", "是", "t", "yes"})
JUDGE_FALSE = frozenset({"false", "错误", "错", "×", "✗", "x", "否", "f", "no"})


@dataclass
class Question:
    """One question. `answer` is option keys (single/multiple), a bool (judge),
    or one list of accepted texts per blank (fill)."""

    id: str
    type: str
    stem: str
    options: list[tuple[str, str]] = field(default_factory=list)
    answer: list[str] | bool | list[list[str]] | None = None
    explanation: str = ""
    score: float = DEFAULT_SCORE
    difficulty: str | None = None
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    line: int = 1
    source_line: int = 1


@dataclass
class QuestionBank:
    """One bank file under `content/quizzes/`."""

    id: str
    title: str
    path: str
    src_uri: str
    description: str = ""
    source: str | None = None
    mode: str = "practice"
    pass_score: float = DEFAULT_PASS
    time_limit: int | None = None
    shuffle: bool = True
    questions: list[Question] = field(default_factory=list)
    line: int = 1
    source_line: int = 1
    # draft / publish date: withheld banks are left out of the build (core/publishing.py)
    publishing: Publishing = field(default_factory=Publishing)

    @property
    def total_score(self) -> float:
        return sum(q.score for q in self.questions)

    def count(self, kind: str) -> int:
        return sum(1 for q in self.questions if q.type == kind)
