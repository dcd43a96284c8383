"""Findings in the formats people and CI systems read: text, JSON, GitHub, GitLab.

The JSON format is described by `findings.schema.json` (shipped beside this module).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from ..core.errors import ContentError
from .rules import BY_ID, rule_for

FORMATS = ("text", "json", "github", "gitlab")
SCHEMA_VERSION = 1
LEVEL_ZH = {"error": "错误", "warning": "警告"}


def _rule(finding: ContentError) -> str:
    return finding.rule or rule_for(finding)


def as_json(findings: Sequence[ContentError], pages: int) -> str:
    data = {
        "version": SCHEMA_VERSION,
        "pages": pages,
        "errors": sum(1 for f in findings if f.level == "error"),
        "warnings": sum(1 for f in findings if f.level == "warning"),
        "findings": [
            {
                "file": f.path,
                "line": f.line,
                "column": f.column,
                "rule": _rule(f),
                "rule_title": BY_ID[_rule(f)].title if _rule(f) in BY_ID else "",
                "severity": f.level,
                "key": f.key,
                "message": f.message,
                "suggestion": f.suggestion,
            }
            for f in findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Sequence[ContentError]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(_rule(f))}")
        text = f.message + (f"（{f.suggestion}）" if f.suggestion else "")
        lines.append(f"::{f.level} {','.join(props)}::{_escape_data(text)}")
    return "\n".join(lines)


def as_gitlab(findings: Sequence[ContentError]) -> str:
    """GitLab code-quality report (a JSON array; errors are major, warnings minor)."""
    report = []
    for f in findings:
        key = f"{_rule(f)}\0{f.path}\0{f.line}\0{f.column}\0{f.message}"
        report.append(
            {
                "description": f.message + (f"（{f.suggestion}）" if f.suggestion else ""),
                "check_name": _rule(f),
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": "major" if f.level == "error" else "minor",
                "location": {"path": f.path, "lines": {"begin": f.line or 1}},
            }
        )
    return json.dumps(report, ensure_ascii=False, indent=2)


def as_text(findings: Sequence[ContentError]) -> str:
    return "\n".join(str(f) for f in findings)


def render(fmt: str, findings: Sequence[ContentError], pages: int) -> str:
    if fmt == "json":
        return as_json(findings, pages)
    if fmt == "github":
        return as_github(findings)
    if fmt == "gitlab":
        return as_gitlab(findings)
    return as_text(findings)
