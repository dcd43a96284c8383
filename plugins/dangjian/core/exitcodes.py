"""Exit codes shared by every `dangjian` command, so scripts and CI read them alike."""

from __future__ import annotations

EXIT_OK = 0  # done
EXIT_CONTENT = 1  # the content, the site or the build has problems the editor must fix
EXIT_USAGE = 2  # the command line itself is wrong (unknown option, missing argument)
