"""Parse and validate one question-bank YAML file: text in, `QuestionBank` and errors out.

Pure functions that know nothing of MkDocs; every error names file:line and the question id.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from ..core.errors import ContentError
from ..core.frontmatter import MAX_YAML_TEXT, Entry, construct, load_yaml_nodes
from ..core.messages import msg
from ..core.publishing import FIELDS as PUBLISHING_FIELDS
from ..core.publishing import Publishing
from ..core.schema import (
    Field,
    Invalid,
    choice,
    to_bool,
    to_int,
    to_number,
    to_text,
    to_text_list,
    validate,
)
from .model import (
    DEFAULT_PASS,
    DEFAULT_SCORE,
    DIFFICULTIES,
    JUDGE_FALSE,
    JUDGE_TRUE,
    MODES,
    OPTION_KEYS,
    TYPES,
    Question,
    QuestionBank,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$", re.IGNORECASE)
SPLIT_RE = re.compile(r"\s*[|｜]\s*")


def to_id(key: str, value: Any) -> str:
    text = to_text(key, value)
    if not ID_RE.match(text):
        raise Invalid(msg("quiz_bad_id", key=key, value=text))
    return text


def to_percent(key: str, value: Any) -> float:
    number = to_number(key, value)
    if number > 100:
        raise Invalid(msg("quiz_pass_over", value=value))
    return number


def to_minutes(key: str, value: Any) -> int:
    number = to_int(key, value)
    if number <= 0:
        raise Invalid(msg("negative", key=key))
    return number


def to_difficulty(key: str, value: Any) -> str:
    text = to_text(key, value).lower()
    if text not in DIFFICULTIES:
        raise Invalid(msg("bad_choice", key=key, choices="易/中/难", value=text))
    return DIFFICULTIES[text]


BANK_FIELDS = (
    Field("id", to_id, required=True),
    Field("title", to_text, required=True),
    Field("description", to_text, default=""),
    Field("source", to_text),
    Field("mode", choice(MODES), default="practice"),
    Field("pass_score", to_percent, default=DEFAULT_PASS),
    Field("time_limit", to_minutes),
    Field("shuffle", to_bool, default=True),
    Field("questions", lambda key, value: value, required=True),
    *PUBLISHING_FIELDS,
)

QUESTION_FIELDS = (
    Field("id", to_id, required=True),
    Field("type", lambda key, value: value, required=True),
    Field("stem", to_text, required=True),
    Field("options", lambda key, value: value),
    Field("answer", lambda key, value: value),
    Field("explanation", to_text, default=""),
    Field("score", to_number, default=DEFAULT_SCORE),
    Field("difficulty", to_difficulty),
    Field("tags", to_text_list, default=list),
    Field("source", to_text),
)


def _entries(node: MappingNode, offset: int) -> tuple[dict[str, Entry], dict[str, Node]]:
    """Entries with file lines, and the raw value nodes for keys that need them."""
    entries: dict[str, Entry] = {}
    nodes: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = str(construct(key_node))
        if key in entries:
            continue
        entries[key] = Entry(
            construct(value_node), key_node.start_mark.line + offset, value_node.start_mark.column
        )
        nodes[key] = value_node
    return entries, nodes


# A bank file holds at most MAX_YAML_TEXT characters: ~250 per question in our samples,
# ~350 with longer explanations
BANK_MAX_QUESTIONS = 3000


def bank_size_limit(size: int) -> dict[str, object]:
    """Values for the "bank too large" message: its size, the limit, questions that fit."""
    return {
        "size": f"{size:,} 个字符",
        "limit": f"{MAX_YAML_TEXT:,} 个字符",
        "questions": BANK_MAX_QUESTIONS,
    }


def parse_bank(
    path: str, src_uri: str, text: str
) -> tuple[QuestionBank | None, list[ContentError]]:
    """Parse a bank file. Returns the bank (None if unusable) and every problem found."""
    if len(text) > MAX_YAML_TEXT:
        too_large = msg("quiz_bank_too_large", **bank_size_limit(len(text)))
        return None, [ContentError(path, 1, message=too_large)]
    root, errors = load_yaml_nodes(path, text)
    if errors:
        return None, errors
    if not isinstance(root, MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        return None, [ContentError(path, line, message=msg("quiz_not_mapping"))]
    entries, nodes = _entries(root, 1)
    values, errors = validate(path, entries, BANK_FIELDS, known=frozenset())
    if any(e.level == "error" and e.key == "id" for e in errors):
        return None, errors
    bank = QuestionBank(
        id=values["id"],
        title=values["title"] or values["id"],
        path=path,
        src_uri=src_uri,
        description=values["description"] or "",
        source=values["source"],
        mode=values["mode"] or "practice",
        pass_score=values["pass_score"] if values["pass_score"] is not None else DEFAULT_PASS,
        time_limit=values["time_limit"],
        shuffle=values["shuffle"] if values["shuffle"] is not None else True,
        source_line=entries["source"].line if "source" in entries else 1,
        publishing=Publishing(bool(values["draft"]), values["publish"]),
    )
    questions = nodes.get("questions")
    if questions is None:
        return bank, errors
    if not isinstance(questions, SequenceNode):
        errors.append(
            ContentError(path, entries["questions"].line, message=msg("quiz_questions_not_list"))
        )
        return bank, errors
    if not questions.value:
        errors.append(
            ContentError(path, entries["questions"].line, message=msg("quiz_no_questions"))
        )
    seen: dict[str, int] = {}
    for number, node in enumerate(questions.value, start=1):
        question, problems = parse_question(path, node, number)
        errors += problems
        if question is None:
            qid = _raw_id(node)
            if qid and qid not in seen:
                seen[qid] = node.start_mark.line + 1
            continue
        if question.id in seen:
            errors.append(
                ContentError(
                    path,
                    question.line,
                    key="id",
                    message=msg(
                        "quiz_duplicate_question",
                        id=question.id,
                        other=f"{path}:{seen[question.id]}",
                    ),
                )
            )
            continue
        seen[question.id] = question.line
        bank.questions.append(question)
    return bank, errors


def _raw_id(node: Node) -> str | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if construct(key_node) == "id" and isinstance(construct(value_node), str | int):
                return str(construct(value_node))
    return None


def parse_question(
    path: str, node: Node, number: int
) -> tuple[Question | None, list[ContentError]]:
    """Parse one item of `questions`; `number` is its position, used until the id is known."""
    line = node.start_mark.line + 1
    if not isinstance(node, MappingNode):
        return None, [
            ContentError(path, line, message=msg("quiz_question_not_mapping", number=number))
        ]
    entries, nodes = _entries(node, 1)
    values, errors = validate(path, entries, QUESTION_FIELDS, known=frozenset(), first_line=line)
    qid = values["id"] or f"第{number}题"
    errors = [_with_id(e, qid) for e in errors]
    kind = values["type"]
    type_line = entries["type"].line if "type" in entries else line
    if kind is not None:
        kind = str(kind).strip()
        kind = {v: k for k, v in TYPES.items()}.get(kind, kind)
        if kind not in TYPES:
            errors.append(
                ContentError(
                    path,
                    type_line,
                    key="type",
                    message=msg("quiz_unknown_type", id=qid, value=kind),
                )
            )
            return None, errors
    if values["id"] is None or kind is None or values["stem"] is None:
        return None, errors
    question = Question(
        id=qid,
        type=kind,
        stem=values["stem"],
        explanation=values["explanation"] or "",
        score=values["score"] if values["score"] is not None else DEFAULT_SCORE,
        difficulty=values["difficulty"],
        tags=values["tags"] or [],
        source=values["source"],
        line=line,
        source_line=entries["source"].line if "source" in entries else line,
    )
    option_line = entries["options"].line if "options" in entries else line
    answer_line = entries["answer"].line if "answer" in entries else line
    if kind in ("single", "multiple"):
        question.options, problems = _options(path, qid, kind, nodes.get("options"), option_line)
        errors += problems
        answer, more = _choice_answer(path, question, values["answer"], answer_line)
        # An answer cannot be checked against options that are themselves wrong
        problems = (
            more
            if not problems
            else [e for e in more if e.key != "answer" or "选项" not in e.message]
        )
    elif kind == "judge":
        if "options" in entries:
            errors.append(_warn(path, option_line, qid, "quiz_options_not_allowed", TYPES[kind]))
        answer, problems = _judge_answer(path, qid, values["answer"], answer_line)
    else:
        if "options" in entries:
            errors.append(_warn(path, option_line, qid, "quiz_options_not_allowed", TYPES[kind]))
        answer, problems = _fill_answer(path, qid, values["answer"], answer_line)
    errors += problems
    question.answer = answer
    has_errors = any(e.level == "error" for e in errors)
    return (None if has_errors else question), errors


def _with_id(error: ContentError, qid: str) -> ContentError:
    if error.message.startswith("题目"):
        return error
    return ContentError(
        error.path, error.line, error.column, error.key, f"题目 {qid}：{error.message}", error.level
    )


def _warn(path: str, line: int, qid: str, key: str, type_name: str) -> ContentError:
    return ContentError(
        path, line, key="options", message=msg(key, id=qid, type=type_name), level="warning"
    )


def _options(
    path: str, qid: str, kind: str, node: Node | None, line: int
) -> tuple[list[tuple[str, str]], list[ContentError]]:
    """Options as a mapping `A: text` or a list (keys A, B, … in order)."""
    name = TYPES[kind]
    if node is None or (isinstance(node, MappingNode | SequenceNode) and not node.value):
        return [], [
            ContentError(
                path, line, key="options", message=msg("quiz_no_options", id=qid, type=name)
            )
        ]
    options: list[tuple[str, str, int]] = []
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            options.append(
                (
                    str(construct(key_node)).strip().upper(),
                    construct(value_node),
                    key_node.start_mark.line + 1,
                )
            )
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            key = OPTION_KEYS[index] if index < len(OPTION_KEYS) else str(index + 1)
            options.append((key, construct(item), item.start_mark.line + 1))
    else:
        return [], [
            ContentError(
                path,
                line,
                key="options",
                message=msg("wrong_type", key="options", expected="选项列表", actual=node.value),
            )
        ]
    errors: list[ContentError] = []
    result: list[tuple[str, str]] = []
    for key, value, option_line in options:
        if value is None or not str(value).strip() or isinstance(value, list | dict):
            errors.append(
                ContentError(
                    path,
                    option_line,
                    key="options",
                    message=msg("quiz_empty_option", id=qid, option=key),
                )
            )
            continue
        result.append((key, str(value).strip()))
    if len(options) < 2:
        errors.append(
            ContentError(path, line, key="options", message=msg("quiz_few_options", id=qid))
        )
    return result, errors


def _choice_answer(
    path: str, question: Question, value: Any, line: int
) -> tuple[list[str] | None, list[ContentError]]:
    qid = question.id
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [ContentError(path, line, key="answer", message=msg("quiz_no_answer", id=qid))]
    if isinstance(value, list):
        keys = [str(v).strip().upper() for v in value]
    else:
        keys = [c for c in re.sub(r"[\s,，、]", "", str(value)).upper()]
    shown = "".join(keys)
    known = [key for key, _ in question.options]
    errors: list[ContentError] = []
    for key in keys:
        if key not in known:
            errors.append(
                ContentError(
                    path,
                    line,
                    key="answer",
                    message=msg(
                        "quiz_answer_not_option", id=qid, answer=key, options="、".join(known)
                    ),
                )
            )
    if question.type == "single" and len(set(keys)) > 1:
        errors.append(
            ContentError(
                path,
                line,
                key="answer",
                message=msg("quiz_single_many", id=qid, count=len(set(keys)), answer=shown),
            )
        )
    if question.type == "multiple" and len(set(keys)) < 2:
        errors.append(
            ContentError(
                path, line, key="answer", message=msg("quiz_multiple_one", id=qid, answer=shown)
            )
        )
    return sorted(set(keys)), errors


def judge_value(value: Any) -> bool | None:
    """True/False for any accepted spelling of a judge answer, else None."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in JUDGE_TRUE:
        return True
    if text in JUDGE_FALSE:
        return False
    return None


