"""Silencing findings in place with comments in the file itself.

In Markdown `<!-- dangjian: disable DJ301 -->`, in YAML `# dangjian: disable DJ301`. A comment
alone on its line covers the next line, or the whole next block (a paragraph up to the next
blank line, or a fenced code block); a comment at the end of a line covers that line.
`disable-file` covers the whole file. Without rule ids every rule is silenced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE_RE = re.compile(
    r"(?:<!--|#)\s*dangjian:\s*(disable-file|disable)\b((?:[\s,，]*DJ\d{3})*)\s*(?:-->)?"
)
_RULE_RE = re.compile(r"DJ\d{3}")
_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")

ALL = "*"


@dataclass
class Silences:
    """Which rules are silenced on which lines of one file."""

    file_rules: set[str] = field(default_factory=set)
    lines: dict[int, set[str]] = field(default_factory=dict)

    def covers(self, line: int | None, rule: str) -> bool:
        if {ALL, rule} & self.file_rules:
            return True
        if line is None:
            return False
        return bool({ALL, rule} & self.lines.get(line, set()))


def _block_end(lines: list[str], start: int) -> int:
    """Index of the last line of the block starting at `start` (0-based)."""
    if start >= len(lines):
        return start
    fence = _FENCE_RE.match(lines[start])
    if fence:
        marker = fence.group(1)
        for index in range(start + 1, len(lines)):
            if lines[index].strip().startswith(marker):
                return index
        return len(lines) - 1
    index = start
    while index + 1 < len(lines) and lines[index + 1].strip():
        index += 1
    return index


def parse(text: str) -> Silences:
    """Read every `dangjian: disable` comment of a file."""
    silences = Silences()
    if "dangjian:" not in text:
        return silences
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = _DIRECTIVE_RE.search(line)
        if not found:
            continue
        rules = set(_RULE_RE.findall(found.group(2))) or {ALL}
        if found.group(1) == "disable-file":
            silences.file_rules |= rules
            continue
        covered = [index]
        if not (line[: found.start()] + line[found.end() :]).strip():
            start = index + 1
            covered += range(start, _block_end(lines, start) + 1)
        for number in covered:
            silences.lines.setdefault(number + 1, set()).update(rules)
    return silences
