"""Study plans: schema, item kinds, due dates inside the period, and missing targets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dangjian.quiz.parse import parse_bank
from dangjian.year.plans import check_targets, material_uri, parse_plan, topic_folder

ROOT = Path(__file__).resolve().parents[2]

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
    assert "material、topic、quiz、paper 或 text" in errors[0].message
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


def sample_banks() -> dict:
    """The sample site's banks: dangzhang-jichu (4 single, 3 judge), zuzhi-baomi (3 and 3)."""
    found = {}
    for name in ("dangzhang-jichu", "zuzhi-baomi"):
        path = ROOT / "content" / "quizzes" / f"{name}.yml"
        bank, errors = parse_bank(str(path), f"quizzes/{name}.yml", path.read_text("utf-8"))
        assert bank, errors
        found[bank.id] = bank
    return found


PAPER_HEAD = "title: x\nfrom: 2026-12-01\nto: 2026-12-31\nitems:\n"


def paper_plan(paper: str):
    """A plan whose one item (line 5) is `paper:` followed by `paper` (lines from 6 on)."""
    plan, errors = parse(
        PAPER_HEAD + "  - paper:\n" + paper + "    pass: 90\n    due: 2026-12-20\n"
    )
    return plan, errors


def check_paper(plan):
    return check_targets(
        "content/plans/2026/p.yml",
        plan,
        study_dir="study",
        materials=set(),
        topics=set(),
        banks=set(sample_banks()),
        question_banks=sample_banks(),
    )


def test_paper_item_gets_a_stable_id_from_banks_draw_and_seed() -> None:
    good = "      banks: [dangzhang-jichu, zuzhi-baomi]\n      draw: {single: 7, judge: 2}\n      seed: 2026\n"
    plan, errors = paper_plan(good)
    assert errors == []
    item = plan.items[0]
    assert (item.kind, item.line, item.pass_mark, item.target) == ("paper", 5, 90, "")
    assert check_paper(plan) == []
    assert item.settings == {
        "banks": ["dangzhang-jichu", "zuzhi-baomi"],
        "draw": {"single": 7, "judge": 2},
        "seed": 2026,
    }
    assert item.target.startswith("paper-") and len(item.target) == len("paper-") + 12
    # The same paper written another way has the same id; another seed or draw does not
    same, _ = paper_plan(
        "      draw: {judge: 2, single: 7}\n      seed: '2026'\n"
        "      banks: [dangzhang-jichu, zuzhi-baomi]\n"
    )
    check_paper(same)
    assert same.items[0].target == item.target
    ids = {item.target}
    for changed in (good.replace("2026", "2027"), good.replace("judge: 2", "judge: 1")):
        other, _ = paper_plan(changed)
        assert check_paper(other) == []
        ids.add(other.items[0].target)
    assert len(ids) == 3
    # One bank may be written as `bank:`
    one, _ = paper_plan("      bank: zuzhi-baomi\n      draw: {judge: 3}\n      seed: a\n")
    assert check_paper(one) == [] and one.items[0].settings["banks"] == ["zuzhi-baomi"]


def test_paper_item_shape_errors_name_their_lines() -> None:
    plan, errors = paper_plan("      bank: zuzhi-baomi\n      mode: exam\n")
    assert plan is None
    assert [(e.line, e.key) for e in errors] == [(5, "draw"), (5, "seed"), (7, "mode")]
    assert errors[0].message.startswith("第 1 项任务：随机组卷要写 draw")
    assert "未知的键 mode" in errors[2].message
    plan, errors = parse(PAPER_HEAD + "  - paper: dangzhang-jichu\n    due: 2026-12-20\n")
    assert plan is None
    assert [(e.line, e.key) for e in errors] == [(5, "paper")]
    assert "paper 应为“键: 值”" in errors[0].message
    assert str(errors[0]).startswith("content/plans/2026/p.yml:5: ")


def test_paper_item_banks_draw_and_seed_are_checked_like_a_quiz_block() -> None:
    plan, _ = paper_plan(
        "      banks: [dangzhang-jichu, nosuch]\n      draw: {single: 1}\n      seed: 1\n"
    )
    errors = check_paper(plan)
    assert [(e.line, e.key) for e in errors] == [(6, "banks")]
    assert errors[0].message.startswith("第 1 项任务（随机组卷）：")
    assert "题库“nosuch”不存在" in errors[0].message
    plan, _ = paper_plan("      bank: zuzhi-baomi\n      draw: {single: 4}\n      seed: 1\n")
    errors = check_paper(plan)
    assert [(e.line, e.key) for e in errors] == [(7, "draw")]
    assert "要抽 4 道单选题，但所选题库只有 3 道" in errors[0].message
    assert plan.items[0].target == ""
    plan, _ = paper_plan("      bank: zuzhi-baomi\n      draw: {single: x}\n      seed: true\n")
    errors = check_paper(plan)
    assert [(e.line, e.key) for e in errors] == [(7, "draw"), (8, "seed")]
    assert "seed 应为整数或文字" in errors[1].message
