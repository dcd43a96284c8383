"""What the build does with each finding: its rule id, its configured severity, silencing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..core.errors import ContentError
from . import silence
from .rules import rule_for


class Policy:
    """Called by the error log on every finding; returns it completed, or None to drop it."""

    def __init__(self, root: str | Path, severities: dict[str, str] | None = None) -> None:
        self.root = Path(root)
        self.severities = dict(severities or {})
        self._silences: dict[str, silence.Silences] = {}

    def __call__(self, error: ContentError) -> ContentError | None:
        rule = rule_for(error)
        level = self.severities.get(rule, error.level)
        if level == "off" or self.silences(error.path).covers(error.line, rule):
            return None
        if rule == error.rule and level == error.level:
            return error
        return dataclasses.replace(error, rule=rule, level=level)

    def silences(self, path: str) -> silence.Silences:
        if path not in self._silences:
            try:
                text = (self.root / path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._silences[path] = silence.parse(text)
        return self._silences[path]
