"""Study plans: schema, item kinds, due dates inside the period, and missing targets."""

from __future__ import annotations

import datetime as dt

from dangjian.year.plans import check_targets, material_uri, parse_plan, topic_folder

GOOD = """title: 12 月学习计划
from: 2026-12-01
to: 2026-12-31
audience: 全体党员
items:
  - material: dangzhang/zonggang
    due: 2026-12-10
  - topic: baomi
    due: 2026-12-20
    required: false
  - quiz: dangzhang-jichu
    pass: 80
    due: 2026-12-25
  - text: 交学习心得
    due: 2026-12-28
"""


def parse(text: str):
    return parse_plan("content/plans/2026/p.yml", "plans/2026/p.yml", text)


def test_plan_parses_items_with_lines() -> None:
    plan, errors = parse(GOOD)
    assert errors == []
    assert (plan.id, plan.start, plan.end) == ("p", dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert [(i.kind, i.target, i.line) for i in plan.items] == [
        ("material", "dangzhang/zonggang", 6),
        ("topic", "baomi", 8),
        ("quiz", "dangzhang-jichu", 11),
        ("text", "交学习心得", 14),
    ]
    assert [i.required for i in plan.items] == [True, False, True, True]
    assert [i.pass_mark for i in plan.items][2] == 80
    assert plan.is_current(dt.date(2026, 12, 5)) and not plan.is_current(dt.date(2027, 1, 1))


def test_due_outside_period_and_to_before_from() -> None:
    text = "title: x\nfrom: 2026-12-01\nto: 2026-11-01\nitems:\n  - text: a\n    due: 2027-01-05\n"
    plan, errors = parse(text)
    assert plan is None
    assert [(e.line, e.message) for e in errors] == [
        (3, "to 早于 from"),
        (5, "第 1 项任务的截止日期 2027-01-05 不在计划期间 2026-12-01 至 2026-11-01 内"),
    ]


def test_item_needs_exactly_one_kind_and_a_due_date() -> None:
    text = (
        "title: x\nfrom: 2026-12-01\nto: 2026-12-31\nitems:\n"
        "  - material: a\n    topic: b\n    due: 2026-12-02\n"
        "  - text: c\n"
        "  - quiz: d\n    pass: 120\n    due: 2026-12-03\n"
        "  - 只写了文字\n"
    )
    plan, errors = parse(text)
    assert plan is None
    assert [(e.line, e.key) for e in errors] == [(5, None), (8, "due"), (9, "pass"), (12, None)]
    assert "material、topic、quiz 或 text" in errors[0].message
    assert "0 到 100" in errors[2].message
    assert "第 4 项任务" in errors[3].message


def test_plan_without_items_or_title() -> None:
    plan, errors = parse("from: 2026-12-01\nto: 2026-12-31\n")
    assert plan is None
    assert {e.key for e in errors} == {"title", "items"}
    _, errors = parse("- a\n- b\n")
    assert errors[0].message == "学习计划文件必须是“键: 值”的形式"


def test_bad_yaml_names_the_line() -> None:
    _, errors = parse("title: x\nitems: [\n")
    assert errors and errors[0].line >= 2


def test_missing_targets_are_reported_with_item_lines() -> None:
    plan, _ = parse(GOOD)
    errors = check_targets(
        "content/plans/2026/p.yml",
        plan,
        study_dir="study",
        materials={"study/dangzhang/zonggang.md"},
        topics=set(),
        banks={"other"},
    )
    assert [(e.line, e.message) for e in errors] == [
        (8, "第 2 项任务：专题不存在：baomi"),
        (11, "第 3 项任务：题库不存在：dangzhang-jichu"),
    ]
    assert str(errors[0]).startswith("content/plans/2026/p.yml:8: ")


def test_targets_accept_full_paths() -> None:
    assert material_uri("study/a/b.md", "study") == "study/a/b.md"
    assert material_uri("a/b", "study") == "study/a/b.md"
    assert topic_folder("study/a/index.md", "study") == "study/a"
    assert topic_folder("a", "study") == "study/a"
