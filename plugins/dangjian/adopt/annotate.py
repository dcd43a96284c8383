"""Problem lines of `dangjian check` (`文件:行[:列]: [警告：]说明`) in a CI's own format.

GitHub, Gitea and Forgejo read them from the log with a problem matcher (written by `init` from
the patterns below); GitLab reads a Code Quality report (`dangjian annotate --format gitlab`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Written once, read by Python here and by GitHub's matcher (JavaScript regular expressions)
_WHERE = r"^([^\s:][^:]*):(?:(\d+):)?(?:(\d+):)? "
WARNING_LINE = _WHERE + r"警告：(.+)$"
ERROR_LINE = _WHERE + r"(?!警告：)(.+)$"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    column: int | None
    message: str
    warning: bool


def parse(lines: Iterable[str]) -> list[Problem]:
    """The problem lines of a `dangjian check` log; every other line is skipped."""
    problems = []
    for text in lines:
        text = text.rstrip("\r\n")
        for pattern, warning in ((WARNING_LINE, True), (ERROR_LINE, False)):
            found = re.match(pattern, text)
            if found:
                path, line, column, message = found.groups()
                problems.append(
                    Problem(
                        path,
                        int(line) if line else None,
                        int(column) if column else None,
                        message,
                        warning,
                    )
                )
                break
    return problems


def gitlab_report(problems: list[Problem]) -> str:
    """GitLab Code Quality JSON: one entry per problem, shown on merge requests and pipelines."""
    entries = [
        {
            "description": p.message,
            "check_name": "dangjian-check",
            "fingerprint": hashlib.sha256(f"{p.path}:{p.line}:{p.message}".encode()).hexdigest(),
            "severity": "minor" if p.warning else "major",
            "location": {"path": p.path, "lines": {"begin": p.line or 1}},
        }
        for p in problems
    ]
    return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"


def github_matcher() -> str:
    """GitHub Actions problem matcher (also used by Gitea and Forgejo Actions)."""

    def matcher(owner: str, severity: str, regexp: str) -> dict:
        pattern = {"regexp": regexp, "file": 1, "line": 2, "column": 3, "message": 4}
        return {"owner": owner, "severity": severity, "pattern": [pattern]}

    matchers = [
        matcher("dangjian-warning", "warning", WARNING_LINE),
        matcher("dangjian-error", "error", ERROR_LINE),
    ]
    return json.dumps({"problemMatcher": matchers}, ensure_ascii=False, indent=2) + "\n"
