"""Search queries as members type them: space-separated terms that must all match, "quoted
phrases" and `-word` exclusions. The same rules as `parse()` in search-query.js, held to the same
results by `tests/search/fixtures/query.json`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tokenizer import Token, Tokenizer

_PART_RE = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass
class Group:
    """One term or phrase of a query: the phrase's terms with relative positions."""

    text: str
    terms: list[Token]
    loose: list[str]


@dataclass
class Query:
    groups: list[Group] = field(default_factory=list)
    exclude: list[Group] = field(default_factory=list)


def parse_query(text: str, tokenizer: Tokenizer) -> Query:
    """Split a query into phrases to find and phrases to exclude."""
    text = re.sub("[\u201c\u201d\uff02]", '"', text).replace("\u3000", " ")
    query = Query()
    for match in _PART_RE.finditer(text):
        negative = (match.group(1) or match.group(3)) == "-" or match.group(0)[0] == "\uff0d"
        part = match.group(2) if match.group(2) is not None else match.group(4)
        terms = tokenizer.phrase_terms(part)
        if not terms:
            continue
        group = Group(part, terms, tokenizer.loose_terms(part))
        (query.exclude if negative else query.groups).append(group)
    return query
