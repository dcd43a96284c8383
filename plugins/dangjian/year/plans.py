"""Study plans: what the branch asks members to study in a period, item by item.

`parse_plan` is pure: the text of `plans/<year>/<id>.yml` in, a `StudyPlan` and errors out.
Whether an item's material, topic or bank exists is checked by `check_targets`, given the
sets of what the site has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from ..core.errors import ContentError
from ..core.frontmatter import Entry, construct, load_yaml_nodes
from ..core.messages import msg
from ..core.schema import Field, to_bool, to_date, to_int, to_text, validate
from ..quiz.embed import check_settings
from ..quiz.model import QuestionBank

ITEM_KINDS = ("material", "topic", "quiz", "paper", "text")
# What a random paper (随机组卷) item may say, in the quiz block's own words
PAPER_KEYS = ("bank", "banks", "draw", "seed")
DEFAULT_PASS = 60

PLAN_FIELDS = (
    Field("title", to_text, required=True, label="标题"),
    Field("from", to_date, required=True, label="开始日期"),
    Field("to", to_date, required=True, label="结束日期"),
    Field("audience", to_text, label="对象"),
    Field("description", to_text, label="说明"),
)

ITEM_FIELDS = (
    Field("material", to_text, label="学习资料"),
    Field("topic", to_text, label="专题"),
    Field("quiz", to_text, label="题库"),
    Field("text", to_text, label="任务说明"),
    Field("title", to_text, label="显示名称"),
    Field("pass", to_int, label="及格线"),
    Field("due", to_date, required=True, label="截止日期"),
    Field("required", to_bool, default=True, label="必做"),
)


@dataclass
class PlanItem:
    """One task: a material to read, a topic to finish, a bank or random paper to pass, or
    free text. A paper's `target` is empty until `check_targets` has checked its settings."""

    number: int
    line: int
    kind: str
    target: str
    title: str | None
    due: dt.date
    required: bool
    pass_mark: int = DEFAULT_PASS
    paper: dict[str, Entry] | None = None  # the paper's settings as written, with lines
    settings: dict[str, Any] | None = None  # checked: banks, draw, seed


@dataclass
class StudyPlan:
    src_uri: str
    id: str
    title: str
    start: dt.date
    end: dt.date
    audience: str | None
    description: str | None
    items: list[PlanItem] = field(default_factory=list)

    def is_current(self, today: dt.date) -> bool:
        return self.start <= today <= self.end


def _entries(node: MappingNode, offset: int) -> dict[str, Entry]:
    return {
        str(construct(k)): Entry(construct(v), k.start_mark.line + offset, v.start_mark.column + 1)
        for k, v in node.value
    }


def parse_plan(path: str, src_uri: str, text: str) -> tuple[StudyPlan | None, list[ContentError]]:
    """Validate a plan file: title and period required, items each with one kind and a due date."""
    root, errors = load_yaml_nodes(path, text, offset=1)
    if root is None or errors:
        return None, errors or [ContentError(path, 1, message=msg("plan_not_mapping"))]
    if not isinstance(root, MappingNode):
        return None, [ContentError(path, 1, message=msg("plan_not_mapping"))]
    entries = _entries(root, 1)
    values, errors = validate(path, entries, PLAN_FIELDS, known=frozenset({"items"}))
    items_node = next((v for k, v in root.value if construct(k) == "items"), None)
    items: list[PlanItem] = []
    if items_node is None:
        errors.append(ContentError(path, 1, key="items", message=msg("plan_no_items")))
    elif not isinstance(items_node, SequenceNode):
        line = entries["items"].line
        errors.append(ContentError(path, line, key="items", message=msg("plan_items_not_list")))
    else:
        for number, node in enumerate(items_node.value, start=1):
            item, problems = _parse_item(path, number, node)
            errors += problems
            if item:
                items.append(item)
        if not items_node.value:
            errors.append(
                ContentError(path, entries["items"].line, key="items", message=msg("plan_no_items"))
            )
    start, end = values.get("from"), values.get("to")
    if start and end:
        if end < start:
            errors.append(
                ContentError(path, entries["to"].line, key="to", message=msg("plan_to_before_from"))
            )
        for item in items:
            if not start <= item.due <= end:
                errors.append(
                    ContentError(
                        path,
                        item.line,
                        key="due",
                        message=msg(
                            "plan_due_outside",
                            number=item.number,
                            due=item.due.isoformat(),
                            start=start.isoformat(),
                            end=end.isoformat(),
                        ),
                    )
                )
    if any(e.level == "error" for e in errors):
        return None, sorted(errors, key=lambda e: e.line or 0)
    plan = StudyPlan(
        src_uri=src_uri,
        id=posixpath.splitext(posixpath.basename(src_uri))[0],
        title=values["title"],
        start=start,
        end=end,
        audience=values["audience"],
        description=values["description"],
        items=items,
    )
    return plan, sorted(errors, key=lambda e: e.line or 0)


