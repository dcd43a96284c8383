"""Copy rules: DJ301 spacing, DJ302 punctuation, DJ310 规范表述, and `check --fix`."""

from __future__ import annotations

from pathlib import Path

import pytest
from dangjian.check.copycheck import CopyChecker
from dangjian.check.prose import spans

PAGE = """---
title: 学习2024年党章
summary: 要点,一览
tags: [PDF资料]
---

## 第1章 学习PDF文件

本周学习党章,要认真.

行内`code中文`和[链接text](../a中文.md)，访问https://example.org/a,b 即可。

<span title="中文abc">网页标签</span>

```yaml
key: 代码块2024年不改
```

    缩进代码2024年不改

<!-- 注释2024年不改 -->
"""

FIXED = """---
title: 学习 2024 年党章
summary: 要点，一览
tags: [PDF资料]
---

## 第 1 章 学习 PDF 文件

本周学习党章，要认真。

行内`code中文`和[链接 text](../a中文.md)，访问https://example.org/a,b 即可。

<span title="中文abc">网页标签</span>

```yaml
key: 代码块2024年不改
```

    缩进代码2024年不改

<!-- 注释2024年不改 -->
"""

BANK = """id: demo
title: 演示题库2024
questions:
  - id: d-01
    type: fill
    stem: 党章共有几章,请填写
    answer: [11章]
    explanation: 共11章
  - id: d-02
    type: single
    stem: 哪一个?
    options:
      A: 选项A
      B: 选项B
    answer: A
"""


def rules_of(findings) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in findings]


@pytest.fixture
def checker(tmp_path: Path) -> CopyChecker:
    return CopyChecker(tmp_path, None)


def test_spacing_between_chinese_and_latin_or_digits_is_dj301(checker) -> None:
    found = checker.check("a.md", "---\ntitle: 标题\n---\n\n学习PDF文件，共3页。\n")
    assert rules_of(found) == [(5, "DJ301")]
    assert found[0].level == "warning"
    assert found[0].column == 1
    assert "“学习PDF文件，共3页。”→“学习 PDF 文件，共 3 页。”" in found[0].message


def test_spaced_text_passes(checker) -> None:
    assert checker.check("a.md", "学习 PDF 文件，共 3 页。\n") == []


def test_half_width_punctuation_in_chinese_is_dj302(checker) -> None:
    found = checker.check("a.md", "本周学习党章,要认真.\n")
    assert rules_of(found) == [(1, "DJ302")]
    assert "“本周学习党章,要认真.”→“本周学习党章，要认真。”" in found[0].message


def test_full_width_punctuation_passes(checker) -> None:
    assert checker.check("a.md", "本周学习党章，要认真。\n") == []


def test_far_apart_changes_in_one_line_are_separate_findings(checker) -> None:
    line = "1934年" + "中央红军开始战略转移一路突破重重封锁" + "至1936年。"
    found = checker.check("a.md", line + "\n")
    assert [f.column for f in found] == [1, line.index("至1936") - 4]  # 6 characters of context


def test_only_prose_is_read(checker) -> None:
    texts = [s.text for s in spans("a.md", PAGE)]
    joined = "\n".join(texts)
    for left_alone in (
        "code中文",
        "a中文.md",
        "example.org",
        "中文abc",
        "代码块",
        "缩进代码",
        "注释",
        "PDF资料",
        "title",
    ):
        assert left_alone not in joined, left_alone
    assert "学习2024年党章" in texts and "链接text" in texts


def test_bank_prose_is_checked_but_not_answers_or_ids(checker) -> None:
    found = checker.check("content/quizzes/demo.yml", BANK)
    assert rules_of(found) == [
        (2, "DJ301"),
        (6, "DJ302"),
        (8, "DJ301"),
        (11, "DJ302"),
        (13, "DJ301"),
        (14, "DJ301"),
    ]
    texts = [s.text for s in spans("demo.yml", BANK)]
    assert "[11章]" not in texts and "选项A" in texts and "d-01" not in texts


def test_fix_rewrites_prose_only_and_is_idempotent(checker) -> None:
    fixed, changes = checker.fix(PAGE, "a.md")
    assert fixed == FIXED
    assert {c.rule for c in changes} == {"DJ301", "DJ302"}
    again, more = checker.fix(fixed, "a.md")
    assert again == fixed and more == []
    assert checker.check("a.md", fixed) == []


def test_fix_keeps_bank_answers(checker) -> None:
    fixed, _ = checker.fix(BANK, "demo.yml")
    assert "answer: [11章]" in fixed and "explanation: 共 11 章" in fixed
    assert "stem: 党章共有几章，请填写" in fixed and "A: 选项 A" in fixed
    assert checker.fix(fixed, "demo.yml")[0] == fixed


def test_copy_style_can_be_switched_off(tmp_path: Path) -> None:
    assert CopyChecker(tmp_path, None, style=False).check("a.md", "学习PDF文件,共3页.\n") == []


def test_check_fix_command_reports_and_rewrites(site: Path, write, dangjian) -> None:
    page = write("content/study/beta/b2.md", PAGE)
    first = dangjian("check", "--fix")
    assert page.read_text(encoding="utf-8") == FIXED
    assert "content/study/beta/b2.md:2:" in first.err and "已修改：“学习2024年党章”" in first.err
    assert "已修改 1 个文件中的" in first.err
    assert "[DJ301]" not in first.err.split("已修改 1 个文件")[1]
    second = dangjian("check", "--fix")
    assert "没有需要自动修改的地方" in second.err
    assert page.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_bom_and_windows_line_ends(site: Path, dangjian) -> None:
    page = site / "content/study/beta/b2.md"
    page.write_bytes("\ufeff---\r\ntitle: 乙二\r\n---\r\n\r\n学习PDF文件。\r\n".encode())
    dangjian("check", "--fix")
    assert (
        page.read_bytes() == "\ufeff---\r\ntitle: 乙二\r\n---\r\n\r\n学习 PDF 文件。\r\n".encode()
    )
