"""The study-material, notice and topic schemas: types, defaults, messages."""

from __future__ import annotations

import datetime as dt

from dangjian.content.model import parse_material, parse_notice, parse_topic, sort_materials


def material(front: str) -> tuple:
    return parse_material("m.md", "study/t/m.md", f"---\n{front}\n---\n正文", topic="专题")


def notice(front: str) -> tuple:
    return parse_notice("n.md", "notices/2026/n.md", f"---\n{front}\n---\n正文")


def messages(errors) -> list[str]:
    return [str(e) for e in errors]


def test_minimal_material_gets_defaults() -> None:
    found, errors = material("title: 学习党章")
    assert errors == []
    assert found.title == "学习党章"
    assert found.topic == "专题"
    assert found.tags == [] and found.required is False and found.hours is None


def test_full_material_is_typed() -> None:
    found, errors = material(
        "title: 甲\ndate: 2026-03-12\norder: 2\ntags: [党章, 理论]\nhours: 1.5\nrequired: true\n"
        "source: 支部\nauthor: 张明\nsummary: 摘要\ntopic: 党章党规"
    )
    assert errors == []
    assert found.date == dt.date(2026, 3, 12)
    assert (found.order, found.hours, found.required) == (2, 1.5, True)
    assert found.tags == ["党章", "理论"] and found.topic == "党章党规"


def test_missing_title() -> None:
    found, errors = material("date: 2026-01-01")
    assert found is None
    assert messages(errors) == ["m.md:1: 缺少必填项 title"]


def test_impossible_date_names_line_and_key() -> None:
    found, errors = material("title: 甲\ndate: 2026-02-30")
    assert found is None
    assert messages(errors) == ["m.md:3: date 不是有效日期：2026-02-30（格式为 YYYY-MM-DD）"]


def test_wrong_types() -> None:
    _, errors = material("title: 甲\norder: 第一\nrequired: 是\nhours: 很多")
    assert messages(errors) == [
        "m.md:3: order 应为整数，实际是“第一”",
        "m.md:4: required 应为 true 或 false，实际是“是”",
        "m.md:5: hours 应为数字，实际是“很多”",
    ]


def test_negative_hours() -> None:
    _, errors = material("title: 甲\nhours: -1")
    assert messages(errors) == ["m.md:3: hours 不能为负数"]


def test_unknown_key_is_a_warning_only() -> None:
    found, errors = material("title: 甲\ncolour: 红")
    assert found is not None
    assert [(e.level, e.line, e.key) for e in errors] == [("warning", 3, "colour")]
    assert "未知的键 colour" in str(errors[0])


def test_material_keys_known_to_mkdocs_are_not_unknown() -> None:
    _, errors = material("title: 甲\nhide: [toc]\ntemplate: main.html")
    assert errors == []


def test_notice_requires_date() -> None:
    found, errors = notice("title: 通知")
    assert found is None
    assert messages(errors) == ["n.md:1: 缺少必填项 date"]


def test_notice_expires_before_date() -> None:
    _, errors = notice("title: 通知\ndate: 2026-03-01\nexpires: 2026-02-01")
    assert messages(errors) == ["n.md:4: expires 早于 date"]


def test_notice_category_must_be_configured() -> None:
    _, errors = notice("title: 通知\ndate: 2026-03-01\ncategory: 新闻")
    assert messages(errors) == ["n.md:4: category 只能是 通知/公告/简报 之一，实际是“新闻”"]


def test_notice_attachments_resolve_relative_to_the_notice() -> None:
    found, errors = notice(
        "title: 通知\ndate: 2026-03-01\nattachments:\n  - file: ../files/a.pdf\n    title: 方案\n"
        "  - b.txt"
    )
    assert errors == []
    assert [(a.src_uri, a.title) for a in found.attachments] == [
        ("notices/files/a.pdf", "方案"),
        ("notices/2026/b.txt", "b.txt"),
    ]
    assert found.category == "通知" and found.pinned is False


def test_dates_in_chinese_form_are_accepted() -> None:
    found, errors = notice("title: 通知\ndate: 2026年3月1日")
    assert errors == [] and found.date == dt.date(2026, 3, 1)


def test_topic_file() -> None:
    topic, errors = parse_topic("_topic.yml", "t", "title: 党章党规\norder: 1\n")
    assert errors == [] and (topic.title, topic.order, topic.slug) == ("党章党规", 1, "t")
    topic, errors = parse_topic("_topic.yml", "t", "order: x\n")
    assert topic is None
    assert messages(errors) == [
        "_topic.yml:1: 缺少必填项 title",
        "_topic.yml:1: order 应为整数，实际是“x”",
    ]


def test_materials_sort_by_order_then_date_then_name() -> None:
    made = []
    for name, front in [
        ("c.md", "title: c\ndate: 2026-01-01"),
        ("b.md", "title: b\norder: 2"),
        ("a.md", "title: a\norder: 1"),
        ("d.md", "title: d\ndate: 2025-01-01"),
        ("e.md", "title: e"),
    ]:
        found, _ = parse_material(name, f"study/t/{name}", f"---\n{front}\n---\n", topic="t")
        made.append(found)
    assert [m.title for m in sort_materials(made)] == ["a", "b", "d", "c", "e"]
