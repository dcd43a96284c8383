"""Content errors that name file, line and key, and the log that gathers them per build.

The build's log is `site_model(config).problems` (core/sitemodel.py), the one gate.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from mkdocs.exceptions import PluginError

log = logging.getLogger("dangjian")

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, located as precisely as the parser allows."""

    path: str
    line: int | None = None
    column: int | None = None
    key: str | None = None
    message: str = ""
    level: Level = "error"
    # Rule id from `dangjian.check.rules` (filled in by the log when left out) and a hint
    rule: str | None = None
    suggestion: str | None = None

    @property
    def where(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        prefix = "警告：" if self.level == "warning" else ""
        hint = f"（{self.suggestion}）" if self.suggestion else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.where}: {prefix}{self.message}{hint}{rule}"


# A finding as the build cache stores it: its fields in this order, as JSON values
FIELDS = tuple(f.name for f in dataclasses.fields(ContentError))
_TYPES = {
    "path": (str,),
    "line": (int, type(None)),
    "column": (int, type(None)),
    "key": (str, type(None)),
    "message": (str,),
    "level": (str,),
    "rule": (str, type(None)),
    "suggestion": (str, type(None)),
}


def to_plain(findings: list[ContentError]) -> list[list[object]]:
    """Findings as lists of their fields (what the build cache stores)."""
    # Not `dataclasses.astuple`: it deep-copies every field, and these are all plain values
    return [[getattr(found, name) for name in FIELDS] for found in findings]


def from_plain(value: list[list[object]]) -> list[ContentError]:
    return [ContentError(*fields) for fields in value]  # type: ignore[arg-type]


def valid_findings(value: object) -> bool:
    """Whether `value` is a list of findings as `to_plain` writes them."""
    return isinstance(value, list) and all(
        isinstance(found, list)
        and len(found) == len(FIELDS)
        and all(type(item) in _TYPES[name] for name, item in zip(FIELDS, found, strict=True))
        and found[FIELDS.index("level")] in ("error", "warning")
        for found in value
    )


class ContentCheckError(PluginError):
    """Raised once per build with every content error found, so all are reported together."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class ProblemsError(Exception):
    """A command could not finish; `problems` are lines for the editor, already in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


# Gives each problem its rule and configured severity; None drops it (silenced or "off")
Policy = Callable[[ContentError], "ContentError | None"]


@dataclass
class ErrorLog:
    """Collects errors and warnings from every dangjian plugin during one build."""

    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    policy: Policy | None = None
    _seen: set[ContentError] = field(default_factory=set, repr=False)

    def add(self, problems: list[ContentError]) -> None:
        for problem in problems:
            if self.policy is not None:
                problem = self.policy(problem)
                if problem is None:
                    continue
            if problem in self._seen:
                continue
            self._seen.add(problem)
            if problem.level == "warning":
                self.warnings.append(problem)
                # Copy-style warnings are many and `check --fix` mends them: counted only
                if not (problem.rule or "").startswith("DJ30"):
                    log.warning(str(problem))
            else:
                self.errors.append(problem)
