"""规范表述: the site's `terms.yml` (wrong form → right form), loaded and matched in prose.

Each entry has `wrong` (plain text, or a regular expression with `regex: true`), `right`,
optional `reason` shown to the editor and `severity` (warning by default, or error). A site
without `terms.yml` uses the starter list shipped with dangjian (`terms_starter.yml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.errors import ContentError, Level
from ..core.frontmatter import decode
from ..core.messages import msg
from ..core.paths import display_path

STARTER = Path(__file__).with_name("terms_starter.yml")


@dataclass(frozen=True)
class Term:
    pattern: re.Pattern[str]
    right: str
    reason: str = ""
    severity: Level = "warning"

    def message(self, found: str) -> str:
        if self.reason:
            return msg("term_found_reason", found=found, right=self.right, reason=self.reason)
        return msg("term_found", found=found, right=self.right)


def load(path: Path, root: Path) -> tuple[list[Term], list[ContentError]]:
    """Read a terms file; problems name the file (and entry) without stopping the check."""
    shown = display_path(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [ContentError(shown, message=msg("unreadable", reason=exc.strerror))]
    text, errors = decode(shown, raw)
    if text is None:
        return [], errors
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = msg("yaml_syntax", problem=getattr(exc, "problem", exc))
        return [], [ContentError(shown, line, message=msg("terms_invalid", problem=problem))]
    entries = data.get("terms") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        entries = []
    terms: list[Term] = []
    for number, entry in enumerate(entries, 1):
        term, problem = _term(entry)
        if problem:
            problem = msg("terms_entry", number=number, problem=problem)
            errors.append(ContentError(shown, message=msg("terms_invalid", problem=problem)))
        elif term:
            terms.append(term)
    return terms, errors


def _term(entry: object) -> tuple[Term | None, str | None]:
    if not isinstance(entry, dict) or not entry.get("wrong") or not entry.get("right"):
        return None, msg("terms_entry_keys")
    wrong, right = str(entry["wrong"]), str(entry["right"])
    severity = entry.get("severity", "warning")
    if severity not in ("error", "warning"):
        return None, msg("terms_bad_severity")
    try:
        pattern = re.compile(wrong if entry.get("regex") else re.escape(wrong))
    except re.error as exc:
        return None, msg("terms_bad_regex", problem=exc)
    return Term(pattern, right, str(entry.get("reason") or ""), severity), None
