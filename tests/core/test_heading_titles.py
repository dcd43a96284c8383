"""Titles like MkDocs: a material or notice without `title` takes its first `#` heading."""

from __future__ import annotations

from dangjian.content.model import parse_material, parse_notice
from dangjian.core.markdown import first_heading


def material(text: str) -> tuple:
    return parse_material("m.md", "study/t/m.md", text, topic="专题")


def test_material_without_front_matter_takes_first_heading() -> None:
    found, errors = material("导语\n\n# 第 12 期 学习简报 {#top}\n\n正文\n\n# 第二个标题\n")
    assert errors == []
    assert found.title == "第 12 期 学习简报"


def test_front_matter_title_wins_over_heading() -> None:
    found, errors = material("---\ntitle: 学习党章\n---\n# 别的标题\n")
    assert errors == []
    assert found.title == "学习党章"


def test_heading_inside_code_or_level_two_is_not_a_title() -> None:
    found, errors = material("```\n# 注释\n```\n\n## 二级标题\n")
    assert found is None
    assert [str(e) for e in errors] == ["m.md:1: 缺少必填项 title"]


def test_setext_heading_and_heading_after_front_matter_keep_their_line() -> None:
    assert first_heading("引言\n\n**会议** 纪要\n====\n", 5) == ("会议 纪要", 7)
    found, errors = material("---\ndate: 2026-03-01\n---\n\n# 三会一课 #\n")
    assert errors == [] and found.title == "三会一课"


def test_notice_takes_heading_but_still_needs_a_date() -> None:
    found, errors = parse_notice("n.md", "notices/n.md", "# 关于召开组织生活会的通知\n")
    assert found is None
    assert [str(e) for e in errors] == ["n.md:1: 缺少必填项 date"]

    text = "---\ndate: 2026-03-01\n---\n# 关于召开组织生活会的通知\n"
    found, errors = parse_notice("n.md", "notices/n.md", text)
    assert errors == [] and found.title == "关于召开组织生活会的通知"
