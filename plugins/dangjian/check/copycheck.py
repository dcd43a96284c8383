"""Copy rules over member-visible prose: Chinese typesetting (autocorrect) and 规范表述.

`CopyChecker.check` gives findings (DJ301 spacing, DJ302 punctuation, DJ310 terms);
`CopyChecker.fix` rewrites the typesetting in place, prose spans only, and says what changed.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import importlib.metadata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import autocorrect_py

from ..core.errors import ContentError
from ..core.messages import msg
from . import silence, terms
from .prose import Span, spans

CONTEXT = 6  # characters shown either side of a change


@dataclass(frozen=True)
class Change:
    line: int
    column: int
    old: str
    new: str
    rule: str


def _clusters(old: str, new: str) -> Iterator[tuple[int, str, str]]:
    """Each group of nearby changes: start column in `old`, changed text with context."""
    opcodes = [
        op for op in difflib.SequenceMatcher(None, old, new).get_opcodes() if op[0] != "equal"
    ]
    groups: list[list[tuple[str, int, int, int, int]]] = []
    for op in opcodes:
        if groups and op[1] - groups[-1][-1][2] <= 2 * CONTEXT:
            groups[-1].append(op)
        else:
            groups.append([op])
    for group in groups:
        first, last = group[0], group[-1]
        start = max(0, first[1] - CONTEXT)
        new_start = first[3] - (first[1] - start)
        old_end = min(len(old), last[2] + CONTEXT)
        new_end = last[4] + (old_end - last[2])
        yield start, old[start:old_end], new[new_start:new_end]


def style_changes(span: Span) -> list[Change]:
    """How autocorrect would rewrite one span, one change per group of nearby edits."""
    new = autocorrect_py.format(span.text)
    if new == span.text:
        return []
    changes = []
    for start, old, shown in _clusters(span.text, new):
        rule = "DJ301" if old.replace(" ", "") == shown.replace(" ", "") else "DJ302"
        changes.append(Change(span.line, span.start + start + 1, old, shown, rule))
    return changes


class CopyChecker:
    """Reads the site's terms once; checks and fixes one file's text at a time."""

    def __init__(self, root: str | Path, terms_file: str | None, style: bool = True) -> None:
        self.root = Path(root)
        self.style = style
        self.terms: list[terms.Term] = []
        self.problems: list[ContentError] = []
        # Everything `check` depends on besides its arguments, for its findings in the cache
        salt = hashlib.sha256(f"{style}\0{importlib.metadata.version('autocorrect-py')}".encode())
        if terms_file:
            path = self.root / terms_file
            if not path.is_file():
                path = terms.STARTER
            self.terms, self.problems = terms.load(path, self.root)
            with contextlib.suppress(OSError):  # already reported by `terms.load`
                salt.update(b"\0" + path.read_bytes())
        self.salt = salt.hexdigest()

    def check(self, path: str, text: str) -> list[ContentError]:
        found: list[ContentError] = []
        for span in spans(path, text):
            for change in style_changes(span) if self.style else ():
                key = "style_spacing" if change.rule == "DJ301" else "style_punctuation"
                found.append(
                    ContentError(
                        path,
                        change.line,
                        change.column,
                        message=msg(key, old=change.old, new=change.new),
                        level="warning",
                        rule=change.rule,
                    )
                )
            for term in self.terms:
                for match in term.pattern.finditer(span.text):
                    found.append(
                        ContentError(
                            path,
                            span.line,
                            span.start + match.start() + 1,
                            message=term.message(match.group(0)),
                            level=term.severity,
                            rule="DJ310",
                        )
                    )
        return found

    def fix(self, text: str, path: str) -> tuple[str, list[Change]]:
        """Rewrite typesetting in prose spans (not in silenced lines); idempotent."""
        if not self.style:
            return text, []
        silenced = silence.parse(text)
        lines = text.split("\n")
        changes: list[Change] = []
        # Right to left within a line, so earlier columns stay valid
        for span in sorted(spans(path, text), key=lambda s: (s.line, -s.start)):
            found = style_changes(span)
            if not found or any(silenced.covers(span.line, c.rule) for c in found):
                continue
            line = lines[span.line - 1]
            new = autocorrect_py.format(span.text)
            lines[span.line - 1] = line[: span.start] + new + line[span.start + len(span.text) :]
            changes += found
        changes.sort(key=lambda c: (c.line, c.column))
        return "\n".join(lines), changes
