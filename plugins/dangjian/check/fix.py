"""`dangjian check --fix`: rewrite the Chinese typesetting of every content file in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.messages import msg
from ..core.paths import display_path


@dataclass
class FixReport:
    files: int = 0
    lines: list[str] = field(default_factory=list)


def fix_site(config_file: Path) -> FixReport:
    """Fix every Markdown and YAML file below docs_dir; files that are not UTF-8 are left."""
    from ..site import load
    from .copycheck import CopyChecker

    config = load(config_file)
    root = config_file.resolve().parent
    options = (
        config.plugins["dangjian-content"].config if "dangjian-content" in config.plugins else None
    )
    if options is not None and not options.copy_style:
        return FixReport()
    checker = CopyChecker(root, None)
    result = FixReport()
    for path in sorted(Path(config.docs_dir).rglob("*")):
        if path.suffix not in (".md", ".yml", ".yaml") or not path.is_file():
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        bom = text.startswith("\ufeff")
        shown = display_path(path, root)
        fixed, changes = checker.fix(text.removeprefix("\ufeff"), shown)
        if not changes:
            continue
        path.write_bytes((("\ufeff" if bom else "") + fixed).encode("utf-8"))
        result.files += 1
        result.lines += [
            msg(
                "fix_changed",
                where=f"{shown}:{c.line}:{c.column}",
                old=c.old,
                new=c.new,
                rule=c.rule,
            )
            for c in changes
        ]
    return result
