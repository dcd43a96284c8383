"""Per-page check findings from the build cache: a warm `check` or `build` reports exactly
what a cold one reports, for every kind of problem a page can have, and the cache is really
read (a poisoned entry changes what is reported)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from dangjian.check.runner import run_check
from dangjian.core.cache import CACHE_DIR
from dangjian.site import SiteError

from .test_cache import build, edit, entries, rewrite

# One page with every kind of problem the per-page checks find
PROBLEMS = """
这是一句用了英文逗号的话,后面还有一句。

请先登陆系统，再看其它资料。

[缺失的页面](missing.md)

[没有的小节](study/alpha/a2.md#没有这一节)

[草稿](guide/draft.md)

![外网图片](https://example.com/tu.png)

<script>alert(1)</script>
"""

DRAFT = "---\ntitle: 草稿页\ndraft: true\n---\n\n# 草稿页\n\n尚未发布。\n"

# Only warnings: the build goes on, and reports them
WARNINGS = "\n这是一句用了英文逗号的话,后面还有一句。\n\n![外网图片](https://example.com/tu.png)\n"


def add_problems(site: Path, text: str) -> None:
    (site / "content" / "guide" / "draft.md").write_text(DRAFT, encoding="utf-8")
    edit(site, "content/about.md", lambda t: t + text)


def check_lines(site: Path) -> list[str]:
    return [str(f) for f in run_check(site / "mkdocs.yml").findings]


def failed_build(site: Path, name: str) -> list[str]:
    with pytest.raises(SiteError) as failure:
        build(site, name)
    return failure.value.problems


def without_cache(site: Path) -> None:
    shutil.rmtree(site / CACHE_DIR, ignore_errors=True)


def test_warm_check_reports_every_problem_a_cold_check_reports(site: Path) -> None:
    add_problems(site, PROBLEMS)
    without_cache(site)
    cold = check_lines(site)
    failed_build(site, "first")  # fills the cache, though the build fails
    assert entries(site, "page-checks")
    warm = check_lines(site)
    assert warm == cold
    text = "\n".join(cold)
    for expected in (
        "DJ302",
        "DJ310",
        "missing.md",
        "没有这一节",
        "draft.md",
        "外部图片",
        "script",
    ):
        assert expected in text


def test_warm_failed_build_reports_the_same_problems(site: Path) -> None:
    add_problems(site, PROBLEMS)
    cold = failed_build(site, "first")
    warm = failed_build(site, "second")
    assert warm == cold
    assert any("missing.md" in line for line in cold)


def test_warm_build_gives_the_same_warnings(site: Path) -> None:
    add_problems(site, WARNINGS)
    _, cold = build(site, "first")
    _, warm = build(site, "second")
    assert [str(w) for w in warm.warnings] == [str(w) for w in cold.warnings]
    rules = {w.rule for w in cold.warnings}
    assert {"DJ302"} <= rules and any("外部图片" in w.message for w in cold.warnings)


def test_a_silencing_comment_applies_to_cached_findings(site: Path) -> None:
    add_problems(site, WARNINGS)
    build(site, "first")
    edit(
        site,
        "content/about.md",
        lambda t: t.replace("这是一句", "<!-- dangjian: disable DJ302 -->\n这是一句"),
    )
    _, warm = build(site, "second")
    without_cache(site)
    _, cold = build(site, "third")
    assert [str(w) for w in warm.warnings] == [str(w) for w in cold.warnings]


def test_poisoned_findings_are_reported_so_the_tests_above_can_fail(site: Path) -> None:
    add_problems(site, WARNINGS)
    build(site, "first")

    def poison(text: str) -> str:
        record = json.loads(text)
        for finding in record["value"]["findings"]:
            finding[4] = "伪造的问题"  # the message
        return json.dumps(record, ensure_ascii=False)

    assert rewrite(site, "page-checks", poison)
    _, warm = build(site, "second")
    # Both the copy rules' and the link check's findings came from the cache
    about = [w for w in warm.warnings if w.path == "content/about.md"]
    assert {w.rule for w in about} >= {"DJ302", "DJ100"}
    assert {w.message for w in about} == {"伪造的问题"}
