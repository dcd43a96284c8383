"""Running git on the site's sources: one way to call it, and one meaning of "it failed".

Builds read the last commit's time, page dates, whether the clone is shallow and whether
the tree is clean. Outside a checkout, without git installed, or on a git error every one of
those answers "unknown" rather than stopping the build.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(folder: str | Path, *args: str) -> str | None:
    """Standard output of `git ARGS` run in `folder`, or None when git failed or is missing.

    Dates that git formats in local time are formatted in UTC, so that the output does
    not depend on the machine's time zone.
    """
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
            env={**os.environ, "TZ": "UTC"},
        )
    except (OSError, subprocess.CalledProcessError, UnicodeDecodeError):
        return None
    return done.stdout
