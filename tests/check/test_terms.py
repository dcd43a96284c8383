"""规范表述 (DJ310): terms.yml entries, plain and regex, severity, reasons, bad files."""

from __future__ import annotations

from pathlib import Path

from dangjian.check.copycheck import CopyChecker
from dangjian.check.terms import STARTER, load

TERMS = """terms:
  - wrong: 帐号
    right: 账号
    reason: 词典规范
  - wrong: 登陆(?=系统|平台)
    regex: true
    right: 登录
    severity: error
"""


def checker(tmp_path: Path, terms: str) -> CopyChecker:
    (tmp_path / "terms.yml").write_text(terms, encoding="utf-8")
    return CopyChecker(tmp_path, "terms.yml", style=False)


def test_plain_term_is_found_with_reason(tmp_path: Path) -> None:
    found = checker(tmp_path, TERMS).check("a.md", "---\ntitle: 帐号管理\n---\n\n请修改帐号。\n")
    assert [(f.line, f.column, f.rule, f.level) for f in found] == [
        (2, 8, "DJ310", "warning"),
        (5, 4, "DJ310", "warning"),
    ]
    assert found[0].message == "规范表述：“帐号”应为“账号”（词典规范）"


def test_regex_term_matches_only_its_context(tmp_path: Path) -> None:
    check = checker(tmp_path, TERMS)
    found = check.check("a.md", "登陆系统后学习。红军登陆海岛。\n")
    assert [(f.column, f.level) for f in found] == [(1, "error")]
    assert found[0].message == "规范表述：“登陆”应为“登录”"


def test_right_forms_pass(tmp_path: Path) -> None:
    assert checker(tmp_path, TERMS).check("a.md", "登录系统，修改账号。\n") == []


def test_terms_are_checked_in_question_banks(tmp_path: Path) -> None:
    bank = "id: b\nquestions:\n  - id: q\n    stem: 如何找回帐号？\n    answer: 帐号\n"
    found = checker(tmp_path, TERMS).check("b.yml", bank)
    assert [f.line for f in found] == [4]


def test_code_is_not_checked_for_terms(tmp_path: Path) -> None:
    assert checker(tmp_path, TERMS).check("a.md", "```\n帐号\n```\n\n`帐号`\n") == []


def test_bad_terms_file_is_one_line_per_problem(tmp_path: Path) -> None:
    bad = "terms:\n  - wrong: 帐号\n  - wrong: '('\n    regex: true\n    right: x\n  - wrong: a\n    right: b\n    severity: fatal\n"
    found = checker(tmp_path, bad).problems
    assert [f.message for f in found] == [
        "规范表述文件有误：第 1 条：需要 wrong 和 right",
        "规范表述文件有误：第 2 条：正则表达式无法使用：missing ), unterminated subpattern at position 0",
        "规范表述文件有误：第 3 条：severity 只能是 error 或 warning",
    ]
    broken = checker(tmp_path, "terms: [\n").problems
    assert broken[0].path == "terms.yml" and broken[0].line == 2


def test_starter_list_is_used_without_a_site_file(tmp_path: Path) -> None:
    found = CopyChecker(tmp_path, "terms.yml", style=False).check("a.md", "其它事项\n")
    assert found[0].message.startswith("规范表述：“其它”应为“其他”")


def test_starter_and_sample_site_lists_load_cleanly() -> None:
    root = Path(__file__).resolve().parents[2]
    for path in (STARTER, root / "terms.yml"):
        terms, problems = load(path, root)
        assert problems == [] and len(terms) >= 10, path


def test_terms_file_problem_fails_the_check(site: Path, dangjian) -> None:
    (site / "terms.yml").write_text("terms:\n  - wrong: 帐号\n", encoding="utf-8")
    result = dangjian("check")
    assert result.code == 1
    assert "terms.yml: 规范表述文件有误：第 1 条：需要 wrong 和 right [DJ900]" in result.err
