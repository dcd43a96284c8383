"""Bank `source:` links: page titles as study materials read them, both link rules."""

from __future__ import annotations

import pytest
from dangjian.content.model import parse_material
from dangjian.quiz.sources import PageHeadings, Resolved, resolve, scan_headings
from pymdownx.slugs import slugify as make_slugify

# The sample site's toc slugify: keeps Chinese
slugify = make_slugify(case="lower")

PAGES = [
    "---\ntitle: 学习党章\n---\n# 别的标题\n\n## 第一章\n",
    '---\ntitle: "党的二十大：报告 \\"全文\\""\nauthor: 支部\n---\n\n## 第一章\n',
    "---\nauthor: 支部\n---\n\n```\n# 代码里的标题\n```\n\n# 三会一课\n\n## 会议\n",
    "---\nauthor: 支部\n---\n\n组织生活会\n==========\n\n## 议程\n",
    "---\nauthor: 支部\n---\n\n# **关于** `召开` 的通知 {#notice}\n",
]


@pytest.mark.parametrize("markdown", PAGES)
def test_title_is_the_one_a_study_material_gets(markdown: str) -> None:
    material, errors = parse_material("m.md", "study/t/m.md", markdown, "t")
    assert material is not None, errors
    assert scan_headings(markdown, "study/t/m/", slugify).title == material.title


def test_title_from_front_matter_is_yaml_not_raw_text() -> None:
    page = scan_headings(PAGES[1], "study/t/m/", slugify)
    assert page.title == '党的二十大：报告 "全文"'
    assert page.headings == {"第一章": "第一章"}


def test_page_without_title_or_heading_has_an_empty_title() -> None:
    assert scan_headings("## 只有二级标题\n", "a/", slugify).title == ""


def test_broken_front_matter_still_gives_headings() -> None:
    page = scan_headings("---\ntitle: [不闭合\n---\n## 要点\n", "a/", slugify)
    assert page.headings == {"要点": "要点"}


def _pages() -> dict[str, PageHeadings]:
    return {
        "study/t/a.md": PageHeadings("study/t/a/", "学习党章", {"要点": "要点"}),
        "study/t/index.md": PageHeadings("study/t/", "专题", {}),
        "quizzes/b.md": PageHeadings("quizzes/b/", "题库说明", {}),
    }


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("study/t/a.md", Resolved("study/t/a/", "学习党章")),
        ("/study/t/a.md#要点", Resolved("study/t/a/#要点", "学习党章 · 要点")),
        ("../study/t/a.md#%E8%A6%81%E7%82%B9", Resolved("study/t/a/#要点", "学习党章 · 要点")),
        ("study/t/%61.md", Resolved("study/t/a/", "学习党章")),
        ("study/t/", Resolved("study/t/", "专题")),
        ("study/t", Resolved("study/t/", "专题")),
        ("./b.md", Resolved("quizzes/b/", "题库说明")),
        ("https://www.12371.cn/", Resolved("https://www.12371.cn/", "https://www.12371.cn/")),
    ],
)
def test_resolve_source(target: str, expected: Resolved) -> None:
    assert resolve(target, "quizzes/bank.yml", _pages(), slugify) == (expected, None)


@pytest.mark.parametrize(
    ("target", "missing"),
    [
        ("b.md", "page"),  # from the docs root, not the bank's folder
        ("t/a.md", "page"),
        ("study/t/a.md#不存在", "anchor"),
        ("../../study/t/a.md", "page"),  # leaves the docs folder
    ],
)
def test_unresolved_source_names_what_is_missing(target: str, missing: str) -> None:
    assert resolve(target, "quizzes/bank.yml", _pages(), slugify) == (None, missing)
