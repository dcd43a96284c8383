"""“最后更新” dates from git history, read in one `git log` pass over the docs folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.errors import ContentError, ErrorLog
from ..core.git import git
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
    return (git(folder, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


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
    output = git(
        docs_dir,
        *("-c", "core.quotepath=off", "log", f"--format={_COMMIT}%cs", "--name-only"),
        *("--relative", "--no-renames", "--", "."),
    )
    return {} if output is None else parse_log(output)
