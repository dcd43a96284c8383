"""Terminal output that fits 80 columns: one-line snippets with highlights, cell-aware cuts.

Chinese characters take two terminal cells; `rich.cells.cell_len` measures them. Paths are
never cut or wrapped here: callers print them on a line of their own.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, with an ellipsis when cut."""
    if cell_len(text) <= width:
        return text
    out, used = [], cell_len(ELLIPSIS)
    for char in text:
        used += cell_len(char)
        if used > width:
            break
        out.append(char)
    return "".join(out) + ELLIPSIS


def snippet(line: str, needles: list[str], width: int, style: str = "bold reverse") -> Text:
    """One line of at most `width` cells around the first needle, every needle highlighted."""
    line = " ".join(line.split())
    lower = line.lower()
    found = [(lower.find(n.lower()), n) for n in needles if n and n.lower() in lower]
    start = min((position for position, _ in found), default=0)
    # Some context before the match, then as much after it as fits
    begin = start
    while begin > 0 and cell_len(line[begin - 1 : start]) <= width // 4:
        begin -= 1
    shown = line[begin:]
    prefix = ELLIPSIS if begin > 0 else ""
    shown = fit(prefix + shown, width)
    text = Text(shown)
    lowered = shown.lower()
    for _, needle in found:
        index = lowered.find(needle.lower())
        while index >= 0:
            text.stylize(style, index, index + len(needle))
            index = lowered.find(needle.lower(), index + len(needle))
    return text
