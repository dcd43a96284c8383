"""One `dangjian check` run reports every problem of every stage, sorted, with rule ids."""

from __future__ import annotations

from pathlib import Path

from tests.check.conftest import set_plugin_options

BROKEN_NOTICE = """---
title: 三个错误的通知
date: 2026-02-30
attachments:
  - file: ../files/missing.pdf
---

请先阅读[学习安排](../2025/odl.md)。
"""


def test_bad_date_missing_attachment_and_broken_link_in_one_run(write, dangjian) -> None:
    write("content/notices/2026/broken.md", BROKEN_NOTICE)
    result = dangjian("check")
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "broken.md" in line]
    assert lines == [
        "content/notices/2026/broken.md:3: date 不是有效日期：2026-02-30（格式为 YYYY-MM-DD） [DJ106]",
        "content/notices/2026/broken.md:4: 附件不存在：notices/files/missing.pdf [DJ203]",
        "content/notices/2026/broken.md:8: 链接目标不存在：../2025/odl.md（最接近的是 ../2025/old.md） [DJ201]",
    ]
    assert "检查发现 3 个问题。" in result.err


def test_findings_of_all_files_are_sorted_by_file_then_line(write, dangjian) -> None:
    write(
        "content/study/beta/b2.md",
        "---\ntitle: 乙二\ncategroy: 学习\n---\n\n见[甲一](../alpha/a9.md)。\n",
    )
    write("content/notices/2026/broken.md", BROKEN_NOTICE)
    result = dangjian("check")
    located = [
        line.split(": ", 1)[0] for line in result.err.splitlines() if line.startswith("content/")
    ]
    keys = [(where.split(":")[0], int(where.split(":")[1])) for where in located]
    assert keys == sorted(keys)
    assert {path for path, _ in keys} == {
        "content/notices/2026/broken.md",
        "content/study/beta/b2.md",
    }


def test_build_reports_everything_and_publishes_nothing(site: Path, write, dangjian) -> None:
    out = site / "build" / "site"
    out.mkdir(parents=True)
    (out / "index.html").write_text("上次的网站", encoding="utf-8")
    write("content/notices/2026/broken.md", BROKEN_NOTICE)
    result = dangjian("build")
    assert result.code == 1
    for rule in ("[DJ106]", "[DJ203]", "[DJ201]"):
        assert rule in result.err
    assert "原有网站未改动" in result.err
    assert (out / "index.html").read_text(encoding="utf-8") == "上次的网站"
    assert not list(out.rglob("*.md.html"))


def test_misspelt_key_suggests_the_known_one(write, dangjian) -> None:
    write(
        "content/notices/2026/typo.md",
        "---\ntitle: 拼错的键\ndate: 2026-05-01\ncategroy: 公告\n---\n\n正文。\n",
    )
    result = dangjian("check")
    assert result.code == 0
    assert (
        "content/notices/2026/typo.md:4: 警告：未知的键 categroy（将被忽略）"
        "（是不是要写 category？） [DJ104]"
    ) in result.err


def test_unknown_key_far_from_any_field_has_no_suggestion(write, dangjian) -> None:
    write("content/study/beta/b2.md", "---\ntitle: 乙二\nzzzzzz: 1\n---\n\n正文。\n")
    result = dangjian("check")
    line = next(line for line in result.err.splitlines() if "zzzzzz" in line)
    assert "是不是" not in line


def test_broken_anchor_suggests_the_nearest_heading(site: Path, write, dangjian) -> None:
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
        "pymdownx.slugs.slugify\n        kwds: {case: lower}\n",
        encoding="utf-8",
    )
    write("content/study/beta/b2.md", "---\ntitle: 乙二\n---\n\n## 学习要点\n\n正文。\n")
    write("content/study/beta/b3.md", "---\ntitle: 乙三\n---\n\n见[要点](b2.md#学习要)。\n")
    result = dangjian("check")
    assert result.code == 1
    assert (
        "content/study/beta/b3.md:5: 链接的小标题不存在：b2.md#学习要（最接近的是 #学习要点） [DJ202]"
        in result.err
    )


def test_quiz_bank_errors_join_the_same_run(site: Path, write, dangjian) -> None:
    set_plugin_options(site, "copy_style: true")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - dangjian-quiz\n", encoding="utf-8")
    write(
        "content/quizzes/demo.yml",
        "id: demo\ntitle: 演示\nquestions:\n  - id: d-01\n    type: single\n"
        "    stem: 哪一个？\n    options:\n      A: 甲\n      B: 乙\n    answer: E\n",
    )
    write("content/notices/2026/broken.md", BROKEN_NOTICE)
    result = dangjian("check")
    assert "content/quizzes/demo.yml:10:" in result.err
    assert "[DJ403]" in result.err
    assert "[DJ106]" in result.err and "[DJ201]" in result.err


def test_a_plugin_that_stops_the_build_is_reported_too(site: Path, dangjian) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text + "  - dangjian-offline\nrepo_url: https://example.org/repo\n", encoding="utf-8"
    )
    result = dangjian("check")
    assert result.code == 1
    assert "mkdocs.yml: 设置了 repo_url" in result.err and "[DJ900]" in result.err
