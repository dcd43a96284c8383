"""Property-based tests: whatever an editor writes, the parsers behind `check` end with a
result or `ContentError`s, and a whole `check` ends with exit 0 or 1, never an internal error.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from dangjian.cli import main
from dangjian.content.model import parse_material, parse_notice, parse_topic
from dangjian.core.errors import ContentError
from dangjian.core.frontmatter import decode
from dangjian.core.schema import Invalid, to_date
from dangjian.quiz.embed import check_block
from dangjian.quiz.parse import parse_bank
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import CONFIG, FILES

# No example database in the working tree; example counts below are kept small for CI
settings.register_profile("dangjian", database=None)
settings.load_profile("dangjian")

# Values YAML can hold, nested a little: what a careless editor might write anywhere
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["2026-02-30", "2026-1-123", "2026.1.5xyz", "是", "~", "<b>x</b>", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
MATERIAL_KEYS = [
    "title",
    "date",
    "topic",
    "order",
    "tags",
    "source",
    "author",
    "summary",
    "hours",
    "required",
]
NOTICE_KEYS = ["title", "date", "category", "pinned", "expires", "attachments", "audience", "tags"]
front_maps = st.dictionaries(
    st.sampled_from(MATERIAL_KEYS + NOTICE_KEYS) | st.text(max_size=10), values, max_size=8
)


def dump(mapping: object) -> str:
    return yaml.safe_dump(mapping, allow_unicode=True)


def front_matter_texts() -> st.SearchStrategy[str]:
    """Well-formed YAML of odd values, the same with random text spliced in, and raw text."""
    well_formed = front_maps.map(dump)
    spliced = st.tuples(well_formed, st.integers(0, 200), st.text(max_size=20)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
    )
    return st.one_of(well_formed, spliced, st.text(max_size=200))


def only_errors(problems: list[ContentError]) -> None:
    assert all(isinstance(p, ContentError) for p in problems)
    assert all(p.message and "Traceback" not in p.message for p in problems)


@settings(max_examples=150, deadline=None)
@given(front_matter_texts(), st.text(max_size=50))
def test_material_and_notice_parsers_never_raise(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}"
    material, problems = parse_material("x.md", "study/t/x.md", text, topic="t")
    only_errors(problems)
    assert material is not None or any(p.level == "error" for p in problems)
    if material is not None:
        assert isinstance(material.title, str) and material.title
        assert material.date is None or isinstance(material.date, dt.date)
    notice, problems = parse_notice("n.md", "notices/2026/n.md", text)
    only_errors(problems)
    if notice is not None:
        assert isinstance(notice.title, str) and isinstance(notice.date, dt.date)
        assert all(a.src_uri.startswith("notices/") for a in notice.attachments)
    topic, problems = parse_topic("_topic.yml", "t", front)
    only_errors(problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_decode_never_raises(raw: bytes) -> None:
    text, problems = decode("x.md", raw)
    only_errors(problems)
    assert (text is None) == bool(problems)
    assert text is None or "\0" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30) | scalars)
def test_dates_are_strict_or_refused(value: object) -> None:
    try:
        day = to_date("date", value)
    except Invalid as exc:
        assert "date" in str(exc)
        return
    assert isinstance(day, dt.date)
    if isinstance(value, str) and "年" not in value:
        assert value.strip()[:10] == day.isoformat()


questions = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.text(max_size=8) | values,
            "type": st.sampled_from(["single", "multiple", "judge", "fill", "essay"]) | values,
            "stem": st.text(max_size=20) | values,
            "options": st.dictionaries(st.sampled_from("ABCDE"), values, max_size=5) | values,
            "answer": values,
            "explanation": values,
            "source": values,
        },
    ),
    max_size=4,
)
banks = st.fixed_dictionaries(
    {"id": st.just("bank") | values, "questions": questions | values},
    optional={"title": values, "pass_score": values, "time_limit": values, "mode": values},
)


@settings(max_examples=120, deadline=None)
@given(banks.map(dump) | st.text(max_size=200))
def test_bank_parser_never_raises(text: str) -> None:
    bank, problems = parse_bank("bank.yml", "quizzes/bank.yml", text)
    only_errors(problems)


@settings(max_examples=120, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["bank", "banks", "view", "mode", "draw", "seed", "title", "time_limit", "count", "x"]
        ),
        values,
        max_size=5,
    ).map(dump)
)
def test_quiz_block_check_never_raises(text: str) -> None:
    settings_, problems = check_block("q.md", text, 5, {})
    only_errors(problems)
    assert settings_ is None or problems == []


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=front_maps, bank=banks)
def test_whole_check_exits_0_or_1(
    front: dict, bank: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        files = {
            **FILES,
            "study/t/x.md": f"---\n{dump(front)}---\n正文\n",
            "quizzes/b.yml": dump(bank),
        }
        for name, body in files.items():
            path = root / "content" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        code = main(["check", "-f", str(root / "mkdocs.yml")])
        err = capsys.readouterr().err
        shutil.rmtree(root / "content")
    assert code in (0, 1), err
    assert "内部错误" not in err and "Traceback" not in err, err
