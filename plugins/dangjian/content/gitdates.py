"""“最后更新” dates from git history, read in one `git log` pass over the docs folder."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ..core.errors import ContentError, ErrorLog
from ..core.messages import msg

# Marks the start of each commit in the log output; cannot occur in a path
_COMMIT = "\x1e"


def parse_log(output: str) -> dict[str, dt.date]:
    """Map each path to the date of the newest commit touching it (log is newest first)."""
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in output.split("\n"):
        if line.startswith(_COMMIT):
            current = dt.date.fromisoformat(line[1:].strip())
            continue
        path = line.strip()
        if path and current is not None and path not in dates:
            dates[path] = current
    return dates


def is_shallow(folder: str | Path) -> bool:
    """True in a shallow clone (`git clone --depth N`), whose oldest commits lack history."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return False
    return result.stdout.strip() == "true"


def last_updated(docs_dir: str | Path, log: ErrorLog | None = None) -> dict[str, dt.date]:
    """Dates keyed by path relative to `docs_dir`; empty outside a git checkout.

    A shallow clone gives no dates (with a warning in `log`): its cut-off commit would claim
    every older file as changed on that day.
    One process for the whole site: per-page `git log` is what makes large sites slow.
    """
    if is_shallow(docs_dir):
        if log is not None:
            where = Path(docs_dir).name or str(docs_dir)
            log.add([ContentError(where, message=msg("shallow_clone"), level="warning")])
        return {}
    try:
        result = subprocess.run(
            [
                "git",
                "-c",
                "core.quotepath=off",
                "log",
                f"--format={_COMMIT}%cs",
                "--name-only",
                "--relative",
                "--no-renames",
                "--",
                ".",
            ],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    except (OSError, subprocess.CalledProcessError, UnicodeDecodeError):
        return {}
    return parse_log(result.stdout)