def _judge_answer(
    path: str, qid: str, value: Any, line: int
) -> tuple[bool | None, list[ContentError]]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [ContentError(path, line, key="answer", message=msg("quiz_no_answer", id=qid))]
    verdict = judge_value(value)
    if verdict is None:
        return None, [
            ContentError(
                path, line, key="answer", message=msg("quiz_bad_judge", id=qid, answer=value)
            )
        ]
    return verdict, []


def split_accepted(value: Any) -> list[str]:
    """Accepted answers of one blank: a list, or a text with alternatives split by `|`."""
    items = value if isinstance(value, list) else SPLIT_RE.split(str(value))
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def _fill_answer(
    path: str, qid: str, value: Any, line: int
) -> tuple[list[list[str]] | None, list[ContentError]]:
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        return None, [ContentError(path, line, key="answer", message=msg("quiz_no_answer", id=qid))]
    blanks = value if isinstance(value, list) else [value]
    result: list[list[str]] = []
    errors: list[ContentError] = []
    for index, blank in enumerate(blanks, start=1):
        accepted = split_accepted(blank) if blank is not None else []
        if not accepted:
            errors.append(
                ContentError(
                    path, line, key="answer", message=msg("quiz_fill_empty", id=qid, blank=index)
                )
            )
        result.append(accepted)
    return result, errors
