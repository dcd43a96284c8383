"""The terminal consoles of every `dangjian` command, configured once.

Text is printed as it is: no rich markup or emoji codes, because file names and messages
come from editors' content (a file named `[/]x.md` must not break a line). Colour is given
with `style=`. Messages (stderr) never wrap, so one message stays one line in CI logs;
results (stdout) are laid out to the terminal's width.
"""

from __future__ import annotations

from rich.console import Console


def make_console(*, stderr: bool = True) -> Console:
    """A console for messages (stderr) or for results a script reads (stdout)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr, markup=False, emoji=False)


console = make_console()
