"""The terminal consoles of every `dangjian` command, configured once.

Text is printed as it is: no rich markup or emoji codes, because file names and messages
come from editors' content (a file named `[/]x.md` must not break a line). Colour is given
with `style=`. Messages (stderr) never wrap, so one message stays one line in CI logs;
results (stdout) are laid out to the terminal's width.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn


def make_console(*, stderr: bool = True) -> Console:
    """A console for messages (stderr) or for results a script reads (stdout)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr, markup=False, emoji=False)


console = make_console()


def report_problems(problems: Sequence[str], summary: str) -> None:
    """Print each problem on its own line, then the summary in red."""
    for line in problems:
        print(line, file=sys.stderr)
    console.print(summary, style="bold red")


# Seconds between two redraws of the progress bar
REFRESH = 0.1


def with_progress(task: str, work: Callable[[Callable[[], None]], object]) -> object:
    """Run `work(advance)` under a progress bar that counts rendered pages.

    The bar is redrawn by `advance`, not by a thread of its own: a build with a second
    thread could not fork its helper processes (`core/convertahead.py`)."""
    columns = (SpinnerColumn(), TextColumn(task), BarColumn(), MofNCompleteColumn())
    # No bar when output goes to a file or CI log: it would only leave blank lines there
    with Progress(
        *columns,
        console=console,
        transient=True,
        disable=not console.is_terminal,
        auto_refresh=False,
    ) as bar:
        progress_task = bar.add_task(task, total=None)
        drawn = [0.0]

        def advance() -> None:
            bar.advance(progress_task)
            now = time.monotonic()
            if now - drawn[0] >= REFRESH:
                drawn[0] = now
                bar.refresh()

        return work(advance)
