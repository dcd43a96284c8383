"""Compile banks to what the browser engine reads: JSON plus an equivalent classic script.

Markdown is rendered with the site's own extensions and sanitised with nh3 here, at build
time, so the engine may insert it as HTML. Answers are XOR-encoded per question (not a
secret — a static self-test cannot keep one — but not readable as plain text either).
The catalogue also carries the constants the quiz scripts need (`browser_constants`), so they
are written only here and in `model.py`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable
from typing import Any

import markdown
import nh3

from .model import DEFAULT_SCORE, JUDGE_NAMES, OPTION_KEYS, TYPES, Question, QuestionBank
from .sources import Resolved

FORMAT = 1
_PARAGRAPH_RE = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
# Text without any Markdown or HTML syntax, on one line, not starting like a list or heading
_PLAIN_RE = re.compile(r"(?![\d]+[.)]\s)[^\n\\`*_\[\]<>#|~=^&!:+\-{}]+")

# Extensions that make no sense inside a question (permalinks, heading ids)
_SKIP_EXTENSIONS = {"toc"}


class Renderer:
    """Markdown → sanitised HTML with the site's Markdown extensions."""

    def __init__(self, extensions: list[Any] | None = None, configs: dict | None = None) -> None:
        self._names = [e for e in (extensions or []) if e not in _SKIP_EXTENSIONS]
        self._configs = {k: v for k, v in (configs or {}).items() if k in self._names}
        # Set up on the first text that is not plain (0.05 s with the site's extensions): a
        # build whose banks are stored or plain sentences needs none
        self._md: markdown.Markdown | None = None

    def block(self, text: str) -> str:
        # Most questions are plain sentences: skip Markdown for them (a large share of build time)
        if _PLAIN_RE.fullmatch(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        if self._md is None:
            self._md = markdown.Markdown(extensions=self._names, extension_configs=self._configs)
        self._md.reset()
        # nh3 (Rust ammonia) is a maintained allow-list sanitiser: scripts, event handlers
        # and javascript: URLs never reach a member's browser
        return nh3.clean(self._md.convert(text)).strip()

    def inline(self, text: str) -> str:
        html = self.block(text)
        match = _PARAGRAPH_RE.match(html)
        return match.group(1) if match and "<p>" not in match.group(1) else html


def answer_key(bank_id: str, question_id: str) -> str:
    return hashlib.sha256(f"dangjian-quiz/{bank_id}/{question_id}".encode()).hexdigest()[:16]


def encode_answer(answer: Any, key: str) -> str:
    """JSON of the answer, XOR with the key's bytes, base64."""
    data = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
    mask = key.encode()
    return base64.b64encode(bytes(b ^ mask[i % len(mask)] for i, b in enumerate(data))).decode()


def decode_answer(encoded: str, key: str) -> Any:
    data = base64.b64decode(encoded)
    mask = key.encode()
    return json.loads(bytes(b ^ mask[i % len(mask)] for i, b in enumerate(data)).decode())


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def compile_question(
    bank: QuestionBank, question: Question, render: Renderer, source: Resolved | None
) -> dict[str, Any]:
    key = answer_key(bank.id, question.id)
    item: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "stem": render.block(question.stem),
        "explanation": render.block(question.explanation) if question.explanation else "",
        "score": _number(question.score),
        "difficulty": question.difficulty,
        "tags": question.tags,
        "k": key,
        "a": encode_answer(question.answer, key),
    }
    if question.type in ("single", "multiple"):
        item["options"] = [{"key": k, "html": render.inline(text)} for k, text in question.options]
    if question.type == "fill":
        item["blanks"] = len(question.answer or [])
    if source:
        item["source"] = {"url": source.url, "title": source.title}
    return item


def compile_bank(
    bank: QuestionBank,
    render: Renderer,
    sources: Callable[[str | None], Resolved | None],
) -> dict[str, Any]:
    """The bank as the engine reads it; `sources` maps a source link to its resolved target."""
    bank_source = sources(bank.source)
    data: dict[str, Any] = {
        "format": FORMAT,
        "id": bank.id,
        "title": bank.title,
        "description": render.block(bank.description) if bank.description else "",
        "mode": bank.mode,
        "pass_score": _number(bank.pass_score),
        "time_limit": bank.time_limit,
        "shuffle": bank.shuffle,
        "total_score": _number(bank.total_score),
        "counts": {kind: bank.count(kind) for kind in TYPES},
        "questions": [
            compile_question(bank, q, render, sources(q.source) or bank_source)
            for q in bank.questions
        ],
    }
    if bank_source:
        data["source"] = {"url": bank_source.url, "title": bank_source.title}
    return data


def browser_constants() -> dict[str, Any]:
    """What quiz-core.js reads instead of repeating it: the question types in paper order with
    their names, the option letters, how judge answers read, and a question's default points."""
    return {
        "types": [[kind, name] for kind, name in TYPES.items()],
        "letters": OPTION_KEYS,
        "judge": {"true": JUDGE_NAMES[True], "false": JUDGE_NAMES[False]},
        "score": _number(DEFAULT_SCORE),
    }


def catalogue_data(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The list of banks (`catalogue_entry`) with the constants every quiz page needs."""
    return {"banks": entries, "constants": browser_constants()}


def catalogue_entry(bank: QuestionBank, page: str | None, script: str) -> dict[str, Any]:
    return {
        "id": bank.id,
        "title": bank.title,
        "description": bank.description,
        "count": len(bank.questions),
        "counts": {kind: bank.count(kind) for kind in TYPES},
        "mode": bank.mode,
        "pass_score": _number(bank.pass_score),
        "time_limit": bank.time_limit,
        "page": page,
        "script": script,
    }


def to_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept readable."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def to_script(function: str, data: Any) -> str:
    """A classic script that hands `data` to the engine; loads from file:// too."""
    body = to_json(data).rstrip("\n").replace("</", "<\\/")
    return f"window.dangjian.{function}({body});\n"