def _parse_item(path: str, number: int, node) -> tuple[PlanItem | None, list[ContentError]]:
    line = node.start_mark.line + 1
    if not isinstance(node, MappingNode):
        return None, [ContentError(path, line, message=msg("plan_item_not_mapping", number=number))]
    values, errors = validate(
        path, _entries(node, 1), ITEM_FIELDS, known=frozenset({"paper"}), first_line=line
    )
    paper_node = next((v for k, v in node.value if construct(k) == "paper"), None)
    paper, problems = _paper_entries(path, number, line, paper_node)
    errors += problems
    kinds = [k for k in ITEM_KINDS if values.get(k) or (k == "paper" and paper_node)]
    if len(kinds) != 1:
        errors.append(ContentError(path, line, message=msg("plan_item_kind", number=number)))
    pass_mark = values.get("pass")
    if pass_mark is not None and not 0 <= pass_mark <= 100:
        errors.append(
            ContentError(
                path,
                line,
                key="pass",
                message=msg("plan_pass_range", number=number, value=pass_mark),
            )
        )
    if any(e.level == "error" for e in errors):
        return None, errors
    kind = kinds[0]
    return (
        PlanItem(
            number=number,
            line=line,
            kind=kind,
            target=values.get(kind) or "",
            title=values["title"],
            due=values["due"],
            required=values["required"],
            pass_mark=DEFAULT_PASS if pass_mark is None else pass_mark,
            paper=paper,
        ),
        errors,
    )


def _paper_entries(
    path: str, number: int, line: int, node
) -> tuple[dict[str, Entry] | None, list[ContentError]]:
    """A paper item's settings: a mapping of bank(s), draw and a fixed seed."""
    if node is None:
        return None, []
    if not isinstance(node, MappingNode):
        return None, [
            ContentError(
                path, line, key="paper", message=msg("plan_paper_not_mapping", number=number)
            )
        ]
    entries = _entries(node, 1)
    errors = [
        ContentError(
            path,
            entry.line,
            key=key,
            message=msg("plan_paper_unknown", number=number, key=key, known="、".join(PAPER_KEYS)),
        )
        for key, entry in entries.items()
        if key not in PAPER_KEYS
    ]
    for key in ("draw", "seed"):
        if key not in entries:
            errors.append(
                ContentError(
                    path, line, key=key, message=msg("plan_paper_missing", number=number, key=key)
                )
            )
    return (None if errors else entries), errors


def paper_id(settings: dict[str, Any]) -> str:
    """A stable id of a paper from its banks, draw and seed: the same paper, the same id."""
    body = {
        "banks": list(settings["banks"]),
        "draw": dict(sorted(settings["draw"].items())),
        "seed": str(settings["seed"]),
    }
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "paper-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def material_uri(target: str, study_dir: str) -> str:
    """`dangzhang/zonggang`, `study/dangzhang/zonggang.md` → `study/dangzhang/zonggang.md`."""
    target = target.strip("/")
    if not target.endswith(".md"):
        target += ".md"
    prefix = study_dir.strip("/") + "/"
    return target if target.startswith(prefix) else prefix + target


def topic_folder(target: str, study_dir: str) -> str:
    """`dangshi` or `study/dangshi` → `study/dangshi`."""
    target = target.strip("/").removesuffix("/index.md")
    prefix = study_dir.strip("/") + "/"
    return target if target.startswith(prefix) else prefix + target


def check_targets(
    path: str,
    plan: StudyPlan,
    *,
    study_dir: str,
    materials: Container[str],
    topics: Container[str],
    banks: Container[str],
    question_banks: dict[str, QuestionBank] | None = None,
) -> list[ContentError]:
    """Items whose material, topic or question bank the site does not have, and random papers
    whose banks, draw or seed do not hold (checked as a quiz block checks them)."""
    errors = []
    for item in plan.items:
        if item.kind == "paper" and item.paper is not None:
            settings, problems = check_settings(path, item.paper, item.line, question_banks or {})
            errors += [
                ContentError(
                    p.path,
                    p.line,
                    p.column,
                    key=p.key,
                    message=msg("plan_paper_problem", number=item.number, problem=p.message),
                )
                for p in sorted(problems, key=lambda e: e.line or 0)
            ]
            if settings is not None:
                item.settings = {k: settings[k] for k in ("banks", "draw", "seed")}
                item.target = paper_id(item.settings)
            continue
        if item.kind == "material" and material_uri(item.target, study_dir) not in materials:
            key = "plan_material_missing"
        elif item.kind == "topic" and topic_folder(item.target, study_dir) not in topics:
            key = "plan_topic_missing"
        elif item.kind == "quiz" and item.target not in banks:
            key = "plan_quiz_missing"
        else:
            continue
        errors.append(
            ContentError(
                path,
                item.line,
                key=item.kind,
                message=msg(key, number=item.number, target=item.target),
            )
        )
    return errors
