"""`dangjian check` problem lines as CI annotations: GitLab Code Quality and GitHub's matcher."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dangjian.adopt.annotate import ERROR_LINE, WARNING_LINE
from dangjian.cli import main

LINES = [
    "content/notices/2026/x.md:4: expires 早于 date",
    "content/study/a.md:3:7: 警告：未知的键 foo（将被忽略）",
    "mkdocs.yml: 警告：未设置 site_url",
    "检查发现 3 个问题。",
]


def test_real_check_output_becomes_a_gitlab_code_quality_report(
    new_site: Path, tmp_path: Path, capsys
) -> None:
    page = new_site / "content" / "study" / "rumen" / "sanhui-yike.md"
    text = page.read_text(encoding="utf-8").replace("date: 2026-06-01", "date: 2026-02-30\nfoo: 1")
    page.write_text(text, encoding="utf-8")
    # a real run: warnings reach the log through logging, as in CI
    check = subprocess.run(
        [sys.executable, "-m", "dangjian.cli", "check"],
        cwd=new_site,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1
    log = tmp_path / "check.log"
    log.write_text(check.stdout + check.stderr, encoding="utf-8")
    assert main(["annotate", "--format", "gitlab", str(log)]) == 0
    report = json.loads(capsys.readouterr().out)
    by_severity = {entry["severity"]: entry for entry in report}
    assert by_severity["major"]["location"]["lines"]["begin"] == 3
    assert "2026-02-30" in by_severity["major"]["description"]
    assert by_severity["minor"]["description"] == "未知的键 foo（将被忽略）"
    assert {e["location"]["path"] for e in report} == {"content/study/rumen/sanhui-yike.md"}
    assert len({e["fingerprint"] for e in report}) == len(report)


def test_init_writes_the_matcher_from_the_same_patterns(new_site: Path) -> None:
    matchers = json.loads((new_site / ".github/dangjian-problems.json").read_text(encoding="utf-8"))
    regexps = {m["severity"]: m["pattern"][0]["regexp"] for m in matchers["problemMatcher"]}
    assert regexps == {"warning": WARNING_LINE, "error": ERROR_LINE}


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_matcher_patterns_work_as_javascript_regular_expressions() -> None:
    # GitHub runs problem matchers with JavaScript regular expressions
    script = (
        "const [w, e, lines] = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(lines.map(l => [new RegExp(w).exec(l), new RegExp(e).exec(l)]"
        ".map(m => m && [m[1], m[2] || null, m[3] || null, m[4]]))));"
    )
    result = subprocess.run(
        ["node", "-e", script, json.dumps([WARNING_LINE, ERROR_LINE, LINES])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [
        [None, ["content/notices/2026/x.md", "4", None, "expires 早于 date"]],
        [["content/study/a.md", "3", "7", "未知的键 foo（将被忽略）"], None],
        [["mkdocs.yml", None, None, "未设置 site_url"], None],
        [None, None],
    ]
