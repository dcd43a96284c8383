"""The editors' Whoosh index in `build/.cache/search/`: same tokenizer as the site's index,
updated incrementally (a page is re-indexed only when its indexed text changed).

Whoosh (the maintained `whoosh3` fork) gives us BM25F ranking with field boosts and positional
phrase queries, so it doubles as the reference ranker the browser engine is tested against.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as windex
from whoosh import query as wq
from whoosh.analysis import Token as WToken
from whoosh.analysis import Tokenizer as WTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.scoring import BM25F

from .index import HEADING_TF, TITLE_TF, IndexedPage
from .query import Group, parse_query
from .tokenizer import Tokenizer

SCHEMA_VERSION = "2"  # 2: pairs across a script boundary (921工) are indexed
FIELDS = ("title", "headings", "body")


class WhooshAnalyzer(WTokenizer):
    """Whoosh analyzer that cuts text with our `Tokenizer` (tokens keep their positions)."""

    def __init__(self) -> None:
        self.tokenizer = Tokenizer()

    def __reduce__(self):  # pickled into Whoosh's schema: rebuild, don't store the table
        return (WhooshAnalyzer, ())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WhooshAnalyzer)

    __hash__ = WTokenizer.__hash__

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ):
        token = WToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos
            yield token
            return
        for found in self.tokenizer.tokens(value):
            token.text = found.term
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos + found.pos
            yield token


def schema() -> Schema:
    analyzer = WhooshAnalyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        digest=STORED,
        meta=STORED,
        title=TEXT(analyzer=analyzer, phrase=True, field_boost=float(TITLE_TF)),
        headings=TEXT(analyzer=analyzer, phrase=True, field_boost=float(HEADING_TF)),
        body=TEXT(analyzer=analyzer, phrase=True),
    )


@dataclass
class Hit:
    """A page found by `WhooshStore.search`."""

    key: str
    title: str
    url: str
    kind: str
    date: str
    source: str
    score: float
    loose: bool


def _digest(page: IndexedPage, source: str) -> str:
    data = [page.url, page.title, page.kind, page.date, source]
    data += [[s.anchor, s.heading, s.text] for s in page.sections]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


class WhooshStore:
    """A Whoosh index of pages, keyed by the page's source path below docs_dir."""

    def __init__(self, folder: str | os.PathLike[str], tokenizer: Tokenizer | None = None):
        self.folder = Path(folder)
        self.tokenizer = tokenizer or Tokenizer()

    def exists(self) -> bool:
        version = self.folder / "VERSION"
        return version.is_file() and version.read_text() == SCHEMA_VERSION

    def _open(self):
        if not self.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            windex.create_in(str(self.folder), schema())
            (self.folder / "VERSION").write_text(SCHEMA_VERSION)
        return windex.open_dir(str(self.folder))

    def update(
        self, pages: list[IndexedPage], sources: dict[str, str], root: str = ""
    ) -> tuple[int, int]:
        """Index changed pages, drop removed ones; returns (pages re-indexed, pages removed)."""
        ix = self._open()
        with ix.searcher() as searcher:
            stored = {f["key"]: f["digest"] for f in searcher.all_stored_fields()}
        wanted = {p.src_uri: p for p in pages}
        changed, removed = 0, 0
        writer = ix.writer()
        try:
            for key in sorted(set(stored) - set(wanted)):
                writer.delete_by_term("key", key)
                removed += 1
            for key, page in sorted(wanted.items()):
                source = sources.get(key, "")
                if root and source:
                    source = os.path.relpath(source, root).replace(os.sep, "/")
                digest = _digest(page, source)
                if stored.get(key) == digest:
                    continue
                meta = [page.title, page.url, page.kind, page.date, source]
                writer.update_document(
                    key=key,
                    digest=digest,
                    meta=meta,
                    title=page.title,
                    headings=" \n ".join(s.heading for s in page.sections if s.heading),
                    body=" \n ".join(s.text for s in page.sections),
                )
                changed += 1
        except BaseException:
            writer.cancel()
            raise
        if changed or removed:
            writer.commit()
        else:
            writer.cancel()
        return changed, removed

    def _group_query(self, group: Group, loose: bool) -> wq.Query:
        if loose:
            return wq.And([wq.Or([wq.Term(f, t) for f in FIELDS]) for t in group.loose])
        # Contiguous runs of the phrase's terms become Whoosh phrases
        runs: list[list[str]] = []
        last = None
        for token in group.terms:
            if last is None or token.pos != last + 1:
                runs.append([])
            runs[-1].append(token.term)
            last = token.pos
        parts = []
        for run in runs:
            if len(run) == 1:
                parts.append(wq.Or([wq.Term(f, run[0]) for f in FIELDS]))
            else:
                parts.append(wq.Or([wq.Phrase(f, run) for f in FIELDS]))
        return wq.And(parts)

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """Pages matching the query best first; loose matches only when no exact one exists."""
        parsed = parse_query(text, self.tokenizer)
        if not parsed.groups or not self.exists():
            return []
        ix = windex.open_dir(str(self.folder))
        with ix.searcher(weighting=BM25F()) as searcher:
            for loose in (False, True):
                query: wq.Query = wq.And([self._group_query(g, loose) for g in parsed.groups])
                if parsed.exclude:
                    query = wq.AndNot(
                        query, wq.Or([self._group_query(g, False) for g in parsed.exclude])
                    )
                results = searcher.search(query, limit=limit)
                hits = [
                    Hit(r["key"], *r["meta"][:4], r["meta"][4], r.score, loose) for r in results
                ]
                # Nothing adjacent: the words one by one, unless that is the same search
                if hits or all(g.loose == [t.term for t in g.terms] for g in parsed.groups):
                    return hits
        return []
